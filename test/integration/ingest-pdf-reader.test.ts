import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { createPdfExtractor, renderPage, type PageOcr } from '../../server/ingest/extractors/pdf.extractor';
import type { ExtractionContext } from '../../server/ingest/extractors/extractor';
import { makePdf } from '../helpers/pdf';
import { scannedPdf } from '../helpers/generated';
import { fixture } from '../helpers/fixtures';
import { pdfContext, writeTemp } from '../helpers/extraction';

/**
 * The PDF reader runs pdf.js in a thread of its own: a hostile PDF is stopped at its deadline
 * without stalling the server, a cancelled job stops at once, page renderings are bounded in size,
 * and the OCR page cap (KILDE_OCR_MAX_PAGES) holds.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kilde-pdf-reader-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, bytes: Buffer): string => writeTemp(dir, name, bytes);

const context = pdfContext;

const countingOcr = () => {
  const calls: number[] = [];
  const ocr: PageOcr = {
    async recognize(image) {
      calls.push(image.length);
      return { text: 'Tekst læst af OCR fra den scannede side i brevet', confidence: 88 };
    },
  };
  return { ocr, calls };
};

const bomb = fixture('tricky/pdfjs-bomb-giant-jbig2.pdf');

describe('PDF reader thread', () => {
  test('bomb — a JBIG2 bomb in a content stream — fails at its deadline with a reason, and the event loop stays free', async () => {
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const started = Date.now();
    const out = await createPdfExtractor({ limits: { stepTimeoutMs: 3_000 } }).extract(context(bomb));
    loop.disable();
    expect(out).toEqual({ kind: 'failed', reason: 'Reading stopped: reading page 1 took longer than 3 s (the PDF may be damaged or built to exhaust readers).' });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(loop.max / 1e6).toBeLessThan(200);
  }, 30_000);

  test('abort — while the bomb is being read — stops at once with "extraction aborted"', async () => {
    const abort = new AbortController();
    const started = Date.now();
    const pending = createPdfExtractor().extract(context(bomb, { signal: abort.signal }));
    setTimeout(() => abort.abort(new Error('stopping')), 500);
    await expect(pending).rejects.toThrow('extraction aborted');
    expect(Date.now() - started).toBeLessThan(3_000);
  }, 30_000);

  test('after a killed reader — the next PDF — reads normally', async () => {
    const file = write('normal.pdf', await makePdf(['Et helt almindeligt brev om aktindsigt i kommunen.']));
    const out = await createPdfExtractor().extract(context(file));
    expect(out.kind).toBe('ok');
    if (out.kind === 'ok') expect(out.pages[0]!.text).toContain('almindeligt brev');
  });

  test('OCR cap — a three-page scan with maxOcrPages 1 — OCRs one page and says how many were left', async () => {
    const file = write('scan3.pdf', await scannedPdf([['Side et af brevet'], ['Side to af brevet'], ['Side tre af brevet']]));
    const { ocr, calls } = countingOcr();
    const out = await createPdfExtractor({ ocr, limits: { maxOcrPages: 1 } }).extract(context(file));
    expect(calls).toHaveLength(1);
    expect(out.kind).toBe('ok');
    if (out.kind !== 'ok') return;
    expect(out.pages.map((p) => p.method)).toEqual(['ocr', 'text', 'text']);
    expect(out.pages[0]!.confidence).toBe(88);
    expect(out.metadata?.ocrSkippedPages).toBe('2');
    expect(out.metadata?.ocrPageLimit).toBe('1');
    const { ocr: all, calls: allCalls } = countingOcr();
    await createPdfExtractor({ ocr: all }).extract(context(file));
    expect(allCalls).toHaveLength(3); // 0, the default, is no limit
  });

  test('OCR failure — the pool times out on a page — is thrown for the job runner to retry, not blamed on the file', async () => {
    const file = write('scan1.pdf', await scannedPdf([['Side et af brevet']]));
    const failing: PageOcr = { recognize: () => Promise.reject(new Error('OCR took longer than 180 s')) };
    await expect(createPdfExtractor({ ocr: failing }).extract(context(file))).rejects.toThrow('OCR took longer than 180 s');
  });

  test('renderPage — pages of a two-page PDF — PNGs at 150 dpi; outside the document — no_such_page', async () => {
    const file = write('two.pdf', await makePdf(['Første side.', 'Anden side.']));
    const one = await renderPage(file, 1);
    expect(one.kind).toBe('ok');
    if (one.kind === 'ok') {
      expect(one.png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(one.width).toBe(Math.floor((595 * 150) / 72));
    }
    for (const n of [0, 3, -1, 1.5, Number.NaN]) expect(await renderPage(file, n)).toEqual({ kind: 'no_such_page', pages: 2 });
  });

  test('renderPage — a poster-sized page — is scaled down to at most 25 million pixels', async () => {
    const pdf = await PDFDocument.create();
    const page = pdf.addPage([5000, 5000]);
    page.drawText('Plakat', { x: 100, y: 4800, size: 200, font: await pdf.embedFont(StandardFonts.Helvetica) });
    const out = await renderPage(write('poster.pdf', Buffer.from(await pdf.save())), 1);
    expect(out.kind).toBe('ok');
    if (out.kind === 'ok') {
      expect(out.width * out.height).toBeLessThanOrEqual(25_000_000);
      expect(out.width).toBeGreaterThan(4000);
    }
  }, 30_000);

  test('renderPage — missing, empty and broken files — fail with a reason, never throw', async () => {
    expect(await renderPage(path.join(dir, 'nope.pdf'), 1)).toEqual({ kind: 'failed', reason: 'The stored original of this PDF is missing.' });
    const empty = await renderPage(write('empty.pdf', Buffer.alloc(0)), 1);
    expect(empty.kind).toBe('failed');
    const broken = await renderPage(write('broken.pdf', Buffer.from('%PDF-1.4\n%%EOF\n')), 1);
    expect(broken).toEqual({ kind: 'failed', reason: expect.stringMatching(/^This PDF could not be read/) });
  });

  const encrypted = fixture('tricky/pdfjs-encrypted-password-aeoeaa.pdf');
  test('renderPage — an encrypted PDF — needs_password without the password, a PNG with it', async () => {
    expect((await renderPage(encrypted, 1)).kind).toBe('needs_password');
    expect((await renderPage(encrypted, 1, 'forkert')).kind).toBe('needs_password');
    expect((await renderPage(encrypted, 1, 'æøå')).kind).toBe('ok');
  });
});
