import {
  addCalendarDays, addMonths, addPeriod, createCalendar, describeDate, parseIsoDate, weekdayIndex,
} from '../../../server/requests/deadlines/calendar';
import { calendarFor, getRules } from '../../../server/requests/deadlines';

describe('calendar — plain date arithmetic', () => {
  test('parse — impossible and malformed dates — are rejected', () => {
    expect(parseIsoDate('2018-02-30')).toBeUndefined();
    expect(parseIsoDate('2019-02-29')).toBeUndefined();
    expect(parseIsoDate('2018-13-01')).toBeUndefined();
    expect(parseIsoDate('2018-6-28')).toBeUndefined();
    expect(parseIsoDate('28-06-2018')).toBeUndefined();
    expect(parseIsoDate('2020-02-29')).toEqual({ y: 2020, m: 2, d: 29 });
  });

  test('weekday — known dates — are named correctly', () => {
    expect(describeDate('1970-01-01')).toBe('Thursday 1 January 1970');
    expect(describeDate('2000-02-29')).toBe('Tuesday 29 February 2000');
    expect(describeDate('2018-07-09')).toBe('Monday 9 July 2018');
    expect(weekdayIndex('2026-06-19')).toBe(4);
  });

  test('calendar days — across month, leap day and year end — land on the right date', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addCalendarDays('2024-12-30', 3)).toBe('2025-01-02');
    expect(addCalendarDays('2026-07-14', 90)).toBe('2026-10-12');
  });

  test('months — from the 31st and from a leap day — are clamped to the month end', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2024-12-15', 1)).toBe('2025-01-15');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
  });
});

describe('calendar — Danish administrative working days', () => {
  const dk = () => calendarFor('DK');

  test('DK — Store Bededag — closed in 2023, a working day from 2024', () => {
    expect(dk().isWorkingDay('2023-05-05')).toBe(false);
    expect(dk().isWorkingDay('2024-04-26')).toBe(true);
  });

  test('DK — Constitution Day, 24 and 31 December — closed by the rules file', () => {
    expect(dk().closedReason('2025-06-05')).toBe('Grundlovsdag (Constitution Day)');
    expect(dk().isWorkingDay('2024-12-24')).toBe(false);
    expect(dk().isWorkingDay('2024-12-31')).toBe(false);
  });

  test('DK — 1 May and the Friday after Ascension — stay working days', () => {
    expect(dk().isWorkingDay('2025-05-01')).toBe(true);
    expect(dk().isWorkingDay('2025-05-30')).toBe(true);
    expect(dk().isWorkingDay('2025-05-29')).toBe(false);
  });

  test.each([
    ['2024-04-22', 7, '2024-05-01'],
    ['2023-04-28', 7, '2023-05-10'],
    ['2024-12-19', 7, '2025-01-06'],
    ['2024-12-19', 14, '2025-01-15'],
    ['2024-12-19', 20, '2025-01-23'],
    ['2025-01-06', 40, '2025-03-03'],
    ['2025-06-02', 7, '2025-06-13'],
  ])('DK — %s plus %i working days — is %s (research-note test vectors)', (start, n, expected) => {
    expect(dk().addWorkingDays(start, n)).toBe(expected);
  });

  test('DK — zero working days — is the start day itself', () => {
    expect(dk().addWorkingDays('2025-06-05', 0)).toBe('2025-06-05');
  });
});

