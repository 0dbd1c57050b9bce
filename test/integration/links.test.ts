import { makePdf } from '../helpers/pdf';
import { removeDir, startTestKilde, waitForStatus, type TestKilde } from '../helpers/kilde';

const ROLES = ['sender', 'recipient', 'cc', 'mentioned', 'subject'];
const RELATIONS = ['reply_to', 'attachment_of', 'version_of'];

describe('links — a document to parties, events, documents and stories', () => {
  let t: TestKilde;
  let a: string;
  let b: string;
  let c: string;
  let star: string;
  let kl: string;

  const upload = async (text: string, name: string) => {
    const res = await t.http.post('/api/documents').attach('file', await makePdf([text]), name);
    expect(res.status).toBe(202);
    await waitForStatus(t, res.body.id);
    return res.body.id as string;
  };
  const party = async (name: string, kind = 'authority') => (await t.http.post('/api/parties').send({ kind, name }).expect(201)).body.id as string;
  const outbox = (id: string) => t.kilde.db.prepare('SELECT COUNT(*) FROM search_outbox WHERE document_id = ?').pluck().get(id) as number;
  const links = async (id: string) => (await t.http.get(`/api/documents/${id}/links`).expect(200)).body;
  /** Runs a change with the indexer paused and returns how many outbox rows it wrote for the document. */
  const outboxRowsOf = async (id: string, change: () => Promise<unknown>) => {
    await t.kilde.indexer.drain();
    await t.kilde.indexer.stop();
    try {
      const before = outbox(id);
      await change();
      return outbox(id) - before;
    } finally {
      t.kilde.indexer.start();
    }
  };

  beforeAll(async () => {
    t = await startTestKilde();
    a = await upload('Brev fra STAR til KL om cloud-løsninger.', 'a.pdf');
    b = await upload('Svar fra KL til STAR.', 'b.pdf');
    c = await upload('Bilag: oversigt over kommuner.', 'c.pdf');
    star = await party('Styrelsen for Arbejdsmarked og Rekruttering');
    kl = await party('KL', 'organisation');
  });
  afterAll(async () => {
    await t.stop();
    removeDir(t.dir);
  });

  test.each(ROLES)('document–party — role %s — link (201), idempotent (200), in the links and outbox, audited', async (role) => {
    const rows = await outboxRowsOf(a, async () => {
      const res = await t.http.post(`/api/documents/${a}/parties`).send({ partyId: star, role });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ added: true, partyCreated: false, role, party: { id: star } });
    });
    expect(rows).toBe(1);
    const again = await t.http.post(`/api/documents/${a}/parties`).send({ partyId: star, role });
    expect(again.status).toBe(200);
    expect(again.body.added).toBe(false);
    expect((await links(a)).parties).toContainEqual(expect.objectContaining({ role, party: expect.objectContaining({ id: star }) }));
    const audit = t.kilde.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'link' AND entity_type = 'document' AND entity_id = ? AND after_json LIKE ?").pluck().get(a, `%"role":"${role}"%`);
    expect(audit).toBe(1);
  });

  test('document–party — change the role, then remove — each writes the outbox; the party page follows', async () => {
    await t.http.post(`/api/documents/${b}/parties`).send({ partyId: kl, role: 'recipient' }).expect(201);
    const changed = await outboxRowsOf(b, async () => {
      const res = await t.http.patch(`/api/documents/${b}/parties/${kl}/recipient`).send({ role: 'sender' });
      expect(res.status).toBe(200);
      expect(res.body.parties).toEqual([expect.objectContaining({ role: 'sender', party: expect.objectContaining({ id: kl }) })]);
    });
    expect(changed).toBe(1);
    const page = await t.http.get(`/api/parties/${kl}`);
    expect(page.body.documents.sender.map((d: { id: string }) => d.id)).toContain(b);
    expect(page.body.documents.recipient.map((d: { id: string }) => d.id)).not.toContain(b);
    const removed = await outboxRowsOf(b, async () => {
      expect((await t.http.delete(`/api/documents/${b}/parties/${kl}/sender`)).status).toBe(204);
    });
    expect(removed).toBe(1);
    expect((await t.http.delete(`/api/documents/${b}/parties/${kl}/sender`)).status).toBe(404);
  });

  test('document–party — by name: one match links it, none needs kind, with kind creates it (create-on-the-fly)', async () => {
    const byAlias = await t.http.post(`/api/documents/${c}/parties`).send({ name: 'kl', role: 'mentioned' });
    expect(byAlias.status).toBe(201);
    expect(byAlias.body.party.id).toBe(kl);
    const missing = await t.http.post(`/api/documents/${c}/parties`).send({ name: 'KMD', role: 'subject' });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/kind/);
    const created = await t.http.post(`/api/documents/${c}/parties`).send({ name: 'KMD', kind: 'company', role: 'subject' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ partyCreated: true, party: { name: 'KMD', kind: 'company' } });
    const again = await t.http.post(`/api/documents/${c}/parties`).send({ name: 'kmd', kind: 'company', role: 'subject' });
    expect(again.body).toMatchObject({ added: false, partyCreated: false, party: { id: created.body.party.id } });
  });

  test('document–party — a name shared by two parties — 409 asking to choose', async () => {
    await party('Jens Hansen', 'person');
    await party('Jens Hansen', 'person');
    const res = await t.http.post(`/api/documents/${c}/parties`).send({ name: 'Jens Hansen', role: 'mentioned' });
    expect(res.status).toBe(409);
  });

  test.each([
    ['an unknown role', (p: string) => ({ partyId: p, role: 'author' }), 400],
    ['no role', (p: string) => ({ partyId: p }), 400],
    ['neither id nor name', () => ({ role: 'sender' }), 400],
    ['a role of the wrong type', (p: string) => ({ partyId: p, role: ['sender'] }), 400],
    ['a missing party', () => ({ partyId: 'pty_doesnotexist00', role: 'sender' }), 404],
    ['a hostile party id', () => ({ partyId: "' OR 1=1 --", role: 'sender' }), 404],
    ['an unknown kind for a new party', () => ({ name: 'Ny', kind: 'alien', role: 'sender' }), 400],
  ])('document–party — %s — refused', async (_why, body, status) => {
    const res = await t.http.post(`/api/documents/${a}/parties`).send(body(star));
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBeDefined();
  });

  test('document–party — an unknown role in the URL — 400; a missing document — 404', async () => {
    expect((await t.http.patch(`/api/documents/${a}/parties/${star}/author`).send({ role: 'sender' })).status).toBe(400);
    expect((await t.http.delete(`/api/documents/${a}/parties/${star}/author`)).status).toBe(400);
    expect((await t.http.patch(`/api/documents/${a}/parties/${star}/sender`).send({ role: 'boss' })).status).toBe(400);
    expect((await t.http.post('/api/documents/doc_doesnotexist00/parties').send({ partyId: star, role: 'sender' })).status).toBe(404);
    expect((await t.http.get('/api/documents/doc_doesnotexist00/links')).status).toBe(404);
  });

  test('document–event — link by id, by title, create on the fly with a date; remove', async () => {
    const ev = (await t.http.post('/api/events').send({ title: 'STAR skriver til KL', date: '2018-06-28' }).expect(201)).body;
    const rows = await outboxRowsOf(a, async () => {
      expect((await t.http.post(`/api/documents/${a}/events`).send({ eventId: ev.id })).status).toBe(201);
    });
    expect(rows).toBe(1);
    expect((await t.http.post(`/api/documents/${b}/events`).send({ title: 'star skriver til kl' })).body).toMatchObject({ eventId: ev.id, added: true, eventCreated: false });
    expect((await t.http.post(`/api/documents/${c}/events`).send({ title: 'Ministerens brev' })).status).toBe(404);
    const created = await t.http.post(`/api/documents/${c}/events`).send({ title: 'Ministerens brev', date: '2018-09-28' });
    expect(created.status).toBe(201);
    expect(created.body.eventCreated).toBe(true);
    expect((await links(a)).events.map((e: { id: string }) => e.id)).toEqual([ev.id]);
    expect((await t.http.get(`/api/events/${ev.id}`)).body.documents.map((d: { id: string }) => d.id).sort()).toEqual([a, b].sort());
    expect((await t.http.delete(`/api/documents/${a}/events/${ev.id}`)).status).toBe(204);
    expect((await t.http.delete(`/api/documents/${a}/events/${ev.id}`)).status).toBe(404);
    expect((await t.http.post(`/api/documents/${a}/events`).send({ eventId: 'evt_doesnotexist00' })).status).toBe(404);
    expect((await t.http.post(`/api/documents/${a}/events`).send({ title: 'X', date: '2018-02-30' })).status).toBe(400);
    expect((await t.http.post(`/api/documents/${a}/events`).send({})).status).toBe(400);
  });

  test.each(RELATIONS)('document–document — relation %s — link, change, remove; both documents reindexed', async (relation) => {
    const rows = await outboxRowsOf(c, async () => {
      const res = await t.http.post(`/api/documents/${b}/documents`).send({ documentId: `https://kilde.example/documents/${c}#page-1`, relation });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ documentId: c, relation, added: true });
    });
    expect(rows).toBe(1);
    const fromB = await links(b);
    expect(fromB.documents.outgoing).toContainEqual(expect.objectContaining({ relation, document: expect.objectContaining({ id: c }) }));
    expect((await links(c)).documents.incoming).toContainEqual(expect.objectContaining({ relation, document: expect.objectContaining({ id: b }) }));
    const other = RELATIONS.find((r) => r !== relation)!;
    const changed = await t.http.patch(`/api/documents/${b}/documents/${c}/${relation}`).send({ relation: other });
    expect(changed.status).toBe(200);
    expect(changed.body.documents.outgoing).toContainEqual(expect.objectContaining({ relation: other }));
    expect((await t.http.delete(`/api/documents/${b}/documents/${c}/${other}`)).status).toBe(204);
    expect((await links(b)).documents.outgoing).toEqual([]);
  });

  test('document–document — bad input — self 400, cycle 400, unknown relation 400, missing document 404', async () => {
    expect((await t.http.post(`/api/documents/${a}/documents`).send({ documentId: a, relation: 'reply_to' })).status).toBe(400);
    expect((await t.http.post(`/api/documents/${b}/documents`).send({ documentId: a, relation: 'reply_to' })).status).toBe(201);
    const cycle = await t.http.post(`/api/documents/${a}/documents`).send({ documentId: b, relation: 'reply_to' });
    expect(cycle.status).toBe(400);
    expect(cycle.body.error.message).toMatch(/cycle/);
    expect((await t.http.post(`/api/documents/${a}/documents`).send({ documentId: b, relation: 'answer_to' })).status).toBe(400);
    expect((await t.http.post(`/api/documents/${a}/documents`).send({ documentId: 'doc_doesnotexist00', relation: 'reply_to' })).status).toBe(404);
    expect((await t.http.delete(`/api/documents/${a}/documents/${b}/answer_to`)).status).toBe(400);
    expect((await t.http.delete(`/api/documents/${a}/documents/${b}/reply_to`)).status).toBe(404);
  });

  test('document–story — add and remove; the story id reaches the outbox', async () => {
    const story = (await t.http.post('/api/stories').send({ title: 'Cloud-sagen' }).expect(201)).body;
    const rows = await outboxRowsOf(a, async () => {
      expect((await t.http.post(`/api/documents/${a}/stories`).send({ storyId: story.id })).status).toBe(201);
    });
    expect(rows).toBe(1);
    expect((await t.http.post(`/api/documents/${a}/stories`).send({ storyId: story.id })).status).toBe(200);
    expect((await links(a)).stories.map((s: { id: string }) => s.id)).toEqual([story.id]);
    expect((await t.http.delete(`/api/documents/${a}/stories/${story.id}`)).status).toBe(204);
    expect((await t.http.delete(`/api/documents/${a}/stories/${story.id}`)).status).toBe(404);
    expect((await t.http.post(`/api/documents/${a}/stories`).send({ storyId: 'sto_doesnotexist00' })).status).toBe(404);
  });

  test('access — a restricted document is "not found" to a journalist who is not named, for reading and for linking', async () => {
    const secret = await upload('Fortrolig kilde.', 'secret.pdf');
    await t.http.put(`/api/documents/${secret}/access`).send({ level: 'restricted', users: [] }).expect(200);
    const j = t.as('journalist');
    expect((await j.http.get(`/api/documents/${secret}/links`)).status).toBe(404);
    expect((await j.http.post(`/api/documents/${secret}/parties`).send({ partyId: star, role: 'sender' })).status).toBe(404);
    expect((await j.http.post(`/api/documents/${a}/documents`).send({ documentId: secret, relation: 'reply_to' })).status).toBe(404);
    // A link the admin made to it is invisible to the journalist, and so is the document on the party page.
    await t.http.post(`/api/documents/${secret}/parties`).send({ partyId: kl, role: 'subject' }).expect(201);
    await t.http.post(`/api/documents/${a}/documents`).send({ documentId: secret, relation: 'version_of' }).expect(201);
    expect((await j.http.get(`/api/documents/${a}/links`)).body.documents.outgoing.map((x: { document: { id: string } }) => x.document.id)).not.toContain(secret);
    expect((await j.http.get(`/api/parties/${kl}`)).body.documents.subject.map((d: { id: string }) => d.id)).not.toContain(secret);
    expect((await t.http.get(`/api/parties/${kl}`)).body.documents.subject.map((d: { id: string }) => d.id)).toContain(secret);
    // Counts never reveal it either: the party list, the party page and the story list.
    const count = async (agent: typeof j.http) => (await agent.get('/api/parties').query({ limit: 200 })).body.parties.find((p: { id: string }) => p.id === kl).documentCount;
    expect((await count(t.http)) - (await count(j.http))).toBe(1);
    expect((await t.http.get(`/api/parties/${kl}`)).body.counts.documents - (await j.http.get(`/api/parties/${kl}`)).body.counts.documents).toBe(1);
    const story = (await t.http.post('/api/stories').send({ title: 'Tælling' })).body.id;
    await t.http.post(`/api/stories/${story}/items`).send({ type: 'document', id: secret }).expect(201);
    const storyCount = async (agent: typeof j.http) => (await agent.get('/api/stories')).body.stories.find((x: { id: string }) => x.id === story).documentCount;
    expect(await storyCount(t.http)).toBe(1);
    expect(await storyCount(j.http)).toBe(0);
    expect((await j.http.get(`/api/stories/${story}/timeline`)).body.undated).toEqual([]);
    expect((await j.http.get(`/api/stories/${story}`)).body.items.documents).toEqual([]);
    expect((await t.http.get(`/api/stories/${story}`)).body.items.documents).toEqual([secret]);
  });

  test('researcher — reads links, cannot change them (403)', async () => {
    const r = t.as('researcher');
    expect((await r.http.get(`/api/documents/${a}/links`)).status).toBe(200);
    expect((await r.http.post(`/api/documents/${a}/parties`).send({ partyId: kl, role: 'cc' })).status).toBe(403);
    expect((await r.http.delete(`/api/documents/${a}/parties/${star}/sender`)).status).toBe(403);
  });

  test('document page — the Links section with roles, datalists, forms with CSRF fields and the type-ahead script', async () => {
    const res = await t.http.get(`/documents/${a}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('id="links"');
    expect(res.text).toContain(`/parties/${star}`);
    expect(res.text).toContain('<datalist id="party-names">');
    expect(res.text).toContain(`action="/documents/${a}/links/parties"`);
    expect(res.text).toContain('name="_csrf"');
    expect(res.text).toContain('/static/links.js');
    const r = t.as('researcher');
    const ro = await r.http.get(`/documents/${a}`);
    expect(ro.status).toBe(200);
    expect(ro.text).toContain('id="links"');
    expect(ro.text).not.toContain(`action="/documents/${a}/links/parties"`);
    expect((await t.http.get('/static/links.js')).status).toBe(200);
    expect((await t.http.get('/static/story.css')).status).toBe(200);
  });

  test('document page forms — link by typed name, confirm creation, change role, remove — without JavaScript', async () => {
    const typed = await t.http.post(`/documents/${b}/links/parties`).type('form').send({ party: 'Styrelsen for Arbejdsmarked og Rekruttering', role: 'recipient', partyId: '' });
    expect(typed.status).toBe(303);
    expect(typed.headers.location).toBe(`/documents/${b}#links`);
    const ask = await t.http.post(`/documents/${b}/links/parties`).type('form').send({ party: 'Aarhus Kommune', role: 'mentioned' });
    expect(ask.status).toBe(200);
    expect(ask.text).toContain('name="kind"');
    expect(ask.text).toContain('value="Aarhus Kommune"');
    const create = await t.http.post(`/documents/${b}/links/parties`).type('form').send({ party: 'Aarhus Kommune', role: 'mentioned', kind: 'authority' });
    expect(create.status).toBe(303);
    const aarhus = (await links(b)).parties.find((l: { party: { name: string } }) => l.party.name === 'Aarhus Kommune');
    expect(aarhus.role).toBe('mentioned');
    expect((await t.http.post(`/documents/${b}/links/parties/${aarhus.party.id}/mentioned/role`).type('form').send({ role: 'subject' })).status).toBe(303);
    expect((await links(b)).parties).toContainEqual(expect.objectContaining({ role: 'subject', party: expect.objectContaining({ id: aarhus.party.id }) }));
    expect((await t.http.post(`/documents/${b}/links/parties/${aarhus.party.id}/subject/delete`).type('form').send({})).status).toBe(303);
    const bad = await t.http.post(`/documents/${b}/links/parties`).type('form').send({ party: 'KL', role: 'boss' });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/html/);

    const evAsk = await t.http.post(`/documents/${b}/links/events`).type('form').send({ event: 'Høring', date: '' });
    expect(evAsk.status).toBe(200);
    expect(evAsk.text).toContain('name="date"');
    expect((await t.http.post(`/documents/${b}/links/events`).type('form').send({ event: 'Høring', date: '2018-08' })).status).toBe(303);
    expect((await links(b)).events).toContainEqual(expect.objectContaining({ title: 'Høring', date: '2018-08', precision: 'month' }));

    expect((await t.http.post(`/documents/${c}/links/documents`).type('form').send({ documentId: b, relation: 'attachment_of' })).status).toBe(303);
    expect((await t.http.post(`/documents/${c}/links/documents/${b}/attachment_of/relation`).type('form').send({ relation: 'version_of' })).status).toBe(303);
    expect((await t.http.post(`/documents/${c}/links/documents/${b}/version_of/delete`).type('form').send({})).status).toBe(303);
    expect((await t.http.post(`/documents/doc_doesnotexist00/links/documents`).type('form').send({ documentId: b, relation: 'reply_to' })).status).toBe(404);
  });

  test('hostile names in links — escaped on the document page and the confirmation page', async () => {
    const XSS = '<img src=x onerror=alert(1)>';
    const ask = await t.http.post(`/documents/${c}/links/parties`).type('form').send({ party: XSS, role: 'mentioned' });
    expect(ask.status).toBe(200);
    expect(ask.text).not.toContain(XSS);
    await t.http.post(`/documents/${c}/links/parties`).type('form').send({ party: XSS, role: 'mentioned', kind: 'person' }).expect(303);
    const page = await t.http.get(`/documents/${c}`);
    expect(page.text).not.toContain(XSS);
    expect(page.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
