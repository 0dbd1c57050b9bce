import { makePdf } from '../helpers/pdf';
import { removeDir, startTestKilde, waitForStatus, type TestKilde } from '../helpers/kilde';

interface Suggestion {
  id: number;
  kind: string;
  value: string;
  page: number | null;
  state: string;
  detail: Record<string, unknown>;
  party?: { id: string };
}

describe('suggestions — from the text, accepted or dismissed', () => {
  let t: TestKilde;
  let doc: string;
  let star: string;
  let kl: string;
  const list = async (id = doc, state?: string): Promise<Suggestion[]> => {
    const res = await t.http.get(`/api/documents/${id}/suggestions`).query(state ? { state } : {});
    expect(res.status).toBe(200);
    return res.body.suggestions;
  };
  const find = async (kind: string, value?: string) => (await list()).find((s) => s.kind === kind && (value === undefined || s.value === value))!;

  beforeAll(async () => {
    t = await startTestKilde();
    star = (await t.http.post('/api/parties').send({ kind: 'authority', name: 'Styrelsen for Arbejdsmarked og Rekruttering', shortName: 'STAR' }).expect(201)).body.id;
    kl = (await t.http.post('/api/parties').send({ kind: 'organisation', name: 'KL', aliases: ['Kommunernes Landsforening'] }).expect(201)).body.id;
    const pdf = await makePdf([
      'København, 28. september 2018\n\nTil Kommunernes Landsforening\n\nStyrelsen for Arbejdsmarked og Rekruttering skrev den 28. juni 2018. Jeg beder om en redegørelse senest 15. oktober.',
      'Sagen omfatter borger med cpr-nr. 070761-4285.\nMødet er kl. 14.',
    ]);
    const res = await t.http.post('/api/documents').attach('file', pdf, 'ministerens-brev.pdf');
    doc = res.body.id;
    await waitForStatus(t, doc);
  });
  afterAll(async () => {
    await t.stop();
    removeDir(t.dir);
  });

  test('after extraction — parties by name and alias with pages, the letter date, event dates, CPR pages', async () => {
    const all = await list();
    const mentions = all.filter((s) => s.kind === 'party_mention').map((s) => [s.party?.id, s.page]);
    expect(mentions).toEqual(expect.arrayContaining([[star, 1], [kl, 1]]));
    expect(mentions).toHaveLength(2);
    expect(all.filter((s) => s.kind === 'document_date').map((s) => s.value)).toEqual(['2018-09-28']);
    expect(all.filter((s) => s.kind === 'event_date').map((s) => s.value).sort()).toEqual(['2018-06-28', '2018-10-15']);
    const pd = all.filter((s) => s.kind === 'personal_data');
    expect(pd).toEqual([expect.objectContaining({ value: 'page:2', page: 2, detail: expect.objectContaining({ masked: ['070761-****'], mod11: true }) })]);
    expect(JSON.stringify(all)).not.toContain('4285');
    const res = await t.http.get(`/api/documents/${doc}/suggestions`);
    expect(res.body.personalData).toEqual({ pages: [2], confirmed: false });
  });

  test('accept a party mention — linked as "mentioned", audited, reindexed; the suggestion is accepted', async () => {
    const s = await find('party_mention', kl);
    await t.kilde.indexer.drain();
    await t.kilde.indexer.stop();
    try {
      const res = await t.http.post(`/api/documents/${doc}/suggestions/${s.id}/accept`).send({});
      expect(res.status).toBe(200);
      expect(res.body.state).toBe('accepted');
      expect(t.kilde.db.prepare('SELECT COUNT(*) FROM search_outbox WHERE document_id = ?').pluck().get(doc)).toBe(1);
    } finally {
      t.kilde.indexer.start();
    }
    const links = (await t.http.get(`/api/documents/${doc}/links`)).body;
    expect(links.parties).toContainEqual(expect.objectContaining({ role: 'mentioned', party: expect.objectContaining({ id: kl }) }));
    expect((await t.http.post(`/api/documents/${doc}/suggestions/${s.id}/accept`).send({})).status).toBe(409);
  });

  test('accept with a role — the party is linked with that role', async () => {
    const s = await find('party_mention', star);
    expect((await t.http.post(`/api/documents/${doc}/suggestions/${s.id}/accept`).send({ role: 'sender' })).status).toBe(200);
    expect((await t.http.get(`/api/documents/${doc}/links`)).body.parties).toContainEqual(expect.objectContaining({ role: 'sender', party: expect.objectContaining({ id: star }) }));
  });

  test('accept the document date — the document takes it', async () => {
    const s = await find('document_date');
    expect((await t.http.post(`/api/documents/${doc}/suggestions/${s.id}/accept`).send({})).status).toBe(200);
    expect((await t.http.get(`/api/documents/${doc}`)).body).toMatchObject({ documentDate: '2018-09-28', datePrecision: 'day' });
  });

  test('accept an event date with a title — the event is created and linked', async () => {
    const s = await find('event_date', '2018-10-15');
    const res = await t.http.post(`/api/documents/${doc}/suggestions/${s.id}/accept`).send({ title: 'Frist for KLs redegørelse' });
    expect(res.status).toBe(200);
    const events = (await t.http.get(`/api/documents/${doc}/links`)).body.events;
    expect(events).toContainEqual(expect.objectContaining({ title: 'Frist for KLs redegørelse', date: '2018-10-15', precision: 'day' }));
    expect(res.body.detail.eventId).toBe(events.find((e: { title: string }) => e.title === 'Frist for KLs redegørelse').id);
  });

  test('dismiss — the suggestion never comes back, not after a new scan, not after a new extraction', async () => {
    const s = await find('event_date', '2018-06-28');
    const res = await t.http.post(`/api/documents/${doc}/suggestions/${s.id}/dismiss`);
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('dismissed');
    expect((await t.http.post(`/api/documents/${doc}/suggestions/scan`)).status).toBe(200);
    expect((await list(doc, 'open')).find((x) => x.kind === 'event_date' && x.value === '2018-06-28')).toBeUndefined();
    expect((await list(doc, 'dismissed')).map((x) => x.id)).toEqual([s.id]);
    expect((await t.http.post(`/api/documents/${doc}/extract`)).status).toBe(202);
    await waitForStatus(t, doc);
    expect((await list(doc)).filter((x) => x.kind === 'event_date' && x.value === '2018-06-28').map((x) => x.state)).toEqual(['dismissed']);
    expect(t.kilde.db.prepare("SELECT COUNT(*) FROM suggestions WHERE document_id = ? AND value = '2018-06-28'").pluck().get(doc)).toBe(1);
  });

  test('personal data — accepting confirms the flag; dismissing a false alarm clears it', async () => {
    const s = await find('personal_data');
    expect((await t.http.post(`/api/documents/${doc}/suggestions/${s.id}/accept`).send({})).status).toBe(200);
    expect((await t.http.get(`/api/documents/${doc}/suggestions`)).body.personalData).toEqual({ pages: [2], confirmed: true });
    const other = (await t.http.post('/api/documents').attach('file', await makePdf(['Sagsnummer 010203-0001 er ikke et cpr-nummer.']), 'sag.pdf')).body.id;
    await waitForStatus(t, other);
    const pd = (await list(other)).find((x) => x.kind === 'personal_data')!;
    expect(pd).toBeDefined();
    await t.http.post(`/api/documents/${other}/suggestions/${pd.id}/dismiss`).expect(200);
    expect((await t.http.get(`/api/documents/${other}/suggestions`)).body.personalData).toEqual({ pages: [], confirmed: false });
  });

  test('a party created after the upload — found on the next scan, and lazily for documents never scanned', async () => {
    const kmd = (await t.http.post('/api/parties').send({ kind: 'company', name: 'KMD' }).expect(201)).body.id;
    const other = (await t.http.post('/api/documents').attach('file', await makePdf(['KMD Momentum kører i Microsoft Azure i Amsterdam.']), 'kmd.pdf')).body.id;
    await waitForStatus(t, other);
    const ms = (await t.http.post('/api/parties').send({ kind: 'company', name: 'Microsoft' }).expect(201)).body.id;
    expect((await list(other)).map((s) => s.party?.id).filter(Boolean)).toEqual([kmd]);
    await t.http.post(`/api/documents/${other}/suggestions/scan`).expect(200);
    expect((await list(other)).map((s) => s.party?.id).filter(Boolean).sort()).toEqual([kmd, ms].sort());
    // A document extracted before suggestions existed has no scan row: opening it scans.
    t.kilde.db.prepare('DELETE FROM suggestions WHERE document_id = ?').run(other);
    t.kilde.db.prepare('DELETE FROM suggestion_scans WHERE document_id = ?').run(other);
    expect((await list(other)).length).toBeGreaterThan(0);
  });

  test('an event date matching an existing event — the page offers to link it; accepting links it instead of creating a twin', async () => {
    const ev = (await t.http.post('/api/events').send({ title: 'Redegørelsesfrist', date: '2019-03-01' }).expect(201)).body.id;
    const other = (await t.http.post('/api/documents').attach('file', await makePdf(['Aarhus, 2. februar 2019. Fristen er 1. marts 2019.']), 'frist.pdf')).body.id;
    await waitForStatus(t, other);
    const s = (await list(other)).find((x) => x.kind === 'event_date' && x.value === '2019-03-01')!;
    const page = await t.http.get(`/documents/${other}`);
    expect(page.text).toContain(`<option value="${ev}">Redegørelsesfrist</option>`);
    const before = t.kilde.db.prepare('SELECT COUNT(*) FROM events').pluck().get();
    expect((await t.http.post(`/documents/${other}/suggestions/${s.id}/accept`).type('form').send({ eventId: ev, title: '' })).status).toBe(303);
    expect(t.kilde.db.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBe(before);
    expect((await t.http.get(`/api/documents/${other}/links`)).body.events.map((e: { id: string }) => e.id)).toEqual([ev]);
  });

  test.each([
    ['a suggestion id that is not a number', 'abc', 404],
    ['an unknown suggestion', '999999', 404],
    ['a negative id', '-1', 404],
  ])('accept — %s — %i', async (_why, sid, status) => {
    expect((await t.http.post(`/api/documents/${doc}/suggestions/${sid}/accept`).send({})).status).toBe(status);
  });

  test('bad input — a suggestion of another document 404, a bad role 400, a bad state filter 400, a missing document 404', async () => {
    const other = (await t.http.post('/api/documents').attach('file', await makePdf(['Brev til KL.']), 'kl.pdf')).body.id;
    await waitForStatus(t, other);
    const s = (await list(other)).find((x) => x.kind === 'party_mention')!;
    expect((await t.http.post(`/api/documents/${doc}/suggestions/${s.id}/accept`).send({})).status).toBe(404);
    expect((await t.http.post(`/api/documents/${other}/suggestions/${s.id}/accept`).send({ role: 'boss' })).status).toBe(400);
    expect((await t.http.get(`/api/documents/${other}/suggestions`).query({ state: 'maybe' })).status).toBe(400);
    expect((await t.http.get('/api/documents/doc_doesnotexist00/suggestions')).status).toBe(404);
    const r = t.as('researcher');
    expect((await r.http.get(`/api/documents/${other}/suggestions`)).status).toBe(200);
    expect((await r.http.post(`/api/documents/${other}/suggestions/${s.id}/dismiss`)).status).toBe(403);
  });

  test('document page — the personal-data flag, open suggestions with accept/dismiss forms that work without JavaScript', async () => {
    const other = (await t.http.post('/api/documents').attach('file', await makePdf(['STAR skrev 28. juni 2018 om cpr 070761-4285.']), 'side.pdf')).body.id;
    await waitForStatus(t, other);
    const page = await t.http.get(`/documents/${other}`);
    expect(page.text).toContain('class="personal-data"');
    expect(page.text).toContain(`/documents/${other}/suggestions/`);
    const start = page.text.indexOf('id="links"');
    expect(page.text.slice(start, page.text.indexOf('</section>', start))).not.toContain('4285'); // masked in the suggestion
    const s = (await list(other)).find((x) => x.kind === 'party_mention')!;
    expect((await t.http.post(`/documents/${other}/suggestions/${s.id}/accept`).type('form').send({ title: '' })).status).toBe(303);
    const d = (await list(other)).find((x) => x.kind === 'document_date' && x.state === 'open')!;
    expect((await t.http.post(`/documents/${other}/suggestions/${d.id}/dismiss`).type('form').send({})).status).toBe(303);
    expect((await list(other, 'open')).map((x) => x.id)).not.toContain(d.id);
  });
});
