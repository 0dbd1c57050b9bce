/**
 * Extraction benchmark (not a test). In one run, on this machine:
 *   1. OCR — the scanned PDFs of ../shared/corpus/pdf-scanned through Kilde's PDF extractor (MuPDF
 *      renders each page grayscale at the scan's own resolution; OCR dan+eng best_int, one process
 *      or worker per core), once with the native `tesseract` program (when installed) and once with
 *      tesseract.js: OCR pages per minute; then the reference, the same pages as the scan's own
 *      images (`pdfimages`) through `tesseract` (OMP_THREAD_LIMIT=1, one process per core, the same
 *      best_int models), and the ratios. The first engine and the reference run in the order
 *      A B B A (Kilde, CLI, CLI, Kilde), so a drift of the machine's speed weighs on both alike.
 *   2. Text layer — ../shared/corpus/pdf-text through Kilde's PDF extractor (no OCR): pages per
 *      second (median of 3 runs after a warm-up), and `pdftotext` on the same files, as a ratio.
 *   3. Memory — a generated 500-page Danish text PDF extracted in a fresh process: peak RSS, time,
 *      and `pdftotext` on the same file.
 * Without the Debian tools the comparisons are skipped with a note. Medians; compare ratios.
 *
 *   npm run bench:extract     (apt-get install poppler-utils tesseract-ocr tesseract-ocr-dan for the comparison)
 *   npm run bench:extract -- ocr text memory    (only those parts; KILDE_OCR_ENGINE=tesseract.js or tesseract: one OCR engine)
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Extractor } from '../server/ingest/extractors/extractor';
import { createOcrEngine, type OcrEngineChoice } from '../server/ingest/ocr/ocr-engine';
import { nativeTessdata } from '../server/ingest/ocr/native-ocr';
import { makeTextPdf } from './ingest.bench';
import { extractPdf, idleServerSlots, kildePdfExtractor } from './pdf-extractor';
import { findCorpus } from './ocr-accuracy.bench';

const CORES = os.availableParallelism();
const OCR_WORKERS = Number(process.env.KILDE_OCR_WORKERS ?? Math.min(2, CORES));
const LANGS = process.env.KILDE_OCR_LANGS ?? 'dan+eng';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const letters = (s: string) => (s.match(/\p{L}/gu) ?? []).length;

/** Runs `jobs` with at most `n` at once. */
async function pool<T>(n: number, jobs: Array<() => Promise<T>>): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < jobs.length) {
      const i = next++;
      out[i] = await jobs[i]!();
    }
  }));
  return out;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'ignore'] });
    const out: Buffer[] = [];
    p.stdout.on('data', (c: Buffer) => out.push(c));
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out).toString('utf8')) : reject(new Error(`${cmd} exited ${code}`))));
  });
}

function tools(): { pdftotext: boolean; ocr: boolean; note: string } {
  const has = (cmd: string, args: string[]) => {
    try {
      return execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
    } catch {
      return null;
    }
  };
  const pdftotext = has('pdftotext', ['-v']) !== null && has('pdftoppm', ['-v']) !== null;
  const langs = has('tesseract', ['--list-langs']) ?? '';
  const ocr = pdftotext && LANGS.split('+').every((l) => new RegExp(`^${l}$`, 'm').test(langs));
  const note = !pdftotext
    ? 'NOTE: pdftotext/pdftoppm not found — comparisons skipped (apt-get install poppler-utils tesseract-ocr tesseract-ocr-dan).'
    : !ocr ? `NOTE: tesseract with ${LANGS} not found — OCR comparison skipped (apt-get install tesseract-ocr tesseract-ocr-dan).` : '';
  return { pdftotext, ocr, note };
}