describe('calendar — other jurisdictions', () => {
  test('UK — bank holidays in any part of the UK — are all closed', () => {
    const uk = calendarFor('UK');
    expect(uk.isWorkingDay('2026-01-02')).toBe(false); // Scotland
    expect(uk.isWorkingDay('2026-03-17')).toBe(false); // Northern Ireland
    expect(uk.isWorkingDay('2026-08-03')).toBe(false); // Scotland's summer holiday
    expect(uk.isWorkingDay('2026-08-31')).toBe(false); // England and Wales
    expect(uk.isWorkingDay('2026-12-24')).toBe(true);
  });

  test('UK-SCT — Easter Monday and the English August holiday — are Scottish working days', () => {
    const sct = calendarFor('UK-SCT');
    expect(sct.isWorkingDay('2026-04-06')).toBe(true);
    expect(sct.isWorkingDay('2026-08-31')).toBe(true);
    expect(sct.isWorkingDay('2027-01-04')).toBe(false);
  });

  test('SE — midsommarafton, julafton and nyårsafton — are closed', () => {
    const se = calendarFor('SE');
    expect(se.closedReason('2026-06-19')).toBe('Midsommarafton (Midsummer Eve)');
    expect(se.isWorkingDay('2025-06-20')).toBe(false);
    expect(se.isWorkingDay('2026-12-24')).toBe(false);
    expect(se.isWorkingDay('2026-12-31')).toBe(false);
  });

  test('EU — the Commission pattern — closes the Friday after Ascension but not 11 November', () => {
    const eu = calendarFor('EU');
    expect(eu.isWorkingDay('2026-05-15')).toBe(false);
    expect(eu.isWorkingDay('2026-01-02')).toBe(false);
    expect(eu.isWorkingDay('2026-11-11')).toBe(true);
  });

  test('a published year — its list replaces the rules for that year, and the rules decide after the part that could be read', () => {
    const cal = createCalendar({
      types: ['public'],
      extraClosed: [{ rule: '05-09', name: 'Europe Day' }, { rule: '12-24', name: 'Christmas Eve' }],
      fixedYears: { 2024: { closed: { '2024-05-10': 'Bridge day' }, readThrough: '2024-06-30' } },
    });
    expect(cal.closedReason('2024-05-09')).toBeUndefined();
    expect(cal.closedReason('2024-05-10')).toBe('Bridge day');
    expect(cal.closedReason('2024-12-24')).toBe('Christmas Eve');
    expect(cal.closedReason('2025-05-09')).toBe('Europe Day');
    expect(cal.closedReason('2025-05-10')).toBe('Saturday');
  });

  test('EU — an institution — gets the Commission\'s days where it has no list of its own', () => {
    for (const day of ['2023-11-02', '2014-07-21', '2026-05-15']) {
      expect([day, calendarFor('EU', 'EP').isWorkingDay(day), calendarFor('EU', 'CON').isWorkingDay(day)]).toEqual([day, false, false]);
    }
  });

  test('every jurisdiction — a plain Wednesday — is a working day', () => {
    for (const code of ['DK', 'UK', 'UK-SCT', 'US', 'DE', 'SE', 'NO', 'EU']) {
      expect(calendarFor(code).isWorkingDay('2026-03-04')).toBe(true);
    }
  });

  test('roll forward — a month ending on Good Friday — moves past Easter Monday', () => {
    const de = calendarFor('DE');
    expect(addPeriod(de, '2026-03-03', { amount: 1, unit: 'months' }, false)).toBe('2026-04-03');
    expect(addPeriod(de, '2026-03-03', { amount: 1, unit: 'months' }, true)).toBe('2026-04-07');
  });

  test('closed-day rule — not understood by date-holidays — fails loudly', () => {
    // date-holidays also logs the bad rule; keep the test output clean.
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => createCalendar({ country: 'DK', types: ['public'], extraClosed: [{ rule: 'someday', name: 'x' }] }))
      .toThrow(/someday/);
    jest.restoreAllMocks();
  });
});

describe('calendar — time zones', () => {
  const original = process.env.TZ;
  afterAll(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  test.each(['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC'])(
    'DK — computed in time zone %s — gives the same holidays and deadlines',
    (tz) => {
      process.env.TZ = tz;
      const dk = createCalendar(getRules('DK').calendar);
      expect(dk.isWorkingDay('2024-12-25')).toBe(false);
      expect(dk.isWorkingDay('2024-12-27')).toBe(true);
      expect(dk.addWorkingDays('2018-06-28', 7)).toBe('2018-07-09');
      expect(dk.addWorkingDays('2024-12-19', 7)).toBe('2025-01-06');
    },
  );
});
