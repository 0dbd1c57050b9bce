import fs from 'node:fs';
import path from 'node:path';
import { makePdf } from '../helpers/pdf';
import { filesUnder, removeDir, startTestKilde, waitForStatus, type TestKilde } from '../helpers/kilde';

const PAGE_1 = 'Styrelsen for Arbejdsmarked og Rekruttering skriver til KL om kommunernes it-systemer.';
const PAGE_2 = 'Ministeren beder om en redegørelse senest den 15. oktober. Personfølsomme data må ikke flyttes til Holland. Ålborg Kommune er nævnt.';
const PAGE_3 = 'Med venlig hilsen, Beskæftigelsesministeriet.';

describe('upload → extract → search, end to end', () => {
  let t: TestKilde;
  let id: string;
  let pdf: Buffer;

  beforeAll(async () => {
    t = await startTestKilde();
    pdf = await makePdf([PAGE_1, PAGE_2, PAGE_3], { title: 'Brev fra ministeren til KL' });
    const res = await t.http.post('/api/documents').attach('file', pdf, 'brev.pdf').field('date', '2018-09-28');
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'queued', duplicate: false });
    expect(res.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    id = res.body.id;
  });
  afterAll(async () => {
    await t.stop();
    removeDir(t.dir);
  });

  test('upload — a three-page Danish PDF — becomes ready with its pages, title and date', async () => {
    const doc = await waitForStatus(t, id);
    expect(doc).toMatchObject({ status: 'ready', pageCount: 3, title: 'Brev fra ministeren til KL', documentDate: '2018-09-28', datePrecision: 'day', indexed: true });
    const pages = await t.http.get(`/api/documents/${id}/pages`);
    expect(pages.body.pages).toHaveLength(3);
    expect(pages.body.pages[1]).toMatchObject({ number: 2, method: 'text' });
    expect(pages.body.pages[1].text).toContain('redegørelse');
  });

  test('search — a word on page 2 — finds the document on page 2 with a highlighted snippet', async () => {
    await waitForStatus(t, id);
    const res = await t.http.get('/api/search').query({ q: 'redegørelse' });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1);
    const hit = res.body.hits[0];
    expect(hit.documentId).toBe(id);
    expect(hit.pages[0].number).toBe(2);
    expect(hit.pages[0].snippet).toContain('<mark>redegørelse</mark>');
  });

  test.each([
    ['upper case', 'REDEGØRELSE'],
    ['without diacritics (o for ø)', 'redegorelse'],
    ['oe for ø', 'redegoerelse'],
    ['aa for å', 'Aalborg'],
    ['a phrase', '"personfølsomme data"'],
  ])('search — the word written in %s — still finds page 2', async (_how, q) => {
    await waitForStatus(t, id);
    const res = await t.http.get('/api/search').query({ q });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1);
    expect(res.body.hits[0].pages[0].number).toBe(2);
  });

  test('search — an excluded word on the page — finds nothing', async () => {
    const res = await t.http.get('/api/search').query({ q: 'redegørelse -Holland' });
    expect(res.body.total).toBe(0);
  });

  test('upload — the same bytes again — answers the first id and stores one file', async () => {
    const before = filesUnder(t.config.uploadsDir).length;
    const res = await t.http.post('/api/documents').attach('file', pdf, 'kopi.pdf');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, duplicate: true });
    expect(filesUnder(t.config.uploadsDir).length).toBe(before);
    const list = await t.http.get('/api/documents');
    expect(list.body.total).toBe(1);
  });

  test('upload — a file named in Danish (sent as UTF-8, as browsers do) — keeps its name and downloads under it', async () => {
    const res = await t.http.post('/api/documents').attach('file', Buffer.from('Svar på anmodning om aktindsigt, København.'), 'Svar på aktindsigt – Kø.txt');
    expect(res.status).toBe(202);
    const doc = await waitForStatus(t, res.body.id);
    expect(doc.filename).toBe('Svar på aktindsigt – Kø.txt');
    const original = await t.http.get(`/api/documents/${res.body.id}/original`);
    expect(original.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('Svar på aktindsigt – Kø.txt')}`);
  });

  test('download — the original — has its bytes, type and a safe attachment name', async () => {
    const res = await t.http.get(`/api/documents/${id}/original`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="brev.pdf"/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect((res.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const doc = await t.http.get(`/api/documents/${id}`);
    const sha = String(doc.body.sha256);
    expect(fs.existsSync(path.join(t.config.uploadsDir, sha.slice(0, 2), sha.slice(2, 4), sha))).toBe(true);
  });

  test('document page — arriving from a search — shows every page with the searched word marked', async () => {
    const res = await t.http.get(`/documents/${id}`).query({ q: 'personfølsomme' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('id="page-2"');
    expect(res.text).toContain('<mark>Personfølsomme</mark>');
  });

  test('search page — a query — lists the hit with page number and snippet', async () => {
    const res = await t.http.get('/search').query({ q: 'Holland' });
    expect(res.status).toBe(200);
    expect(res.text).toContain(`/d/${id}/p/2?q=Holland#page-2`);
    expect(res.text).toContain('<mark>Holland</mark>');
  });
});