async function ocrBenchmark(corpus: string, cli: boolean): Promise<void> {
  const dir = path.join(corpus, 'pdf-scanned');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.pdf')).sort().map((f) => path.join(dir, f));
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kilde-bench-ocr-'));
  const only = process.env.KILDE_OCR_ENGINE as OcrEngineChoice | undefined;
  const choices: OcrEngineChoice[] = (cli ? (['tesseract', 'tesseract.js'] as const) : (['tesseract.js'] as const)).filter((c) => !only || only === 'auto' || c === only);
  let ocrPages: Array<{ file: string; n: number }> = [];
  let allPages = 0;
  /** One pass of Kilde over every file: seconds (and the pages it OCRed, for the reference). */
  const kildePass = async (extractor: Extractor): Promise<number> => {
    const t0 = performance.now();
    const results = await pool(OCR_WORKERS, files.map((file) => async () => ({ file, pages: await extractPdf(extractor, file) })));
    const secs = (performance.now() - t0) / 1000;
    if (!ocrPages.length) {
      ocrPages = results.flatMap(({ file, pages: ps }) => ps.filter((p) => p.method === 'ocr' || letters(p.text) < 25).map((p) => ({ file, n: p.number })));
      allPages = results.reduce((n, r) => n + r.pages.length, 0);
    }
    return secs;
  };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kilde-bench-cli-'));
  const env = { ...process.env, OMP_THREAD_LIMIT: '1' };
  /** The reference: each page's own image(s) as the scan holds them, one tesseract process per core. */
  const cliPass = async (): Promise<number> => {
    const tessdata = await nativeTessdata(LANGS, cacheDir);
    const t0 = performance.now();
    await pool(OCR_WORKERS, ocrPages.map(({ file, n }, i) => async () => {
      const prefix = path.join(tmp, `p${i}`);
      await run('pdfimages', ['-png', '-f', String(n), '-l', String(n), file, prefix], env);
      for (const img of fs.readdirSync(tmp).filter((f) => f.startsWith(`p${i}-`))) {
        await run('tesseract', [path.join(tmp, img), 'stdout', '--tessdata-dir', tessdata, '--oem', '1', '-l', LANGS], env);
        fs.rmSync(path.join(tmp, img));
      }
    }));
    return (performance.now() - t0) / 1000;
  };
  const perMin = (secs: number[]) => (ocrPages.length * secs.length / secs.reduce((a, b) => a + b, 0)) * 60;
  // With the CLI: the first engine and the CLI in the order A B B A, so that the machine's speed
  // drifting during the run (up to 30 % here) weighs on both alike; the second engine once, after.
  const secs: Record<string, number[]> = {};
  const cliSecs: number[] = [];
  for (const [i, choice] of choices.entries()) {
    const slots = idleServerSlots();
    const ocr = createOcrEngine({ choice, workers: OCR_WORKERS, langs: LANGS, cacheDir, slots });
    const { extractor, close } = kildePdfExtractor(ocr, slots);
    // Warm the OCR workers and MuPDF threads so the figure is the steady state of a running server.
    await extractPdf(extractor, files.find((f) => f.endsWith('ocrmypdf-ccitt.pdf')) ?? files[0]!);
    const s = (secs[choice] = [await kildePass(extractor)]);
    if (cli && i === 0) {
      cliSecs.push(await cliPass(), await cliPass());
      s.push(await kildePass(extractor));
    }
    await ocr.close();
    close();
    slots.close();
  }
  console.log(`\nOCR — ${files.length} scanned PDFs, ${allPages} pages, ${ocrPages.length} of them OCRed; ${CORES} cores, ${OCR_WORKERS} OCR workers`);
  for (const [choice, s] of Object.entries(secs)) {
    console.log(`  Kilde (MuPDF grayscale render + ${choice} ${LANGS}):  ${s.map((x) => `${x.toFixed(1)} s`).join(', ')}  →  ${perMin(s).toFixed(1)} OCR pages/min`);
  }
  if (cli) {
    console.log(`  reference: pdfimages + tesseract CLI (${OCR_WORKERS} at once, OMP_THREAD_LIMIT=1, best_int):  ${cliSecs.map((x) => `${x.toFixed(1)} s`).join(', ')}  →  ${perMin(cliSecs).toFixed(1)} OCR pages/min`);
    for (const [choice, s] of Object.entries(secs)) console.log(`  ratio Kilde (${choice}) / CLI: ${(perMin(s) / perMin(cliSecs)).toFixed(2)}×${s.length > 1 ? ' (order A B B A)' : ''}`);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.rmSync(cacheDir, { recursive: true, force: true });
}

async function textBenchmark(corpus: string, cli: boolean): Promise<void> {
  const dir = path.join(corpus, 'pdf-text');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.pdf')).sort().map((f) => path.join(dir, f));
  const { extractor, close } = kildePdfExtractor(); // no OCR: the text layer only
  const pageCount = (await Promise.all(files.map((f) => extractPdf(extractor, f)))).reduce((n, p) => n + p.length, 0); // also the warm-up
  const kilde: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    for (const f of files) await extractPdf(extractor, f);
    kilde.push((performance.now() - t0) / 1000);
  }
  const kildeRate = pageCount / median(kilde);
  console.log(`\nText layer — ${files.length} text PDFs, ${pageCount} pages, one file at a time, median of 3`);
  console.log(`  Kilde (MuPDF threads, pdf.js behind):  ${median(kilde).toFixed(2)} s  →  ${kildeRate.toFixed(0)} pages/s`);
  close();
  if (!cli) return;
  const poppler: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    for (const f of files) await run('pdftotext', ['-enc', 'UTF-8', f, '-']);
    poppler.push((performance.now() - t0) / 1000);
  }
  const popplerRate = pageCount / median(poppler);
  console.log(`  pdftotext (a process per file):        ${median(poppler).toFixed(2)} s  →  ${popplerRate.toFixed(0)} pages/s`);
  console.log(`  ratio Kilde / pdftotext: ${(kildeRate / popplerRate).toFixed(2)}×`);
}

