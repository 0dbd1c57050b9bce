/**
 * PDF engines side by side (not a test), in one warm process, on the same files, in one run:
 * MuPDF.js (`mupdf`, the engine Kilde reads PDFs with) and PDFium (`@hyzyla/pdfium`), with
 * `pdftotext` (poppler) as the reference when it is installed.
 *   1. text of every page WITH each character's box (what Kilde stores), a generated 500-page
 *      Danish text PDF: pages/s, and ÷ pdftotext on the same file;
 *   2. the same on the real Danish letters of ../shared/corpus/pdf-text (aak-*, kk-*): pages/s per file;
 *   3. rendering one text page at 150 dpi (MuPDF grayscale as Kilde feeds OCR; PDFium's RGBA bitmap);
 *   4. rendering one scanned page at 300 dpi.
 * Medians of 3 runs after a warm-up; the machine is shared, so compare the ratios within a run.
 *
 *   npm run bench:engines
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeTextPdf } from './ingest.bench';
import { findCorpus } from './ocr-accuracy.bench';

const esmImport = new Function('s', 'return import(s)') as (s: string) => Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mib = () => process.memoryUsage().rss / 2 ** 20;

interface Engine {
  name: string;
  /** Text of every page with character boxes; returns [pages, characters]. */
  text(bytes: Buffer): Promise<[number, number]>;
  render(bytes: Buffer, dpi: number): Promise<number>;
}

