import {
  computeDeadlines, listJurisdictions, getRules, type DeadlineInput, type DeadlineReport,
  calendarFor,
} from '../../../server/requests/deadlines';
import { AppError } from '../../../server/lib/errors';

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
  // Corrected (issue 16, item 4): FOIA s.10(1) counts "the twentieth working day following the date of
  // receipt", and s.10(6) makes the date of receipt the day the request arrives, working day or not
  // (ICO line to take LTT47). Day 1 is the first working day after receipt.
  // Good Friday 3 Apr: Easter Monday closed; 7–10 Apr = 4, 13–17 = 9, 20–24 = 14, 27–30 = 18, 1 May = 19,
  // 4 May (Early May bank holiday) closed, 5 May = 20.
  { name: 'UK — received on Good Friday, 3 April 2026 — day 1 is Tuesday 7 April, response due Tuesday 5 May 2026 (FOIA s.10(1), s.10(6); ICO LTT47)',
    input: { jurisdiction: 'UK', sent: '2026-04-03' }, due: { response: '2026-05-05' } },
  // Saturday 14 Nov: 16–20 Nov = 5, 23–27 = 10, 30 Nov (St Andrew's Day, Scotland) closed, 1–4 Dec = 14, 7–11 = 19, 14 Dec = 20.
  { name: "UK — received Saturday 14 November 2026 — day 1 is Monday 16 November, St Andrew's Day skipped, response due Monday 14 December 2026 (FOIA s.10(1), s.10(6))",
    input: { jurisdiction: 'UK', sent: '2026-11-14' }, due: { response: '2026-12-14' } },
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
  // FOISA s.10(1): the twentieth working day after receipt. 1–4 Dec = 4, 7–11 = 9, 14–18 = 14, 21–24 = 18,
  // 25 Dec and 28 Dec (Boxing Day substitute) closed, 29 Dec = 19, 30 Dec = 20.
  { name: "UK-SCT — received on St Andrew's Day, Monday 30 November 2026 — day 1 is 1 December, response due Wednesday 30 December 2026 (FOISA s.10(1))",
    input: { jurisdiction: 'UK-SCT', sent: '2026-11-30' }, due: { response: '2026-12-30' } },
  { name: 'UK-SCT — decision on the last day, Monday 2 March 2026 — requirement for review due Tuesday 28 April 2026 (FOISA s.20(5))',
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
  // Sweden: JO's norm is a decision the same day it is received (JO 4209-09, JO 5308-11), so "expected" is
  // the day of receipt itself; "late by practice" stays at 3 working days.
  { name: 'SE — received Monday 2 March 2026 — answer expected the same day, late by JO practice after Thursday 5 March 2026 (JO 4209-09)',
    input: { jurisdiction: 'SE', sent: '2026-03-02' }, due: { expected: '2026-03-02', late_per_practice: '2026-03-05' } },
  // 2 Apr + 3 WD: 3 Apr (Långfredagen) and 6 Apr (Annandag påsk) closed; 7, 8, 9 Apr.
  { name: 'SE — received Maundy Thursday, 2 April 2026 — expected that day, late by practice after Thursday 9 April 2026',
    input: { jurisdiction: 'SE', sent: '2026-04-02' }, due: { expected: '2026-04-02', late_per_practice: '2026-04-09' } },
  { name: 'SE — received Tuesday 22 December 2026 — julafton and Christmas skipped, late by JO practice after Tuesday 29 December 2026',
    input: { jurisdiction: 'SE', sent: '2026-12-22' }, due: { expected: '2026-12-22', late_per_practice: '2026-12-29' } },
  { name: 'SE — received Thursday 18 June 2026 — midsommarafton skipped, late by practice after Wednesday 24 June 2026',
    input: { jurisdiction: 'SE', sent: '2026-06-18' }, due: { expected: '2026-06-18', late_per_practice: '2026-06-24' } },
  { name: 'SE — received Friday 6 March 2026 — expected that day, late by practice after Wednesday 11 March 2026',
    input: { jurisdiction: 'SE', sent: '2026-03-06' }, due: { expected: '2026-03-06', late_per_practice: '2026-03-11' } },
  // JO's "holidays are no excuse" concerns holiday periods when the office is open; on a public holiday it is closed,
  // so the same-day norm means the next working day (the other reading is stated in the report).
  { name: 'SE — received on Labour Day, Friday 1 May 2026 — expected the next working day, Monday 4 May, late after Wednesday 6 May 2026',
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
      code: 'DK', name: 'Denmark', nameDa: 'Danmark', law: 'Offentlighedsloven', citation: expect.stringContaining('lov nr. 606'),
    });
    expect(report.start).toBe('2018-06-28');
    expect(report.deadlines.find((d) => d.key === 'response')).toEqual({
      key: 'response',
      name: 'Decision, or notice of delay with reason and expected date',
      nameDa: 'Afgørelse, eller besked om forsinkelse med begrundelse og forventet tidspunkt',
      date: '2018-07-09',
      rule: '7 working days from receipt, Thursday 28 June 2018 (offentlighedsloven § 36, stk. 2)',
      ruleDa: '7 arbejdsdage fra modtagelsen, torsdag den 28. juni 2018 (offentlighedsloven § 36, stk. 2)',
      source: expect.stringMatching(/^https:\/\/aktindsigtshaandbogen\.dk\//),
      basis: 'received',
      from: { date: '2018-06-28', what: 'receipt', whatDa: 'modtagelsen' },
      binding: 'statutory',
      group: 'response',
      stage: null,
      awaits: 'answer',
      confidence: 'confirmed',
    });
    expect(report.assumptions).toEqual(['Appeal deadlines appear once you enter the date of the decision.']);
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
    expect(withDecision.deadlines.find((d) => d.key === 'ombudsman_complaint')?.from).toEqual({ date: '2024-02-29', what: 'the date on the decision letter', whatDa: 'afgørelsens dato' });
    expect(withDecision.notes.some((n) => n.includes('No deadline for complaining was found'))).toBe(true);
  });

  test('DK — guidance targets — are marked as guidance and sorted before the legal deadline', () => {
    const report = computeDeadlines({ jurisdiction: 'DK', sent: '2018-06-28' });
    expect(report.deadlines.map((d) => d.key)).toEqual(['target_simple', 'response', 'delay_complaint']);
    expect(report.deadlines[0].binding).toBe('guidance');
    expect(report.deadlines[0].rule).toMatch(/guidance, not a legal limit$/);
  });

  test('UK — received on Good Friday — counts from that day and states the other reading (FOIA s.10(6); ICO LTT47)', () => {
    const report = computeDeadlines({ jurisdiction: 'UK', sent: '2026-04-03' });
    expect(report.start).toBe('2026-04-03');
    expect(report.assumptions[1]).toContain('Friday 3 April 2026 is not a working day (Good Friday). We count from it as the day of receipt');
    expect(report.assumptions[1]).toContain('next working day, which puts the deadline one working day later');
  });

  test('DE — month ending on Good Friday — the rule sentence names the move', () => {
    const response = computeDeadlines({ jurisdiction: 'DE', sent: '2026-03-03' }).deadlines.find((d) => d.key === 'response');
    expect(response?.rule).toContain('Friday 3 April 2026 is not a working day (Good Friday), so it moves to Tuesday 7 April 2026');
  });

  test('in Danish — the rule sentence part for part: period, what it counts from, the day, the citation, a closed day and why, guidance', () => {
    const dk = computeDeadlines({ jurisdiction: 'DK', sent: '2018-06-27', received: '2018-06-28' });
    const response = dk.deadlines.find((d) => d.key === 'response')!;
    expect(response.rule).toMatch(/^7 working days from receipt, Thursday 28 June 2018 \(/);
    expect(response.ruleDa).toMatch(/^7 arbejdsdage fra modtagelsen, torsdag den 28\. juni 2018 \(offentlighedsloven § 36/);
    expect(dk.deadlines.find((d) => d.key === 'target_simple')!.ruleDa).toMatch(/ — vejledende, ikke en frist i loven$/);
    // Only the sending date known: the assumption is said in Danish too.
    expect(computeDeadlines({ jurisdiction: 'DK', sent: '2018-06-28' }).deadlines.find((d) => d.key === 'response')!.ruleDa)
      .toContain('modtagelsen er antaget at være den dag, anmodningen blev sendt');
    // A condition the rules file words in Danish; the decision's date as the day it counts from.
    const complaint = computeDeadlines({ jurisdiction: 'DK', sent: '2024-02-01', decided: '2024-02-29' }).deadlines.find((d) => d.key === 'ombudsman_complaint')!;
    expect(complaint.ruleDa).toMatch(/^1 år fra afgørelsens dato, torsdag den 29\. februar 2024 \(ombudsmandsloven § 13, stk\. 3\), hvis afgørelsen ikke kunne påklages til en administrativ klageinstans/);
    // A period ending on a closed day: the day and the holiday named in Danish (the library's name, or the rules file's).
    const de = computeDeadlines({ jurisdiction: 'DE', sent: '2026-03-03' }).deadlines.find((d) => d.key === 'response')!;
    expect(de.ruleDa).toContain('fredag den 3. april 2026 er ikke en arbejdsdag (Langfredag), så fristen flyttes til tirsdag den 7. april 2026');
  });

  test('in Danish — a closed day the rules file adds is named by its Danish name; the English sentence keeps the English one', () => {
    // Received Thursday 19 December 2024: 24, 25, 26 and 31 December and 1 January closed on the way to the answer's date.
    const dk = computeDeadlines({ jurisdiction: 'DK', sent: '2024-12-19' });
    expect(dk.deadlines.find((d) => d.key === 'response')!.date).toBe('2025-01-06');
    const cal = calendarFor('DK');
    expect(cal.closedReason('2024-12-24', 'da')).toBe('Juleaftensdag');
    expect(cal.closedReason('2024-12-24')).toBe('Juleaftensdag (Christmas Eve)');
    expect(cal.closedReason('2025-06-05', 'da')).toBe('Grundlovsdag');
    expect(cal.closedReason('2024-12-25', 'da')).toBe('Juledag');
    expect(cal.closedReason('2024-12-28', 'da')).toBe('lørdag');
    expect(cal.closedReason('2024-12-27', 'da')).toBeUndefined();
  });

  test('in Danish — a DK report\'s assumptions and notes — said in Danish one for one, the rules files\' texts in their Danish', () => {
    const report = computeDeadlines({ jurisdiction: 'DK', sent: '2018-06-28' });
    expect(report.assumptionsDa).toEqual([
      'Der er ikke angivet en modtagelsesdato, så vi antager, at myndigheden modtog anmodningen den dag, den blev sendt, torsdag den 28. juni 2018.',
      'Klagefristerne vises, når du indtaster datoen for afgørelsen.',
    ]);
    expect(report.assumptionsDa).toHaveLength(report.assumptions.length);
    expect(report.notesDa).toHaveLength(report.notes.length);
    expect(report.notesDa[0]).toMatch(/^Myndigheden skal træffe afgørelse snarest muligt; 7 arbejdsdage er den yderste grænse.* \(offentlighedsloven § 36, stk\. 2; Aktindsigtshåndbogen\)$/);
    expect(report.notesDa).toContainEqual(expect.stringMatching(/^Hvis myndigheden har brug for mere tid: Der er ingen egentlig fristforlængelse\./));
    // Decided and extended: the appeal steps and the extension as the report then words them.
    const decided = computeDeadlines({ jurisdiction: 'DK', sent: '2024-02-01', decided: '2024-02-29', extended: true });
    expect(decided.notesDa).toContainEqual(expect.stringMatching(/^Forlængelse: Der er ingen egentlig fristforlængelse/));
    expect(decided.notesDa).toContainEqual(expect.stringMatching(/^Klage, trin 1 — Den øverste klageinstans for sagen; Ankestyrelsen for kommuner og regioner: Klag til den myndighed, der traf afgørelsen\./));
    expect(decided.notesDa).toContainEqual(expect.stringMatching(/^Klage, trin 2 — Folketingets Ombudsmand: .* \(ombudsmandsloven § 13, stk\. 3\)$/));
    // Every Danish law's notes exist in Danish, whatever the report says.
    for (const jurisdiction of ['DK', 'DK-FVL', 'DK-MOL']) {
      const full = computeDeadlines({ jurisdiction, sent: '2024-02-01', decided: '2024-02-29', extended: true });
      expect([jurisdiction, full.notesDa.filter((n) => n === null).length]).toEqual([jurisdiction, 0]);
      expect([jurisdiction, full.assumptionsDa.filter((n) => n === null).length]).toEqual([jurisdiction, 0]);
    }
  });

  test('in Danish — the clock\'s sentences — Danish where every part has Danish, null where a rules file\'s text is English only', () => {
    // A stop the law does not know (DK): said in Danish with the law's name.
    const dk = computeDeadlines({ jurisdiction: 'DK', sent: '2026-03-02', clockStops: [{ kind: 'clarification', from: '2026-03-03' }, { kind: 'fee', from: '2026-03-04' }] });
    expect(dk.assumptionsDa).toContain('Offentlighedsloven har ingen regel om, at fristen stilles i bero, mens myndigheden venter på en præcisering, så fristen løber videre.');
    expect(dk.assumptionsDa).toContain('Offentlighedsloven har ingen regel om, at fristen stilles i bero, mens et gebyr er ubetalt, så fristen løber videre.');
    // The UK: a clarification asked for is said in Danish; the law's own text of the restart is English only.
    const asked = computeDeadlines({ jurisdiction: 'UK', sent: '2026-03-02', clockStops: [{ kind: 'clarification', from: '2026-03-04' }] });
    expect(asked.assumptionsDa).toContainEqual(expect.stringMatching(/^Myndigheden bad om en præcisering onsdag den 4\. marts 2026; indtil myndigheden har fået svar, står fristen stille/));
    const restarted = computeDeadlines({ jurisdiction: 'UK', sent: '2026-03-02', clockStops: [{ kind: 'clarification', from: '2026-03-04', to: '2026-03-10' }] });
    const at = restarted.assumptions.findIndex((a) => a.includes('The clarification arrived on'));
    expect(at).toBeGreaterThanOrEqual(0);
    expect(restarted.assumptionsDa[at]).toBeNull();
    expect(restarted.notesDa.every((n) => n === null)).toBe(true); // the UK file has no Danish
    // Germany: a request received on Good Friday counts from the next working day, said in Danish.
    const de = computeDeadlines({ jurisdiction: 'DE', sent: '2026-04-03' });
    expect(de.assumptionsDa).toContainEqual(expect.stringMatching(/^Fredag den 3\. april 2026 er ikke en arbejdsdag \(Langfredag\), så fristen løber fra tirsdag den 7\. april 2026 \(/));
    // The US: the right office received it within the routing cap; its sentence is Danish (the cap's own text is not in it).
    const us = computeDeadlines({ jurisdiction: 'US', sent: '2026-03-02', received: '2026-03-02', routed: '2026-03-05' });
    const routed = us.assumptions.findIndex((a) => a.startsWith('The right office received the request on'));
    expect(us.assumptionsDa[routed]).toMatch(/^Det rette kontor modtog anmodningen torsdag den 5\. marts 2026, så fristen løber fra den dag \(/);
    // A law without extension (NO): the explanation in both languages.
    const no = computeDeadlines({ jurisdiction: 'NO', sent: '2026-03-02', extended: true });
    expect(no.extension.explanationDa).toBe('Offentleglova giver ikke mulighed for at forlænge fristen (offentleglova § 29): en meddelelse om forsinkelse flytter ikke svarfristen, og svarfristen er overskredet, når den er udløbet.');
    expect(no.assumptionsDa).toContain(no.extension.explanationDa);
    // The EU's registration: the rules file's English word, so no Danish sentence.
    expect(computeDeadlines({ jurisdiction: 'EU', sent: '2026-03-02', received: '2026-03-02' }).assumptionsDa[0]).toBeNull();
  });

  test('NO — extension asked for — the law has none: not allowed, and the report says the request stays overdue', () => {
    const report = computeDeadlines({ jurisdiction: 'NO', sent: '2026-03-02', extended: true });
    expect(report.extension.state).toBe('not_allowed');
    expect(report.assumptions).toContain('Offentleglova allows no extension (offentleglova § 29): a notice of delay does not move the answer deadline, and the request is overdue once it passes.');
  });

  test('EU — registration — the report says the receipt date is taken as the registration date', () => {
    const report = computeDeadlines({ jurisdiction: 'EU', sent: '2026-03-02', received: '2026-03-02' });
    expect(report.assumptions[0]).toBe('The clock runs from registration; we take the receipt date as the date of registration.');
  });

  test('jurisdictions — listed with Denmark first and every rule sourced', () => {
    const list = listJurisdictions();
    expect(list[0]).toMatchObject({ code: 'DK', isDefault: true });
    expect(list.map((j) => j.code).sort()).toEqual(['DE', 'DK', 'DK-FVL', 'DK-MOL', 'EU', 'NO', 'SE', 'UK', 'UK-EIR', 'UK-SCT', 'US']);
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
    invalid({ jurisdiction: 'XX', sent: '2018-06-28' }, /no deadline rules for "XX"\. Choose one of: DK \(Offentlighedsloven\), .*DK-FVL \(Forvaltningsloven\).*UK \(Freedom of Information Act 2000\)/));
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

/**
 * Issue 16: the cases the audit found wrong and the rules that were not modelled. Every date is
 * counted by hand in the comment above it, with the provision it comes from.
 */
const at = (input: DeadlineInput, key: string) => dateOf(computeDeadlines(input), key);

describe('deadlines — Scotland, requirement for review (FOISA s.20(5))', () => {
  // Received Mon 2 Feb 2026. 20 WD: 3–6 Feb = 4, 9–13 = 9, 16–20 = 14, 23–27 = 19, 2 Mar = 20 → period ends 2 Mar.
  // 40 WD after 2 Mar (Scotland: Good Friday closed, Easter Monday open): 3–6 Mar = 4, 9–13 = 9, 16–20 = 14,
  // 23–27 = 19, 30–31 = 21, 1–2 Apr = 23, 3 Apr closed, 6–10 = 28, 13–17 = 33, 20–24 = 38, 27 = 39, 28 Apr = 40.
  test('refusal in time, 9 February 2026 — counted from the end of the 20 days: Tuesday 28 April 2026 (was 7 April)', () => {
    expect(at({ jurisdiction: 'UK-SCT', sent: '2026-02-02', decided: '2026-02-09' }, 'review_request')).toBe('2026-04-28');
  });
  test('silence — the review deadline still runs from the end of the 20 days: Tuesday 28 April 2026', () => {
    const report = computeDeadlines({ jurisdiction: 'UK-SCT', sent: '2026-02-02' });
    expect(dateOf(report, 'review_request')).toBe('2026-04-28');
    expect(report.deadlines.find((d) => d.key === 'review_request')?.from.what).toBe('the end of the period "Response due"');
  });
  // Late answer received Tue 10 Mar 2026: 11–13 Mar = 3, 16–20 = 8, 23–27 = 13, 30–31 = 15, 1–2 Apr = 17,
  // 3 Apr closed, 6–10 = 22, 13–17 = 27, 20–24 = 32, 27–30 = 36, 1 May = 37, 4 May (Early May) closed, 5–7 May = 40.
  test('late answer received 10 March 2026 — counted from its receipt (s.20(5)(b)): Thursday 7 May 2026', () => {
    expect(at({ jurisdiction: 'UK-SCT', sent: '2026-02-02', decided: '2026-03-09', decisionReceived: '2026-03-10' }, 'review_request')).toBe('2026-05-07');
  });
  // Review required Wed 1 Apr 2026: 2 Apr = 1, 3 Apr closed, 6–10 = 6, 13–17 = 11, 20–24 = 16, 27–30 = 20.
  test('review required 1 April 2026 — the authority answers within 20 working days (s.21(1)): Thursday 30 April 2026', () => {
    expect(at({ jurisdiction: 'UK-SCT', sent: '2026-02-02', decided: '2026-02-09', appealed: '2026-04-01' }, 'review_answer')).toBe('2026-04-30');
  });
  test('review outcome received 28 April 2026 — Commissioner within six months (s.47(4)(a)): Wednesday 28 October 2026', () => {
    expect(at({ jurisdiction: 'UK-SCT', sent: '2026-02-02', decided: '2026-02-09', appealed: '2026-04-01', appealDecided: '2026-04-27', appealDecisionReceived: '2026-04-28' }, 'commissioner_application')).toBe('2026-10-28');
  });
  test('no review outcome — six months from the end of the review period, 30 April (s.47(4)(b)): Friday 30 October 2026', () => {
    expect(at({ jurisdiction: 'UK-SCT', sent: '2026-02-02', decided: '2026-02-09', appealed: '2026-04-01' }, 'commissioner_application')).toBe('2026-10-30');
  });
});

describe('deadlines — extensions are judged per law (issue 16, item 2)', () => {
  test.each([
    ['UK-SCT', 'FOISA s.10 has no extension'],
    ['NO', 'offentleglova has no extension'],
    ['DE', 'the IFG has no extension'],
    ['SE', 'TF 2 kap. has no extension'],
  ])('%s — a notice of delay — is not allowed (%s) and adds no extended deadline', (jurisdiction) => {
    const report = computeDeadlines({ jurisdiction, sent: '2026-03-02', extended: true, extendedOn: '2026-03-03' });
    expect(report.extension.state).toBe('not_allowed');
    expect(report.deadlines.some((d) => d.group === 'extension')).toBe(false);
  });
  // FOIA: received Mon 12 Oct 2026, response due Mon 9 Nov 2026; the s.10(3)/s.17(2) notice must come within the 20 days.
  test('UK — notice on day 20, 9 November 2026 — lawful: extended response due Tuesday 8 December 2026 (FOIA s.10(3), s.17(2))', () => {
    const report = computeDeadlines({ jurisdiction: 'UK', sent: '2026-10-12', extended: true, extendedOn: '2026-11-09' });
    expect(report.extension.state).toBe('lawful');
    expect(dateOf(report, 'extended_response')).toBe('2026-12-08');
  });
  test('UK — notice the day after the deadline, 10 November 2026 — too late: no extension, and the report says why', () => {
    const report = computeDeadlines({ jurisdiction: 'UK', sent: '2026-10-12', extended: true, extendedOn: '2026-11-10' });
    expect(report.extension.state).toBe('too_late');
    expect(dateOf(report, 'extended_response')).toBeUndefined();
    expect(report.assumptions.join(' ')).toContain('came after Monday 9 November 2026, the last day to give it');
  });
  // OFL § 36, stk. 2: received Thu 28 Jun 2018, 7 WD → Mon 9 Jul 2018. A fristbrev on 5 Jul promising 20 Jul.
  test('DK — a fristbrev in time promising Friday 20 July 2018 — the promised date is its own deadline (OFL § 36, stk. 2; FOB 2021-31)', () => {
    const report = computeDeadlines({ jurisdiction: 'DK', sent: '2018-06-28', extended: true, extendedOn: '2018-07-05', promised: '2018-07-20' });
    expect(report.extension.state).toBe('lawful');
    expect(dateOf(report, 'promised')).toBe('2018-07-20');
    expect(report.deadlines.find((d) => d.key === 'promised')?.from.what).toBe('the date the authority promised');
  });
  test('DK — a fristbrev after the 7 working days, 10 July 2018 — too late: no promised deadline', () => {
    const report = computeDeadlines({ jurisdiction: 'DK', sent: '2018-06-28', extended: true, extendedOn: '2018-07-10', promised: '2018-07-20' });
    expect(report.extension.state).toBe('too_late');
    expect(dateOf(report, 'promised')).toBeUndefined();
  });
});

describe('deadlines — corrected holiday data (issue 16, item 3)', () => {
  // 2012: the spring bank holiday moved from Mon 28 May to Mon 4 June by royal proclamation under the
  // Banking and Financial Dealings Act 1971 s.1(3); date-holidays keeps 28 May.
  // Received Mon 30 Apr 2012: 1–4 May = 4, 7 May (Early May) closed, 8–11 = 8, 14–18 = 13, 21–25 = 18,
  // 28 May (a working day in 2012) = 19, 29 May = 20.
  test('UK — received 30 April 2012 — 28 May 2012 was a working day: response due Tuesday 29 May 2012', () => {
    expect(at({ jurisdiction: 'UK', sent: '2012-04-30' }, 'response')).toBe('2012-05-29');
  });
  test('UK — 4 June 2012 (moved spring holiday) and 5 June 2012 (Diamond Jubilee) — both closed', () => {
    const uk = calendarFor('UK');
    expect(uk.closedReason('2012-06-04')).toBe('Spring bank holiday (moved from 28 May)');
    expect(uk.isWorkingDay('2012-06-05')).toBe(false);
    expect(uk.isWorkingDay('2012-05-28')).toBe(true);
  });
  // 29 Apr 2011, the royal wedding, was a UK-wide bank holiday by proclamation; date-holidays lacks it.
  // Received Mon 11 Apr 2011: 12–15 Apr = 4, 18–21 = 8, 22 (Good Friday) and 25 (Easter Monday) closed,
  // 26–28 = 11, 29 Apr closed, 2 May (Early May) closed, 3–6 May = 15, 9–13 May = 20.
  test('UK — received 11 April 2011 — the royal wedding of 29 April 2011 was closed: response due Friday 13 May 2011', () => {
    expect(at({ jurisdiction: 'UK', sent: '2011-04-11' }, 'response')).toBe('2011-05-13');
    expect(calendarFor('UK-SCT').isWorkingDay('2011-04-29')).toBe(false);
  });
  test('a correction — for another year — changes nothing (2013-05-27 is the usual spring holiday)', () => {
    expect(calendarFor('UK').isWorkingDay('2013-05-27')).toBe(false);
  });
});

describe('deadlines — which date an appeal counts from (issue 16, item 5)', () => {
  // US: "at least 90 days from the date of the adverse determination" (FOIA Improvement Act 2016, OIP):
  // letter dated Tue 14 Jul 2026 → +90 days = Mon 12 Oct 2026, whenever it arrived.
  test('US — determination dated 14 July, received 20 July 2026 — appeal due Monday 12 October 2026, from the letter date', () => {
    const report = computeDeadlines({ jurisdiction: 'US', sent: '2026-06-12', decided: '2026-07-14', decisionReceived: '2026-07-20' });
    expect(dateOf(report, 'appeal')).toBe('2026-10-12');
    expect(report.deadlines.find((d) => d.key === 'appeal')?.from).toMatchObject({ date: '2026-07-14', what: 'the date on the decision letter' });
  });
  // EU art. 7(2): 15 WD from receiving the reply. Received Wed 25 Mar 2026: 26–27 Mar = 2, 30–31 = 4, 1 Apr = 5,
  // 2 Apr–6 Apr closed (Maundy Thursday to Easter Monday), 7–10 = 9, 13–17 = 14, 20 Apr = 15.
  test('EU — reply dated 23 March, received 25 March 2026 — confirmatory application due Monday 20 April 2026, from receipt', () => {
    expect(at({ jurisdiction: 'EU', sent: '2026-03-02', decided: '2026-03-23', decisionReceived: '2026-03-25' }, 'confirmatory_application')).toBe('2026-04-20');
  });
  test('NO — no receipt date for the refusal — assumed the day it is dated, and the report says so', () => {
    const report = computeDeadlines({ jurisdiction: 'NO', sent: '2026-02-23', decided: '2026-03-02' });
    expect(report.assumptions.join(' ')).toContain('No date of receipt was given for the decision');
  });
  test('decision received before it is dated — rejected', () => {
    expect(() => computeDeadlines({ jurisdiction: 'US', sent: '2026-06-12', decided: '2026-07-14', decisionReceived: '2026-07-13' })).toThrow(AppError);
  });
});

describe('deadlines — regional holidays and end-of-period moves (issue 16, item 6)', () => {
  // BGB § 193 uses the holidays at the place concerned. Received Fri 1 Oct 2027: one month ends Mon 1 Nov 2027,
  // All Saints' Day — a holiday in Nordrhein-Westfalen, not in Berlin.
  test('DE — authority in Nordrhein-Westfalen — month ending on All Saints 2027 moves to Tuesday 2 November 2027', () => {
    expect(at({ jurisdiction: 'DE', region: 'NW', sent: '2027-10-01' }, 'response')).toBe('2027-11-02');
    expect(at({ jurisdiction: 'DE', region: 'BE', sent: '2027-10-01' }, 'response')).toBe('2027-11-01');
    expect(at({ jurisdiction: 'DE', sent: '2027-10-01' }, 'response')).toBe('2027-11-01');
  });
  test('DE — an unknown Land — rejected with the list', () => {
    expect(() => computeDeadlines({ jurisdiction: 'DE', region: 'XX', sent: '2027-10-01' })).toThrow(/not a region of Germany.*NW \(Nordrhein-Westfalen\)/);
  });
  test('DK — a region — rejected: one calendar', () => {
    expect(() => computeDeadlines({ jurisdiction: 'DK', region: 'NW', sent: '2027-10-01' })).toThrow(/one holiday calendar/);
  });
  // Norway: forvaltningsloven § 29 (3 weeks from receipt of the refusal), counted as domstolloven §§ 148–149:
  // a last day on a holiday moves to the next working day. Received Fri 13 Mar 2026 → Fri 3 Apr 2026 (langfredag),
  // Sat, Sun (påskedag), Mon 6 Apr (2. påskedag) closed → Tue 7 Apr 2026.
  test('NO — refusal received 13 March 2026 — three weeks end on Good Friday, appeal due Tuesday 7 April 2026 (domstolloven § 149)', () => {
    expect(at({ jurisdiction: 'NO', sent: '2026-03-02', decided: '2026-03-12', decisionReceived: '2026-03-13' }, 'appeal')).toBe('2026-04-07');
  });
});

describe('deadlines — Denmark beyond § 36 (issue 16, not modelled before)', () => {
  // OFL § 37, stk. 2: the authority forwards within 7 WD of receiving the complaint. Lodged Wed 1 Aug 2018:
  // 2–3 Aug = 2, 6–10 Aug = 7 → Fri 10 Aug. § 37, stk. 3: the appeal body decides within 20 WD of receiving it;
  // counted from the last day to forward: 13–17 Aug = 5, 20–24 = 10, 27–31 = 15, 3–7 Sep = 20 → Fri 7 Sep 2018.
  test('appeal lodged 1 August 2018 — forwarded by Friday 10 August, appeal body by Friday 7 September 2018 (OFL § 37, stk. 2–3)', () => {
    const report = computeDeadlines({ jurisdiction: 'DK', sent: '2018-06-28', decided: '2018-07-06', appealed: '2018-08-01' });
    expect(dateOf(report, 'appeal_forward')).toBe('2018-08-10');
    expect(dateOf(report, 'appeal_body_decision')).toBe('2018-09-07');
  });
  test('appeal decided 5 September 2018 — Ombudsman within one year: Thursday 5 September 2019 (ombudsmandsloven § 13, stk. 3)', () => {
    expect(at({ jurisdiction: 'DK', sent: '2018-06-28', decided: '2018-07-06', appealed: '2018-08-01', appealDecided: '2018-09-05' }, 'ombudsman_after_appeal')).toBe('2019-09-05');
  });
  // Miljøoplysningsloven § 4, stk. 3: 1 month, 2 months with notice. Received Mon 2 Mar 2026 → Thu 2 Apr; 2 May 2026.
  test('DK-MOL — received 2 March 2026 — decision due Thursday 2 April; with notice Saturday 2 May 2026 (MOL § 4, stk. 3)', () => {
    expect(at({ jurisdiction: 'DK-MOL', sent: '2026-03-02' }, 'response')).toBe('2026-04-02');
    expect(at({ jurisdiction: 'DK-MOL', sent: '2026-03-02', extended: true, extendedOn: '2026-03-20' }, 'extended_response')).toBe('2026-05-02');
  });
  test('DK-MOL — notice after the first month, 3 April 2026 — too late, no two months', () => {
    expect(computeDeadlines({ jurisdiction: 'DK-MOL', sent: '2026-03-02', extended: true, extendedOn: '2026-04-03' }).extension.state).toBe('too_late');
  });
  // Forvaltningsloven § 16, stk. 2: notice after 7 WD. Received Mon 2 Mar 2026: 3–6 Mar = 4, 9–11 Mar = 7.
  test('DK-FVL — party access received 2 March 2026 — decision or notice due Wednesday 11 March 2026 (FVL § 16, stk. 2)', () => {
    expect(at({ jurisdiction: 'DK-FVL', sent: '2026-03-02' }, 'response')).toBe('2026-03-11');
  });
});

describe('deadlines — United Kingdom beyond s.10(1)', () => {
  // s.1(3) with the ICO: the 20 WD start again the day after the clarification arrives. Asked Wed 4 Mar, answered
  // Mon 9 Mar 2026: 10–13 Mar = 4, 16 = 5, 17 (St Patrick's Day, NI) closed, 18–20 = 8, 23–27 = 13, 30–31 = 15,
  // 1–2 Apr = 17, 3 and 6 Apr closed, 7–9 Apr = 20.
  test('clarification asked 4 March, answered 9 March 2026 — response due Thursday 9 April 2026 (FOIA s.1(3))', () => {
    const report = computeDeadlines({ jurisdiction: 'UK', sent: '2026-03-02', clockStops: [{ kind: 'clarification', from: '2026-03-04', to: '2026-03-09' }] });
    expect(report.start).toBe('2026-03-09');
    expect(dateOf(report, 'response')).toBe('2026-04-09');
  });
  // s.10(2): fees notice Wed 14 Oct, fee received Tue 20 Oct 2026: 14, 15, 16, 19, 20 Oct = 5 WD disregarded.
  // 9 Nov 2026 + 5 WD: 10–13 Nov = 4, 16 Nov = 5.
  test('fees notice 14 October, paid 20 October 2026 — five working days disregarded, response due Monday 16 November 2026 (FOIA s.10(2))', () => {
    expect(at({ jurisdiction: 'UK', sent: '2026-10-12', clockStops: [{ kind: 'fee', from: '2026-10-14', to: '2026-10-20' }] }, 'response')).toBe('2026-11-16');
  });
  test('DK — a clarification — has no clock stop in OFL, and the report says so', () => {
    const report = computeDeadlines({ jurisdiction: 'DK', sent: '2018-06-28', clockStops: [{ kind: 'clarification', from: '2018-06-29', to: '2018-07-02' }] });
    expect(dateOf(report, 'response')).toBe('2018-07-09');
    expect(report.assumptions.join(' ')).toContain('has no rule that stops the clock for a clarification');
  });
  // Internal review asked Mon 16 Nov 2026 (s.45 Code para 5.4: 20 WD): 17–20 Nov = 4, 23–27 = 9, 30 Nov closed,
  // 1–4 Dec = 13, 7–11 = 18, 14–15 Dec = 20. ICO: six weeks from the outcome received 15 Dec → 26 Jan 2027.
  test('internal review asked 16 November 2026 — outcome expected Tuesday 15 December; ICO complaint by 26 January 2027', () => {
    const base = { jurisdiction: 'UK', sent: '2026-10-12', decided: '2026-11-09', appealed: '2026-11-16' };
    expect(at(base, 'internal_review_answer')).toBe('2026-12-15');
    expect(at({ ...base, appealDecided: '2026-12-15' }, 'ico_complaint')).toBe('2027-01-26');
  });
  // EIR reg 7(1): 40 WD with notice. Received Mon 12 Oct 2026: day 20 = 9 Nov; 10–13 Nov = 24, 16–20 = 29,
  // 23–27 = 34, 30 Nov closed, 1–4 Dec = 38, 7–8 Dec = 40.
  test('UK-EIR — complex and voluminous, notice in time — response due Tuesday 8 December 2026 (EIR reg 7(1))', () => {
    expect(at({ jurisdiction: 'UK-EIR', sent: '2026-10-12', extended: true, extendedOn: '2026-11-02' }, 'extended_response')).toBe('2026-12-08');
  });
});

describe('deadlines — United States and EU beyond the first answer', () => {
  // § 552(a)(6)(A)(ii): starts when the right component receives it, at the latest 10 (working) days after the first
  // receipt. First received Mon 2 Mar 2026: 3–6 Mar = 4, 9–13 = 9, 16 Mar = 10 → start 16 Mar (routed 20 Mar is later).
  // 20 WD from 16 Mar: 17–20 = 4, 23–27 = 9, 30–31 = 11, 1–3 Apr = 14 (Good Friday is a federal working day), 6–10 = 19, 13 Apr = 20.
  test('US — routed 20 March 2026, after the cap — clock starts 16 March, determination due Monday 13 April 2026', () => {
    const report = computeDeadlines({ jurisdiction: 'US', sent: '2026-03-02', routed: '2026-03-20' });
    expect(report.start).toBe('2026-03-16');
    expect(dateOf(report, 'response')).toBe('2026-04-13');
  });
  // Routed Thu 5 Mar (within the cap): 6 Mar = 1, 9–13 = 6, 16–20 = 11, 23–27 = 16, 30–31 Mar, 1–2 Apr = 20.
  test('US — routed 5 March 2026, within the cap — determination due Thursday 2 April 2026', () => {
    expect(at({ jurisdiction: 'US', sent: '2026-03-02', routed: '2026-03-05' }, 'response')).toBe('2026-04-02');
  });
  test('US — expedited processing asked — decision on it due Thursday 12 March 2026 (10 days, § 552(a)(6)(E)(ii)(I))', () => {
    expect(at({ jurisdiction: 'US', sent: '2026-03-02', expedited: true }, 'expedited_decision')).toBe('2026-03-12');
    expect(at({ jurisdiction: 'US', sent: '2026-03-02' }, 'expedited_decision')).toBeUndefined();
  });
  // § 552(a)(6)(A)(ii): appeal decided within 20 WD. Lodged Mon 3 Aug 2026: 4–7 Aug = 4, 10–14 = 9, 17–21 = 14, 24–28 = 19, 31 Aug = 20.
  test('US — appeal lodged 3 August 2026 — decision due Monday 31 August 2026', () => {
    expect(at({ jurisdiction: 'US', sent: '2026-06-12', decided: '2026-07-14', appealed: '2026-08-03' }, 'appeal_decision')).toBe('2026-08-31');
  });
  // Art. 8(1)–(2): 15 WD, +15 by notice. Lodged Tue 14 Apr 2026: 15–17 Apr = 3, 20–24 = 8, 27–30 = 12, 1 May closed,
  // 4–6 May = 15. Then 7–8 May = 17, 11–13 = 20, 14–15 May (Ascension and the Friday after) closed, 18–22 = 25,
  // 25 May (Whit Monday) closed, 26–29 = 29, 1 Jun = 30.
  test('EU — confirmatory application 14 April 2026 — answer due Wednesday 6 May, at the latest Monday 1 June 2026 (art. 8)', () => {
    const input = { jurisdiction: 'EU', sent: '2026-03-02', decided: '2026-03-23', appealed: '2026-04-14' };
    expect(at(input, 'confirmatory_answer')).toBe('2026-05-06');
    expect(at(input, 'confirmatory_answer_extended')).toBe('2026-06-01');
  });
});
