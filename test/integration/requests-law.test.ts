import fs from 'node:fs';
import path from 'node:path';
import { removeDir, startTestKilde, testClock, waitForStatus, type TestKilde } from '../helpers/kilde';
import { buildParty } from '../builders';

/**
 * The law beyond the dates, through the real app: a request's life per jurisdiction (sent →
 * extended → decided → appealed → appeal answered) with every deadline's date and state, the clock
 * stops, the list of documents read from an answer and counted per paragraph, and the directory.
 * "Today" is Sunday 20 December 2026, noon in Copenhagen.
 */
const NOW = '2026-12-20T11:00:00Z';

type Dl = { key: string; date: string; state: string; metOn: string | null; from: { date: string } };

describe('FOI law — lifecycles, clock stops, aktliste, directory', () => {
  let t: TestKilde;
  let authority: string;
  beforeAll(async () => {
    t = await startTestKilde({}, { clock: testClock(NOW) });
    authority = buildParty(t.kilde.db, { name: 'Beskæftigelsesministeriet', createdAt: NOW }).id;
  });
  afterAll(async () => {
    await t.stop();
    removeDir(t.dir);
  });

  async function lifecycle(body: Record<string, unknown>, steps: Array<Record<string, unknown>>): Promise<{ id: string; dl: Record<string, Dl>; raw: { extension?: unknown; answerDue: { key: string } | null } }> {
    const res = await t.http.post('/api/requests').send({ authorityId: authority, subject: 'Livsforløb', ...body });
    expect([res.status, res.body.error]).toEqual([201, undefined]);
    for (const step of steps) {
      const s = await t.http.post(`/api/requests/${res.body.id}/status`).send(step);
      expect([step.status, s.status, s.body.error]).toEqual([step.status, 200, undefined]);
    }
    const d = await t.http.get(`/api/requests/${res.body.id}/deadlines`);
    expect(d.status).toBe(200);
    return { id: res.body.id, dl: Object.fromEntries((d.body.deadlines as Dl[]).map((x) => [x.key, x])), raw: d.body };
  }

  test('DK — fristbrev in time, refused, appealed, appeal decided — every deadline met, the next one open (OFL §§ 36–37)', async () => {
    // Received Mon 2 Nov 2026: 7 WD → Wed 11 Nov. Fristbrev 6 Nov promising 20 Nov; refused 19 Nov; appealed 23 Nov:
    // forward by 2 Dec (24–27 Nov, 30 Nov, 1–2 Dec); appeal body 20 WD from 2 Dec: 3–4 = 2, 7–11 = 7, 14–18 = 12,
    // 21–23 = 15, 24–25 Dec closed, 28–30 = 18, 31 Dec and 1 Jan closed, 4–5 Jan = 20 → Tue 5 Jan 2027.
    const { dl, raw } = await lifecycle({ sentDate: '2026-11-02', receivedDate: '2026-11-02' }, [
      { status: 'extended', date: '2026-11-06', promisedDate: '2026-11-20' },
      { status: 'refused', date: '2026-11-19' },
      { status: 'appealed', date: '2026-11-23' },
    ]);
    expect(dl.response).toMatchObject({ date: '2026-11-11', state: 'met', metOn: '2026-11-06' });
    expect(dl.promised).toMatchObject({ date: '2026-11-20', state: 'met', metOn: '2026-11-19' });
    expect(raw.answerDue?.key).toBe('promised');
    expect(dl.appeal_forward).toMatchObject({ date: '2026-12-02' });
    expect(dl.appeal_body_decision).toMatchObject({ date: '2027-01-05', state: 'due', from: { date: '2026-12-02' } });
  });

  test('DK — fristbrev after the 7 working days — not a lawful notice: the answer deadline is overdue', async () => {
    const { dl, raw } = await lifecycle({ sentDate: '2026-11-02', receivedDate: '2026-11-02' }, [{ status: 'extended', date: '2026-11-13', promisedDate: '2026-12-31' }]);
    expect(dl.response).toMatchObject({ date: '2026-11-11', state: 'overdue', metOn: null });
    expect(dl.promised).toBeUndefined();
    expect(raw.answerDue?.key).toBe('response');
    const overview = await t.http.get('/api/requests/overview').query({ authority });
    const overdue = overview.body.buckets.overdue.flatMap((g: { requests: Array<{ subject: string; deadline: { key: string } }> }) => g.requests.map((r) => r.deadline.key));
    expect(overdue).toContain('response');
  });

  test('NO — "extended", then refused — the law has no extension: deemed refusal late, not met by the notice (offentleglova §§ 29, 32)', async () => {
    // Received Mon 2 Nov 2026: 5 WD → Mon 9 Nov. Refusal dated 20 Nov, received Fri 27 Nov: three weeks → Fri 18 Dec.
    const { dl } = await lifecycle({ jurisdiction: 'NO', sentDate: '2026-11-02' }, [
      { status: 'extended', date: '2026-11-04' },
      { status: 'refused', date: '2026-11-20', receivedOn: '2026-11-27' },
    ]);
    expect(dl.deemed_refusal).toMatchObject({ date: '2026-11-09', state: 'late', metOn: '2026-11-20' });
    expect(dl.target).toMatchObject({ state: 'late' });
    expect(dl.appeal).toMatchObject({ date: '2026-12-18', state: 'overdue', from: { date: '2026-11-27' } });
  });

  test('UK-SCT — silence, review required, review answered — s.20(5) from the end of the 20 days, s.21 and s.47 after it', async () => {
    // Received Mon 2 Nov 2026: 20 WD → Mon 30 Nov is St Andrew's Day, so: 3–6 = 4, 9–13 = 9, 16–20 = 14, 23–27 = 19, 1 Dec = 20.
    const { dl } = await lifecycle({ jurisdiction: 'UK-SCT', sentDate: '2026-11-02' }, [
      { status: 'extended', date: '2026-11-20' },
      { status: 'appealed', date: '2026-12-03' },
    ]);
    expect(dl.response).toMatchObject({ date: '2026-12-01', state: 'overdue' });
    expect(dl.review_request).toMatchObject({ state: 'met', metOn: '2026-12-03', from: { date: '2026-12-01' } });
    // Review required Thu 3 Dec: 4 = 1, 7–11 = 6, 14–18 = 11, 21–24 = 15, 25 and 28 Dec closed, 29–31 = 18, 1 Jan closed,
    // 4 Jan (Scottish 2 January substitute) closed, 5–6 Jan = 20 → Wed 6 Jan 2027.
    expect(dl.review_answer).toMatchObject({ date: '2027-01-06', state: 'due' });
  });

  test('US — extension in time, adverse determination, appeal not decided — the appeal decision is overdue (5 U.S.C. § 552(a)(6))', async () => {
    // Received Fri 12 Jun 2026 → 20 WD Tue 14 Jul; notice 1 Jul → 30 WD Tue 28 Jul. Letter dated Mon 27 Jul, received
    // 3 Aug: appeal 90 days from the letter date → Sun 25 Oct 2026. Appealed Tue 1 Sep: 2–4 = 3, 7 Sep (Labor Day)
    // closed, 8–11 = 7, 14–18 = 12, 21–25 = 17, 28–30 = 20 → Wed 30 Sep 2026.
    const { id, dl } = await lifecycle({ jurisdiction: 'US', sentDate: '2026-06-12' }, [
      { status: 'extended', date: '2026-07-01' },
      { status: 'refused', date: '2026-07-27', receivedOn: '2026-08-03' },
      { status: 'appealed', date: '2026-09-01' },
    ]);
    expect(dl.extended_response).toMatchObject({ date: '2026-07-28', state: 'met', metOn: '2026-07-27' });
    expect(dl.appeal).toMatchObject({ date: '2026-10-25', state: 'met', from: { date: '2026-07-27' } });
    expect(dl.appeal_decision).toMatchObject({ date: '2026-09-30', state: 'overdue' });
    const overview = await t.http.get('/api/requests/overview').query({ authority });
    const overdueIds = overview.body.buckets.overdue.flatMap((g: { requests: Array<{ id: string }> }) => g.requests.map((r) => r.id));
    expect(overdueIds).toContain(id);
  });

  test('status — receivedOn before the letter date, promisedDate on a decision — rejected with the field named', async () => {
    const res = await t.http.post('/api/requests').send({ authorityId: authority, subject: 'Forkert', sentDate: '2026-11-02' });
    const early = await t.http.post(`/api/requests/${res.body.id}/status`).send({ status: 'refused', date: '2026-11-10', receivedOn: '2026-11-09' });
    expect([early.status, early.body.error.message]).toEqual([400, expect.stringContaining('receivedOn 2026-11-09 is before the date on the letter')]);
    const promised = await t.http.post(`/api/requests/${res.body.id}/status`).send({ status: 'refused', date: '2026-11-10', promisedDate: '2026-11-30' });
    expect([promised.status, promised.body.error.message]).toEqual([400, expect.stringContaining('promisedDate belongs to a notice')]);
  });

  test('clock stop — UK clarification asked and answered — restarts the 20 working days; stored, listed and deleted', async () => {
    const res = await t.http.post('/api/requests').send({ authorityId: authority, subject: 'Clarify', jurisdiction: 'UK', sentDate: '2026-03-02' });
    const stop = await t.http.post(`/api/requests/${res.body.id}/clock-stops`).send({ kind: 'clarification', from: '2026-03-04' });
    expect(stop.status).toBe(201);
    const ended = await t.http.patch(`/api/requests/${res.body.id}/clock-stops/${stop.body.id}`).send({ to: '2026-03-09' });
    expect(ended.body).toMatchObject({ kind: 'clarification', from: '2026-03-04', to: '2026-03-09' });
    const d = await t.http.get(`/api/requests/${res.body.id}/deadlines`);
    expect(d.body.start).toBe('2026-03-09');
    expect(d.body.deadlines.find((x: Dl) => x.key === 'response').date).toBe('2026-04-09');
    const bad = await t.http.post(`/api/requests/${res.body.id}/clock-stops`).send({ kind: 'clarification', from: '2026-03-01' });
    expect([bad.status, bad.body.error.message]).toEqual([400, expect.stringContaining('before the authority received the request')]);
    expect((await t.http.delete(`/api/requests/${res.body.id}/clock-stops/${stop.body.id}`)).status).toBe(204);
    expect(t.kilde.db.prepare('SELECT COUNT(*) FROM request_clock_stops WHERE request_id = ?').pluck().get(res.body.id)).toBe(0);
  });

  test('region — a German Land — stored and used; a Danish request refuses one', async () => {
    const de = await t.http.post('/api/requests').send({ authorityId: authority, subject: 'NRW', jurisdiction: 'DE', region: 'nw', sentDate: '2026-10-01' });
    expect(de.body.region ?? t.kilde.db.prepare('SELECT region FROM requests WHERE id = ?').pluck().get(de.body.id)).toBe('NW');
    // Received Thu 1 Oct 2026: one month ends Sun 1 Nov (All Saints in NRW), Monday 2 Nov 2026 either way.
    const d = await t.http.get(`/api/requests/${de.body.id}/deadlines`);
    expect(d.body.deadlines.find((x: Dl) => x.key === 'response').date).toBe('2026-11-02');
    const dk = await t.http.post('/api/requests').send({ authorityId: authority, subject: 'DK', region: 'NW', sentDate: '2026-10-01' });
    expect([dk.status, dk.body.error.message]).toEqual([400, expect.stringContaining('one holiday calendar')]);
  });

  test('aktliste — an answer uploaded to the log — its list becomes suggestions; accepted ones are counted per paragraph and fill the appeal letter', async () => {
    const res = await t.http.post('/api/requests').send({ authorityId: authority, subject: 'Cloud', sentDate: '2026-11-02' });
    const id = res.body.id as string;
    await t.http.post(`/api/requests/${id}/status`).send({ status: 'partly_granted', date: '2026-11-10' });
    const text = fs.readFileSync(path.join(__dirname, '../fixtures/aktlister/ministeriet-tabel.txt'));
    const log = await t.http.post(`/api/requests/${id}/log`).field('kind', 'received').field('summary', 'Afgørelse').attach('files', text, 'afgoerelse.txt');
    expect(log.status).toBe(201);
    await waitForStatus(t, log.body.documents[0].id, ['ready']);

    const view = await t.http.get(`/requests/${id}`);
    expect(view.status).toBe(200);
    const list = (await t.http.get(`/api/requests/${id}/exemptions`)).body.exemptions as Array<{ id: number; number: string; decision: string; bases: string[]; state: string }>;
    expect(list.map((e) => [e.number, e.decision, e.bases.join('+'), e.state])).toEqual([
      ['1', 'granted', '', 'suggested'], ['2', 'refused', 'ofl_24', 'suggested'], ['3', 'partly', 'ofl_30', 'suggested'],
      ['4', 'refused', 'ofl_23', 'suggested'], ['5', 'granted', '', 'suggested'], ['6', 'granted', '', 'suggested'],
    ]);
    // Opening the page again suggests nothing twice.
    await t.http.get(`/requests/${id}`);
    expect((await t.http.get(`/api/requests/${id}/exemptions`)).body.exemptions).toHaveLength(6);

    for (const n of ['2', '3', '4']) {
      const e = list.find((x) => x.number === n)!;
      expect((await t.http.patch(`/api/requests/${id}/exemptions/${e.id}`).send({ state: 'accepted' })).status).toBe(200);
    }
    const dismissed = await t.http.patch(`/api/requests/${id}/exemptions/${list[0].id}`).send({ state: 'dismissed' });
    expect(dismissed.body.state).toBe('dismissed');
    // A refused document with no file, entered by hand under a § the law does not have — rejected.
    const bad = await t.http.post(`/api/requests/${id}/exemptions`).send({ title: 'Notat', decision: 'refused', bases: ['ofl_99'] });
    expect([bad.status, bad.body.error.message]).toEqual([400, expect.stringContaining('ofl_99 is not a legal basis of Offentlighedsloven')]);
    const manual = await t.http.post(`/api/requests/${id}/exemptions`).send({ number: '7', title: 'Ministernotat', decision: 'refused', bases: ['ofl_24'] });
    expect(manual.status).toBe(201);
    expect(manual.body).toMatchObject({ state: 'accepted', documentId: null });

    const record = await t.http.get(`/api/parties/${authority}/foi-record`);
    expect(record.body.refusalsByBasis).toEqual(expect.arrayContaining([
      expect.objectContaining({ basis: 'ofl_24', decision: 'refused', documents: 2, requests: 1, ref: '§ 24' }),
      expect.objectContaining({ basis: 'ofl_23', decision: 'refused', documents: 1 }),
      expect.objectContaining({ basis: 'ofl_30', decision: 'partly', documents: 1 }),
    ]));
    const party = await t.http.get(`/parties/${authority}`);
    if (party.status === 200 && party.text.includes('foi-record')) expect(party.text).toContain('data-basis="ofl_24"');

    const letter = await t.http.get(`/api/requests/${id}/letters/appeal`).query({ lang: 'da' });
    expect(letter.body.body).toContain('- 2. Mail fra STAR til departementet (29. juni 2018): undtaget, § 24');
    expect(letter.body.body).toContain('Jeg bestrider anvendelsen af § 24, § 30, § 23.');
  });

  test('directory — the 98 municipalities, 5 regions and the ministries, each with its appeal body; a party made on use', async () => {
    const all = (await t.http.get('/api/foi/authorities')).body.authorities as Array<{ key: string; name: string; category: string; appealBodyName: string | null }>;
    expect(all.filter((a) => a.category === 'municipality')).toHaveLength(98);
    expect(all.filter((a) => a.category === 'region')).toHaveLength(5);
    expect(all.find((a) => a.name === 'Aarhus Kommune')).toMatchObject({ appealBodyName: 'Ankestyrelsen' });
    expect(all.find((a) => a.name === 'Region Nordjylland')).toMatchObject({ appealBodyName: 'Ankestyrelsen' });
    // Seeding made no parties: the directory is reference data until someone uses it.
    expect(t.kilde.db.prepare("SELECT COUNT(*) FROM parties WHERE name = 'Aarhus Kommune'").pluck().get()).toBe(0);
    const made = await t.http.post('/api/foi/authorities/kom_aarhus/party');
    expect(made.status).toBe(201);
    expect((await t.http.post('/api/foi/authorities/kom_aarhus/party')).body).toEqual({ partyId: made.body.partyId, created: false });
    // An existing party of the same name is reused, not duplicated.
    const reused = await t.http.post('/api/foi/authorities/min_beskaeftigelsesministeriet/party');
    expect(reused.body).toEqual({ partyId: authority, created: false });
    const edited = await t.http.patch('/api/foi/authorities/kom_aarhus').send({ appealBodyKey: 'folketingets_ombudsmand' });
    expect(edited.body).toMatchObject({ appealBodyName: 'Folketingets Ombudsmand' });
    const record = await t.http.get(`/api/parties/${made.body.partyId}/foi-record`);
    expect(record.body.appealBody).toEqual({ key: 'folketingets_ombudsmand', name: 'Folketingets Ombudsmand' });
    expect((await t.http.patch('/api/foi/authorities/kom_aarhus').send({ appealBodyKey: 'nowhere' })).status).toBe(400);
  });

  test('request page — shows what each deadline counts from, the clock stops and the list of documents', async () => {
    const res = await t.http.post('/api/requests').send({ authorityId: authority, subject: 'Side', jurisdiction: 'US', sentDate: '2026-06-12' });
    await t.http.post(`/api/requests/${res.body.id}/status`).send({ status: 'refused', date: '2026-07-14', receivedOn: '2026-07-20' });
    const page = await t.http.get(`/requests/${res.body.id}?lang=en`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('the date on the decision letter');
    expect((await t.http.get(`/requests/${res.body.id}?lang=da`)).text).toContain('fra afgørelsens dato');
    expect(page.text).toContain('id="exemptions"');
    expect(page.text).toContain('id="clock-stops"');
  });
});
