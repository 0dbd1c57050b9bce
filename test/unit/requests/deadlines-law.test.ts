import { computeDeadlines, getRules } from '../../../server/requests/deadlines';
import { directoryRows, DIRECTORY_FILES } from '../../../server/requests/authorities/directory.seed';
import dkAuthorities from '../../../server/requests/authorities/dk-authorities.json';

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
    // VwGO § 75 Satz 2 (read in the statute): "nicht vor Ablauf von drei Monaten seit der Einlegung des Widerspruchs".
    expect(r.deadlines.find((d) => d.key === 'objection_inaction')).toMatchObject({ date: '2026-10-13', awaits: 'appeal_decision', confidence: 'confirmed' });
  });

  test('DE — Widerspruchsbescheid received Saturday 31 October 2026 — action due Monday 30 November (VwGO § 74; 30 Nov is no holiday)', () => {
    // One month from Sat 31 Oct: 30 November has no 31st, so the month's last day, Mon 30 Nov 2026 (BGB § 188(3)).
    const r = computeDeadlines({ jurisdiction: 'DE', sent: '2026-05-04', decided: '2026-06-15', appealed: '2026-07-13', appealDecided: '2026-10-30', appealDecisionReceived: '2026-10-31' });
    expect(r.deadlines.find((d) => d.key === 'court_action')?.date).toBe('2026-11-30');
  });
});

/**
 * Germany: the periods checked against the statutes' wording (issue 16). The date shown counts from the day the
 * letter arrived; the report adds the law's date where VwVfG § 41 Abs. 2 (notification) or VwZG § 4 Abs. 2
 * (service by registered letter) puts the notification later: the fourth day after posting from 2025, the
 * third before (Postrechtsmodernisierungsgesetz, BGBl. 2024 I Nr. 236, Art. 2 and 3). Month periods: BGB
 * §§ 187 Abs. 1, 188 Abs. 2–3; a last day on a weekend or holiday moves on (VwVfG § 31 Abs. 3; VwGO § 57 Abs. 2
 * with ZPO § 222 Abs. 2).
 */
