import { findDates, resolveYears } from '../../../server/story/suggestions/detect/dates';

const dates = (text: string) => findDates(text).map((d) => d.date);

describe('findDates — Danish and English dates in text', () => {
  test.each([
    ['København, 28. juni 2018', '2018-06-28'],
    ['den 28 juni 2018 skrev', '2018-06-28'],
    ['Dato: 28. JUNI 2018', '2018-06-28'],
    ['on June 28, 2018 the agency', '2018-06-28'],
    ['on 28 June 2018 the agency', '2018-06-28'],
    ['28th June, 2018', '2018-06-28'],
    ['Sept. 28 2018', '2018-09-28'],
    ['brev af 28/6 2018', '2018-06-28'],
    ['brev af 28/6-2018', '2018-06-28'],
    ['brev af 28/06/2018', '2018-06-28'],
    ['brev af 28.06.2018', '2018-06-28'],
    ['brev af 28-06-2018', '2018-06-28'],
    ['ISO 2018-06-28 i loggen', '2018-06-28'],
    ['US style 6/28/2018', '2018-06-28'],
    ['28. september 2018', '2018-09-28'],
    ['1. okt. 2018', '2018-10-01'],
  ])('%s → %s', (text, iso) => {
    expect(dates(text)).toEqual([iso]);
  });

  test('a date without a year — only in the Danish dotted form — is found without a year', () => {
    expect(findDates('senest den 15. oktober')).toMatchObject([{ date: '10-15', year: null, month: 10, day: 15 }]);
    expect(findDates('3 may be late')).toEqual([]);
  });

  test.each([
    ['impossible day', '30. februar 2018'],
    ['impossible numeric', '31/4 2018'],
    ['a version number', 'build 10.1.2018.3'],
    ['a CPR number', 'cpr 280618-1234'],
    ['inside a longer number', 'konto 1228/6 20189'],
    ['a fraction', '1/2 liter'],
    ['a time', 'kl. 14.30'],
  ])('not a date: %s', (_why, text) => {
    expect(dates(text)).toEqual([]);
  });

  test('several dates — returned in reading order without overlaps', () => {
    expect(dates('Brev af 28. juni 2018 om mødet 2018-09-28 og fristen 15. oktober 2018.')).toEqual(['2018-06-28', '2018-09-28', '2018-10-15']);
  });

  test('resolveYears — a year-less date takes the year of the dated mention before it, else the fallback', () => {
    const found = findDates('Brev af 28. september 2018. Svar senest 15. oktober.');
    expect(resolveYears(found, null).map((d) => [d.date, d.yearInferred])).toEqual([
      ['2018-09-28', false],
      ['2018-10-15', true],
    ]);
    expect(resolveYears(findDates('Svar senest 15. oktober.'), 2019).map((d) => d.date)).toEqual(['2019-10-15']);
    expect(resolveYears(findDates('Svar senest 15. oktober.'), null)).toEqual([]);
  });
});
