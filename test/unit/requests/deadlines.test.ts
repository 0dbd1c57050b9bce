import {
  computeDeadlines, listJurisdictions, getRules, type DeadlineInput, type DeadlineReport,
} from '../../../server/requests/deadlines';
import { AppError } from '../../../server/errors';

/** Every date below was counted by hand on a printed calendar, holiday by holiday. */
interface Case { name: string; input: DeadlineInput; due: Record<string, string> }

const dateOf = (report: DeadlineReport, key: string): string | undefined =>
  report.deadlines.find((d) => d.key === key)?.date;

const cases: Case[] = [
  // Denmark — offentlighedsloven
  { name: 'DK — received Thursday 28 June 2018 — answer due Monday 9 July 2018',
    input: { jurisdiction: 'DK', sent: '2018-06-27', received: '2018-06-28' },
    due: { target_simple: '2018-07-02', response: '2018-07-09', delay_complaint: '2018-07-18' } },
  { name: 'DK — received Tuesday 31 March 2026, before Easter — answer due Tuesday 14 April 2026',
    input: { jurisdiction: 'DK', sent: '2026-03-31' }, due: { response: '2026-04-14', delay_complaint: '2026-04-23' } },
  { name: 'DK — received Thursday 19 December 2024 — 24, 25, 26, 31 December and 1 January closed, answer due Monday 6 January 2025',
    input: { jurisdiction: 'DK', sent: '2024-12-19' }, due: { response: '2025-01-06', delay_complaint: '2025-01-15' } },
  { name: 'DK — received Monday 2 June 2025 — Constitution Day closed, answer due Friday 13 June 2025',
    input: { jurisdiction: 'DK', sent: '2025-06-02' }, due: { response: '2025-06-13' } },
  { name: 'DK — sent Friday 7 March 2025 — answer due Tuesday 18 March 2025',
    input: { jurisdiction: 'DK', sent: '2025-03-07' }, due: { response: '2025-03-18' } },
  { name: 'DK — received on Easter Monday, 1 April 2024 — counted from that day, answer due Wednesday 10 April 2024',
    input: { jurisdiction: 'DK', sent: '2024-04-01' }, due: { response: '2024-04-10' } },
  { name: 'DK — received Friday 28 April 2023 — Store Bededag still closed, answer due Wednesday 10 May 2023',
    input: { jurisdiction: 'DK', sent: '2023-04-28' }, due: { response: '2023-05-10' } },
  { name: 'DK — received Monday 22 April 2024 — Store Bededag abolished, answer due Wednesday 1 May 2024',
    input: { jurisdiction: 'DK', sent: '2024-04-22' }, due: { response: '2024-05-01' } },
  { name: 'DK — delay announced — outer limits Wednesday 18 July and Thursday 23 August 2018',
    input: { jurisdiction: 'DK', sent: '2018-06-28', extended: true },
    due: { overrun_special: '2018-07-18', overrun_quite_special: '2018-08-23' } },
  { name: 'DK — final decision Thursday 29 February 2024 — Ombudsman complaint due Friday 28 February 2025',
    input: { jurisdiction: 'DK', sent: '2024-02-01', decided: '2024-02-29' }, due: { ombudsman_complaint: '2025-02-28' } },
  // United Kingdom — FOIA 2000
  { name: 'UK — received Monday 12 October 2026 — response due Monday 9 November 2026',
    input: { jurisdiction: 'UK', sent: '2026-10-12' }, due: { response: '2026-11-09' } },
  { name: "UK — received Monday 2 March 2026 — Northern Ireland's St Patrick's Day skipped, response due Tuesday 31 March 2026",
    input: { jurisdiction: 'UK', sent: '2026-03-02' }, due: { response: '2026-03-31' } },
  { name: 'UK — received Wednesday 1 April 2026 — Good Friday and Easter Monday skipped, response due Friday 1 May 2026',
    input: { jurisdiction: 'UK', sent: '2026-04-01' }, due: { response: '2026-05-01' } },
  { name: "UK — received Thursday 10 December 2026 — Christmas, New Year and Scotland's 4 January skipped, response due Wednesday 13 January 2027",
    input: { jurisdiction: 'UK', sent: '2026-12-10' }, due: { response: '2027-01-13' } },
  { name: 'UK — received Friday 16 October 2026 — response due Friday 13 November 2026',
    input: { jurisdiction: 'UK', sent: '2026-10-16' }, due: { response: '2026-11-13' } },
  { name: 'UK — received on Good Friday, 3 April 2026 — counted from Tuesday 7 April, response due Wednesday 6 May 2026',
    input: { jurisdiction: 'UK', sent: '2026-04-03' }, due: { response: '2026-05-06' } },
  { name: "UK — received Saturday 14 November 2026 — counted from Monday 16 November, St Andrew's Day skipped, response due Tuesday 15 December 2026",
    input: { jurisdiction: 'UK', sent: '2026-11-14' }, due: { response: '2026-12-15' } },
  { name: 'UK — public interest extension — response due Tuesday 8 December 2026',
    input: { jurisdiction: 'UK', sent: '2026-10-12', extended: true }, due: { response: '2026-11-09', extended_response: '2026-12-08' } },
  { name: 'UK — decision Monday 9 November 2026 — internal review request due Monday 11 January 2027',
    input: { jurisdiction: 'UK', sent: '2026-10-12', decided: '2026-11-09' }, due: { internal_review_request: '2027-01-11' } },
  // Scotland — FOISA 2002
  { name: "UK-SCT — received Monday 23 November 2026 — St Andrew's Day skipped, response due Tuesday 22 December 2026",
    input: { jurisdiction: 'UK-SCT', sent: '2026-11-23' }, due: { response: '2026-12-22' } },
  { name: 'UK-SCT — received Wednesday 1 April 2026 — Easter Monday is a Scottish working day, response due Thursday 30 April 2026',
    input: { jurisdiction: 'UK-SCT', sent: '2026-04-01' }, due: { response: '2026-04-30' } },
  { name: 'UK-SCT — received Monday 14 December 2026 — Christmas, 1 and 4 January skipped, response due Friday 15 January 2027',
    input: { jurisdiction: 'UK-SCT', sent: '2026-12-14' }, due: { response: '2027-01-15' } },
  { name: 'UK-SCT — received Friday 16 October 2026 — response due Friday 13 November 2026',
    input: { jurisdiction: 'UK-SCT', sent: '2026-10-16' }, due: { response: '2026-11-13' } },
  { name: "UK-SCT — received on St Andrew's Day, Monday 30 November 2026 — counted from 1 December, response due Thursday 31 December 2026",
    input: { jurisdiction: 'UK-SCT', sent: '2026-11-30' }, due: { response: '2026-12-31' } },
  { name: 'UK-SCT — decision Monday 2 March 2026 — requirement for review due Tuesday 28 April 2026',
    input: { jurisdiction: 'UK-SCT', sent: '2026-02-02', decided: '2026-03-02' }, due: { review_request: '2026-04-28' } },
  // United States — federal FOIA
  { name: 'US — received Monday 2 March 2026 — determination due Monday 30 March 2026',
    input: { jurisdiction: 'US', sent: '2026-03-02' }, due: { response: '2026-03-30' } },
  { name: 'US — received Friday 12 June 2026 — Juneteenth and Friday 3 July skipped, determination due Tuesday 14 July 2026',
    input: { jurisdiction: 'US', sent: '2026-06-12' }, due: { response: '2026-07-14' } },
  { name: 'US — unusual-circumstances extension — determination due Tuesday 28 July 2026',
    input: { jurisdiction: 'US', sent: '2026-06-12', extended: true }, due: { extended_response: '2026-07-28' } },
  { name: 'US — received Wednesday 1 April 2026 — Good Friday is a federal working day, determination due Wednesday 29 April 2026',
    input: { jurisdiction: 'US', sent: '2026-04-01' }, due: { response: '2026-04-29' } },
  { name: "US — received Monday 14 December 2026 — Christmas and New Year's Day skipped, determination due Wednesday 13 January 2027",
    input: { jurisdiction: 'US', sent: '2026-12-14' }, due: { response: '2027-01-13' } },
  { name: 'US — received on Thanksgiving, Thursday 26 November 2026 — determination due Thursday 24 December 2026',
    input: { jurisdiction: 'US', sent: '2026-11-26' }, due: { response: '2026-12-24' } },
  { name: 'US — adverse determination Tuesday 14 July 2026 — appeal due Monday 12 October 2026, not moved off Columbus Day',
    input: { jurisdiction: 'US', sent: '2026-06-12', decided: '2026-07-14' }, due: { appeal: '2026-10-12' } },
  // Germany — IFG (Bund)
  { name: 'DE — received Monday 2 March 2026 — answer expected Thursday 2 April 2026, suit for inaction after Tuesday 2 June 2026',
    input: { jurisdiction: 'DE', sent: '2026-03-02' }, due: { response: '2026-04-02', inaction_suit: '2026-06-02' } },
  { name: 'DE — received Tuesday 3 March 2026 — month ends on Good Friday, answer expected Tuesday 7 April 2026',
    input: { jurisdiction: 'DE', sent: '2026-03-03' }, due: { response: '2026-04-07' } },
  { name: 'DE — received Wednesday 25 November 2026 — month ends on Christmas Day, answer expected Monday 28 December 2026',
    input: { jurisdiction: 'DE', sent: '2026-11-25' }, due: { response: '2026-12-28' } },
  { name: 'DE — received Friday 30 January 2026 — month ends Saturday 28 February, answer expected Monday 2 March 2026',
    input: { jurisdiction: 'DE', sent: '2026-01-30' }, due: { response: '2026-03-02' } },
  { name: "DE — received on New Year's Day 2026 — counted from Friday 2 January, answer expected Monday 2 February 2026",
    input: { jurisdiction: 'DE', sent: '2026-01-01' }, due: { response: '2026-02-02', inaction_suit: '2026-04-02' } },
  { name: 'DE — decision Thursday 30 April 2026 — objection due Monday 1 June 2026, or Friday 30 April 2027 without instructions',
    input: { jurisdiction: 'DE', sent: '2026-03-02', decided: '2026-04-30' },
    due: { objection: '2026-06-01', objection_without_instructions: '2027-04-30' } },
  // Sweden — Tryckfrihetsförordningen
  { name: 'SE — received Monday 2 March 2026 — answer expected Tuesday 3 March, late by JO practice after Thursday 5 March 2026',
    input: { jurisdiction: 'SE', sent: '2026-03-02' }, due: { expected: '2026-03-03', late_per_practice: '2026-03-05' } },
  { name: 'SE — received Maundy Thursday, 2 April 2026 — Good Friday and Easter Monday skipped, answer expected Tuesday 7 April 2026',
    input: { jurisdiction: 'SE', sent: '2026-04-02' }, due: { expected: '2026-04-07', late_per_practice: '2026-04-09' } },
  { name: 'SE — received Tuesday 22 December 2026 — julafton and Christmas skipped, late by JO practice after Tuesday 29 December 2026',
    input: { jurisdiction: 'SE', sent: '2026-12-22' }, due: { expected: '2026-12-23', late_per_practice: '2026-12-29' } },
  { name: 'SE — received Thursday 18 June 2026 — midsommarafton skipped, answer expected Monday 22 June 2026',
    input: { jurisdiction: 'SE', sent: '2026-06-18' }, due: { expected: '2026-06-22', late_per_practice: '2026-06-24' } },
  { name: 'SE — received Friday 6 March 2026 — answer expected Monday 9 March 2026',
    input: { jurisdiction: 'SE', sent: '2026-03-06' }, due: { expected: '2026-03-09', late_per_practice: '2026-03-11' } },
  { name: 'SE — received on Labour Day, Friday 1 May 2026 — answer expected Monday 4 May 2026',
    input: { jurisdiction: 'SE', sent: '2026-05-01' }, due: { expected: '2026-05-04', late_per_practice: '2026-05-06' } },
  { name: 'SE — decision Thursday 3 December 2026 — three weeks end on julafton, appeal due Monday 28 December 2026',
    input: { jurisdiction: 'SE', sent: '2026-12-01', decided: '2026-12-03' }, due: { appeal: '2026-12-28' } },
  // Norway — offentleglova
  { name: 'NO — received Monday 2 March 2026 — answer expected Thursday 5 March, deemed refused after Monday 9 March 2026',
    input: { jurisdiction: 'NO', sent: '2026-03-02' }, due: { target: '2026-03-05', deemed_refusal: '2026-03-09' } },
  { name: 'NO — received Tuesday 31 March 2026 — Easter skipped, deemed refused after Friday 10 April 2026',
    input: { jurisdiction: 'NO', sent: '2026-03-31' }, due: { target: '2026-04-08', deemed_refusal: '2026-04-10' } },
  { name: 'NO — received Tuesday 22 December 2026 — 24 December counts, deemed refused after Wednesday 30 December 2026',
    input: { jurisdiction: 'NO', sent: '2026-12-22' }, due: { target: '2026-12-28', deemed_refusal: '2026-12-30' } },
  { name: 'NO — received Friday 6 March 2026 — deemed refused after Friday 13 March 2026',
    input: { jurisdiction: 'NO', sent: '2026-03-06' }, due: { target: '2026-03-11', deemed_refusal: '2026-03-13' } },
  { name: 'NO — received on Labour Day, Friday 1 May 2026 — deemed refused after Friday 8 May 2026',
    input: { jurisdiction: 'NO', sent: '2026-05-01' }, due: { target: '2026-05-06', deemed_refusal: '2026-05-08' } },
  { name: 'NO — received Monday 15 May 2028 — Constitution Day skipped, deemed refused after Tuesday 23 May 2028',
    input: { jurisdiction: 'NO', sent: '2028-05-15' }, due: { target: '2028-05-19', deemed_refusal: '2028-05-23' } },
  { name: 'NO — refusal Monday 2 March 2026 — appeal due Monday 23 March 2026',
    input: { jurisdiction: 'NO', sent: '2026-02-23', decided: '2026-03-02' }, due: { appeal: '2026-03-23' } },
  // EU institutions — Regulation 1049/2001
  { name: 'EU — registered Monday 2 March 2026 — reply due Monday 23 March 2026',
    input: { jurisdiction: 'EU', sent: '2026-03-02' }, due: { response: '2026-03-23' } },
  { name: 'EU — extension — Maundy Thursday to Easter Monday skipped, reply due Thursday 16 April 2026',
    input: { jurisdiction: 'EU', sent: '2026-03-02', extended: true }, due: { extended_response: '2026-04-16' } },
  { name: 'EU — registered Wednesday 25 March 2026 — Easter closure skipped, reply due Monday 20 April 2026',
    input: { jurisdiction: 'EU', sent: '2026-03-25' }, due: { response: '2026-04-20' } },
  { name: 'EU — registered Thursday 10 December 2026 — closed 24 December to 1 January, reply due Monday 11 January 2027',
    input: { jurisdiction: 'EU', sent: '2026-12-10' }, due: { response: '2027-01-11' } },
  { name: 'EU — received Friday 6 March 2026 — reply due Friday 27 March 2026',
    input: { jurisdiction: 'EU', sent: '2026-03-06' }, due: { response: '2026-03-27' } },
  { name: 'EU — received on Labour Day, Friday 1 May 2026 — registered Monday 4 May, Ascension and Whit Monday skipped, reply due Thursday 28 May 2026',
    input: { jurisdiction: 'EU', sent: '2026-05-01' }, due: { response: '2026-05-28' } },
  { name: 'EU — reply received Monday 23 March 2026 — confirmatory application due Thursday 16 April 2026',
    input: { jurisdiction: 'EU', sent: '2026-03-02', decided: '2026-03-23' }, due: { confirmatory_application: '2026-04-16' } },
];

