import { makePdf } from '../helpers/pdf';
import { removeDir, startTestKilde, waitForStatus, type TestKilde } from '../helpers/kilde';

const XSS = '<img src=x onerror=alert(1)>';

describe('HTML pages — render and escape', () => {
  let t: TestKilde;
  let id: string;
  beforeAll(async () => {
    t = await startTestKilde();
    const pdf = await makePdf([`Brevet indeholder ${XSS} som tekst.`]);
    const res = await t.http.post('/api/documents').attach('file', pdf, `"><svg onload=alert(2)>.pdf`).field('title', XSS).field('notes', XSS);
    id = res.body.id;
    await waitForStatus(t, id);
  });
  afterAll(async () => {
    await t.stop();
    removeDir(t.dir);
  });

  test.each(['/', '/documents', '/upload', '/search', '/search?q=brevet'])('GET %s — 200 HTML with the hostile title escaped', async (url) => {
    const res = await t.http.get(url);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).not.toContain(XSS);
    expect(res.text).not.toContain('<svg onload');
  });

  test('document page — hostile title, file name, notes and text — all escaped', async () => {
    const res = await t.http.get(`/documents/${id}`).query({ q: 'brevet' });
    expect(res.status).toBe(200);
    expect(res.text).not.toContain(XSS);
    expect(res.text).not.toContain('<svg onload');
    expect(res.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  test('pages — security headers — a CSP without inline script and nosniff', async () => {
    const res = await t.http.get('/');
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  test('language — ?lang=da — renders Danish and remembers it', async () => {
    const res = await t.http.get('/?lang=da');
    expect(res.text).toContain('lang="da"');
    expect(res.text).toContain('Senest tilføjet');
    expect(res.headers['set-cookie']?.[0]).toMatch(/kilde_lang=da/);
  });

  test('upload form — one file without JavaScript — redirects to the new document', async () => {
    const res = await t.http.post('/upload').attach('files', Buffer.from('Formular-upload virker.'), 'form.txt');
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/documents\/doc_/);
  });

  test('upload form — several files, one refused — lists each outcome', async () => {
    const res = await t.http
      .post('/upload')
      .attach('files', Buffer.from('Første fil.'), 'en.txt')
      .attach('files', Buffer.from([0x4d, 0x5a, 0, 0, 1, 2, 3]), 'to.pdf');
    expect(res.status).toBe(200);
    expect(res.text).toContain('en.txt');
    expect(res.text).toMatch(/to\.pdf<\/strong> — /);
    expect(res.text).toMatch(/program/);
  });
});
