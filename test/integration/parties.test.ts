import { makePdf } from '../helpers/pdf';
import { removeDir, startTestKilde, waitForStatus, type TestKilde } from '../helpers/kilde';

const XSS = '<img src=x onerror=alert(1)>';

describe('parties — API and pages', () => {
  let t: TestKilde;
  let docId: string;
  beforeAll(async () => {
    t = await startTestKilde();
    const up = await t.http.post('/api/documents').attach('file', await makePdf(['Brev fra STAR til KL.']), 'brev.pdf');
    docId = up.body.id;
    await waitForStatus(t, docId);
  });
  afterAll(async () => {
    await t.stop();
    removeDir(t.dir);
  });

  const create = async (body: Record<string, unknown>) => {
    const res = await t.http.post('/api/parties').send(body);
    expect(res.status).toBe(201);
    return res.body as { id: string; name: string; aliases: string[]; parentId: string | null };
  };
  const outboxFor = (id: string) => t.kilde.db.prepare('SELECT COUNT(*) FROM search_outbox WHERE document_id = ?').pluck().get(id) as number;
  const audits = (action: string, id: string) => t.kilde.db.prepare('SELECT COUNT(*) FROM audit_log WHERE action = ? AND entity_id = ?').pluck().get(action, id) as number;

  test('create — a party with short name, aliases, parent and a valid CVR — stored and audited', async () => {
    const ministry = await create({ kind: 'authority', name: 'Beskæftigelsesministeriet' });
    const star = await create({
      kind: 'authority',
      name: 'Styrelsen for Arbejdsmarked og Rekruttering',
      shortName: 'STAR',
      aliases: ['Arbejdsmarkedsstyrelsen', 'STAR', ' Arbejdsmarkedsstyrelsen '],
      parentId: ministry.id,
      identifiers: { cvr: '10 15 08 17' },
      notes: 'Under Beskæftigelsesministeriet.',
    });
    expect(star).toMatchObject({ shortName: 'STAR', parentId: ministry.id, identifiers: { cvr: '10150817' }, aliases: ['Arbejdsmarkedsstyrelsen'] });
    expect(audits('create', star.id)).toBe(1);
    const page = await t.http.get(`/api/parties/${ministry.id}`);
    expect(page.body.children.map((c: { id: string }) => c.id)).toEqual([star.id]);
    const child = await t.http.get(`/api/parties/${star.id}`);
    expect(child.body.ancestors.map((a: { id: string }) => a.id)).toEqual([ministry.id]);
  });

  test('type-ahead — GET /api/parties?q= — folded prefix on names and aliases, best first', async () => {
    await create({ kind: 'organisation', name: 'KL', aliases: ['Kommunernes Landsforening'] });
    const byAlias = await t.http.get('/api/parties').query({ q: 'kommunernes' });
    expect(byAlias.status).toBe(200);
    expect(byAlias.body.parties[0]).toMatchObject({ name: 'KL', matched: 'Kommunernes Landsforening' });
    const folded = await t.http.get('/api/parties').query({ q: 'beskaeft' });
    expect(folded.body.parties.map((p: { name: string }) => p.name)).toEqual(['Beskæftigelsesministeriet']);
    const none = await t.http.get('/api/parties').query({ q: `"; DROP TABLE parties; --` });
    expect(none.status).toBe(200);
    expect(none.body.parties).toEqual([]);
  });

  test.each([
    ['no kind', { name: 'X' }],
    ['unknown kind', { kind: 'alien', name: 'X' }],
    ['empty name', { kind: 'person', name: '   ' }],
    ['name of the wrong type', { kind: 'person', name: 42 }],
    ['name too long', { kind: 'person', name: 'x'.repeat(301) }],
    ['bad CVR check digit', { kind: 'company', name: 'X', identifiers: { cvr: '10150818' } }],
    ['CVR with letters', { kind: 'company', name: 'X', identifiers: { cvr: 'abcdefgh' } }],
    ['aliases not a list', { kind: 'person', name: 'X', aliases: 'STAR' }],
    ['identifier name with SQL', { kind: 'person', name: 'X', identifiers: { "a'; --": '1' } }],
  ])('create — %s — 400 with a message', async (_why, body) => {
    const res = await t.http.post('/api/parties').send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(typeof res.body.error.message).toBe('string');
  });

  test('create — a JSON array as body — 400', async () => {
    const res = await t.http.post('/api/parties').send([{ kind: 'person', name: 'X' }]);
    expect(res.status).toBe(400);
  });

  test('create — a parent that does not exist — 404', async () => {
    const res = await t.http.post('/api/parties').send({ kind: 'person', name: 'X', parentId: 'pty_doesnotexist00' });
    expect(res.status).toBe(404);
  });

  test('unknown and malformed ids — 404 on read, change and delete', async () => {
    for (const id of ['pty_doesnotexist00', "'; DROP TABLE parties; --", '..%2F..%2Fetc']) {
      expect((await t.http.get(`/api/parties/${encodeURIComponent(id)}`)).status).toBe(404);
      expect((await t.http.patch(`/api/parties/${encodeURIComponent(id)}`).send({ name: 'Y' })).status).toBe(404);
      expect((await t.http.delete(`/api/parties/${encodeURIComponent(id)}`)).status).toBe(404);
    }
  });

  test('parent — a cycle (self, or a descendant) — 400', async () => {
    const a = await create({ kind: 'authority', name: 'A-ministeriet' });
    const b = await create({ kind: 'authority', name: 'B-styrelsen', parentId: a.id });
    const c = await create({ kind: 'authority', name: 'C-kontoret', parentId: b.id });
    expect((await t.http.patch(`/api/parties/${a.id}`).send({ parentId: a.id })).status).toBe(400);
    const cycle = await t.http.patch(`/api/parties/${a.id}`).send({ parentId: c.id });
    expect(cycle.status).toBe(400);
    expect(cycle.body.error.message).toMatch(/cycle/);
    expect((await t.http.patch(`/api/parties/${c.id}`).send({ parentId: null })).body.parentId).toBeNull();
  });

  test('rename — every linked document gets an outbox row in the same change; audited with before and after', async () => {
    const p = await create({ kind: 'company', name: 'KMD' });
    await t.http.post(`/api/documents/${docId}/parties`).send({ partyId: p.id, role: 'recipient' }).expect(201);
    await t.kilde.indexer.drain();
    expect(outboxFor(docId)).toBe(0);
    await t.kilde.indexer.stop();
    try {
      const res = await t.http.patch(`/api/parties/${p.id}`).send({ name: 'KMD A/S' });
      expect(res.status).toBe(200);
      expect(outboxFor(docId)).toBe(1);
      const notesOnly = await t.http.patch(`/api/parties/${p.id}`).send({ notes: 'IT-leverandør' });
      expect(notesOnly.status).toBe(200);
      expect(outboxFor(docId)).toBe(1); // notes are not in the index record
      await t.http.patch(`/api/parties/${p.id}`).send({ aliases: ['Kommunedata'] });
      expect(outboxFor(docId)).toBe(2);
    } finally {
      t.kilde.indexer.start();
    }
    const row = t.kilde.db.prepare("SELECT before_json, after_json FROM audit_log WHERE action = 'update' AND entity_id = ? ORDER BY id LIMIT 1").get(p.id) as { before_json: string; after_json: string };
    expect(JSON.parse(row.before_json).name).toBe('KMD');
    expect(JSON.parse(row.after_json).name).toBe('KMD A/S');
  });

  test('merge — links, children and aliases move over; the merged name becomes an alias; audited', async () => {
    const keep = await create({ kind: 'organisation', name: 'Kommunernes Landsforening', aliases: ['KL-sekretariatet'] });
    const dup = await create({ kind: 'organisation', name: 'Kommunernes Landsforening (KL)', shortName: 'KL.', aliases: ['Local Government Denmark'], identifiers: { cvr: '10150817' } });
    const child = await create({ kind: 'person', name: 'Udvalgsformanden', parentId: dup.id });
    await t.http.post(`/api/documents/${docId}/parties`).send({ partyId: dup.id, role: 'recipient' }).expect(201);
    await t.http.post(`/api/documents/${docId}/parties`).send({ partyId: keep.id, role: 'recipient' }).expect(201);
    await t.http.post(`/api/documents/${docId}/parties`).send({ partyId: dup.id, role: 'cc' }).expect(201);
    const ev = await t.http.post('/api/events').send({ title: 'Møde', date: '2018-06', parties: [{ partyId: dup.id, role: 'target' }] });
    expect(ev.status).toBe(201);

    const res = await t.http.post(`/api/parties/${dup.id}/merge`).send({ into: keep.id });
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(keep.id);
    expect(res.body.aliases).toEqual(expect.arrayContaining(['KL-sekretariatet', 'Kommunernes Landsforening (KL)', 'KL.', 'Local Government Denmark']));
    expect(res.body.identifiers).toEqual({ cvr: '10150817' });
    expect((await t.http.get(`/api/parties/${dup.id}`)).status).toBe(404);
    const links = await t.http.get(`/api/documents/${docId}/links`);
    const roles = links.body.parties.filter((l: { party: { id: string } }) => l.party.id === keep.id).map((l: { role: string }) => l.role).sort();
    expect(roles).toEqual(['cc', 'recipient']); // the shared recipient link collapsed into one
    expect((await t.http.get(`/api/parties/${child.id}`)).body.parentId).toBe(keep.id);
    expect((await t.http.get(`/api/events/${ev.body.id}`)).body.parties).toMatchObject([{ role: 'target', party: { id: keep.id } }]);
    expect(audits('merge', keep.id)).toBe(1);
  });

  test.each([
    ['into itself', (id: string) => ({ into: id }), 400],
    ['into a missing party', () => ({ into: 'pty_doesnotexist00' }), 404],
    ['without a target', () => ({}), 400],
  ])('merge — %s — refused', async (_why, body, status) => {
    const p = await create({ kind: 'person', name: 'Solo' });
    expect((await t.http.post(`/api/parties/${p.id}/merge`).send(body(p.id))).status).toBe(status);
  });

  test('delete — a party with links — 409 unless forced; forced removes the links and reindexes', async () => {
    const p = await create({ kind: 'person', name: 'Ministeren' });
    await t.http.post(`/api/documents/${docId}/parties`).send({ partyId: p.id, role: 'sender' }).expect(201);
    const refused = await t.http.delete(`/api/parties/${p.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('conflict');
    expect((await t.http.get(`/api/parties/${p.id}`)).status).toBe(200);
    expect((await t.http.delete(`/api/parties/${p.id}`).query({ force: 'maybe' })).status).toBe(400);
    const forced = await t.http.delete(`/api/parties/${p.id}`).query({ force: 'true' });
    expect(forced.status).toBe(204);
    expect((await t.http.get(`/api/parties/${p.id}`)).status).toBe(404);
    const links = await t.http.get(`/api/documents/${docId}/links`);
    expect(links.body.parties.some((l: { party: { id: string } }) => l.party.id === p.id)).toBe(false);
    expect(audits('delete', p.id)).toBe(1);
  });

  test('delete — a party without links — 204 at once', async () => {
    const p = await create({ kind: 'person', name: 'Ingen links' });
    expect((await t.http.delete(`/api/parties/${p.id}`)).status).toBe(204);
  });

  test('researcher — reads parties, every write is 403', async () => {
    const r = t.as('researcher');
    const p = await create({ kind: 'person', name: 'Læsbar' });
    expect((await r.http.get(`/api/parties/${p.id}`)).status).toBe(200);
    expect((await r.http.post('/api/parties').send({ kind: 'person', name: 'X' })).status).toBe(403);
    expect((await r.http.patch(`/api/parties/${p.id}`).send({ name: 'Y' })).status).toBe(403);
    expect((await r.http.delete(`/api/parties/${p.id}`)).status).toBe(403);
  });

  test('pages — list, party page, delete confirmation — render with hostile names escaped', async () => {
    const p = await create({ kind: 'person', name: XSS, aliases: [`"><script>alert(2)</script>`], notes: XSS });
    await t.http.post(`/api/documents/${docId}/parties`).send({ partyId: p.id, role: 'subject' }).expect(201);
    for (const url of ['/parties', `/parties?q=${encodeURIComponent(XSS)}`, `/parties/${p.id}`, `/parties/${p.id}/delete`]) {
      const res = await t.http.get(url);
      expect(res.status).toBe(200);
      expect(res.text).not.toContain(XSS);
      expect(res.text).not.toContain('<script>alert(2)');
    }
    const page = await t.http.get(`/parties/${p.id}`);
    expect(page.text).toContain(`/documents/${docId}`);
    expect((await t.http.get('/parties/pty_doesnotexist00')).status).toBe(404);
    expect((await t.http.get('/parties?kind=alien')).status).toBe(400);
  });

  test('forms — create, edit, merge and delete without JavaScript', async () => {
    const created = await t.http.post('/parties').type('form').send({ kind: 'company', name: 'Microsoft', aliases: 'Microsoft Azure\nMS', cvr: '' });
    expect(created.status).toBe(303);
    const id = created.headers.location.split('/').pop()!;
    const edited = await t.http.post(`/parties/${id}`).type('form').send({ kind: 'company', name: 'Microsoft Danmark', shortName: '', aliases: 'Azure', parentId: '', cvr: '10150817', notes: '' });
    expect(edited.status).toBe(303);
    const p = (await t.http.get(`/api/parties/${id}`)).body;
    expect(p).toMatchObject({ name: 'Microsoft Danmark', aliases: ['Azure'], identifiers: { cvr: '10150817' } });
    const bad = await t.http.post(`/parties/${id}`).type('form').send({ cvr: '12345678' });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/html/);

    await t.http.post(`/api/documents/${docId}/parties`).send({ partyId: id, role: 'mentioned' }).expect(201);
    const ask = await t.http.post(`/parties/${id}/delete`).type('form').send({});
    expect(ask.status).toBe(409);
    expect(ask.text).toContain('name="force" value="true"');
    expect((await t.http.post(`/parties/${id}/delete`).type('form').send({ force: 'true' })).status).toBe(303);
    expect((await t.http.get(`/api/parties/${id}`)).status).toBe(404);
  });
});
