import { monitorEventLoopDelay } from 'node:perf_hooks';
import { makePdf } from '../helpers/pdf';
import { removeDir, startTestKilde, waitForStatus, type TestKilde, useKilde } from '../helpers/kilde';
import { scannedPdf } from '../helpers/generated';

/**
 * Scanned PDFs through HTTP: a page with no text layer is rendered and OCRed in Danish, its words
 * are searchable, its method and confidence are stored and shown, progress is visible while it
 * runs, and the server keeps answering while OCR works.
 */
const LETTER = [
  ['Kommunen har modtaget jeres anmodning', 'om aktindsigt i sagen om vejstøj.'],
  ['Styrelsen beder om en redegørelse', 'senest den femtende oktober.'],
];

describe('ingest — scanned PDF with Danish text, through HTTP', () => {
  let t: TestKilde;
  let id: string;
  /** Every state the document showed while it was extracted. */
  const seen: Array<{ status: string; progress: { done: number; total: number; method: string | null } | null; live: string; line: string }> = [];

  beforeAll(async () => {
    t = await startTestKilde();
    const res = await t.http.post('/api/documents').attach('file', await scannedPdf(LETTER), 'scannet-brev.pdf');
    expect(res.status).toBe(202);
    id = res.body.id;
    // Watch it extract, through the API and the page's status endpoint.
    const until = Date.now() + 60_000;
    while (Date.now() < until) {
      const api = await t.http.get(`/api/documents/${id}`);
      const live = await t.http.get(`/documents/${id}/status`).set('Accept', 'application/json');
      seen.push({ status: api.body.status, progress: api.body.progress, live: live.body.status, line: live.body.line });
      if (api.body.status === 'ready' || api.body.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 40));
    }
    await waitForStatus(t, id, ['ready'], 5_000);
  }, 90_000);

  afterAll(async () => {
    await t.stop();
    removeDir(t.dir);
  });

  test('progress — while the scan is read — shows page i of n and the OCR method', () => {
    const ocrStates = seen.filter((s) => s.status === 'extracting' && s.progress?.method === 'ocr');
    expect(ocrStates.length).toBeGreaterThan(0);
    for (const s of ocrStates) {
      expect(s.progress!.total).toBe(2);
      expect(s.progress!.done).toBeGreaterThanOrEqual(0);
      expect(s.progress!.done).toBeLessThanOrEqual(2);
    }
    // The page's own status line (polled a moment after the API, so it may have moved on).
    const lines = seen.filter((s) => s.live === 'extracting').map((s) => s.line);
    for (const line of lines) expect(line).toMatch(/^Extracting(…| — page [12] of 2( \(OCR\))?)$/);
    expect(lines.some((l) => / — page [12] of 2 \(OCR\)$/.test(l))).toBe(true);
  });

  test('search — two words of the scanned sentence — finds the document on page 1', async () => {
    const res = await t.http.get('/api/search').query({ q: 'anmodning vejstøj' });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1);
    expect(res.body.hits[0].documentId).toBe(id);
    expect(res.body.hits[0].pages[0].number).toBe(1);
    const other = await t.http.get('/api/search').query({ q: 'redegørelse oktober' });
    expect(other.body.hits[0].pages[0].number).toBe(2);
  });

  test('pages — when done — each stores method "ocr" and a confidence from 0 to 100', async () => {
    const res = await t.http.get(`/api/documents/${id}/pages`);
    expect(res.body.pages).toHaveLength(2);
    for (const p of res.body.pages) {
      expect(p.method).toBe('ocr');
      expect(p.confidence).toBeGreaterThan(50);
      expect(p.confidence).toBeLessThanOrEqual(100);
    }
    expect(res.body.pages[0].text).toMatch(/anmodning/);
    const row = t.kilde.db.prepare('SELECT method, confidence FROM pages WHERE document_id = ? AND number = 1').get(id) as { method: string; confidence: number };
    expect(row.method).toBe('ocr');
    expect(row.confidence).toBeGreaterThan(50);
  });

  test('document page — when done — shows each page with its method and confidence', async () => {
    const res = await t.http.get(`/documents/${id}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Ready — 2 pages');
    expect(res.text).toMatch(/doc\.ocr|OCR/);
    expect(res.text).toMatch(/ · (doc\.confidence|confidence) \d{2,3}%/);
  });

  test('re-extract — the ready document — queues it, refuses a second run meanwhile, and ends ready again', async () => {
    const res = await t.http.post(`/api/documents/${id}/extract`).send({});
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id, status: 'queued' });
    const again = await t.http.post(`/api/documents/${id}/extract`).send({});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');
    const doc = await waitForStatus(t, id, ['ready'], 60_000);
    expect(doc.pageCount).toBe(2);
  }, 90_000);

  test('re-extract — hostile and wrong input — is refused with 4xx, never 500', async () => {
    const badId = await t.http.post(`/api/documents/${encodeURIComponent("x' OR 1=1 --")}/extract`).send({});
    expect(badId.status).toBe(404);
    const unknown = await t.http.post('/api/documents/doc_doesnotexist/extract').send({});
    expect(unknown.status).toBe(404);
    const wrongType = await t.http.post(`/api/documents/${id}/extract`).send({ password: 12 });
    expect(wrongType.status).toBe(400);
    const researcher = t.as('researcher');
    const forbidden = await researcher.http.post(`/api/documents/${id}/extract`).send({});
    expect(forbidden.status).toBe(403);
  });
});

describe('ingest — a PDF that cannot be read', () => {
  const k = useKilde();

  test('failed — a truncated PDF — ends failed with a readable reason on the API and the page', async () => {
    const whole = await makePdf(['Dette brev er ufuldstændigt.']);
    const res = await k.t.http.post('/api/documents').attach('file', whole.subarray(0, 300), 'afskåret.pdf');
    expect(res.status).toBe(202);
    const doc = await waitForStatus(k.t, res.body.id, ['failed', 'ready'], 30_000);
    expect(doc.status).toBe('failed');
    expect(String(doc.error)).toMatch(/^This PDF could not be read/);
    expect(String(doc.error)).not.toMatch(/\n\s+at |\.ts:\d+|node_modules/);
    const page = await k.t.http.get(`/documents/${res.body.id}`);
    expect(page.text).toContain('Extraction failed');
    expect(page.text).toContain('This PDF could not be read');
  });
});

describe('ingest — the server keeps answering while OCR runs', () => {
  let t: TestKilde;
  beforeAll(async () => {
    t = await startTestKilde();
    const text = await makePdf(['Brevet om personfølsomme data i Holland.']);
    const res = await t.http.post('/api/documents').attach('file', text, 'brev.pdf');
    await waitForStatus(t, res.body.id);
  });
  afterAll(async () => {
    await t.stop();
    removeDir(t.dir);
  });

  test('search — during a six-page OCR job — answers within 200 ms and the event loop never stalls', async () => {
    const pages = Array.from({ length: 6 }, (_, i) => [`Side ${i + 1} af den scannede afgørelse`, 'om aktindsigt i kommunens sager.']);
    const up = await t.http.post('/api/documents').attach('file', await scannedPdf(pages), 'seks-sider.pdf');
    const id = up.body.id as string;
    // Wait until OCR is really under way.
    const until = Date.now() + 30_000;
    for (;;) {
      const doc = await t.http.get(`/api/documents/${id}`);
      if (doc.body.status === 'extracting' && doc.body.progress?.method === 'ocr') break;
      if (Date.now() > until || doc.body.status === 'ready') throw new Error(`OCR did not start: ${JSON.stringify(doc.body)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const start = performance.now();
      const res = await t.http.get('/api/search').query({ q: 'personfølsomme Holland' });
      times.push(performance.now() - start);
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(1);
      await new Promise((r) => setTimeout(r, 50));
    }
    loop.disable();
    const during = await t.http.get(`/api/documents/${id}`);
    expect(during.body.status).toBe('extracting'); // the measurement really overlapped the OCR job
    const sorted = [...times].sort((a, b) => a - b);
    // Generous bounds on a 2-core machine: not a benchmark, a check that nothing blocks the loop.
    if (process.env.KILDE_TEST_FIGURES) console.log(`search ms: ${sorted.map((x) => x.toFixed(0)).join(" ")}; event-loop max ${(loop.max / 1e6).toFixed(0)} ms`);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(200);
    expect(sorted[sorted.length - 1]).toBeLessThan(500);
    expect(loop.max / 1e6).toBeLessThan(200);
    await waitForStatus(t, id, ['ready'], 60_000);
  }, 120_000);
});
