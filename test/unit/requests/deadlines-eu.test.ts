import { addCalendarDays, calendarFor, computeDeadlines, getRules } from '../../../server/requests/deadlines';
import { createCalendar, weekdayIndex } from '../../../server/requests/deadlines/calendar';

/** Closed weekdays of a year in the EU calendar of an institution (none: the default, the Commission). */
function closedWeekdays(year: number, institution?: string): string[] {
  const cal = calendarFor('EU', institution);
  const out: string[] = [];
  for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addCalendarDays(d, 1)) {
    const reason = cal.closedReason(d);
    if (reason && !['Saturday', 'Sunday'].includes(reason)) out.push(d);
  }
  return out;
}

const reply = (input: Parameters<typeof computeDeadlines>[0]) => {
  const report = computeDeadlines({ jurisdiction: 'EU', ...input });
  return { date: report.deadlines.find((d) => d.key === 'response')?.date, said: report.assumptions.join(' ') };
};

const published = () => getRules('EU').calendar.published!;

describe('EU — the Commission\'s published lists, year by year (issue 16)', () => {
  test('2014 — the Commission\'s decision (OJ C 39, 12.2.2013, p. 26): 18 days, exactly these', () => {
    expect(closedWeekdays(2014)).toEqual([
      '2014-01-01', '2014-01-02', '2014-04-17', '2014-04-18', '2014-04-21', '2014-05-01', '2014-05-09', '2014-05-29', '2014-05-30',
      '2014-06-09', '2014-07-21', '2014-08-15', '2014-12-24', '2014-12-25', '2014-12-26', '2014-12-29', '2014-12-30', '2014-12-31',
    ]);
  });

  test('2023 — the Commission\'s decision of 25 May 2021 (OJ C 201 I, 28.5.2021, p. 2): 18 days with All Souls\' Day', () => {
    expect(closedWeekdays(2023)).toEqual([
      '2023-01-02', '2023-04-06', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-09', '2023-05-18', '2023-05-19', '2023-05-29',
      '2023-07-21', '2023-08-15', '2023-11-01', '2023-11-02', '2023-12-25', '2023-12-26', '2023-12-27', '2023-12-28', '2023-12-29',
    ]);
  });

  test('2002 — the Commission\'s notice Informations administratives No 100-2001 — registered Mon 18 March, Easter skipped, reply due Thu 11 April 2002', () => {
    // 19–22 Mar (4), 25–27 (7), Maundy Thursday 28 Mar to Easter Monday 1 Apr closed, 2–5 Apr (11), 8–11 (15).
    const r = reply({ sent: '2002-03-18' });
    expect(r.date).toBe('2002-04-11');
    expect(r.said).not.toMatch(/without a checked list|could be read only/);
  });

  test('2008 — the schedule of public holidays for 2008 (OJ C 169, 21.7.2006, p. 3) — registered Mon 7 July, Belgian National Day skipped, reply due Tue 29 July 2008', () => {
    // 8–11 Jul (4), 14–18 (9), 21 Jul closed, 22–25 (13), 28–29 (15).
    expect(reply({ sent: '2008-07-07' }).date).toBe('2008-07-29');
  });

  test('2013 — the Commission\'s decision of 19 August 2011 (OJ C 243, 20.8.2011, p. 4) — registered Mon 21 October, All Saints\' Day skipped but not 11 November, reply due Tue 12 November 2013', () => {
    // 22–25 Oct (4), 28–31 (8), 1 Nov closed, 4–8 (13), 11–12 (15): Armistice Day is not an institutions' holiday.
    expect(reply({ sent: '2013-10-21' }).date).toBe('2013-11-12');
  });

  test('2014 — OJ C 39, 12.2.2013, p. 26 — registered Mon 14 July, Belgian National Day skipped, reply due Tue 5 August 2014', () => {
    // 15–18 Jul (4), 21 Jul closed, 22–25 (8), 28 Jul – 1 Aug (13), 4–5 Aug (15).
    expect(reply({ sent: '2014-07-14' }).date).toBe('2014-08-05');
  });

  test('2023 — OJ C 201 I, 28.5.2021, p. 2 — registered Mon 23 October, All Saints\' and All Souls\' Day skipped, reply due Wed 15 November 2023', () => {
    // 24–27 Oct (4), 30–31 (6), 1–2 Nov closed, 3 (7), 6–10 (12), 13–15 (15).
    const r = reply({ sent: '2023-10-23' });
    expect(r.date).toBe('2023-11-15');
    expect(r.said).not.toMatch(/without a checked list|could be read only/);
  });

  test('2024 — the Commission\'s decision of 17 November 2022 (OJ C 440, 21.11.2022, p. 15) — registered Mon 29 April, 1, 9, 10 and 20 May skipped, reply due Fri 24 May 2024', () => {
    // 30 Apr (1), 1 May closed, 2–3 (3), 6–8 (6), 9–10 May closed, 13–17 (11), Whit Monday 20 May closed, 21–24 (15).
    const r = reply({ sent: '2024-04-29' });
    expect(r.date).toBe('2024-05-24');
    // The period lies in the part of the list that could be read: nothing is assumed.
    expect(r.said).not.toMatch(/without a checked list|could be read only/);
  });

  test('2024 — OJ C 440, read only up to 15 August — a December deadline says the rest of the year follows the pattern', () => {
    // 3–6 Dec (4), 9–13 (9), 16–20 (14), Mon 23 Dec (15): the closure starts on 24 December.
    const r = reply({ sent: '2024-12-02' });
    expect(r.date).toBe('2024-12-23');
    expect(r.said).toMatch(/The list for 2024 \(Commission Decision of 17 November 2022.*OJ C 440.*\) could be read only up to Thursday 15 August 2024; later days of 2024 are counted with the usual pattern\./);
    expect(r.said).not.toContain('without a checked list');
  });

  test('2022 — the Commission\'s decision of 11 January 2021 (OJ C 24 I, 22.1.2021, p. 1), read up to Good Friday — registered Fri 1 April, reply due Wed 27 April 2022', () => {
    // 4–8 Apr (5), 11–13 (8), 14–15 Apr closed (the list), Easter Monday 18 Apr closed (the pattern), 19–22 (12), 25–27 (15).
    const r = reply({ sent: '2022-04-01' });
    expect(r.date).toBe('2022-04-27');
    expect(r.said).toMatch(/could be read only up to Friday 15 April 2022/);
  });

  test('2019 — the Commission\'s decision of 22 August 2017 (OJ C 279, 23.8.2017, p. 3), read up to 2 January — across the New Year, reply due Thu 17 January 2019', () => {
    // Registered Mon 17 Dec 2018: 18–21 (4), 24 Dec – 2 Jan closed, 3–4 Jan (6), 7–11 (11), 14–17 (15).
    const r = reply({ sent: '2018-12-17' });
    expect(r.date).toBe('2019-01-17');
    expect(r.said).toMatch(/could be read only up to Wednesday 2 January 2019/);
    expect(r.said).toMatch(/Years counted without a checked list: 2018\./);
  });

  test('an unpublished year — 2026 — the report names the year, the pattern and what to check', () => {
    const r = reply({ sent: '2026-03-02' });
    expect(r.date).toBe('2026-03-23');
    expect(r.said).toContain('No institution was named, so the days of the European Commission are used.');
    expect(r.said).toMatch(/Parliament's or Council's own list.*Years counted without a checked list: 2026\./);
  });

  test('every primary list — gives exactly the closed weekdays the calendar counts, up to where it could be read', () => {
    const lists = published().lists.COM;
    const primary = Object.entries(lists).filter(([, l]) => l.confidence === 'primary');
    expect(primary.map(([y]) => y)).toEqual(['2002', '2008', '2013', '2014', '2019', '2022', '2023', '2024']);
    for (const [year, list] of primary) {
      const counted = closedWeekdays(Number(year)).filter((d) => !list.readThrough || d <= list.readThrough);
      expect([year, counted]).toEqual([year, Object.keys(list.closed).sort()]);
      expect([year, list.source]).toEqual([year, expect.stringMatching(/OJ C \d+|intracomm\.ec\.europa\.eu/)]);
    }
  });

  test('every list found — primary or secondary — matches the pattern, so the pattern is what we count with in other years', () => {
    const { types, extraClosed } = getRules('EU').calendar;
    const pattern = createCalendar({ types, extraClosed });
    for (const [year, list] of Object.entries(published().lists.COM)) {
      const days: string[] = [];
      for (let d = `${year}-01-01`; d.startsWith(year); d = addCalendarDays(d, 1)) {
        if (weekdayIndex(d) < 5 && !pattern.isWorkingDay(d) && (!list.readThrough || d <= list.readThrough)) days.push(d);
      }
      expect([year, Object.keys(list.closed).sort()]).toEqual([year, days]);
    }
  });
});

