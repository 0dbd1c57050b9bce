import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Worker as Thread } from 'node:worker_threads';
import { createWorker } from 'tesseract.js';
import { createOcrPool, type OcrPool } from '../../../server/ingest/ocr/ocr-pool';
import { readFixture } from '../../helpers/fixtures';

const phototest = readFixture('images/tess-phototest.tif');
const crom = readFixture('images/ocrmypdf-crom.png');

let cacheDir: string;
const pools: OcrPool[] = [];
beforeAll(() => {
  cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kilde-ocr-'));
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  fs.rmSync(cacheDir, { recursive: true, force: true });
});

function pool(opts: Partial<Parameters<typeof createOcrPool>[0]> = {}): OcrPool {
  const p = createOcrPool({ workers: 1, langs: 'dan+eng', cacheDir, ...opts });
  pools.push(p);
  return p;
}

describe('OCR pool', () => {
  test('OCR pool — tesseract phototest page — finds its words with confidence while the event loop keeps ticking', async () => {
    const ocr = pool();
    const started = Date.now();
    let last = started;
    let longestGap = 0;
    let ticks = 0;
    const tick = setInterval(() => {
      const now = Date.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
      ticks++;
    }, 20);
    try {
      const result = await ocr.recognize(phototest); // includes starting the worker
      expect(result.text).toMatch(/quick brown dog/);
      expect(result.text).toMatch(/lazy fox/);
      expect(result.confidence).toBeGreaterThan(0);
    } finally {
      clearInterval(tick);
    }
    // OCR on this thread would stop the ticks for the whole reading (seconds). No fixed bound in
    // milliseconds: a loaded machine stalls a tick for its own reasons (334 ms once in CI).
    const took = Date.now() - started;
    expect(ticks).toBeGreaterThan(took / 20 / 4);
    expect(longestGap).toBeLessThan(took / 2);
  });

  test('OCR pool — unknown language code — throws a clear error at creation', () => {
    expect(() => createOcrPool({ workers: 1, langs: 'dan+xyz', cacheDir })).toThrow(/"xyz" is not available.*@tesseract\.js-data\/xyz/);
    expect(() => createOcrPool({ workers: 1, langs: '../eng', cacheDir })).toThrow(/not available/);
  });

  test('OCR pool — worker thread dies mid-job — fails that job and serves the next with a new worker', async () => {
    const threads: Thread[] = [];
    const spawn = (async (...args: Parameters<typeof createWorker>) => {
      const w = await createWorker(...args);
      threads.push((w as unknown as { worker: Thread }).worker);
      return w;
    }) as typeof createWorker;
    const ocr = pool({ spawn });
    await ocr.recognize(crom); // warm up one worker
    const doomed = ocr.recognize(phototest);
    await new Promise((r) => setTimeout(r, 50));
    expect(threads).toHaveLength(1); // started lazily, once, and reused
    await threads[0]!.terminate(); // what a crash looks like from outside the thread
    await expect(doomed).rejects.toThrow(/stopped unexpectedly/);
    const again = await ocr.recognize(crom);
    expect(again.text).toMatch(/cromulent/);
    expect(threads).toHaveLength(2);
  });

  test('OCR pool — job aborted while running or queued — rejects with the abort reason and keeps serving', async () => {
    const ocr = pool();
    const running = new AbortController();
    const queued = new AbortController();
    const first = ocr.recognize(phototest, { signal: running.signal });
    const second = ocr.recognize(phototest, { signal: queued.signal });
    queued.abort();
    await expect(second).rejects.toMatchObject({ name: 'AbortError' }); // at once, while the first still runs
    running.abort();
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    expect((await ocr.recognize(crom)).text).toMatch(/cromulent/);
  });

  test('OCR pool — job running past the time limit — is stopped with a reason', async () => {
    await expect(pool({ jobTimeoutMs: 200 }).recognize(phototest)).rejects.toThrow(/longer than 0.2 s/);
  });

  test('OCR pool — bytes that are not an image — rejects with a readable error', async () => {
    await expect(pool().recognize(Buffer.from('not an image at all'))).rejects.toThrow(/OCR failed: .*read image/);
  });

  test('OCR pool — closed — rejects new jobs', async () => {
    const ocr = pool();
    await ocr.close();
    await expect(ocr.recognize(crom)).rejects.toThrow(/closed/);
  });
});