describe('deadlines — dates per jurisdiction', () => {
  test.each(cases)('$name', ({ input, due }) => {
    const report = computeDeadlines(input);
    for (const [key, date] of Object.entries(due)) expect([key, dateOf(report, key)]).toEqual([key, date]);
  });
});

describe('deadlines — the report', () => {
  test('DK — received Thursday 28 June 2018 — the answer deadline cites § 36 and counts from receipt', () => {
    const report = computeDeadlines({ jurisdiction: 'DK', sent: '2018-06-27', received: '2018-06-28' });
    expect(report.jurisdiction).toEqual({
      code: 'DK', name: 'Denmark', law: 'Offentlighedsloven', citation: expect.stringContaining('lov nr. 606'),
    });
    expect(report.start).toBe('2018-06-28');
    expect(report.deadlines.find((d) => d.key === 'response')).toEqual({
      key: 'response',
      name: 'Decision, or notice of delay with reason and expected date',
      nameDa: 'Afgørelse, eller besked om forsinkelse med begrundelse og forventet tidspunkt',
      date: '2018-07-09',
      rule: '7 working days from receipt (offentlighedsloven § 36, stk. 2)',
      source: expect.stringMatching(/^https:\/\/aktindsigtshaandbogen\.dk\//),
      basis: 'received',
      binding: 'statutory',
    });
    expect(report.assumptions).toEqual(['Appeal deadlines appear once you enter the date you received the decision.']);
  });

  test('DK — only a sending date — assumes receipt that day and says so', () => {
    const report = computeDeadlines({ sent: '2018-06-28' });
    expect(report.jurisdiction.code).toBe('DK');
    expect(report.assumptions[0]).toMatch(/assume the authority received the request the day it was sent, Thursday 28 June 2018/);
    const response = report.deadlines.find((d) => d.key === 'response');
    expect(response?.basis).toBe('sent');
    expect(response?.rule).toContain('receipt assumed on the day the request was sent');
  });

  test('DK — no decision date — lists no appeal deadlines; with one, they count from the decision', () => {
    expect(computeDeadlines({ jurisdiction: 'dk', sent: '2024-02-01' }).deadlines.some((d) => d.basis === 'decided')).toBe(false);
    const withDecision = computeDeadlines({ jurisdiction: 'dk', sent: '2024-02-01', decided: '2024-02-29' });
    expect(withDecision.deadlines.filter((d) => d.basis === 'decided').map((d) => d.key)).toEqual(['ombudsman_complaint']);
    expect(withDecision.notes.some((n) => n.includes('No deadline for complaining was found'))).toBe(true);
  });

  test('DK — guidance targets — are marked as guidance and sorted before the legal deadline', () => {
    const report = computeDeadlines({ jurisdiction: 'DK', sent: '2018-06-28' });
    expect(report.deadlines.map((d) => d.key)).toEqual(['target_simple', 'response', 'delay_complaint']);
    expect(report.deadlines[0].binding).toBe('guidance');
    expect(report.deadlines[0].rule).toMatch(/guidance, not a legal limit$/);
  });

  test('UK — received on Good Friday — start moves to the next working day and the report explains why', () => {
    const report = computeDeadlines({ jurisdiction: 'UK', sent: '2026-04-03' });
    expect(report.start).toBe('2026-04-07');
    expect(report.assumptions[1]).toContain('Friday 3 April 2026 is not a working day (Good Friday)');
  });

  test('DE — month ending on Good Friday — the rule sentence names the move', () => {
    const response = computeDeadlines({ jurisdiction: 'DE', sent: '2026-03-03' }).deadlines.find((d) => d.key === 'response');
    expect(response?.rule).toContain('Friday 3 April 2026 is not a working day (Good Friday), so it moves to Tuesday 7 April 2026');
  });

  test('NO — extension asked for — the law has none, and the report says so', () => {
    const report = computeDeadlines({ jurisdiction: 'NO', sent: '2026-03-02', extended: true });
    expect(report.assumptions).toContain('Offentleglova has no extension, so the deadlines are unchanged.');
  });

  test('EU — registration — the report says the receipt date is taken as the registration date', () => {
    const report = computeDeadlines({ jurisdiction: 'EU', sent: '2026-03-02', received: '2026-03-02' });
    expect(report.assumptions[0]).toBe('The clock runs from registration; we take the receipt date as the date of registration.');
  });

  test('jurisdictions — listed with Denmark first and every rule sourced', () => {
    const list = listJurisdictions();
    expect(list[0]).toMatchObject({ code: 'DK', isDefault: true });
    expect(list.map((j) => j.code).sort()).toEqual(['DE', 'DK', 'EU', 'NO', 'SE', 'UK', 'UK-SCT', 'US']);
    for (const { code } of list) {
      const rules = getRules(code);
      const all = [...rules.response, ...rules.extension.deadlines, ...rules.escalations, ...rules.appeals.flatMap((a) => a.deadlines)];
      for (const rule of all) expect(rule.source.length).toBeGreaterThan(5);
    }
  });

  test('extensions — stated as extra time — add up to the extended deadline in every rules file', () => {
    for (const { code } of listJurisdictions()) {
      const { response, extension } = getRules(code);
      if (!extension.extra) continue;
      const legal = response.find((r) => r.binding === 'statutory');
      expect(extension.deadlines.map((d) => d.period))
        .toEqual([{ amount: (legal?.period.amount ?? 0) + extension.extra.amount, unit: extension.extra.unit }]);
    }
  });
});

describe('deadlines — bad input', () => {
  const invalid = (input: DeadlineInput, message: RegExp) => {
    const error = (() => { try { computeDeadlines(input); } catch (e) { return e; } })();
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'validation_failed', message: expect.stringMatching(message) });
  };

  test('unknown jurisdiction — rejected with the list of known ones', () =>
    invalid({ jurisdiction: 'XX', sent: '2018-06-28' }, /no deadline rules for "XX".*DK \(Denmark\)/));
  test('sending date missing — rejected', () => invalid({ sent: '' }, /Please give the date the request was sent/));
  test('date written 28/06/2018 — rejected with the expected form', () =>
    invalid({ sent: '28/06/2018' }, /must be written as YYYY-MM-DD/));
  test('impossible date 2018-02-30 — rejected as not existing', () =>
    invalid({ sent: '2018-02-30' }, /2018-02-30, does not exist: that month has 28 days/));
  test('29 February in a common year — rejected', () => invalid({ sent: '2019-02-29' }, /does not exist/));
  test('month 13 — rejected', () => invalid({ sent: '2018-13-01' }, /has no month 13/));
  test('received before sent — rejected', () =>
    invalid({ sent: '2018-06-28', received: '2018-06-27' }, /cannot have been received \(Wednesday 27 June 2018\) before it was sent/));
  test('decision before receipt — rejected', () =>
    invalid({ sent: '2018-06-28', decided: '2018-06-01' }, /decision \(Friday 1 June 2018\) cannot come before/));
  test('year 1850 — rejected as out of range', () => invalid({ sent: '1850-01-01' }, /between the years 1900 and 2199/));
});
