import fs from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import zlib from 'node:zlib';
import { buildZip } from '../helpers/zip';
import { filesUnder, useKilde, waitForStatus, type TestKilde } from '../helpers/kilde';

/**
 * No upload can stall the server: extraction runs in worker threads with a deadline and a memory
 * cap, HTML to text is linear, and zip entries go to disk one at a time. Each test drives a real
 * Kilde through HTTP and watches the server from outside while the hostile file is read.
 */

const MiB = 1024 * 1024;

/** ~640 KB of what froze the old converter: unclosed <script>s, raw-text tags, deep nesting, stray end tags. */
function hostileHtml(kind: 'scripts' | 'mixed'): Buffer {
  const unit = kind === 'scripts' ? '<script>' : '<script><style><textarea><div><span><b></i><p>x &amp; <a title="<script>">';
  const body = unit.repeat(Math.ceil((640 * 1024) / unit.length));
  return Buffer.from(`<!doctype html><html><head><title>Fjendtlig side</title></head><body><p>Indledning om aktindsigt</p>${body}<p>Slutningen af brevet: kommunen bevilger aktindsigt</p></body></html>`);
}

/** Polls `/api/health` back to back until `done()` says stop; returns every answer's latency in ms. */
async function probeHealth(t: TestKilde, done: () => Promise<boolean>): Promise<number[]> {
  const latencies: number[] = [];
  do {
    const started = performance.now();
    const res = await t.anon.get('/api/health');
    latencies.push(performance.now() - started);
    expect(res.status).toBeLessThan(500);
  } while (!(await done()));
  return latencies;
}

const statusOf = async (t: TestKilde, id: string) => String((await t.http.get(`/api/documents/${id}`)).body.status);
const settled = (s: string) => ['ready', 'failed', 'needs_password'].includes(s);

describe('ingest isolation — hostile HTML', () => {
  const k = useKilde({ KILDE_WORKERS: '2' });

  test('upload — 640 KB of unclosed <script> tags and other hostile markup — health answers quickly throughout and the text after them is kept', async () => {
    const ids: string[] = [];
    for (const kind of ['scripts', 'mixed'] as const) {
      const res = await k.t.http.post('/api/documents').attach('file', hostileHtml(kind), `${kind}.html`);
      expect(res.status).toBe(202);
      ids.push(res.body.id);
    }
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const started = Date.now();
    const latencies = await probeHealth(k.t, async () => (await Promise.all(ids.map((id) => statusOf(k.t, id)))).every(settled));
    loop.disable();
    const max = Math.max(...latencies);
    // eslint-disable-next-line no-console
    console.log(`hostile HTML: ${latencies.length} health probes over ${Date.now() - started} ms, max ${max.toFixed(1)} ms; event-loop delay max ${(loop.max / 1e6).toFixed(1)} ms`);
    expect(latencies.length).toBeGreaterThan(1);
    expect(max).toBeLessThan(1000);

    for (const id of ids) {
      const doc = await waitForStatus(k.t, id, ['ready', 'failed']);
      expect([id, doc.status, doc.error]).toEqual([id, 'ready', null]);
      const pages = await k.t.http.get(`/api/documents/${id}/pages`);
      const text = pages.body.pages.map((p: { text: string }) => p.text).join('\n');
      expect(text).toContain('Indledning om aktindsigt');
      expect(text).toContain('Slutningen af brevet: kommunen bevilger aktindsigt');
    }
  });
});

