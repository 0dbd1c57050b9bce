import fs from 'node:fs';
import path from 'node:path';
import { makePdf } from '../helpers/pdf';
import { filesUnder, removeDir, useKilde, waitForStatus, type TestKilde } from '../helpers/kilde';

describe('upload — bad input gets a clear answer and leaves nothing behind', () => {
  const k = useKilde({ KILDE_MAX_UPLOAD_MB: '1' });

  const stored = () => filesUnder(k.t.config.uploadsDir);
  const rows = () => k.t.kilde.db.prepare('SELECT COUNT(*) FROM documents').pluck().get() as number;

  test('upload — no file — 400 with a message', async () => {
    const res = await k.t.http.post('/api/documents').field('title', 'x');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'bad_request' });
    expect(res.body.error.message).toMatch(/field "file"/);
  });

  test('upload — a Windows program renamed .pdf — 415, no file, no row', async () => {
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(2000, 1)]);
    const before = rows();
    const res = await k.t.http.post('/api/documents').attach('file', exe, 'letter.pdf');
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('unsupported_type');
    expect(res.body.error.message).toMatch(/program/);
    expect(stored()).toEqual([]);
    expect(rows()).toBe(before);
  });

  test('upload — an empty file — 415 saying it is empty', async () => {
    const res = await k.t.http.post('/api/documents').attach('file', Buffer.alloc(0), 'empty.pdf');
    expect(res.status).toBe(415);
    expect(res.body.error.message).toMatch(/empty/);
    expect(stored()).toEqual([]);
  });

  test('upload — over the size limit — 413 and no file left in uploads or its temp dir', async () => {
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1024 * 1024 + 10, 0x20)]);
    const before = rows();
    const res = await k.t.http.post('/api/documents').attach('file', big, 'big.pdf');
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    expect(stored()).toEqual([]);
    expect(rows()).toBe(before);
  });

  test('upload — a malformed date — 400 and the staged file is removed', async () => {
    const pdf = await makePdf(['Dato mangler']);
    const res = await k.t.http.post('/api/documents').attach('file', pdf, 'a.pdf').field('date', '2018-02-30');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/not a real date/);
    expect(stored()).toEqual([]);
  });

  test('upload — a truncated PDF — fails with a readable reason and the original kept', async () => {
    const pdf = await makePdf(['Dette brev er ødelagt halvvejs gennem filen.', 'Side to.']);
    const broken = pdf.subarray(0, Math.floor(pdf.length / 3));
    const res = await k.t.http.post('/api/documents').attach('file', broken, 'broken.pdf');
    expect(res.status).toBe(202);
    const doc = await waitForStatus(k.t, res.body.id, ['failed', 'ready']);
    expect(doc.status).toBe('failed');
    expect(String(doc.error)).toMatch(/could not be read|damaged/);
    const sha = String(doc.sha256);
    expect(fs.existsSync(path.join(k.t.config.uploadsDir, sha.slice(0, 2), sha.slice(2, 4), sha))).toBe(true);
  });

  test('upload — a text file — is one page of text', async () => {
    const res = await k.t.http.post('/api/documents').attach('file', Buffer.from('Notat om aktindsigt i KMD Momentum.\n'), 'notat.txt');
    expect(res.status).toBe(202);
    const doc = await waitForStatus(k.t, res.body.id);
    expect(doc).toMatchObject({ status: 'ready', pageCount: 1, mediaType: 'text/plain' });
  });

  test('upload — a malformed multipart body — 400, never 500', async () => {
    const res = await k.t.http
      .post('/api/documents')
      .set('Content-Type', 'multipart/form-data; boundary=xyz')
      .send('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 trunc');
    expect(res.status).toBe(400);
    expect(res.body.error).toBeDefined();
  });

  test('upload — too long a title — 400', async () => {
    const pdf = await makePdf(['Titel for lang']);
    const res = await k.t.http.post('/api/documents').attach('file', pdf, 'a.pdf').field('title', 'x'.repeat(501));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(stored().filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  test('documents — an unknown id — 404 as JSON and as a page', async () => {
    const api = await k.t.http.get('/api/documents/doc_doesnotexist00');
    expect(api.status).toBe(404);
    expect(api.body.error.code).toBe('not_found');
    const page = await k.t.http.get('/documents/../../etc/passwd');
    expect(page.status).toBe(404);
    const html = await k.t.http.get('/documents/doc_doesnotexist00');
    expect(html.status).toBe(404);
    expect(html.text).toContain('was not found');
    expect(html.text).not.toMatch(/at .*\.ts:\d+/);
  });

  test('api — an unknown route — 404 JSON', async () => {
    const res = await k.t.http.get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  test('extract again — an unknown document — 404; a bad body — 400', async () => {
    expect((await k.t.http.post('/api/documents/doc_doesnotexist00/extract').send({})).status).toBe(404);
    const res = await k.t.http.post('/api/documents').attach('file', Buffer.from('tekst'), 't.txt');
    await waitForStatus(k.t, res.body.id);
    const bad = await k.t.http.post(`/api/documents/${res.body.id}/extract`).send({ password: 42 });
    expect(bad.status).toBe(400);
    const json = await k.t.http.post(`/api/documents/${res.body.id}/extract`).set('Content-Type', 'application/json').send('{"password": ');
    expect(json.status).toBe(400);
  });
});