describe('deadlines — Germany, checked against the statutes (VwGO §§ 58, 70, 74, 75; VwVfG § 41; VwZG § 4)', () => {
  const note = (r: ReturnType<typeof computeDeadlines>, name: string) => r.assumptions.find((a) => a.includes(`"${name}"`));

  test('refusal posted Monday 15 June 2026, arrived Wednesday 17 June — objection shown Friday 17 July; by § 41 notified Friday 19 June, so Monday 20 July', () => {
    // 15 Jun + 4 days = Fri 19 Jun 2026 (notified; the earlier arrival does not advance it, § 41 Abs. 2 Satz 3).
    // One month: Sun 19 Jul 2026 → Mon 20 Jul (VwVfG § 31 Abs. 3). From the arrival: 17 Jun → Fri 17 Jul 2026.
    const r = computeDeadlines({ jurisdiction: 'DE', sent: '2026-05-04', decided: '2026-06-15', decisionReceived: '2026-06-17' });
    expect(r.deadlines.find((d) => d.key === 'objection')).toMatchObject({ date: '2026-07-17', confidence: 'confirmed', from: { date: '2026-06-17' } });
    const objection = note(r, 'Objection (Widerspruch) due');
    expect(objection).toContain('counts as notified on Friday 19 June 2026, the fourth day after posting');
    expect(objection).toContain('is Monday 20 July 2026. We show Friday 17 July 2026');
    expect(objection).toContain('VwVfG § 41 Abs. 2');
    // One year (VwGO § 58 Abs. 2): from 19 Jun 2026 → Sat 19 Jun 2027 → Mon 21 Jun 2027; shown from 17 Jun → Thu 17 Jun 2027.
    expect(r.deadlines.find((d) => d.key === 'objection_without_instructions')?.date).toBe('2027-06-17');
    expect(note(r, 'Objection due if the decision had no correct instructions on remedies')).toContain('is Monday 21 June 2027');
  });

  test('posted Thursday 19 December 2024, arrived Friday 20 December — before 2025 the third day: Sunday 22 December, not moved; law Wednesday 22 January 2025', () => {
    // 19 Dec + 3 = Sun 22 Dec 2024 (the old § 41 Abs. 2). One month → Wed 22 Jan 2025. From the arrival: Mon 20 Jan 2025.
    const r = computeDeadlines({ jurisdiction: 'DE', sent: '2024-11-04', decided: '2024-12-19', decisionReceived: '2024-12-20' });
    expect(r.deadlines.find((d) => d.key === 'objection')?.date).toBe('2025-01-20');
    expect(note(r, 'Objection (Widerspruch) due')).toContain('notified on Sunday 22 December 2024, the third day after posting');
    expect(note(r, 'Objection (Widerspruch) due')).toContain('is Wednesday 22 January 2025');
  });

  test('posted Thursday 2 January 2025, arrived Friday 3 January — the fourth day applies: notified Monday 6 January, law Thursday 6 February 2025', () => {
    // 2 Jan + 4 = Mon 6 Jan 2025 → one month: Thu 6 Feb 2025. From the arrival: Mon 3 Feb 2025.
    const r = computeDeadlines({ jurisdiction: 'DE', sent: '2024-11-04', decided: '2025-01-02', decisionReceived: '2025-01-03' });
    expect(r.deadlines.find((d) => d.key === 'objection')?.date).toBe('2025-02-03');
    expect(note(r, 'Objection (Widerspruch) due')).toContain('notified on Monday 6 January 2025, the fourth day after posting');
    expect(note(r, 'Objection (Widerspruch) due')).toContain('is Thursday 6 February 2025');
  });

  test('arrived after the fourth day — the arrival is the notification (§ 41 Abs. 2 Satz 3): one date, no second reading', () => {
    // Posted Mon 15 Jun 2026, arrived Mon 22 Jun (after Fri 19 Jun): one month → Wed 22 Jul 2026.
    const r = computeDeadlines({ jurisdiction: 'DE', sent: '2026-05-04', decided: '2026-06-15', decisionReceived: '2026-06-22' });
    expect(r.deadlines.find((d) => d.key === 'objection')?.date).toBe('2026-07-22');
    expect(r.assumptions.join(' ')).not.toContain('VwVfG § 41 Abs. 2');
  });

  test('only the letter\'s date — counted from it, and the law\'s later date is given', () => {
    // Dated Mon 15 Jun 2026: shown 15 Jul 2026 (Wed); by § 41 notified Fri 19 Jun → Mon 20 Jul 2026.
    const r = computeDeadlines({ jurisdiction: 'DE', sent: '2026-05-04', decided: '2026-06-15' });
    expect(r.deadlines.find((d) => d.key === 'objection')?.date).toBe('2026-07-15');
    expect(note(r, 'Objection (Widerspruch) due')).toContain('is Monday 20 July 2026');
  });

  test('Widerspruchsbescheid posted Friday 30 October 2026 by registered letter, arrived Saturday 31 October — action shown Monday 30 November; by VwZG § 4 served Tuesday 3 November, so Thursday 3 December', () => {
    // VwGO § 74 Abs. 1: one month from service. From the arrival: 31 Oct → 30 Nov 2026 (§ 188 Abs. 3).
    // VwZG § 4 Abs. 2: 30 Oct + 4 = Tue 3 Nov 2026 → Thu 3 Dec 2026.
    const input = { jurisdiction: 'DE', sent: '2026-05-04', decided: '2026-06-15', appealed: '2026-07-13', appealDecided: '2026-10-30', appealDecisionReceived: '2026-10-31' };
    const r = computeDeadlines(input);
    expect(r.deadlines.find((d) => d.key === 'court_action')).toMatchObject({ date: '2026-11-30', confidence: 'confirmed', stage: 2 });
    const action = note(r, 'Action in the administrative court due');
    expect(action).toContain('served by registered letter');
    expect(action).toContain('notified on Tuesday 3 November 2026, the fourth day after posting');
    expect(action).toContain('is Thursday 3 December 2026');
    expect(action).toContain('VwZG § 4 Abs. 2 Satz 2');
    // VwGO § 58 Abs. 2: one year from 31 Oct 2026 → Sun 31 Oct 2027 → Mon 1 Nov 2027 (ZPO § 222 Abs. 2);
    // for an authority in Nordrhein-Westfalen 1 November is All Saints' Day, so Tue 2 Nov 2027.
    expect(r.deadlines.find((d) => d.key === 'court_action_without_instructions')).toMatchObject({ date: '2027-11-01', stage: 2, binding: 'statutory' });
    expect(computeDeadlines({ ...input, region: 'NW' }).deadlines.find((d) => d.key === 'court_action_without_instructions')?.date).toBe('2027-11-02');
  });

  test('the rules file — every German rule cites the statute on gesetze-im-internet.de, quotes its wording, and none is secondary any more', () => {
    const de = getRules('DE');
    const all = [...de.response, ...de.escalations, ...de.appeals.flatMap((a) => a.deadlines)];
    for (const r of all) {
      expect([r.key, r.source]).toEqual([r.key, expect.stringMatching(/^https:\/\/www\.gesetze-im-internet\.de\/(ifg|vwgo)\//)]);
      expect([r.key, r.notes]).toEqual([r.key, expect.stringMatching(/"[^"]{20,}"/)]);
      expect([r.key, r.confidence]).toEqual([r.key, 'confirmed']);
    }
    expect(getRules('DE').lateNotice?.text).not.toMatch(/once the month has passed/i);
  });
});

describe('the Danish authority directory — ministries as of the last changes found (issue 16)', () => {
  const rows = directoryRows(DIRECTORY_FILES[0].file, DIRECTORY_FILES[0].data);
  const byKey = new Map(rows.map((r) => [r.key, r]));

  test('August 2024: the new Ministeriet for Samfundssikkerhed og Beredskab is there; the church ministry carries the name Statsministeriet gave it', () => {
    expect(byKey.get('min_ministeriet_for_samfundssikkerhed_og_beredskab')).toMatchObject({ name: 'Ministeriet for Samfundssikkerhed og Beredskab', category: 'ministry', appealBodyKey: null });
    expect(byKey.get('min_kirkeministeriet')?.name).toBe('By-, Land- og Kirkeministeriet');
    expect(rows.filter((r) => r.category === 'ministry')).toHaveLength(25);
    expect(rows).toHaveLength(130);
  });

  test('every ministry row names where the list came from, and the entries changed since then say where they were checked', () => {
    for (const r of rows.filter((x) => x.category === 'ministry')) expect([r.key, r.source]).toEqual([r.key, expect.stringContaining('stm.dk')]);
    const checked = (dkAuthorities.authorities as Array<{ key: string; source?: string }>).filter((a) => a.source);
    expect(checked.map((a) => a.key).sort()).toEqual([
      'min_aeldreministeriet', 'min_digitaliseringsministeriet', 'min_europaministeriet', 'min_kirkeministeriet',
      'min_ministeriet_for_groen_trepart', 'min_ministeriet_for_samfundssikkerhed_og_beredskab', 'min_oekonomiministeriet', 'min_social_og_boligministeriet',
    ]);
    for (const a of checked) expect([a.key, a.source]).toEqual([a.key, expect.stringMatching(/^https?:\/\//)]);
    expect(dkAuthorities.confidence.ministry).toBe('secondary');
  });
});
