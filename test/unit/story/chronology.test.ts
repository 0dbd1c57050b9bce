import { compareDated, periodStart, sortChronologically, type Dated } from '../../../server/story/shared/chronology';

const ev = (id: string, date: string | null, precision: Dated['precision']): Dated => ({ kind: 'event', id, title: id, date, precision });
const doc = (id: string, date: string | null, precision: Dated['precision']): Dated => ({ kind: 'document', id, title: id, date, precision });

describe('chronology — dates of different precision in one order', () => {
  test('periodStart — a year starts 1 January, a month its 1st', () => {
    expect(periodStart('2018')).toBe('2018-01-01');
    expect(periodStart('2018-06')).toBe('2018-06-01');
    expect(periodStart('2018-06-28')).toBe('2018-06-28');
  });

  test('month and year precision — at the start of their period, before the days in it', () => {
    const sorted = sortChronologically([
      ev('day-0628', '2018-06-28', 'day'),
      ev('month-06', '2018-06', 'month'),
      ev('year-2018', '2018', 'year'),
      ev('day-0601', '2018-06-01', 'day'),
      ev('day-0101', '2018-01-01', 'day'),
      ev('month-01', '2018-01', 'month'),
      ev('day-0531', '2018-05-31', 'day'),
      ev('year-2017', '2017', 'year'),
      doc('undated', null, null),
    ]);
    expect(sorted.map((s) => s.id)).toEqual(['year-2017', 'year-2018', 'month-01', 'day-0101', 'day-0531', 'month-06', 'day-0601', 'day-0628', 'undated']);
  });

  test('same day — the event before the document dated that day', () => {
    expect(compareDated(doc('d', '2018-09-28', 'day'), ev('e', '2018-09-28', 'day'))).toBeGreaterThan(0);
  });

  test('same date and kind — by title (Danish order), then id: a stable order', () => {
    const a = { ...ev('1', '2018-09-28', 'day'), title: 'Ærinde' };
    const b = { ...ev('2', '2018-09-28', 'day'), title: 'Zebra' };
    expect(sortChronologically([a, b]).map((x) => x.title)).toEqual(['Zebra', 'Ærinde']);
  });
});