describe('EU — per institution (issue 16)', () => {
  test('Parliament — no list of its own — counts with the Commission\'s days and says so', () => {
    const r = reply({ sent: '2023-10-23', region: 'EP' });
    expect(r.date).toBe('2023-11-15');
    expect(r.said).toMatch(/A list of the European Parliament's own was not found/);
    expect(r.said).not.toContain('No institution was named');
  });

  test('Council — no list of its own — counts with the Commission\'s days and says so', () => {
    const r = reply({ sent: '2014-07-14', region: 'CON' });
    expect(r.date).toBe('2014-08-05');
    expect(r.said).toMatch(/A list of the Council's own \(its General Secretariat's\) was not found/);
  });

  test('Parliament — a secondary source closes Monday 23 December 2024 — not counted, but named in the report', () => {
    const r = reply({ sent: '2024-12-02', region: 'EP' });
    expect(r.date).toBe('2024-12-23');
    expect(r.said).toMatch(/For 2024 a secondary source was found on the days of the European Parliament \(.*\)\. It also closes Monday 23 December 2024; we do not count with it/);
  });

  test('Commission in 2025 — only Wikipedia lists the year — reported as secondary and the same as the pattern', () => {
    const r = reply({ sent: '2025-05-26', region: 'COM' });
    // 27–28 May (2), Ascension 29 May and the Friday after closed, 2–6 Jun (7), Whit Monday 9 Jun closed, 10–13 (11), 16–19 (15).
    expect(r.date).toBe('2025-06-19');
    expect(r.said).toMatch(/For 2025 only a secondary source was found \(Wikipedia.*\); it gives the same closed days as we count with\./);
    expect(r.said).toContain('Years counted without a checked list: 2025.');
  });

  test('an institution we do not know — a clear error naming the three', () => {
    expect(() => computeDeadlines({ jurisdiction: 'EU', region: 'ECB', sent: '2026-03-02' }))
      .toThrow(/"ECB" is not a region of European Union institutions\. Choose one of: COM \(European Commission\), EP \(European Parliament\), CON \(Council of the European Union\)\./);
  });

  test('the rules file — the Parliament and the Council use the Commission\'s lists and the file says what was not found', () => {
    expect(published().uses).toEqual({ EP: 'COM', CON: 'COM' });
    expect(Object.values(published().lists.EP ?? {}).every((l) => l.confidence === 'secondary')).toBe(true);
    expect(getRules('EU').calendar.$comment).toMatch(/separate list adopted by the European Parliament or the Council was not found/);
  });
});