async function mupdfEngine(): Promise<Engine> {
  const hook = globalThis as unknown as { $libmupdf_wasm_Module?: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  hook.$libmupdf_wasm_Module ??= {};
  const mupdf = await esmImport('mupdf');
  mupdf.setLog(() => {});
  const lib = hook.$libmupdf_wasm_Module;
  return {
    name: 'MuPDF.js',
    async text(bytes) {
      const doc = mupdf.Document.openDocument(bytes, 'application/pdf');
      const n = doc.countPages();
      let chars = 0;
      for (let i = 0; i < n; i++) {
        const page = doc.loadPage(i);
        const st = page.toStructuredText('');
        const boxes: number[] = [];
        for (let b = lib._wasm_stext_page_get_first_block(st.pointer); b; b = lib._wasm_stext_block_get_next(b)) {
          if (lib._wasm_stext_block_get_type(b) !== 0) continue;
          for (let l = lib._wasm_stext_block_get_first_line(b); l; l = lib._wasm_stext_line_get_next(l)) {
            for (let c = lib._wasm_stext_line_get_first_char(l); c; c = lib._wasm_stext_char_get_next(c)) {
              lib._wasm_stext_char_get_c(c);
              const a = lib._wasm_stext_char_get_quad(c) >> 2;
              const h = lib.HEAPF32;
              boxes.push(Math.min(h[a], h[a + 4]), Math.min(h[a + 1], h[a + 3]), Math.max(h[a + 2], h[a + 6]), Math.max(h[a + 5], h[a + 7]));
              chars++;
            }
          }
        }
        st.destroy();
        page.destroy();
      }
      doc.destroy();
      return [n, chars];
    },
    async render(bytes, dpi) {
      const doc = mupdf.Document.openDocument(bytes, 'application/pdf');
      const page = doc.loadPage(0);
      const t0 = performance.now();
      const pix = page.toPixmap(mupdf.Matrix.scale(dpi / 72, dpi / 72), mupdf.ColorSpace.DeviceGray, false, true);
      const ms = performance.now() - t0;
      pix.destroy();
      page.destroy();
      doc.destroy();
      return ms;
    },
  };
}

async function pdfiumEngine(): Promise<Engine> {
  const { PDFiumLibrary } = require('@hyzyla/pdfium') as { PDFiumLibrary: { init(): Promise<any> } }; // eslint-disable-line @typescript-eslint/no-explicit-any
  const library = await PDFiumLibrary.init();
  const m = library.module;
  return {
    name: 'PDFium',
    async text(bytes) {
      const doc = await library.loadDocument(new Uint8Array(bytes));
      const n = doc.getPageCount();
      const box = m._malloc(32);
      let chars = 0;
      for (let i = 0; i < n; i++) {
        const page = doc.getPage(i);
        page.getText();
        const tp = m._FPDFText_LoadPage(page.pageIdx);
        const count = m._FPDFText_CountChars(tp);
        const boxes: number[] = [];
        for (let c = 0; c < count; c++) {
          m._FPDFText_GetCharBox(tp, c, box, box + 8, box + 16, box + 24);
          const f = m.HEAPF64;
          boxes.push(f[box >> 3], f[(box >> 3) + 3], f[(box >> 3) + 1], f[(box >> 3) + 2]);
          chars++;
        }
        m._FPDFText_ClosePage(tp);
      }
      m._free(box);
      doc.destroy();
      return [n, chars];
    },
    async render(bytes, dpi) {
      const doc = await library.loadDocument(new Uint8Array(bytes));
      const page = doc.getPage(0);
      const t0 = performance.now();
      await page.render({ scale: dpi / 72, render: 'bitmap' });
      const ms = performance.now() - t0;
      doc.destroy();
      return ms;
    },
  };
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const out = await fn();
  return [(performance.now() - t0) / 1000, out];
}

function pdftotextSecs(file: string): number | null {
  try {
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { stdio: ['ignore', 'ignore', 'ignore'] });
      runs.push((performance.now() - t0) / 1000);
    }
    return median(runs);
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const corpus = findCorpus();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kilde-engines-'));
  const big = path.join(tmp, '500-sider.pdf');
  fs.writeFileSync(big, await makeTextPdf(500, corpus, 7));
  const bigBytes = fs.readFileSync(big);
  console.log(`PDF engines — ${os.cpus()[0]?.model ?? 'cpu'}, ${os.availableParallelism()} cores, Node ${process.version}; one warm process, medians of 3`);
  const poppler = pdftotextSecs(big);
  if (poppler) console.log(`pdftotext (whole process), 500-page PDF: ${(500 / poppler).toFixed(0)} pages/s`);
  else console.log('NOTE: pdftotext not found (apt-get install poppler-utils): no reference ratio');

  const letters = corpus ? fs.readdirSync(path.join(corpus, 'pdf-text')).filter((f) => /^(aak|kk)-.*\.pdf$/.test(f)).sort().map((f) => path.join(corpus, 'pdf-text', f)) : [];
  const scan = corpus ? path.join(corpus, 'pdf-scanned', 'DERIVED-aak-2023-10-svar-scan-p1-2.pdf') : null;

  for (const make of [mupdfEngine, pdfiumEngine]) {
    const engine = await make();
    const before = mib();
    await engine.text(bigBytes); // warm-up
    const runs: number[] = [];
    let chars = 0;
    for (let i = 0; i < 3; i++) {
      const [secs, [, c]] = await timed(() => engine.text(bigBytes));
      runs.push(secs);
      chars = c;
    }
    const rate = 500 / median(runs);
    console.log(`\n${engine.name}`);
    console.log(`  500-page text PDF, text + character boxes: ${rate.toFixed(0)} pages/s (${chars} characters)${poppler ? `, ${(rate / (500 / poppler)).toFixed(2)}× pdftotext` : ''}; RSS ${before.toFixed(0)} → ${mib().toFixed(0)} MiB`);
    const perFile: string[] = [];
    for (const file of letters) {
      const bytes = fs.readFileSync(file);
      await engine.text(bytes);
      const r: number[] = [];
      let pages = 0;
      for (let i = 0; i < 3; i++) {
        const [secs, [n]] = await timed(() => engine.text(bytes));
        r.push(secs);
        pages = n;
      }
      perFile.push(`${(pages / median(r)).toFixed(0)}`);
    }
    if (perFile.length) console.log(`  real Danish letters (${letters.length} files): ${Math.min(...perFile.map(Number))}–${Math.max(...perFile.map(Number))} pages/s`);
    const r150: number[] = [];
    for (let i = 0; i < 4; i++) r150.push(await engine.render(bigBytes, 150));
    console.log(`  render a text page at 150 dpi: ${median(r150.slice(1)).toFixed(0)} ms`);
    if (scan && fs.existsSync(scan)) {
      const bytes = fs.readFileSync(scan);
      const r300: number[] = [];
      for (let i = 0; i < 4; i++) r300.push(await engine.render(bytes, 300));
      console.log(`  render a scanned page at 300 dpi: ${median(r300.slice(1)).toFixed(0)} ms`);
    }
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
