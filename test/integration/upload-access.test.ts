import { filesUnder, removeDir, startTestKilde, testClock, waitForStatus, type TestKilde } from '../helpers/kilde';

/**
 * Restricted from the first byte: access chosen in the upload itself (API multipart fields, the
 * upload page for a whole batch, a request log entry) is in place before the document is stored,
 * extracted or indexed. Bad access input is a 400 that says what is wrong, and nothing is kept.
 */
describe('upload — access fields', () => {
  let t: TestKilde;
  const clock = testClock('2026-03-01T09:00:00Z');
  let writer: ReturnType<TestKilde['as']>;
  let colleague: ReturnType<TestKilde['as']>;
  let outsider: ReturnType<TestKilde['as']>;
  let n = 0;
  /** Bytes no other test uploads, so no upload is a duplicate by accident. */
  const fresh = (word = 'adgangsord') => Buffer.from(`Brev nummer ${++n} om ${word}${n}.`);

  beforeAll(async () => {
    t = await startTestKilde({}, { clock });
    writer = t.as('journalist', 'upload-skribent');
    colleague = t.as('researcher', 'upload-kollega');
    outsider = t.as('journalist', 'upload-udenfor');
  });
  afterAll(async () => {
    await t.stop();
    removeDir(t.dir);
  });

  const row = (id: string) => t.kilde.db.prepare('SELECT access_level AS level, embargo_until AS until FROM documents WHERE id = ?').get(id) as { level: string; until: string | null };
  const named = (id: string) => t.kilde.db.prepare('SELECT user_id FROM document_access WHERE document_id = ? ORDER BY user_id').pluck().all(id) as string[];
  const createdAudit = (id: string) => JSON.parse(t.kilde.db.prepare("SELECT after_json FROM audit_log WHERE entity_id = ? AND action = 'create'").pluck().get(id) as string) as Record<string, unknown>;

  test('API — restricted with a user name — stored restricted from the first row, uploader and named user only', async () => {
    const res = await writer.http.post('/api/documents').field('access', 'restricted').field('users', 'upload-kollega').attach('file', fresh('kildeord'), 'kilde.txt');
    expect(res.status).toBe(202);
    expect(row(res.body.id)).toEqual({ level: 'restricted', until: null });
    expect(named(res.body.id)).toEqual([colleague.userId, writer.userId].sort());
    expect(createdAudit(res.body.id)).toMatchObject({ access: 'restricted' }); // the row was created so, not changed later
    expect((await outsider.http.get(`/api/documents/${res.body.id}`)).status).toBe(404);
    await waitForStatus(t, res.body.id);
    expect((await colleague.http.get(`/api/documents/${res.body.id}`)).status).toBe(200);
    expect((await outsider.http.get('/api/search').query({ q: 'kildeord' })).body.total).toBe(0);
    expect((await colleague.http.get('/api/search').query({ q: 'kildeord' })).body.total).toBe(1);
  });

  test('API — restricted, users as ids and repeated fields — each resolved, the uploader always named', async () => {
    const res = await writer.http.post('/api/documents').field('access', 'restricted').field('users', colleague.userId).field('users', 'UPLOAD-UDENFOR').attach('file', fresh(), 'flere.txt');
    expect(res.status).toBe(202);
    expect(named(res.body.id)).toEqual([colleague.userId, outsider.userId, writer.userId].sort());
  });

  test('API — embargoed until a time — hidden until then, open from then', async () => {
    const res = await writer.http.post('/api/documents').field('access', 'embargoed').field('embargoUntil', '2026-03-01T10:00').attach('file', fresh('embargoord'), 'embargo.txt');
    expect(res.status).toBe(202);
    expect(row(res.body.id)).toEqual({ level: 'embargoed', until: '2026-03-01T10:00:00.000Z' });
    await waitForStatus(t, res.body.id);
    expect((await outsider.http.get(`/api/documents/${res.body.id}`)).status).toBe(404);
    clock.set('2026-03-01T10:00:00Z');
    try {
      expect((await outsider.http.get(`/api/documents/${res.body.id}`)).status).toBe(200);
      expect((await outsider.http.get('/api/search').query({ q: 'embargoord' })).body.total).toBe(1);
    } finally {
      clock.set('2026-03-01T09:00:00Z');
    }
  });

  test('API — no access fields — newsroom, as before', async () => {
    const res = await writer.http.post('/api/documents').attach('file', fresh(), 'aaben.txt');
    expect(res.status).toBe(202);
    expect(row(res.body.id).level).toBe('newsroom');
    expect(named(res.body.id)).toEqual([]);
  });

  const HOSTILE: Array<[string, Record<string, string | string[]>, RegExp]> = [
    ['unknown user names', { access: 'restricted', users: 'upload-kollega, ingen-saadan, heller-ikke' }, /"ingen-saadan", "heller-ikke"/],
    ['an unknown user id', { access: 'restricted', users: 'usr_0000000000000000' }, /usr_0000000000000000/],
    ['SQL in a user name', { access: 'restricted', users: "x' OR '1'='1" }, /No such user/],
    ['an unknown level', { access: 'secret' }, /access must be/],
    ['a level with the wrong case', { access: 'RESTRICTED' }, /access must be/],
    ['an embargo without its end', { access: 'embargoed' }, /embargo needs/i],
    ['a year past 9999 (row 11)', { access: 'embargoed', embargoUntil: '10000-01-01T00:00' }, /embargoUntil/],
    ['an expanded year', { access: 'embargoed', embargoUntil: '+010000-01-01T00:00:00Z' }, /embargoUntil/],
    ['a day the month lacks', { access: 'embargoed', embargoUntil: '2026-02-31' }, /embargoUntil/],
    ['a time past midnight', { access: 'embargoed', embargoUntil: '2026-03-01T24:30' }, /embargoUntil/],
    ['a year before 1970', { access: 'embargoed', embargoUntil: '1969-12-31T23:59Z' }, /embargoUntil/],
    ['SQL as a date', { access: 'embargoed', embargoUntil: "2026-01-01' OR 1=1" }, /embargoUntil/],
    ['words as a date', { access: 'embargoed', embargoUntil: 'tomorrow' }, /embargoUntil/],
    ['a huge users field', { access: 'restricted', users: 'a'.repeat(6000) }, /users/],
    ['a huge user name', { access: 'restricted', users: 'b'.repeat(65) }, /64 characters/],
    ['too many users', { access: 'restricted', users: Array.from({ length: 201 }, (_, i) => `u${i}`).join(',') }, /200 users/],
  ];

  test.each(HOSTILE)('API — %s — 400 naming the problem; nothing stored, no file left', async (_name, fields, message) => {
    const docsBefore = t.kilde.db.prepare('SELECT COUNT(*) FROM documents').pluck().get();
    const filesBefore = filesUnder(t.dir).length;
    let req = writer.http.post('/api/documents');
    for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) req = req.field(k, one);
    const res = await req.attach('file', fresh(), 'fjendtlig.txt');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
    expect(JSON.stringify(res.body)).not.toMatch(/at \w+ \(|node_modules|\.ts:\d/);
    expect(t.kilde.db.prepare('SELECT COUNT(*) FROM documents').pluck().get()).toBe(docsBefore);
    expect(filesUnder(t.dir).length).toBe(filesBefore);
  });

  test('access change — an unknown user (row 12, was a 500) — 400 naming the user; nothing changed', async () => {
    const doc = await writer.http.post('/api/documents').attach('file', fresh(), 'aendres.txt');
    const res = await writer.http.put(`/api/documents/${doc.body.id}/access`).send({ level: 'restricted', users: ['usr_findesikke'] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('usr_findesikke');
    expect(row(doc.body.id).level).toBe('newsroom');
    const byName = await writer.http.put(`/api/documents/${doc.body.id}/access`).send({ level: 'restricted', users: ['upload-kollega'] });
    expect(byName.status).toBe(200);
    expect(named(doc.body.id)).toEqual([colleague.userId, writer.userId].sort());
  });

  test('access form — an embargo in year 10000 (row 11) — 400, the document stays closed', async () => {
    const doc = await writer.http.post('/api/documents').field('access', 'restricted').attach('file', fresh(), 'formular.txt');
    const res = await writer.http.post(`/documents/${doc.body.id}/access`).type('form').send({ level: 'embargoed', embargoUntil: '10000-01-01T00:00' });
    expect(res.status).toBe(400);
    expect(row(doc.body.id)).toEqual({ level: 'restricted', until: null });
    expect((await outsider.http.get(`/api/documents/${doc.body.id}`)).status).toBe(404);
  });

  test('upload page — a batch, restricted with a user — every file restricted from the start', async () => {
    const res = await writer.http.post('/upload').field('access', 'restricted').field('users', 'upload-kollega')
      .attach('files', fresh(), 'batch-1.txt').attach('files', fresh(), 'batch-2.txt');
    expect(res.status).toBe(200);
    const ids = [...res.text.matchAll(/\/documents\/(doc_[A-Za-z0-9_-]+)/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(2);
    for (const id of new Set(ids)) {
      expect(row(id).level).toBe('restricted');
      expect(named(id)).toEqual([colleague.userId, writer.userId].sort());
      expect((await outsider.http.get(`/documents/${id}`)).status).toBe(404);
    }
  });

  test('upload page — a batch naming an unknown user — 400, no file of the batch kept', async () => {
    const docsBefore = t.kilde.db.prepare('SELECT COUNT(*) FROM documents').pluck().get();
    const filesBefore = filesUnder(t.dir).length;
    const res = await writer.http.post('/upload').field('access', 'restricted').field('users', 'ukendt-person')
      .attach('files', fresh(), 'b1.txt').attach('files', fresh(), 'b2.txt');
    expect(res.status).toBe(400);
    expect(res.text).toContain('ukendt-person');
    expect(t.kilde.db.prepare('SELECT COUNT(*) FROM documents').pluck().get()).toBe(docsBefore);
    expect(filesUnder(t.dir).length).toBe(filesBefore);
  });

  test('upload page — nothing kept — the status says why: a date no calendar has 400 with the form as typed, files Kilde cannot read 415 with the batch page listing each file\'s reason', async () => {
    const docsBefore = t.kilde.db.prepare('SELECT COUNT(*) FROM documents').pluck().get();
    const badDate = await writer.http.post('/upload').field('date', '2019-02-30').attach('files', fresh(), 'dato.txt');
    expect(badDate.status).toBe(400);
    expect(badDate.text).toContain('2019-02-30');
    const empty = Buffer.alloc(0);
    const unreadable = await writer.http.post('/upload').attach('files', empty, 'tom1.pdf').attach('files', empty, 'tom2.pdf');
    expect(unreadable.status).toBe(415);
    expect(t.kilde.db.prepare('SELECT COUNT(*) FROM documents').pluck().get()).toBe(docsBefore);
    // A field error gives the form back as typed, before anything is stored: no batch is recorded.
    expect(badDate.headers['x-upload-batch']).toBeUndefined();
    expect(badDate.text).toMatch(/<form[^>]+action="\/upload"/);
    const batch = await writer.http.get(unreadable.headers['x-upload-batch'] as string);
    expect(batch.status).toBe(200);
    expect(batch.text).toContain('tom1.pdf');
  });

  test('upload page — the form — offers access, named users and an embargo end, in Danish too', async () => {
    const en = await writer.http.get('/upload');
    expect(en.text).toMatch(/name="access" value="restricted"/);
    expect(en.text).toMatch(/name="users"/);
    expect(en.text).toMatch(/name="embargoUntil" type="datetime-local"/);
    const da = await writer.http.get('/upload').set('Accept-Language', 'da');
    expect(da.text).toContain('Kun navngivne brugere');
  });

  test('request log — files restricted in the entry — restricted documents, hidden from others in the request', async () => {
    const party = await t.http.post('/api/parties').send({ kind: 'authority', name: 'Styrelsen for Adgang' });
    const req = await writer.http.post('/api/requests').send({ authorityId: party.body.id, subject: 'Aktindsigt med kilde' });
    expect(req.status).toBe(201);
    const res = await writer.http.post(`/api/requests/${req.body.id}/log`).field('kind', 'received')
      .field('access', 'restricted').field('users', 'upload-kollega').attach('files', fresh('logord'), 'svar.txt');
    expect(res.status).toBe(201);
    const id = res.body.documents[0].id as string;
    expect(row(id).level).toBe('restricted');
    expect(named(id)).toEqual([colleague.userId, writer.userId].sort());
    const seen = async (who: typeof writer) => (await who.http.get(`/api/requests/${req.body.id}/documents`)).body.documents.map((d: { documentId?: string; id?: string }) => d.documentId ?? d.id);
    expect(await seen(outsider)).not.toContain(id);
    expect(await seen(colleague)).toContain(id);
    const bad = await writer.http.post(`/api/requests/${req.body.id}/log`).field('kind', 'received').field('access', 'restricted').field('users', 'ingen').attach('files', fresh(), 'x.txt');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('"ingen"');
  });
});
