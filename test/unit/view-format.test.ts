import { formatDate, formatDateTime, formatNumber, formatSize, plural } from '../../server/http/view-helpers';

/**
 * The view's formats keep one Intl formatter per language and form: asked in turns, each language
 * and form still answers in its own way (a formatter handed to the wrong language or form would not).
 */
describe('view formats — kept formatters answer per language and form', () => {
  test('dates, moments, numbers, sizes and plurals asked in turns, Danish and English', () => {
    for (let round = 0; round < 2; round++) {
      expect(formatDate('da', '2018-06-28')).toBe('28. juni 2018');
      expect(formatDate('en', '2018-06-28')).toBe('28 June 2018');
      expect(formatDate('da', '2018-06')).toBe('juni 2018');
      expect(formatDate('en', '2018-06-28', 'month')).toBe('June 2018');
      expect(formatDate('da', '2018', 'year')).toBe('2018');
      expect(formatDateTime('da', '2018-09-28T14:05:00Z')).toBe('28. sep. 2018, 14.05 UTC');
      // The short month is ICU's ("Sep" or "Sept" by version): compared with the format itself.
      const moment = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(new Date('2018-09-28T14:05:00Z'));
      expect(formatDateTime('en', '2018-09-28T14:05:00Z')).toBe(`${moment} UTC`);
      expect(moment).toMatch(/^28 Sept? 2018, 14:05$/);
      expect(formatNumber('da', 1234567.5)).toBe('1.234.567,5');
      expect(formatNumber('en', 1234567.5)).toBe('1,234,567.5');
      expect(formatSize('da', 1536)).toBe('2 KB');
      expect(formatSize('da', 1.5 * 1024 ** 2)).toBe('1,5 MB');
      expect(formatSize('en', 1.5 * 1024 ** 2)).toBe('1.5 MB');
      expect(plural('da', 'count.documents', 1)).toBe('1 dokument');
      expect(plural('en', 'count.documents', 2)).toBe('2 documents');
      expect(plural('da', 'search.batch.partial', 5, { lines: 1234 })).toBe('Kun de første 5 af 1.234 linjer blev søgt.');
      expect(plural('en', 'search.batch.partial', 1, { lines: 40 })).toBe('Only the first line of 40 was searched.');
    }
  });
});
