import { makePdf } from '../helpers/pdf';
import { removeDir, startTestKilde, waitForStatus, type TestKilde } from '../helpers/kilde';

describe('stories — access, items and the timeline', () => {
  let t: TestKilde;
  const upload = async (text: string, date?: string) => {
    const req = t.http.post('/api/documents').attach('file', await makePdf([text]), `${text.slice(0, 12)}.pdf`).field('title', text);
    if (date) req.field('date', date);
    const res = await req;
    expect(res.status).toBe(202);
    await waitForStatus(t, res.body.id);
    return res.body.id as string;
  };
  const party = async (name: string, kind = 'authority') => (await t.http.post('/api/parties').send({ kind, name }).expect(201)).body.id as string;
  const story = async (body: Record<string, unknown>) => {
    const res = await t.http.post('/api/stories').send(body);
    expect(res.status).toBe(201);
    return res.body as { id: string; accessLevel: string; users: Array<{ id: string }> };
  };
  const event = async (title: string, date: string, storyId: string) => (await t.http.post('/api/events').send({ title, date, storyId }).expect(201)).body.id as string;

  beforeAll(async () => {
    t = await startTestKilde();
  });
  afterAll(async () => {
    await t.stop();
    removeDir(t.dir);
  });

  test('timeline — events of day, month and year precision and dated documents in order, documents under their events', async () => {
    const s = await story({ title: 'Cloud-sagen', description: 'Personfølsomme data i Holland.' });
    const star = await party('STAR');
    const kl = await party('KL', 'organisation');
    const minister = await party('Beskæftigelsesministeren', 'person');
    // Created out of order on purpose.
    const eOct = await event('Frist for redegørelse', '2018-10-15', s.id);
    const eSep = await event('Ministeren skriver til KL', '2018-09-28', s.id);
    const eDay = await event('STAR skriver til KL', '2018-06-28', s.id);
    const eMonth = await event('Kommuner tilslutter sig KMD Momentum', '2018-06', s.id);
    const eYear = await event('Cloud-debatten', '2018', s.id);
    await event('Andet', '2017', (await story({ title: 'En anden sag' })).id);

    const dStar = await upload('Brev fra STAR til KL', '2018-06-28');
    const dJune1 = await upload('Notat om kommunerne', '2018-06-01');
    const dYear = await upload('Årsrapport', '2018');
    const dUndated = await upload('Udateret bilag');
    const dMinister = await upload('Ministerens brev', '2018-09-28');
    const dAnswer = await upload('KLs svar til ministeren', '2018-09-30');
    const dOther = await upload('Ikke i sagen', '2018-07-01');

    for (const [d, e] of [[dStar, eDay], [dMinister, eSep], [dAnswer, eSep]]) await t.http.post(`/api/documents/${d}/events`).send({ eventId: e }).expect(201);
    for (const d of [dJune1, dYear, dUndated, dMinister]) await t.http.post(`/api/stories/${s.id}/items`).send({ type: 'document', id: d }).expect(201);
    await t.http.post(`/api/documents/${dMinister}/parties`).send({ partyId: minister, role: 'sender' }).expect(201);
    await t.http.post(`/api/documents/${dMinister}/parties`).send({ partyId: kl, role: 'recipient' }).expect(201);
    await t.http.post(`/api/documents/${dMinister}/parties`).send({ partyId: star, role: 'cc' }).expect(201);
    await t.http.post(`/api/events/${eSep}/parties`).send({ partyId: minister, role: 'actor' }).expect(201);

    const res = await t.http.get(`/api/stories/${s.id}/timeline`);
    expect(res.status).toBe(200);
    const order = res.body.entries.map((e: { kind: string; event?: { id: string }; document?: { id: string } }) => (e.kind === 'event' ? e.event!.id : e.document!.id));
    expect(order).toEqual([eYear, dYear, eMonth, dJune1, eDay, eSep, eOct]);
    const sep = res.body.entries.find((e: { event?: { id: string } }) => e.event?.id === eSep);
    expect(sep.documents.map((d: { id: string }) => d.id)).toEqual([dMinister, dAnswer]);
    expect(sep.documents[0].parties).toMatchObject({ sender: [{ id: minister }], recipient: [{ id: kl }], cc: [{ id: star }] });
    expect(sep.event.parties.actor).toEqual([expect.objectContaining({ id: minister })]);
    expect(res.body.entries.find((e: { event?: { id: string } }) => e.event?.id === eDay).documents.map((d: { id: string }) => d.id)).toEqual([dStar]);
    expect(res.body.undated.map((d: { id: string }) => d.id)).toEqual([dUndated]);
    expect(JSON.stringify(res.body)).not.toContain(dOther);

    const html = await t.http.get(`/stories/${s.id}`);
    expect(html.status).toBe(200);
    expect(html.text).toContain('/static/story.css');
    const pos = (id: string) => html.text.indexOf(id);
    expect(pos(eYear)).toBeLessThan(pos(eMonth));
    expect(pos(eMonth)).toBeLessThan(pos(dJune1));
    expect(pos(dJune1)).toBeLessThan(pos(eDay));
    expect(pos(eSep)).toBeLessThan(pos(dAnswer));
    expect(pos(dAnswer)).toBeLessThan(pos(eOct));
    expect(html.text).toMatch(/Beskæftigelsesministeren<\/span>\s*→\s*<span class="to">KL<\/span>/);
  });

  test('access — restricted: 404 for journalists not named, visible to named users and the creator; listed only to them', async () => {
    const j1 = t.as('journalist');
    const j2 = t.as('journalist');
    const s = await story({ title: 'Kildebeskyttet', accessLevel: 'restricted' });
    expect((await j1.http.get(`/api/stories/${s.id}`)).status).toBe(404);
    expect((await j1.http.get(`/api/stories/${s.id}/timeline`)).status).toBe(404);
    expect((await j1.http.get(`/stories/${s.id}`)).status).toBe(404);
    expect((await j1.http.get('/api/stories')).body.stories.map((x: { id: string }) => x.id)).not.toContain(s.id);
    const named = await t.http.patch(`/api/stories/${s.id}`).send({ users: [j1.userId] });
    expect(named.status).toBe(200);
    // The creator (here the admin) always stays named beside the users given.
    const creator = s.users.map((u) => u.id);
    expect(creator).toHaveLength(1);
    expect(named.body.users.map((u: { id: string }) => u.id).sort()).toEqual([j1.userId, ...creator].sort());
    expect((await j1.http.get(`/api/stories/${s.id}`)).status).toBe(200);
    expect((await j2.http.get(`/api/stories/${s.id}`)).status).toBe(404);
    expect((await j2.http.patch(`/api/stories/${s.id}`).send({ title: 'x' })).status).toBe(404);
    // A journalist who restricts a story keeps reading it.
    const own = (await j2.http.post('/api/stories').send({ title: 'Min egen', accessLevel: 'restricted' })).body;
    expect((await j2.http.get(`/api/stories/${own.id}`)).status).toBe(200);
    // Sent as documents are ("access"), a restricted story is restricted, not silently open.
    const worded = (await j2.http.post('/api/stories').send({ title: 'Som dokumenter', access: 'restricted' }).expect(201)).body;
    expect(worded.accessLevel).toBe('restricted');
    expect((await j1.http.get(`/api/stories/${worded.id}`)).status).toBe(404);
    expect((await j2.http.patch(`/api/stories/${own.id}`).send({ access: 'newsroom' }).expect(200)).body.accessLevel).toBe('newsroom');
    expect((await j2.http.post('/api/stories').send({ title: 'Forkert', access: 'secret' })).status).toBe(400);
  });

  test('access — embargoed: needs embargoUntil; opens to the newsroom when it has passed', async () => {
    expect((await t.http.post('/api/stories').send({ title: 'E', accessLevel: 'embargoed' })).status).toBe(400);
    const past = await story({ title: 'Udløbet embargo', accessLevel: 'embargoed', embargoUntil: '2018-10-15' });
    const future = await story({ title: 'Aktiv embargo', accessLevel: 'embargoed', embargoUntil: '2999-01-01T00:00:00Z' });
    const j = t.as('journalist');
    expect((await j.http.get(`/api/stories/${past.id}`)).status).toBe(200);
    expect((await j.http.get(`/api/stories/${future.id}`)).status).toBe(404);
  });

  test.each([
    ['no title', {}],
    ['unknown access level', { title: 'X', accessLevel: 'secret' }],
    ['a bad embargo date', { title: 'X', accessLevel: 'embargoed', embargoUntil: 'next week' }],
    ['an unknown named user', { title: 'X', accessLevel: 'restricted', users: ['nobody-here'] }],
    ['users not a list', { title: 'X', users: 'bob' }],
  ])('create — %s — 400', async (_why, body) => {
    expect((await t.http.post('/api/stories').send(body)).status).toBe(400);
  });

  test('items — documents, parties and requests; unknown ids 404, unknown types 400; removal', async () => {
    const s = await story({ title: 'Items' });
    const p = await party('Aalborg Kommune');
    expect((await t.http.post(`/api/stories/${s.id}/items`).send({ type: 'party', id: p })).status).toBe(201);
    expect((await t.http.post(`/api/stories/${s.id}/items`).send({ type: 'party', id: p })).status).toBe(200);
    expect((await t.http.post(`/api/stories/${s.id}/items`).send({ type: 'party', id: 'pty_doesnotexist00' })).status).toBe(404);
    expect((await t.http.post(`/api/stories/${s.id}/items`).send({ type: 'document', id: 'doc_doesnotexist00' })).status).toBe(404);
    expect((await t.http.post(`/api/stories/${s.id}/items`).send({ type: 'request', id: 'req_doesnotexist00' })).status).toBe(404);
    expect((await t.http.post(`/api/stories/${s.id}/items`).send({ type: 'event', id: 'x' })).status).toBe(400);
    expect((await t.http.post('/api/stories/sto_doesnotexist00/items').send({ type: 'party', id: p })).status).toBe(404);
    const got = await t.http.get(`/api/stories/${s.id}`);
    expect(got.body.items.parties).toEqual([p]);
    expect((await t.http.get(`/api/parties/${p}`)).body.stories.map((x: { id: string }) => x.id)).toEqual([s.id]);
    expect((await t.http.delete(`/api/stories/${s.id}/items/event/${p}`)).status).toBe(400);
    expect((await t.http.delete(`/api/stories/${s.id}/items/party/${p}`)).status).toBe(204);
    expect((await t.http.delete(`/api/stories/${s.id}/items/party/${p}`)).status).toBe(404);
  });

  test('delete — the story and its events go (they share its access), its documents stay and are reindexed', async () => {
    const s = await story({ title: 'Slettes' });
    const d = await upload('Dokument i slettet sag');
    const e = await event('Hændelse i slettet sag', '2018-05', s.id);
    await t.http.post(`/api/stories/${s.id}/items`).send({ type: 'document', id: d }).expect(201);
    await t.kilde.indexer.drain();
    await t.kilde.indexer.stop();
    try {
      expect((await t.http.delete(`/api/stories/${s.id}`)).status).toBe(204);
      expect(t.kilde.db.prepare('SELECT COUNT(*) FROM search_outbox WHERE document_id = ?').pluck().get(d)).toBe(1);
    } finally {
      t.kilde.indexer.start();
    }
    expect((await t.http.get(`/api/stories/${s.id}`)).status).toBe(404);
    expect((await t.http.get(`/api/events/${e}`)).status).toBe(404);
    expect((await t.http.get(`/api/documents/${d}`)).status).toBe(200);
  });

  test('pages and forms — list, create, edit, add a document, delete — without JavaScript, escaped', async () => {
    const XSS = '<script>alert(1)</script>';
    const created = await t.http.post('/stories').type('form').send({ title: XSS, description: XSS, accessLevel: 'newsroom', embargoUntil: '', users: '' });
    expect(created.status).toBe(303);
    const id = created.headers.location.split('/').pop()!;
    for (const url of ['/stories', `/stories/${id}`]) {
      const res = await t.http.get(url);
      expect(res.status).toBe(200);
      expect(res.text).not.toContain(XSS);
    }
    const d = await upload('Formular-dokument', '2018-06-28');
    expect((await t.http.post(`/stories/${id}/items`).type('form').send({ type: 'document', id: d })).status).toBe(303);
    expect((await t.http.get(`/stories/${id}`)).text).toContain(`/documents/${d}`);
    expect((await t.http.post(`/stories/${id}`).type('form').send({ title: 'Ny titel', accessLevel: 'restricted', users: 'testadmin' })).status).toBe(303);
    expect((await t.http.get(`/api/stories/${id}`)).body).toMatchObject({ title: 'Ny titel', accessLevel: 'restricted' });
    expect((await t.http.post(`/stories/${id}/delete`).type('form').send({})).status).toBe(303);
    expect((await t.http.get(`/stories/${id}`)).status).toBe(404);
  });
});
