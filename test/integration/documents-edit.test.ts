import { removeDir, startTestKilde, waitForStatus, type TestKilde } from '../helpers/kilde';

/**
 * Editing after upload and bulk actions, as a newsroom uses them: two journalists, an editor and a
 * researcher. Each change obeys the write rules (server/auth/permissions.ts) and the read rule
 * (server/auth/access.ts), and the audit log keeps every change before and after.
 */
describe('documents — metadata, tags, bulk actions', () => {
  let t: TestKilde;
  let anna: ReturnType<TestKilde['as']>;
  let bo: ReturnType<TestKilde['as']>;
  let editor: ReturnType<TestKilde['as']>;
  let researcher: ReturnType<TestKilde['as']>;
  let n = 0;
  const fresh = () => Buffer.from(`Brev nummer ${++n} om aktindsigt og skyløsninger ${n}.`);

  beforeAll(async () => {
    t = await startTestKilde();
    anna = t.as('journalist', 'anna');
    bo = t.as('journalist', 'bo');
    editor = t.as('editor', 'erik');
    researcher = t.as('researcher', 'rita');
  });
  afterAll(async () => {
    await t.stop();
    removeDir(t.dir);
  });

  async function upload(who: ReturnType<TestKilde['as']>, fields: Record<string, string> = {}): Promise<string> {
    let req = who.http.post('/api/documents');
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    const res = await req.attach('file', fresh(), `brev-${n}.txt`);
    expect(res.status).toBe(202);
    await waitForStatus(t, res.body.id);
    return res.body.id as string;
  }
  const row = (id: string) => t.kilde.db.prepare('SELECT title, title_from_user, document_date, date_precision, notes, language FROM documents WHERE id = ?').get(id) as Record<string, unknown> | undefined;
  const tagsOf = (id: string) => t.kilde.db.prepare('SELECT t.name FROM document_tags dt JOIN tags t ON t.id = dt.tag_id WHERE dt.document_id = ? ORDER BY t.folded').pluck().all(id) as string[];
  const lastAudit = (id: string) => t.kilde.db.prepare("SELECT actor_id, before_json, after_json FROM audit_log WHERE entity_id = ? AND action = 'update' ORDER BY id DESC LIMIT 1").get(id) as { actor_id: string; before_json: string; after_json: string } | undefined;

  test('edit — the uploader changes title, month date, notes, language and tags — stored, kept on re-extraction, audited before and after', async () => {
    const id = await upload(anna);
    const before = row(id)!;
    const res = await anna.http.post(`/documents/${id}/metadata`).type('form')
      .send({ title: 'Ministerens brev til KL', date: '2018-09', notes: 'Fra aktindsigt hos STAR', language: 'da', tags: 'skyløsninger, KL, kl' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/documents/${id}?saved=1`);
    expect(row(id)).toEqual({ title: 'Ministerens brev til KL', title_from_user: 1, document_date: '2018-09', date_precision: 'month', notes: 'Fra aktindsigt hos STAR', language: 'da' });
    expect(tagsOf(id)).toEqual(['KL', 'skyløsninger']); // "kl" is the same tag as "KL"
    const audit = lastAudit(id)!;
    expect(audit.actor_id).toBe(anna.userId);
    expect(JSON.parse(audit.before_json)).toEqual({ title: before.title, documentDate: null, datePrecision: null, notes: '', language: null, tags: [] });
    expect(JSON.parse(audit.after_json)).toEqual({ title: 'Ministerens brev til KL', documentDate: '2018-09', datePrecision: 'month', notes: 'Fra aktindsigt hos STAR', language: 'da', tags: ['skyløsninger', 'KL'] });
    // Extracting again keeps the title a person wrote.
    expect((await anna.http.post(`/api/documents/${id}/extract`)).status).toBe(202);
    await waitForStatus(t, id);
    expect(row(id)!.title).toBe('Ministerens brev til KL');
    const page = await anna.http.get(`/documents/${id}?lang=da`);
    expect(page.text).toContain('september 2018');
    expect(page.text).toContain('href="/documents?tag=sky');
  });

  test('edit — the API patch changes only the fields sent; an empty date clears it; nothing changed writes no audit entry', async () => {
    const id = await upload(anna);
    expect((await anna.http.patch(`/api/documents/${id}`).send({ date: '2018-09-28' })).body).toMatchObject({ documentDate: '2018-09-28', datePrecision: 'day' });
    const patched = await anna.http.patch(`/api/documents/${id}`).send({ date: '', tags: ['Aftaler'] });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ documentDate: null, datePrecision: null, tags: ['Aftaler'] });
    const entries = () => t.kilde.db.prepare("SELECT COUNT(*) FROM audit_log WHERE entity_id = ? AND action = 'update'").pluck().get(id);
    const count = entries();
    expect((await anna.http.patch(`/api/documents/${id}`).send({ tags: 'aftaler' })).status).toBe(200);
    expect(entries()).toBe(count);
  });

  test('edit — bad input — 400 naming the field, nothing changed', async () => {
    const id = await upload(anna);
    const title = row(id)!.title;
    for (const body of [{ date: '2018-02-30' }, { title: '   ' }, { language: 'dansk' }, { tags: 'x'.repeat(61) }]) {
      const res = await anna.http.patch(`/api/documents/${id}`).send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    expect(row(id)!.title).toBe(title);
    expect(row(id)!.document_date).toBeNull();
  });

  test('edit — who may — a colleague on a newsroom document yes; a named journalist on a restricted one no; an outsider 404; a researcher 403; an editor yes', async () => {
    const open = await upload(anna);
    expect((await bo.http.patch(`/api/documents/${open}`).send({ title: 'Bo retter titlen' })).status).toBe(200);
    expect(row(open)!.title).toBe('Bo retter titlen');

    const namedForBo = await upload(anna, { access: 'restricted', users: 'bo' });
    const res = await bo.http.patch(`/api/documents/${namedForBo}`).send({ title: 'Bo må ikke' });
    expect(res.status).toBe(403);
    expect((await editor.http.patch(`/api/documents/${namedForBo}`).send({ title: 'Ikke for redaktøren' })).status).toBe(404); // not named: cannot read
    const secret = await upload(anna, { access: 'restricted' });
    expect((await bo.http.patch(`/api/documents/${secret}`).send({ title: 'x' })).status).toBe(404);
    expect((await researcher.http.patch(`/api/documents/${open}`).send({ title: 'x' })).status).toBe(403);
    const editorsOwnView = await upload(anna, { access: 'restricted', users: 'erik' });
    expect((await editor.http.patch(`/api/documents/${editorsOwnView}`).send({ title: 'Redaktøren retter' })).status).toBe(200);
    expect(row(namedForBo)!.title).not.toBe('Bo må ikke');
    expect(row(secret)!.title).not.toBe('x');
    // The page offers the editor only where it would be accepted.
    expect((await bo.http.get(`/documents/${namedForBo}`)).text).not.toContain(`/documents/${namedForBo}/metadata`);
    expect((await bo.http.get(`/documents/${open}`)).text).toContain(`/documents/${open}/metadata`);
  });

  test('bulk tag — over own, a colleague\'s and an unreadable document — two tagged, one refused without its title', async () => {
    const mine = await upload(bo);
    const colleagues = await upload(anna);
    const hidden = await upload(anna, { access: 'restricted' });
    const hiddenTitle = row(hidden)!.title as string;
    const res = await bo.http.post('/documents/bulk').type('form').send(`ids=${mine}&ids=${colleagues}&ids=${hidden}&action=tag&tags=Momentum`);
    expect(res.status).toBe(200);
    expect(tagsOf(mine)).toEqual(['Momentum']);
    expect(tagsOf(colleagues)).toEqual(['Momentum']);
    expect(tagsOf(hidden)).toEqual([]);
    expect(res.text).toContain(`data-outcome="refused" data-document-id="${hidden}"`);
    expect(res.text).not.toContain(hiddenTitle);
    const list = await bo.http.get('/documents?tag=momentum');
    expect(list.text).toContain(`/documents/${mine}`);
    expect(list.text).toContain(`/documents/${colleagues}`);
    expect(list.text).toContain('(2 documents)');
  });

  test('bulk delete — a journalist over own and a colleague\'s — own deleted, the colleague\'s refused; without the confirmation nothing happens', async () => {
    const mine = await upload(bo);
    const colleagues = await upload(anna);
    const unconfirmed = await bo.http.post('/api/documents/bulk').send({ ids: [mine], action: 'delete' });
    expect(unconfirmed.status).toBe(400);
    expect(row(mine)).toBeDefined();
    const res = await bo.http.post('/api/documents/bulk').send({ ids: [mine, colleagues], action: 'delete', confirm: 'yes' });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      expect.objectContaining({ id: mine, ok: true }),
      expect.objectContaining({ id: colleagues, ok: false, code: 'forbidden' }),
    ]);
    expect(row(mine)).toBeUndefined();
    expect(row(colleagues)).toBeDefined();
  });

  test('bulk access — an editor restricts two documents to a journalist — both restricted, audited; the researcher is refused', async () => {
    const a = await upload(anna);
    const b = await upload(bo);
    const refused = await researcher.http.post('/api/documents/bulk').send({ ids: [a, b], action: 'access', level: 'restricted', users: 'anna' });
    expect(refused.status).toBe(403); // researchers read; the whole request is refused before any document
    const res = await editor.http.post('/api/documents/bulk').send({ ids: [a, b], action: 'access', level: 'restricted', users: 'anna' });
    expect(res.body.results.every((r: { ok: boolean }) => r.ok)).toBe(true);
    for (const id of [a, b]) {
      expect(t.kilde.db.prepare('SELECT access_level FROM documents WHERE id = ?').pluck().get(id)).toBe('restricted');
      expect(t.kilde.db.prepare("SELECT COUNT(*) FROM audit_log WHERE entity_id = ? AND action = 'access'").pluck().get(id)).toBe(1);
    }
    expect((await researcher.http.get(`/api/documents/${a}`)).status).toBe(404);
  });

  test('bulk story and request — documents filed under a story and linked to an FOI request', async () => {
    const a = await upload(anna);
    const b = await upload(anna);
    const story = await anna.http.post('/api/stories').send({ title: 'Kommunernes skyløsninger' });
    expect(story.status).toBe(201);
    const res = await anna.http.post('/api/documents/bulk').send({ ids: [a, b], action: 'story', storyId: story.body.id });
    expect(res.body.results.every((r: { ok: boolean; changed: boolean }) => r.ok && r.changed)).toBe(true);
    const again = await anna.http.post('/api/documents/bulk').send({ ids: [a], action: 'story', storyId: story.body.id });
    expect(again.body.results[0]).toMatchObject({ ok: true, changed: false });
    const party = await anna.http.post('/api/parties').send({ name: 'Styrelsen for Arbejdsmarked og Rekruttering', kind: 'authority' });
    const request = await anna.http.post('/api/requests').send({ authorityId: party.body.id, subject: 'Aktindsigt i brevet til KL', jurisdiction: 'DK' });
    expect(request.status).toBe(201);
    const linked = await anna.http.post('/api/documents/bulk').send({ ids: [a], action: 'request', requestId: request.body.id, role: 'response' });
    expect(linked.body.results[0]).toMatchObject({ ok: true, changed: true });
    const docs = await anna.http.get(`/api/requests/${request.body.id}/documents`);
    expect(JSON.stringify(docs.body)).toContain(a);
  });

  test('upload batch — two files and a story — the batch page lists each file, its status and survives a reload; others get 404', async () => {
    const story = await anna.http.post('/api/stories').send({ title: 'Batch-historien' });
    const res = await anna.http.post('/upload').field('storyId', story.body.id).field('access', 'newsroom')
      .attach('files', fresh(), 'a.txt').attach('files', fresh(), 'b.txt').attach('files', Buffer.from([0x4d, 0x5a, 0, 0, 1]), 'c.pdf');
    expect(res.status).toBe(200);
    const batchUrl = res.headers['x-upload-batch'];
    expect(batchUrl).toMatch(/^\/upload\/batches\/upl_/);
    const ids = [...new Set([...res.text.matchAll(/\/documents\/(doc_[A-Za-z0-9_-]+)/g)].map((m) => m[1]))];
    expect(ids).toHaveLength(2);
    for (const id of ids) await waitForStatus(t, id);
    const page = await anna.http.get(`${batchUrl}?lang=da`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('c.pdf</strong> — afvist: filtypen understøttes ikke');
    expect(page.text).toContain('Klar — 1 side');
    const status = await anna.http.get(`${batchUrl}/status`);
    expect(status.body).toMatchObject({ done: true });
    expect(status.body.files.map((f: { outcome: string }) => f.outcome)).toEqual(['stored', 'stored', 'refused']);
    const items = await anna.http.get(`/api/stories/${story.body.id}`);
    for (const id of ids) expect(JSON.stringify(items.body)).toContain(id);
    expect((await bo.http.get(batchUrl)).status).toBe(404);
  });

  test('upload batch — a story the uploader cannot read — 404 and no file kept', async () => {
    const before = t.kilde.db.prepare('SELECT COUNT(*) FROM documents').pluck().get();
    const res = await anna.http.post('/upload').field('storyId', 'sty_doesnotexist00').attach('files', fresh(), 'x.txt').attach('files', fresh(), 'y.txt');
    expect(res.status).toBe(404);
    expect(t.kilde.db.prepare('SELECT COUNT(*) FROM documents').pluck().get()).toBe(before);
  });
});
