import fs from 'node:fs';
import path from 'node:path';
import type { Response } from 'supertest';
import { makePdf } from '../helpers/pdf';
import { removeDir, startTestKilde, waitForStatus, type TestKilde } from '../helpers/kilde';
import { eml, multiPageTiff, textImage } from '../helpers/generated';

/**
 * Page images through HTTP: each page of a PDF or TIFF drawn on first request, cached under
 * `<dataDir>/derived/<id>/page-<n>.png`, recomputed when the cache is gone; single images served
 * as stored; every request through the access rule; bad input answered 404, never 500.
 */
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function binary(res: Response): Buffer {
  return res.body as Buffer;
}

describe('page images — through HTTP', () => {
  let t: TestKilde;
  const ids: Record<string, string> = {};
  const derived = (id: string, n: number) => path.join(t.config.dataDir, 'derived', id, `page-${n}.png`);
  const get = (url: string, agent = t.http) =>
    agent.get(url).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });

  async function upload(name: string, bytes: Buffer): Promise<string> {
    const res = await t.http.post('/api/documents').attach('file', bytes, name);
    expect(res.status).toBe(202);
    return res.body.id as string;
  }

  beforeAll(async () => {
    t = await startTestKilde();
    ids.pdf = await upload('brev.pdf', await makePdf(['Første side af brevet til KL.', 'Anden side med underskriften.']));
    ids.png = await upload('foto.png', textImage(['Fotografi af et brev'], { widthPx: 700 }).png);
    ids.tiff = await upload('fax.tif', multiPageTiff([['Fax side et'], ['Fax side to']]));
    ids.txt = await upload('notat.txt', Buffer.from('Et notat i ren tekst om aktindsigt.', 'utf8'));
    ids.mail = await upload('mail.eml', eml({ from: 'a@b.example', to: 'c@d.example', subject: 'Hej', date: 'Mon, 1 Oct 2018 10:00:00 +0200', body: 'Ingen bilag.', attachments: [] }));
    for (const id of Object.values(ids)) await waitForStatus(t, id, ['ready'], 60_000);
  }, 120_000);

  afterAll(async () => {
    await t.stop();
    removeDir(t.dir);
  });

  test('PDF page — first request — is a PNG, private, nosniff, and cached under derived/<id>/page-<n>.png', async () => {
    expect(fs.existsSync(derived(ids.pdf!, 1))).toBe(false);
    const res = await get(`/documents/${ids.pdf}/pages/1.png`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['cache-control']).toMatch(/^private/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(binary(res).subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(binary(res).readUInt32BE(16)).toBe(Math.round((595 * 150) / 72)); // A4 width at 150 dpi (MuPDF draws it)
    expect(fs.readFileSync(derived(ids.pdf!, 1))).toEqual(binary(res));
  });

  test('PDF page — cached — is served from the cache; deleted — is drawn again', async () => {
    const first = await get(`/documents/${ids.pdf}/pages/2.png`);
    const file = derived(ids.pdf!, 2);
    const stamp = fs.statSync(file).mtimeMs;
    const second = await get(`/documents/${ids.pdf}/pages/2.png`);
    expect(binary(second)).toEqual(binary(first));
    expect(fs.statSync(file).mtimeMs).toBe(stamp);
    fs.rmSync(path.dirname(file), { recursive: true });
    const redrawn = await get(`/documents/${ids.pdf}/pages/2.png`);
    expect(redrawn.status).toBe(200);
    expect(binary(redrawn).subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(fs.existsSync(file)).toBe(true);
  });

  test('PDF page — eight requests at once for an uncached page — all get the same image', async () => {
    fs.rmSync(path.join(t.config.dataDir, 'derived', ids.pdf!), { recursive: true, force: true });
    const all = await Promise.all(Array.from({ length: 8 }, () => get(`/api/documents/${ids.pdf}/pages/1/image`)));
    for (const res of all) {
      expect(res.status).toBe(200);
      expect(binary(res)).toEqual(binary(all[0]!));
    }
    expect(fs.readdirSync(path.join(t.config.dataDir, 'derived', ids.pdf!))).toEqual(['page-1.png']);
  });

  test('API route — same picture, same headers', async () => {
    const res = await get(`/api/documents/${ids.pdf}/pages/1/image`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['cache-control']).toMatch(/^private/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  test('single image — page 1 — is the original file, as stored', async () => {
    const res = await get(`/documents/${ids.png}/pages/1.png`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    const doc = await t.http.get(`/api/documents/${ids.png}`);
    expect(binary(res).length).toBe(doc.body.size);
    expect(fs.existsSync(path.join(t.config.dataDir, 'derived', ids.png!))).toBe(false);
    expect((await get(`/documents/${ids.png}/pages/2.png`)).status).toBe(404);
  });

  test('multi-page TIFF — page 2 — is that frame as a PNG, cached', async () => {
    const res = await get(`/documents/${ids.tiff}/pages/2.png`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(binary(res).subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(binary(res).readUInt32BE(16)).toBe(900);
    expect(fs.existsSync(derived(ids.tiff!, 2))).toBe(true);
    expect((await get(`/documents/${ids.tiff}/pages/3.png`)).status).toBe(404);
  });

  test.each([
    ['a text file', 'txt'],
    ['an e-mail', 'mail'],
  ])('no image — %s — answers 404 with a message', async (_what, key) => {
    const res = await t.http.get(`/api/documents/${ids[key]}/pages/1/image`);
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual({ code: 'not_found', message: 'This document has no page images.' });
    const html = await t.http.get(`/documents/${ids[key]}/pages/1.png`);
    expect(html.status).toBe(404);
    expect(html.headers['content-type']).toMatch(/text\/html/);
  });

  test.each(['0', '-1', '3', 'abc', '1.5', '01', '1e3', '99999999', '%00', '1%20OR%201=1', '<script>'])('bad page number — %s — answers 404, not 500', async (n) => {
    const api = await t.http.get(`/api/documents/${ids.pdf}/pages/${n}/image`);
    expect(api.status).toBe(404);
    expect(api.body.error.code).toBe('not_found');
    const page = await t.http.get(`/documents/${ids.pdf}/pages/${n}.png`);
    expect(page.status).toBe(404);
  });

  test.each(['doc_doesnotexist', "x' OR 1=1 --", '<img src=x onerror=alert(1)>', '..%2F..%2Fetc%2Fpasswd', 'a'.repeat(500)])('unknown or hostile id — %s — answers 404', async (id) => {
    const api = await t.http.get(`/api/documents/${encodeURIComponent(id)}/pages/1/image`);
    expect(api.status).toBe(404);
    expect(api.body.error.code).toBe('not_found');
    const page = await t.http.get(`/documents/${encodeURIComponent(id)}/pages/1.png`);
    expect(page.status).toBe(404);
    expect(page.text).not.toContain('<img src=x');
  });

  test('access — a restricted document — is 404 for those not named, 200 for those named, refused without sign-in', async () => {
    const id = await upload('hemmeligt.pdf', await makePdf(['Fortroligt notat om kilden.']));
    await waitForStatus(t, id);
    const named = t.as('journalist');
    const other = t.as('researcher');
    await t.http.put(`/api/documents/${id}/access`).send({ level: 'restricted', users: [named.userId] }).expect(200);
    expect((await get(`/documents/${id}/pages/1.png`, other.http)).status).toBe(404);
    expect((await other.http.get(`/api/documents/${id}/pages/1/image`)).body.error.code).toBe('not_found');
    expect((await get(`/documents/${id}/pages/1.png`, named.http)).status).toBe(200);
    const anon = await t.anon.get(`/api/documents/${id}/pages/1/image`);
    expect(anon.status).toBe(401);
    // A researcher may see the images of documents open to the newsroom.
    expect((await get(`/documents/${ids.pdf}/pages/1.png`, other.http)).status).toBe(200);
  });

  test('document page — PDF — shows a lazy image beside each page; text file — shows none', async () => {
    const pdf = await t.http.get(`/documents/${ids.pdf}`);
    expect(pdf.text).toContain(`<img src="/documents/${ids.pdf}/pages/1.png" loading="lazy"`);
    expect(pdf.text).toContain(`<img src="/documents/${ids.pdf}/pages/2.png" loading="lazy"`);
    expect(pdf.text).toContain('/static/page-images.css');
    const txt = await t.http.get(`/documents/${ids.txt}`);
    expect(txt.text).not.toContain('/pages/1.png');
    expect(txt.text).not.toContain('page-images.css');
    const css = await t.http.get('/static/page-images.css');
    expect(css.status).toBe(200);
  });

  test('delete — a document with cached page images — removes them too', async () => {
    const id = await upload('slettes.pdf', await makePdf(['Dette brev slettes igen.']));
    await waitForStatus(t, id);
    expect((await get(`/documents/${id}/pages/1.png`)).status).toBe(200);
    expect(fs.existsSync(derived(id, 1))).toBe(true);
    await t.http.delete(`/api/documents/${id}`).expect(204);
    expect(fs.existsSync(path.join(t.config.dataDir, 'derived', id))).toBe(false);
    expect((await t.http.get(`/api/documents/${id}/pages/1/image`)).status).toBe(404);
  });

  test('Range — outside the file, on the original and a page image, API and page — 416 with bytes */size in the error\'s own type; inside it — 206', async () => {
    const size = (await get(`/api/documents/${ids.pdf}/original`)).body.length;
    const image = (await get(`/documents/${ids.pdf}/pages/1.png`)).body.length;
    const cases: Array<[string, number]> = [
      [`/api/documents/${ids.pdf}/original`, size],
      [`/documents/${ids.pdf}/original`, size],
      [`/api/documents/${ids.pdf}/pages/1/image`, image],
      [`/documents/${ids.pdf}/pages/1.png`, image],
    ];
    for (const [url, bytes] of cases) {
      for (const range of ['bytes=999999999-', 'bytes=5-1', 'bytes=-0', 'bytes=18446744073709551616-']) {
        const res = await t.http.get(url).set('Range', range);
        const api = url.startsWith('/api/');
        expect([url, range, res.status]).toEqual([url, range, 416]);
        // Not labelled as the PDF or PNG it is not, and not offered as the file's download.
        expect(res.headers['content-type']).toMatch(api ? /^application\/json/ : /^text\/html/);
        expect(res.headers['content-disposition']).toBeUndefined();
        expect(res.headers['content-range']).toBe(`bytes */${bytes}`);
        if (api) expect(res.body.error).toEqual({ code: 'range_not_satisfiable', message: 'The requested byte range lies outside the file.' });
      }
      const part = await get(url).set('Range', 'bytes=0-3');
      expect(part.status).toBe(206);
      expect(binary(part)).toEqual(url.includes('original') ? Buffer.from('%PDF') : PNG_SIGNATURE.subarray(0, 4));
    }
    const da = await t.http.get(`/documents/${ids.pdf}/original`).set('Range', 'bytes=999999999-').set('Accept-Language', 'da');
    expect(da.text).toContain('Den del af filen findes ikke');
  });
});