/** `size` bytes of sparse binary (NULs, so it sniffs as no supported type) deflating ~60:1, fed in 1 MiB chunks. */
async function deflatedSparse(size: number, seed: number): Promise<{ bytes: Buffer; size: number }> {
  const deflate = zlib.createDeflateRaw({ level: 6 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const ended = once(deflate, 'end');
  let x = seed;
  for (let left = size; left > 0; left -= MiB) {
    const chunk = Buffer.alloc(Math.min(left, MiB));
    for (let i = 0; i < chunk.length; i += 200) chunk[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    if (!deflate.write(chunk)) await once(deflate, 'drain');
  }
  deflate.end();
  await ended;
  return { bytes: Buffer.concat(out), size };
}

describe('ingest isolation — a zip of large entries', () => {
  const k = useKilde({ KILDE_WORKERS: '1' });

  test('zip — four 64 MiB entries in a small zip — are unpacked to disk with bounded memory and leave no temp files', async () => {
    // Warm the extractor thread first, so its start-up is not counted as the zip's memory.
    const warm = await k.t.http.post('/api/documents').attach('file', Buffer.from('Opvarmning.'), 'warm.txt');
    await waitForStatus(k.t, warm.body.id);
    await k.t.kilde.runner.idle();

    const entries = [];
    for (let i = 1; i <= 4; i++) entries.push({ name: `data/part-${i}.bin`, deflated: await deflatedSparse(64 * MiB, i) });
    entries.push({ name: 'data/readme.txt', data: Buffer.from('Udtræk fra sagsbehandlingssystemet.'), method: 'deflate' as const });
    const zip = buildZip(entries);
    entries.length = 0;

    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    let zipId = '';
    try {
      const res = await k.t.http.post('/api/documents').attach('file', zip, 'udtraek.zip');
      expect(res.status).toBe(202);
      zipId = res.body.id;
      await waitForStatus(k.t, zipId, ['ready', 'failed'], 120_000);
      await k.t.kilde.runner.idle();
    } finally {
      clearInterval(sampler);
    }
    const growthMb = (peak - before) / MiB;
    // eslint-disable-next-line no-console
    console.log(`zip of 4 × 64 MiB entries (${(zip.length / MiB).toFixed(1)} MiB zipped): RSS ${(before / MiB).toFixed(0)} → peak ${(peak / MiB).toFixed(0)} MiB (+${growthMb.toFixed(0)} MiB)`);
    expect(growthMb).toBeLessThan(128); // the entries alone are 256 MiB

    const doc = (await k.t.http.get(`/api/documents/${zipId}`)).body;
    expect(doc.status).toBe('ready');
    const listing = (await k.t.http.get(`/api/documents/${zipId}/pages`)).body.pages[0].text as string;
    expect(listing).toContain('data/part-4.bin (64.0 MiB)');
    // The binary parts are no type Kilde reads; the text entry became a document of its own.
    expect(doc.children.map((c: { relation: string; status: string }) => [c.relation, c.status])).toEqual([['entry_of', 'ready']]);
    expect(filesUnder(path.join(k.t.config.uploadsDir, '.tmp'))).toEqual([]);
    expect(fs.readdirSync(path.join(k.t.config.uploadsDir, '.tmp'))).toEqual([]);
  });
});

describe('ingest isolation — deadline', () => {
  const k = useKilde({ KILDE_EXTRACT_TIMEOUT_S: '0.25' });

  test('upload — HTML that takes longer than the deadline — fails with a reason, and the next file is read normally', async () => {
    const big = Buffer.from(`<!doctype html><p>${'Side med tekst om aktindsigt. <b>fed</b> <i>kursiv</i>\n'.repeat(600_000)}</p>`); // ~33 MB
    const res = await k.t.http.post('/api/documents').attach('file', big, 'stor.html');
    const latencies = await probeHealth(k.t, async () => settled(await statusOf(k.t, res.body.id)));
    const doc = await waitForStatus(k.t, res.body.id, ['failed', 'ready']);
    expect(doc.status).toBe('failed');
    expect(String(doc.error)).toMatch(/^Extraction stopped: reading the file took longer than 0\.25 s/);
    expect(Math.max(...latencies)).toBeLessThan(1000);

    const small = await k.t.http.post('/api/documents').attach('file', Buffer.from('Et kort brev om aktindsigt.'), 'kort.txt');
    expect((await waitForStatus(k.t, small.body.id, ['ready', 'failed'])).status).toBe('ready');
  });
});

describe('ingest isolation — memory cap', () => {
  const k = useKilde({ KILDE_EXTRACT_MEMORY_MB: '96' });

  test('upload — HTML whose text needs more than the memory cap — fails with a reason, and the next file is read normally', async () => {
    const big = Buffer.from(`<!doctype html><p>${'Ærø og Århus: tekst om aktindsigt.\n'.repeat(1_500_000)}</p>`); // ~55 MB, two bytes a char as a string
    const res = await k.t.http.post('/api/documents').attach('file', big, 'enorm.html');
    const doc = await waitForStatus(k.t, res.body.id, ['failed', 'ready'], 60_000);
    expect(doc.status).toBe('failed');
    expect(String(doc.error)).toBe('Extraction stopped: the file needs more than the 96 MB of memory Kilde gives one extraction.');
    expect((await k.t.anon.get('/api/health')).status).toBeLessThan(500);

    const small = await k.t.http.post('/api/documents').attach('file', Buffer.from('Et kort brev om aktindsigt.'), 'kort.txt');
    expect((await waitForStatus(k.t, small.body.id, ['ready', 'failed'])).status).toBe('ready');
  });
});
