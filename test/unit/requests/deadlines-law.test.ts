import { addCalendarDays, calendarFor, computeDeadlines, getRules } from '../../../server/requests/deadlines';

/** Closed weekdays of a year in a jurisdiction's calendar. */
function closedWeekdays(code: string, year: number): string[] {
  const cal = calendarFor(code);
  const out: string[] = [];
  for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addCalendarDays(d, 1)) {
    const reason = cal.closedReason(d);
    if (reason && !['Saturday', 'Sunday'].includes(reason)) out.push(d);
  }
  return out;
}

describe('deadlines — EU institutions\' holidays, per published decision (issue 16, EU)', () => {
  test('2014 — the Commission\'s decision (OJ C 39, 12.2.2013, p. 26): 18 days, exactly these', () => {
    expect(closedWeekdays('EU', 2014)).toEqual([
      '2014-01-01', '2014-01-02', '2014-04-17', '2014-04-18', '2014-04-21', '2014-05-01', '2014-05-09', '2014-05-29', '2014-05-30',
      '2014-06-09', '2014-07-21', '2014-08-15', '2014-12-24', '2014-12-25', '2014-12-26', '2014-12-29', '2014-12-30', '2014-12-31',
    ]);
  });

  test('2023 — the Commission\'s decision of 25 May 2021 (OJ C 201 I, 28.5.2021, p. 2): 18 days with All Souls\' Day', () => {
    expect(closedWeekdays('EU', 2023)).toEqual([
      '2023-01-02', '2023-04-06', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-09', '2023-05-18', '2023-05-19', '2023-05-29',
      '2023-07-21', '2023-08-15', '2023-11-01', '2023-11-02', '2023-12-25', '2023-12-26', '2023-12-27', '2023-12-28', '2023-12-29',
    ]);
  });

  test('a checked year — no assumption; an unchecked one — the report names it and what to check', () => {
    // Registered Mon 6 Mar 2023: 15 working days → Mon 27 Mar 2023; the whole period lies in a checked year.
    const checked = computeDeadlines({ jurisdiction: 'EU', sent: '2023-03-06' });
    expect(checked.deadlines.find((d) => d.key === 'response')?.date).toBe('2023-03-27');
    expect(checked.assumptions.join(' ')).not.toContain('without a checked list');
    const unchecked = computeDeadlines({ jurisdiction: 'EU', sent: '2026-03-02' });
    expect(unchecked.assumptions.join(' ')).toMatch(/Parliament's or Council's own list.*Years counted without a checked list: 2026\./);
  });

  test('every year in the published list — has a source naming the Official Journal', () => {
    const published = getRules('EU').calendar.published!;
    expect(Object.keys(published.years)).toEqual(['2014', '2023']);
    for (const source of Object.values(published.years)) expect(source).toMatch(/OJ C \d+/);
  });
});

describe('deadlines — an open clock stop holds the clock', () => {
  test('UK — clarification asked, not answered — no answer deadline, and the report says the clock stands still (FOIA s.1(3))', () => {
    const r = computeDeadlines({ jurisdiction: 'UK', sent: '2026-03-02', clockStops: [{ kind: 'clarification', from: '2026-03-04' }] });
    expect(r.deadlines.filter((d) => d.group === 'response' || d.group === 'extension')).toEqual([]);
    expect(r.assumptions.join(' ')).toMatch(/clock stands still/);
  });

  test('DK — a clarification the law does not know — the clock runs on', () => {
    const r = computeDeadlines({ jurisdiction: 'DK', sent: '2018-06-28', clockStops: [{ kind: 'clarification', from: '2018-06-29' }] });
    expect(r.deadlines.find((d) => d.key === 'response')?.date).toBe('2018-07-09');
  });

  test('UK-SCT — fee not paid — the review deadline counts from the answer period (s.20(5)), so it waits too (FOISA s.10(2))', () => {
    const open = computeDeadlines({ jurisdiction: 'UK-SCT', sent: '2026-02-02', clockStops: [{ kind: 'fee', from: '2026-02-03' }] });
    expect(open.deadlines.map((d) => d.key)).toEqual([]);
    // Paid the same day: one working day (3 Feb) disregarded; 20 working days from 2 Feb → 2 Mar, plus one → Tue 3 Mar 2026.
    const paid = computeDeadlines({ jurisdiction: 'UK-SCT', sent: '2026-02-02', clockStops: [{ kind: 'fee', from: '2026-02-03', to: '2026-02-03' }] });
    expect(paid.deadlines.find((d) => d.key === 'response')?.date).toBe('2026-03-03');
  });
});

describe('deadlines — Sweden and Germany, details', () => {
  test('SE — received Sunday 8 November 2026 — same-day norm means Monday 9 November (TF 2:15–16; JO 4209-09)', () => {
    const r = computeDeadlines({ jurisdiction: 'SE', sent: '2026-11-08' });
    expect(r.deadlines.find((d) => d.key === 'expected')).toMatchObject({ date: '2026-11-09', binding: 'guidance' });
  });

  test('SE — decision dated 2 December, received 4 December 2026 — appeal counts from receipt: Monday 28 December (FL 44 §; lag 1930:173 2 §)', () => {
    const r = computeDeadlines({ jurisdiction: 'SE', sent: '2026-11-10', decided: '2026-12-02', decisionReceived: '2026-12-04' });
    expect(r.deadlines.find((d) => d.key === 'appeal')).toMatchObject({ date: '2026-12-28', from: { date: '2026-12-04' }, basis: 'decided' });
  });

  test('DE — objection lodged 13 July 2026 — suit for inaction from Tuesday 13 October 2026 (VwGO § 75)', () => {
    const r = computeDeadlines({ jurisdiction: 'DE', sent: '2026-05-04', decided: '2026-06-15', appealed: '2026-07-13' });
    expect(r.deadlines.find((d) => d.key === 'objection_inaction')).toMatchObject({ date: '2026-10-13', awaits: 'appeal_decision', confidence: 'secondary' });
  });

  test('DE — Widerspruchsbescheid received Saturday 31 October 2026 — action due Monday 30 November (VwGO § 74; 30 Nov is no holiday)', () => {
    // One month from Sat 31 Oct: 30 November has no 31st, so the month's last day, Mon 30 Nov 2026 (BGB § 188(3)).
    const r = computeDeadlines({ jurisdiction: 'DE', sent: '2026-05-04', decided: '2026-06-15', appealed: '2026-07-13', appealDecided: '2026-10-30', appealDecisionReceived: '2026-10-31' });
    expect(r.deadlines.find((d) => d.key === 'court_action')?.date).toBe('2026-11-30');
  });
});
