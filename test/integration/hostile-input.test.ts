import { removeDir, useKilde, waitForStatus, type TestKilde } from '../helpers/kilde';

/** Hostile input across the app: every case gets a clear 4xx or is stored harmlessly, never half-way. */
describe('hostile input', () => {
  const k = useKilde();

  test('file name — path traversal — is stored under its hash with a harmless name', async () => {
    const res = await k.t.http.post('/api/documents').attach('file', Buffer.from('Traversal-forsøg.'), '../../etc/passwd');
    expect(res.status).toBe(202);
    const doc = await waitForStatus(k.t, res.body.id);
    expect(doc.filename).toBe('passwd');
    const dl = await k.t.http.get(`/api/documents/${res.body.id}/original`);
    expect(dl.headers['content-disposition']).toBe(`attachment; filename="passwd"; filename*=UTF-8''passwd`);
  });

  test('file name — quotes, CR/LF and non-ASCII — cannot inject headers and keeps its UTF-8 name', async () => {
    const res = await k.t.http.post('/api/documents').attach('file', Buffer.from('Header-forsøg.'), 'brev "x"\r\nSet-Cookie: a=b æøå.txt');
    const doc = await waitForStatus(k.t, res.body.id);
    const dl = await k.t.http.get(`/api/documents/${res.body.id}/original`);
    expect(dl.headers['set-cookie']).toBeUndefined();
    expect(dl.headers['content-disposition']).toMatch(/^attachment; filename="[^"\r\n]*"; filename\*=UTF-8''/);
    expect(String(doc.filename)).not.toMatch(/[\r\n"]/);
  });

  test('an HTML file named .pdf — is read as HTML text and downloaded as an inert attachment', async () => {
    const html = '<!doctype html><html><body><script>alert(document.cookie)</script><p>Et brev i HTML.</p></body></html>';
    const res = await k.t.http.post('/api/documents').attach('file', Buffer.from(html), 'brev.pdf');
    expect(res.status).toBe(202);
    const doc = await waitForStatus(k.t, res.body.id, ['ready', 'failed']);
    expect(doc.mediaType).toBe('text/html');
    const dl = await k.t.http.get(`/api/documents/${res.body.id}/original`);
    expect(dl.headers['content-disposition']).toMatch(/^attachment/);
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.headers['content-security-policy']).toMatch(/sandbox/);
    const page = await k.t.http.get(`/documents/${res.body.id}`);
    expect(page.text).not.toContain('<script>alert(document.cookie)</script>');
  });

  test('extracted text with HTML and SQL — rendered escaped, searchable as words', async () => {
    const text = `Robert'); DROP TABLE documents;-- og <b onmouseover="alert(1)">fed</b> "citat" \\ backslash`;
    const res = await k.t.http.post('/api/documents').attach('file', Buffer.from(text), 'sql.txt').field('title', `'; DROP TABLE pages; --`);
    await waitForStatus(k.t, res.body.id);
    const page = await k.t.http.get(`/documents/${res.body.id}`).query({ q: 'DROP TABLE' });
    expect(page.text).not.toContain('<b onmouseover');
    expect(page.text).toMatch(/&lt;b onmouseover=(&quot;|&#34;)alert\(1\)(&quot;|&#34;)&gt;/);
    const hits = await k.t.http.get('/api/search').query({ q: "'); DROP TABLE documents;--" });
    expect(hits.status).toBe(200);
    expect(hits.body.total).toBeGreaterThanOrEqual(1);
    expect(k.t.kilde.db.prepare('SELECT COUNT(*) FROM documents').pluck().get()).toBeGreaterThan(0);
  });

  test('oversized JSON body — 413 with a message', async () => {
    const res = await k.t.http.post('/api/tokens').set('Content-Type', 'application/json').send(JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  test('wrong types in JSON — 400, never 500', async () => {
    expect((await k.t.http.post('/api/tokens').send({ name: { $gt: '' } })).status).toBe(400);
    expect((await k.t.http.post('/api/tokens').send([1, 2, 3])).status).toBe(400);
    expect((await k.t.http.get('/api/documents').query({ page: ['1', '2'] })).status).toBe(400);
    expect((await k.t.http.get('/api/documents').query({ perPage: '1e9' })).status).toBe(400);
  });

  test('ids — SQL and traversal in the id — 404', async () => {
    for (const id of ["doc_x' OR '1'='1", '..%2F..%2Fetc%2Fpasswd', 'doc_%00', '<script>']) {
      const res = await k.t.http.get(`/api/documents/${id}`);
      expect([id, res.status]).toEqual([id, 404]);
    }
  });

  test('sign-in — form posted without a session or token from another site — refused', async () => {
    const res = await k.t.anon.post('/login').set('Origin', 'https://evil.example').type('form').send({ username: 'testadmin', password: 'x' });
    expect(res.status).toBe(403);
  });
});
