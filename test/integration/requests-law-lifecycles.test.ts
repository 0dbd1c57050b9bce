import { removeDir, startTestKilde, testClock, type TestKilde } from '../helpers/kilde';
import { buildParty } from '../builders';

/**
 * A request's life through the real app for the UK (FOIA and EIR), the EU, Germany and Sweden:
 * sent → clock stopped → extended (where the law allows it, and where it does not) → decided →
 * appealed → appeal answered, with every deadline's date and met/overdue state. Every date was
 * counted by hand in the comment beside it, against the statute named there.
 * "Today" is Sunday 20 December 2026.
 */
const NOW = '2026-12-20T11:00:00Z';

type Dl = { key: string; date: string; state: string; metOn: string | null; basis: string; binding: string; from: { date: string } };
type Report = {
  start: string; dl: Record<string, Dl>; assumptions: string[]; notes: string[];
  extension: { state: string }; answerDue: { key: string; state: string } | null; appealAnswerDue: { key: string; state: string } | null;
};

describe('FOI law — lifecycles for the UK, the EU, Germany and Sweden', () => {
  let t: TestKilde;
  let authority: string;
  beforeAll(async () => {
    t = await startTestKilde({}, { clock: testClock(NOW) });
    authority = buildParty(t.kilde.db, { name: 'Public Authority', createdAt: NOW }).id;
  });
  afterAll(async () => {
    await t.stop();
    removeDir(t.dir);
  });

  async function create(body: Record<string, unknown>): Promise<string> {
    const res = await t.http.post('/api/requests').send({ authorityId: authority, subject: 'Lifecycle', ...body });
    expect([res.status, res.body.error]).toEqual([201, undefined]);
    return res.body.id as string;
  }
  async function step(id: string, body: Record<string, unknown>): Promise<void> {
    const s = await t.http.post(`/api/requests/${id}/status`).send(body);
    expect([body.status, s.status, s.body.error]).toEqual([body.status, 200, undefined]);
  }
  async function stop(id: string, kind: string, from: string, to?: string): Promise<number> {
    const s = await t.http.post(`/api/requests/${id}/clock-stops`).send({ kind, from, ...(to ? { to } : {}) });
    expect([s.status, s.body.error]).toEqual([201, undefined]);
    return s.body.id as number;
  }
  async function report(id: string): Promise<Report> {
    const d = await t.http.get(`/api/requests/${id}/deadlines`);
    expect(d.status).toBe(200);
    return { ...d.body, dl: Object.fromEntries((d.body.deadlines as Dl[]).map((x) => [x.key, x])) };
  }

  describe('United Kingdom — Freedom of Information Act 2000', () => {
    test('clarification, fees notice, public interest extension, internal review, ICO — every date and state', async () => {
      const id = await create({ jurisdiction: 'UK', sentDate: '2026-03-02', receivedDate: '2026-03-02' });
      // s.1(3), s.10(6)(b): the date of receipt becomes the day the clarification arrived, Mon 9 Mar 2026.
      await stop(id, 'clarification', '2026-03-04', '2026-03-09');
      // s.10(2): the working days from the fees notice (Mon 16 Mar) to the fee's receipt (Fri 20 Mar) are
      // disregarded: 16, 18, 19, 20 Mar — Tue 17 Mar is St Patrick's Day, a bank holiday in Northern Ireland,
      // so not a working day anywhere under s.10(6) ("any part of the United Kingdom").
      await stop(id, 'fee', '2026-03-16', '2026-03-20');
      // s.10(1), 20 working days from Mon 9 Mar without 16–20 Mar: 10–13 (4), 23–27 (9), 30–31 (11), 1–2 Apr (13),
      // Good Friday 3 Apr and Easter Monday 6 Apr closed, 7–10 (17), 13–15 (20) → Wed 15 Apr 2026.
      // Public interest extension (s.10(3), s.17(2)) given Tue 14 Apr, inside the 20 days: lawful.
      await step(id, { status: 'extended', date: '2026-04-14' });
      // Refusal dated and received Fri 8 May 2026.
      await step(id, { status: 'refused', date: '2026-05-08' });
      // Internal review asked Mon 1 Jun, outcome dated Fri 3 Jul, received Mon 6 Jul 2026.
      await step(id, { status: 'appealed', date: '2026-06-01' });
      await step(id, { status: 'appeal_decided', date: '2026-07-03', receivedOn: '2026-07-06' });

      const r = await report(id);
      expect(r.start).toBe('2026-03-09');
      expect(r.extension.state).toBe('lawful');
      expect(r.dl.response).toMatchObject({ date: '2026-04-15', state: 'met', metOn: '2026-04-14', from: { date: '2026-03-09' } });
      // ICO guidance: 20 more working days at most. 40 working days from 9 Mar: the 20th is Thu 9 Apr (without the
      // pause), then 10 (21), 13–17 (26), 20–24 (31), 27–30 (35), 1 May (36), 4 May early May bank holiday,
      // 5–8 (40) → Fri 8 May; plus the 4 disregarded days: 11, 12, 13, 14 → Thu 14 May 2026.
      expect(r.dl.extended_response).toMatchObject({ date: '2026-05-14', state: 'met', metOn: '2026-05-08', binding: 'guidance' });
      expect(r.answerDue?.key).toBe('extended_response');
      // ICO: ask for an internal review within 40 working days of the response, dated Fri 8 May:
      // 11–15 (5), 18–22 (10), 25 May spring bank holiday, 26–29 (14), 1–5 Jun (19), 8–12 (24), 15–19 (29),
      // 22–26 (34), 29–30 (36), 1–3 Jul (39), 6 Jul (40) → Mon 6 Jul 2026.
      expect(r.dl.internal_review_request).toMatchObject({ date: '2026-07-06', state: 'met', metOn: '2026-06-01', from: { date: '2026-05-08' } });
      // s.45 Code para 5.4: 20 working days from Mon 1 Jun: 2–5 (4), 8–12 (9), 15–19 (14), 22–26 (19), 29 (20) → Mon 29 Jun;
      // the outcome came on 3 Jul: late.
      expect(r.dl.internal_review_answer).toMatchObject({ date: '2026-06-29', state: 'late', metOn: '2026-07-03' });
      // At most 40: 30 Jun (21), 1–3 Jul (24), 6–10 (29), Mon 13 Jul closed (Battle of the Boyne, substitute day
      // in Northern Ireland), 14–17 (33), 20–24 (38), 27–28 (40) → Tue 28 Jul 2026.
      expect(r.dl.internal_review_answer_max).toMatchObject({ date: '2026-07-28', state: 'met' });
      // ICO complaints guidance: within six weeks of the final response, received Mon 6 Jul → Mon 17 Aug 2026.
      expect(r.dl.ico_complaint).toMatchObject({ date: '2026-08-17', state: 'overdue', metOn: null, from: { date: '2026-07-06' } });
    });

    test('fees notice not paid — the clock stands still: no answer deadline, nothing overdue, and the report says why', async () => {
      const id = await create({ jurisdiction: 'UK', sentDate: '2026-11-02', receivedDate: '2026-11-02' });
      const fee = await stop(id, 'fee', '2026-11-05');
      const held = await report(id);
      expect(held.dl.response).toBeUndefined();
      expect(held.answerDue).toBeNull();
      expect(held.assumptions.join(' ')).toMatch(/the fee is not paid yet; the clock stands still/);
      // Paid Thu 12 Nov: 5, 6, 9, 10, 11, 12 Nov are disregarded (6 working days). Without the pause: 3–6 (4), 9–13 (9),
      // 16–20 (14), 23–27 (19), Mon 30 Nov St Andrew's Day (Scotland), 1 Dec (20); plus 6: 2–4 Dec, 7–9 Dec → Wed 9 Dec 2026.
      expect((await t.http.patch(`/api/requests/${id}/clock-stops/${fee}`).send({ to: '2026-11-12' })).status).toBe(200);
      expect((await report(id)).dl.response).toMatchObject({ date: '2026-12-09', state: 'overdue' });
    });

    test('public interest notice after the 20th working day — not an extension: the response stays overdue', async () => {
      // Received Mon 2 Nov 2026: 20 working days → Tue 1 Dec (30 Nov is St Andrew's Day). Notice on 2 Dec: too late.
      const id = await create({ jurisdiction: 'UK', sentDate: '2026-11-02', receivedDate: '2026-11-02' });
      await step(id, { status: 'extended', date: '2026-12-02' });
      const r = await report(id);
      expect(r.extension.state).toBe('too_late');
      expect(r.dl.response).toMatchObject({ date: '2026-12-01', state: 'overdue', metOn: null });
      expect(r.dl.extended_response).toBeUndefined();
    });

    test('EIR — complex and voluminous, notice in time — 20 working days become 40 (EIR 2004 reg 7(1), 7(3))', async () => {
      // Received Mon 2 Nov 2026: 20 working days → Tue 1 Dec. Notice Fri 20 Nov, inside the 20 days.
      // 40: 2–4 Dec (23), 7–11 (28), 14–18 (33), 21–24 (37), 25 Dec and Mon 28 Dec (Boxing Day substitute) closed,
      // 29–31 (40) → Thu 31 Dec 2026.
      const id = await create({ jurisdiction: 'UK-EIR', sentDate: '2026-11-02', receivedDate: '2026-11-02' });
      await step(id, { status: 'extended', date: '2026-11-20' });
      const r = await report(id);
      expect(r.dl.response).toMatchObject({ date: '2026-12-01', state: 'met', metOn: '2026-11-20', binding: 'statutory' });
      expect(r.dl.extended_response).toMatchObject({ date: '2026-12-31', state: 'due', binding: 'statutory' });
      expect(r.answerDue).toEqual({ key: 'extended_response', date: '2026-12-31', state: 'due' });
    });
  });

  describe('European Union — Regulation (EC) No 1049/2001', () => {
    test('extension by notice, partial refusal, confirmatory application, silence — the answer is overdue and silence is a refusal', async () => {
      const id = await create({ jurisdiction: 'EU', sentDate: '2026-03-02', receivedDate: '2026-03-02' });
      // Art. 7(1): 15 working days from registration (Mon 2 Mar): 3–6 (4), 9–13 (9), 16–20 (14), 23 (15) → Mon 23 Mar 2026.
      // Art. 7(3): extension notice Thu 19 Mar, in advance. 30 working days: 24–27 (19), 30–31 (21), 1 Apr (22),
      // Maundy Thursday 2 Apr to Easter Monday 6 Apr closed (Commission), 7–10 (26), 13–16 (30) → Thu 16 Apr 2026.
      await step(id, { status: 'extended', date: '2026-03-19' });
      await step(id, { status: 'partly_granted', date: '2026-04-15', receivedOn: '2026-04-16' });
      // Art. 7(2): confirmatory application within 15 working days of receiving the reply (Thu 16 Apr): 17 (1),
      // 20–24 (6), 27–30 (10), 1 May closed, 4–8 (15) → Fri 8 May 2026. Lodged Mon 4 May.
      await step(id, { status: 'appealed', date: '2026-05-04' });
      const r = await report(id);
      expect(r.dl.response).toMatchObject({ date: '2026-03-23', state: 'met', metOn: '2026-03-19' });
      expect(r.dl.extended_response).toMatchObject({ date: '2026-04-16', state: 'met', metOn: '2026-04-15' });
      expect(r.dl.confirmatory_application).toMatchObject({ date: '2026-05-08', state: 'met', metOn: '2026-05-04', from: { date: '2026-04-16' } });
      // Art. 8(1): 15 working days from Mon 4 May: 5–8 (4), 11–13 (7), Ascension 14 May and the Friday after closed,
      // 18–22 (12), Whit Monday 25 May closed, 26–28 (15) → Thu 28 May 2026.
      expect(r.dl.confirmatory_answer).toMatchObject({ date: '2026-05-28', state: 'overdue', metOn: null });
      // Art. 8(2): 30 at most: 29 May (16), 1–5 Jun (21), 8–12 (26), 15–18 (30) → Thu 18 Jun 2026. Art. 8(3): silence
      // is a negative reply.
      expect(r.dl.confirmatory_answer_extended).toMatchObject({ date: '2026-06-18', state: 'overdue', metOn: null });
      expect(r.appealAnswerDue).toMatchObject({ key: 'confirmatory_answer', state: 'overdue' });
      expect(r.notes.join(' ')).toMatch(/no answer counts as a refusal/);
      // The holidays of 2026 were not checked against a published decision: the report says so.
      expect(r.assumptions.join(' ')).toMatch(/checked against the Commission's published lists for 2002, 2008, 2013, 2014 and 2023.*Years counted without a checked list: 2026\./);
    });

    test('received on a Saturday before the end-of-year closure — registered Monday, reply due Wednesday 20 January 2027', async () => {
      // Sat 19 Dec 2026 → registered Mon 21 Dec; 22–23 (2), 24 Dec – 1 Jan closed, 4–8 (7), 11–15 (12), 18–20 (15).
      const id = await create({ jurisdiction: 'EU', sentDate: '2026-12-19', receivedDate: '2026-12-19' });
      const r = await report(id);
      expect(r.start).toBe('2026-12-21');
      expect(r.dl.response).toMatchObject({ date: '2027-01-20', state: 'due' });
      expect(r.assumptions.join(' ')).toContain('Years counted without a checked list: 2026, 2027.');
    });

    test('sent to the Parliament in 2023 — the Commission\'s list for 2023 (OJ C 201 I) counts, and the report says the Parliament\'s own was not found', async () => {
      // Registered Mon 23 Oct 2023: 24–27 (4), 30–31 (6), All Saints' and All Souls' Day closed, 3 Nov (7), 6–10 (12), 13–15 (15).
      const id = await create({ jurisdiction: 'EU', region: 'EP', sentDate: '2023-10-23', receivedDate: '2023-10-23' });
      const r = await report(id);
      expect(r.dl.response).toMatchObject({ date: '2023-11-15' });
      expect(r.assumptions.join(' ')).toMatch(/A list of the European Parliament's own was not found/);
      expect(r.assumptions.join(' ')).not.toContain('without a checked list');
      const wrong = await t.http.post('/api/requests').send({ authorityId: authority, subject: 'Lifecycle', jurisdiction: 'EU', region: 'ECB', sentDate: '2023-10-23' });
      expect([wrong.status, wrong.body.error?.message]).toEqual([400, expect.stringMatching(/"ECB" is not one of COM, EP, CON/)]);
      // The calculator offers the three institutions and reports for the one chosen.
      const page = await t.http.get('/foi/deadlines').query({ lang: 'en', jurisdiction: 'EU', region: 'CON', sent: '2014-07-14' });
      expect([page.status, page.text.includes('Council of the European Union (CON)'), page.text.includes('General Secretariat')]).toEqual([200, true, true]);
    });
  });

  describe('Germany — Informationsfreiheitsgesetz (Bund)', () => {
    test('authority in Nordrhein-Westfalen — month ends on Corpus Christi; "extension" not allowed; objection, its inaction period, court', async () => {
      const id = await create({ jurisdiction: 'DE', region: 'NW', sentDate: '2026-05-04', receivedDate: '2026-05-04' });
      // IFG § 7(5) with BGB §§ 187(1), 188(2): receipt Mon 4 May not counted, one month ends Thu 4 Jun 2026 —
      // Fronleichnam, a holiday in NRW — so Fri 5 Jun (BGB § 193).
      await step(id, { status: 'extended', date: '2026-05-20' });
      await step(id, { status: 'refused', date: '2026-06-15', receivedOn: '2026-06-17' });
      // VwGO § 70: objection within one month of notification, received Wed 17 Jun → Fri 17 Jul 2026. Lodged Mon 13 Jul.
      await step(id, { status: 'appealed', date: '2026-07-13' });
      // Widerspruchsbescheid dated Thu 1 Oct, received Mon 5 Oct 2026.
      await step(id, { status: 'appeal_decided', date: '2026-10-01', receivedOn: '2026-10-05' });
      const r = await report(id);
      expect(r.extension.state).toBe('not_allowed');
      expect(r.dl.response).toMatchObject({ date: '2026-06-05', state: 'late', metOn: '2026-06-15', binding: 'guidance' });
      // VwGO § 75: suit for failure to act not before three months after the application: Tue 4 Aug 2026.
      expect(r.dl.inaction_suit).toMatchObject({ date: '2026-08-04', state: 'met' });
      expect(r.dl.objection).toMatchObject({ date: '2026-07-17', state: 'met', metOn: '2026-07-13', from: { date: '2026-06-17' } });
      // VwGO § 58(2): one year without correct instructions → Thu 17 Jun 2027 (Corpus Christi 2027 is 27 May).
      expect(r.dl.objection_without_instructions).toMatchObject({ date: '2027-06-17' });
      // VwGO § 75: three months after the objection, Tue 13 Oct 2026; it was decided on 1 Oct.
      expect(r.dl.objection_inaction).toMatchObject({ date: '2026-10-13', state: 'met', metOn: '2026-10-01' });
      // VwGO § 74(1): action within one month of the Widerspruchsbescheid, received Mon 5 Oct → Thu 5 Nov 2026.
      expect(r.dl.court_action).toMatchObject({ date: '2026-11-05', state: 'overdue', from: { date: '2026-10-05' } });
      expect(r.assumptions.join(' ')).toMatch(/allows no extension/);
    });

    test('the same dates in Berlin — Corpus Christi is a working day there: the month ends Thursday 4 June 2026', async () => {
      const id = await create({ jurisdiction: 'DE', region: 'BE', sentDate: '2026-05-04', receivedDate: '2026-05-04' });
      expect((await report(id)).dl.response).toMatchObject({ date: '2026-06-04' });
    });
  });

  describe('Sweden — tryckfrihetsförordningen ch. 2', () => {
    test('received on a weekday, decided the same day — JO\'s same-day norm met', async () => {
      // TF 2:15–16 ("skyndsamt"); JO 4209-09: normally the same day. Tue 10 Nov 2026 → expected Tue 10 Nov.
      const id = await create({ jurisdiction: 'SE', sentDate: '2026-11-10', receivedDate: '2026-11-10' });
      await step(id, { status: 'granted', date: '2026-11-10' });
      const r = await report(id);
      expect(r.dl.expected).toMatchObject({ date: '2026-11-10', state: 'met', binding: 'guidance' });
      expect(r.notes.join(' ')).toMatch(/JO expects a decision normally the same day/);
    });

    test('received on a Saturday, formal decision weeks later, appeal counted from the day it was received', async () => {
      // Sat 7 Nov 2026: the authority is closed, so the same-day norm means Mon 9 Nov; JO's "a few days" (3 working
      // days, our threshold): 9, 10, 11 → Wed 11 Nov.
      const id = await create({ jurisdiction: 'SE', sentDate: '2026-11-07', receivedDate: '2026-11-07' });
      // Formal decision dated Wed 2 Dec, received Fri 4 Dec 2026.
      await step(id, { status: 'refused', date: '2026-12-02', receivedOn: '2026-12-04' });
      await step(id, { status: 'appealed', date: '2026-12-14' });
      const r = await report(id);
      expect(r.dl.expected).toMatchObject({ date: '2026-11-09', state: 'late', metOn: '2026-12-02' });
      expect(r.dl.late_per_practice).toMatchObject({ date: '2026-11-11', state: 'late' });
      expect(r.assumptions.join(' ')).toMatch(/Saturday 7 November 2026 is not a working day.*Read strictly, "the same day" would be the closed day itself/);
      // Förvaltningslagen 44 §: three weeks from the day the decision was received (Fri 4 Dec) → Fri 25 Dec, juldagen;
      // lag (1930:173) 2 §: 26 Dec annandag jul (Saturday), 27 Dec Sunday → Mon 28 Dec 2026.
      expect(r.dl.appeal).toMatchObject({ date: '2026-12-28', state: 'met', metOn: '2026-12-14', from: { date: '2026-12-04' } });
    });
  });
  describe('deadline calculator page — the new inputs, without JavaScript', () => {
    const row = (html: string, key: string) => new RegExp(`<tr[^>]*data-deadline="${key}" data-date="([0-9-]+)"[^>]*>([\\s\\S]*?)</tr>`).exec(html);

    test('the form — a plain GET form with receipt, region, clock stops, notice, letter date and receipt of the decision', async () => {
      const res = await t.http.get('/foi/deadlines');
      expect(res.status).toBe(200);
      expect(res.text).toMatch(/<form[^>]*method="get" action="\/foi\/deadlines"/);
      for (const name of ['jurisdiction', 'region', 'sent', 'received', 'clarificationFrom', 'clarificationTo', 'feeFrom', 'feeTo',
        'extended', 'extendedOn', 'promised', 'decided', 'decisionReceived', 'appealed', 'appealDecided', 'appealDecisionReceived']) {
        expect([name, res.text.includes(`name="${name}"`)]).toEqual([name, true]);
      }
      expect(res.text).toContain('<option value="NW" >Nordrhein-Westfalen (NW)</option>');
    });

    test('UK, every stop entered — the same dates as the request\'s lifecycle, each with what it counts from', async () => {
      const res = await t.http.get('/foi/deadlines').query({
        jurisdiction: 'UK', sent: '2026-03-02', received: '2026-03-02', clarificationFrom: '2026-03-04', clarificationTo: '2026-03-09',
        feeFrom: '2026-03-16', feeTo: '2026-03-20', extended: '1', extendedOn: '2026-04-14', decided: '2026-05-08',
      });
      expect(res.status).toBe(200);
      expect(row(res.text, 'response')?.[1]).toBe('2026-04-15');
      expect(row(res.text, 'response')?.[2]).toContain('data-from="2026-03-09"');
      expect(row(res.text, 'extended_response')?.[1]).toBe('2026-05-14');
      expect(row(res.text, 'internal_review_request')?.[2]).toContain('the date on the decision letter');
      expect(res.text).toContain('4 working days from Monday 16 March 2026 to Friday 20 March 2026 are not counted');
      expect(res.text).toContain('href="/api/foi/deadlines?jurisdiction=UK&amp;sent=2026-03-02');
    });

    test('the JSON link — answers the same dates with the stops', async () => {
      const res = await t.http.get('/api/foi/deadlines').query({ jurisdiction: 'UK', sent: '2026-03-02', clarificationFrom: '2026-03-04', clarificationTo: '2026-03-09' });
      expect(res.body.deadlines.find((d: { key: string }) => d.key === 'response').date).toBe('2026-04-09');
    });

    test('Germany in Danish, letter dated vs received — region NW moves the month, the objection counts from receipt', async () => {
      const res = await t.http.get('/foi/deadlines').query({
        lang: 'da', jurisdiction: 'DE', region: 'NW', sent: '2026-05-04', decided: '2026-06-15', decisionReceived: '2026-06-17',
      });
      expect(res.status).toBe(200);
      expect(res.text).toContain('Myndighedens hjemsted eller EU-institution (helligdage)');
      expect(res.text).toContain('Regnes fra');
      expect(row(res.text, 'response')?.[1]).toBe('2026-06-05');
      expect(row(res.text, 'objection')?.[1]).toBe('2026-07-17');
      expect(row(res.text, 'objection')?.[2]).toContain('den dag, afgørelsen blev modtaget');
      const berlin = await t.http.get('/foi/deadlines').query({ jurisdiction: 'DE', region: 'BE', sent: '2026-05-04' });
      expect(row(berlin.text, 'response')?.[1]).toBe('2026-06-04');
    });

    test('a fee paid but no notice date, a region Denmark does not have — 400 with the reason on the page', async () => {
      // In English: an earlier test left the agent's language cookie on Danish, and the reason follows the page's language.
      const fee = await t.http.get('/foi/deadlines').query({ lang: 'en', jurisdiction: 'UK', sent: '2026-03-02', feeTo: '2026-03-20' });
      expect([fee.status, fee.text.includes('feeTo: give feeFrom')]).toEqual([400, true]);
      const region = await t.http.get('/foi/deadlines').query({ lang: 'en', jurisdiction: 'DK', region: 'NW', sent: '2026-03-02' });
      expect([region.status, region.text.includes('one holiday calendar')]).toEqual([400, true]);
    });
  });
});