/** A 500-page PDF of Danish text (45 lines a page), from the corpus' Danish texts when present. */
async function memoryBenchmark(corpus: string | null, cli: boolean): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kilde-bench-500-'));
  const file = path.join(tmp, '500-sider.pdf');
  fs.writeFileSync(file, await makeTextPdf(500, corpus, 7)); // the same file as the ingest and engine benches
  const out = JSON.parse(await run(process.execPath, [path.join(__dirname, 'pdf-extractor.js'), file])) as { pages: number; secs: number; startRssMb: number; peakRssMb: number };
  console.log(`\nMemory — a generated ${out.pages}-page Danish text PDF (${(fs.statSync(file).size / 2 ** 20).toFixed(1)} MiB), extracted in a fresh process`);
  console.log(`  Kilde: ${out.secs.toFixed(2)} s (${(out.pages / out.secs).toFixed(0)} pages/s), peak RSS ${out.peakRssMb.toFixed(0)} MiB (process at start ${out.startRssMb.toFixed(0)} MiB)`);
  if (cli) {
    const t0 = performance.now();
    await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
    const secs = (performance.now() - t0) / 1000;
    console.log(`  pdftotext: ${secs.toFixed(2)} s (${(out.pages / secs).toFixed(0)} pages/s); ratio Kilde / pdftotext ${(secs / out.secs).toFixed(2)}×`);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const corpus = findCorpus();
  const have = tools();
  console.log(`Extraction benchmark — ${os.cpus()[0]?.model ?? 'cpu'}, ${CORES} cores, Node ${process.version}`);
  if (have.note) console.log(have.note);
  if (!corpus) console.log('NOTE: ../shared/corpus not found — OCR and text-layer figures skipped; memory figure only.');
  const parts = process.argv.slice(2);
  const part = (name: string) => parts.length === 0 || parts.includes(name);
  if (corpus) {
    if (part('ocr')) await ocrBenchmark(corpus, have.ocr);
    if (part('text')) await textBenchmark(corpus, have.pdftotext);
  }
  if (part('memory')) await memoryBenchmark(corpus, have.pdftotext);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
