/**
 * OCR on hard pages (not a test): the generated pages of test/fixtures/ocr-hard/ (made by
 * bench/make-hard-pages.ts: skewed, faxed (as a PNG and as a 200 × 100 dpi TIFF), JPEG 35 in a
 * PDF, 100 dpi, upside down, a quarter turn, two columns, a phone photo) read by Kilde's OCR
 * engine, with word recall per page:
 *   - cli:       the `tesseract` program of the machine (its own models) run by hand on the page
 *                image, `-l dan+eng`, when it is installed;
 *   - as is:     the page image exactly as it comes, one Kilde reading (what OCR did before preparation);
 *   - each step of page-reader.ts forced on, whatever the confidence: light (turned upright as far
 *     as the measurement tells, deskewed from 2.5°, tiny text upscaled, shadowed paper flattened),
 *     the other way up (OSD's answer, or a half turn; — when not tried), + upscale + deskew,
 *     + flatten, + despeckle + binarise, + flatten + smooth + binarise (on grainy paper right after
 *     the upscaled reading, on the others last); a TIFF fax of 200 × 100 dpi is stretched to square pixels before all of them;
 *   - comb: those readings (of the way up kept) combined word by word (combine.ts), as the ladder
 *     combines them when a page needs three readings or more;
 *   - Kilde: the reading page-reader.ts keeps, stopping at a good confidence over most of the
 *     page's lines, with its steps, its confidence and its time;
 *   - order: 1 − WER of Kilde's reading (reading order: a two-column page must read column by column);
 * and OCRmyPDF as Paperless-ngx runs it (`-l dan+eng --deskew --clean --rotate-pages`) on the same
 * pages, its PDF's text taken by `pdftotext` and scored the same way — when both programs are
 * installed (Debian: `apt-get install ocrmypdf`); without them that column is left out, saying so.
 *
 *   npm run bench:ocr-hard      (KILDE_OCR_ENGINE=tesseract.js for the WebAssembly path)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { createMupdfEngine } from '../server/ingest/extractors/mupdf.engine';
import { createOcrEngine, type OcrEngineChoice } from '../server/ingest/ocr/ocr-engine';
import type { AttemptStage } from '../server/ingest/ocr/page-reader';
import { createCpuSlots } from '../server/ingest/threads/cpu-slots';
import { hardPages, HARD_PAGES_DIR } from './make-hard-pages';
import { score, words } from './ocr-accuracy.bench';

const pct = (n: number, d: number) => (d === 0 ? '—' : `${((100 * n) / d).toFixed(1)}`);
const recall = (truth: string, text: string) => {
  const s = score(truth, text);
  return { found: s.found, total: s.truthWords, order: s.truthWords - s.wordEdits };
};

function which(bin: string): boolean {
  try {
    execFileSync('which', [bin], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function ocrmypdfVersion(): string {
  try {
    return `ocrmypdf ${execFileSync('ocrmypdf', ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8').trim()}`;
  } catch {
    return 'ocrmypdf';
  }
}

async function main(): Promise<void> {
  const choice = (process.env.KILDE_OCR_ENGINE ?? 'auto') as OcrEngineChoice;
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kilde-ocr-hard-'));
  const ocr = createOcrEngine({ choice, workers: 1, langs: process.env.KILDE_OCR_LANGS ?? 'dan+eng', cacheDir });
  const mupdf = createMupdfEngine({ threads: 1, slots: createCpuSlots({ cores: 1 }), stepTimeoutMs: 20_000, renderTimeoutMs: 60_000, heapMb: 512 });
  const info = await ocr.describe();
  const pages = hardPages(process.argv[2] ? path.resolve(process.argv[2]) : HARD_PAGES_DIR);
  const ocrmypdf = which('ocrmypdf') && which('pdftotext');
  const cli = which('tesseract');
  console.log(`OCR on hard pages — ${info.engine}${info.version ? ' ' + info.version : ''} ${info.langs} (best_int), ${pages.length} pages`);
  console.log(ocrmypdf ? `OCRmyPDF: ${ocrmypdfVersion()}, run as Paperless-ngx runs it: -l dan+eng --deskew --clean --rotate-pages, text by pdftotext\n` : 'OCRmyPDF: not compared (ocrmypdf or pdftotext is not installed on this machine)\n');
  const cols = ['page'.padEnd(20), 'words', ...(cli ? ['cli'] : []), 'as-is', 'light', 'other', '+up/dsk', '+flat', '+binar', '+smooth', 'comb', 'Kilde', 'order', 'conf', 'secs', ...(ocrmypdf ? ['ocrmypdf'] : []), 'steps kept'];
  console.log(cols.join('  '));
  const totals = { asIs: [0, 0], kilde: [0, 0], hardAsIs: [0, 0], hardKilde: [0, 0], hardCli: [0, 0], hardOcrmypdf: [0, 0] };
  let asIsSecs = 0;
  let kildeSecs = 0;
  for (const { file, truth } of pages) {
    const name = path.basename(file);
    let image: Buffer;
    let dpi: number | undefined;
    if (file.endsWith('.pdf')) {
      // As the PDF extractor renders a scan for OCR: grey, at the scan's own resolution.
      const shot = await mupdf.render(file, undefined, 1, { dpi: 'scan', gray: true, maxPixels: 25_000_000 });
      image = Buffer.from(shot.data);
      dpi = Math.round(shot.dpi);
    } else image = fs.readFileSync(file);

    let byCli = '';
    if (cli) {
      const input = path.join(cacheDir, `${name}.page`);
      fs.writeFileSync(input, image);
      try {
        const out = execFileSync('tesseract', [input, 'stdout', '-l', 'dan+eng', ...(dpi ? ['--dpi', String(dpi)] : [])], { stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, OMP_THREAD_LIMIT: '1' } }).toString('utf8');
        const r = recall(truth, out);
        byCli = pct(r.found, r.total);
        if (!name.startsWith('clean')) {
          totals.hardCli[0] += r.found;
          totals.hardCli[1] += r.total;
        }
      } catch {
        byCli = 'failed';
      }
    }

    let t0 = Date.now();
    const asIs = await ocr.recognize(image, { dpi, prepare: false });
    asIsSecs += (Date.now() - t0) / 1000;

    // Every step forced on: the reading of each, whatever the one before scored.
    const attempts = new Map<AttemptStage, string>();
    await ocr.recognize(image, { dpi, good: 101, onAttempt: (r, stage) => attempts.set(stage, r.text) });
    const stepRecall = (stage: AttemptStage) => {
      const text = attempts.get(stage);
      if (text === undefined) return '—';
      const r = recall(truth, text);
      return pct(r.found, r.total);
    };

    t0 = Date.now();
    const kept = await ocr.recognize(image, { dpi });
    const secs = (Date.now() - t0) / 1000;
    kildeSecs += secs;

    let viaOcrmypdf = '';
    if (ocrmypdf) {
      const out = path.join(cacheDir, `${name}.ocrmypdf.pdf`);
      try {
        // An image goes in as it is (OCRmyPDF wraps it in a PDF at its declared resolution), a PDF as a
        // PDF; an image without a credible resolution (a photo's 72 dpi) gets Paperless-ngx's guess: an A4 page wide.
        const meta = file.endsWith('.pdf') ? null : await sharp(file).metadata();
        const guess = meta && (!meta.density || meta.density <= 72) && meta.width ? ['--image-dpi', String(Math.round(meta.width / (21 / 2.54)))] : [];
        execFileSync('ocrmypdf', ['-l', 'dan+eng', '--deskew', '--clean', '--rotate-pages', ...guess, file, out], { stdio: 'ignore', env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
        const r = recall(truth, execFileSync('pdftotext', ['-enc', 'UTF-8', out, '-'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8'));
        viaOcrmypdf = pct(r.found, r.total);
        if (!name.startsWith('clean')) {
          totals.hardOcrmypdf[0] += r.found;
          totals.hardOcrmypdf[1] += r.total;
        }
      } catch {
        viaOcrmypdf = 'failed';
      }
    }

    const a = recall(truth, asIs.text);
    const k = recall(truth, kept.text);
    totals.asIs[0] += a.found;
    totals.asIs[1] += a.total;
    totals.kilde[0] += k.found;
    totals.kilde[1] += k.total;
    if (!name.startsWith('clean')) {
      totals.hardAsIs[0] += a.found;
      totals.hardAsIs[1] += a.total;
      totals.hardKilde[0] += k.found;
      totals.hardKilde[1] += k.total;
    }
    console.log([
      name.padEnd(20), String(words(truth).length).padStart(5), ...(cli ? [byCli.padStart(5)] : []), pct(a.found, a.total).padStart(5),
      stepRecall('light').padStart(5), stepRecall('other').padStart(5), stepRecall('upscale').padStart(7), stepRecall('flatten').padStart(5), stepRecall('binarise').padStart(6), stepRecall('smooth').padStart(7), stepRecall('combine').padStart(5),
      pct(k.found, k.total).padStart(5), pct(k.order, k.total).padStart(5), kept.confidence.toFixed(0).padStart(4), secs.toFixed(1).padStart(4),
      ...(ocrmypdf ? [viaOcrmypdf.padStart(8)] : []), (kept.steps ?? []).join(' ') || 'as is',
    ].join('  '));
  }
  console.log(`\nhard pages (all but clean): word recall${cli ? ` tesseract by hand ${pct(totals.hardCli[0]!, totals.hardCli[1]!)}%,` : ''} as is ${pct(totals.hardAsIs[0]!, totals.hardAsIs[1]!)}%, Kilde ${pct(totals.hardKilde[0]!, totals.hardKilde[1]!)}%${ocrmypdf ? `, OCRmyPDF ${pct(totals.hardOcrmypdf[0]!, totals.hardOcrmypdf[1]!)}%` : ''}`);
  console.log(`all pages: as is ${pct(totals.asIs[0]!, totals.asIs[1]!)}%, Kilde ${pct(totals.kilde[0]!, totals.kilde[1]!)}%; OCR time as is ${asIsSecs.toFixed(1)} s, Kilde ${kildeSecs.toFixed(1)} s`);
  await ocr.close();
  mupdf.closeIdle();
  fs.rmSync(cacheDir, { recursive: true, force: true });
}

if (require.main === module) {
  main().then(() => process.exit(0), (err) => {
    console.error(err);
    process.exit(1);
  });
}
