/**
 * OCR accuracy benchmark (not a test): runs Kilde's own extractors (PDF → render → OCR, images →
 * OCR; `dan+eng`, best_int models) over the corpus scans that come with a ground-truth text, and
 * prints per file and overall:
 *   - word recall: the share of ground-truth words found in the OCR text (as a multiset, so reading
 *     order — two columns, a map's labels — does not count against it);
 *   - 1 − WER: word accuracy in reading order (Levenshtein over the word sequences);
 *   - 1 − CER: character accuracy over the words joined by single spaces.
 * Words are compared lower-cased, NFC, without punctuation at their ends.
 *
 *   npm run bench:ocr        (KILDE_OCR_WORKERS=2 by default; ../shared/corpus must exist)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPdfExtractor } from '../server/ingest/extractors/pdf.extractor';
import { createExtractorRegistry } from '../server/ingest/extractors/registry';
import type { Extractor, ExtractedPage } from '../server/ingest/extractors/extractor';
import type { OcrPool } from '../server/ingest/ocr/ocr-pool';
import { createMupdfEngine } from '../server/ingest/extractors/mupdf.engine';
import { createOcrEngine, type OcrEngineChoice } from '../server/ingest/ocr/ocr-engine';
import { createCpuSlots } from '../server/ingest/threads/cpu-slots';

/** `../shared/corpus` next to the repository (npm runs scripts from the repository root). */
export function findCorpus(): string | null {
  const candidates = [path.resolve(process.cwd(), '..', 'shared', 'corpus'), path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus'), path.resolve(__dirname, '..', '..', 'shared', 'corpus')];
  return candidates.find((d) => fs.existsSync(path.join(d, 'SOURCES.md'))) ?? null;
}

export const MEDIA: Record<string, string> = { '.pdf': 'application/pdf', '.png': 'image/png', '.jpg': 'image/jpeg', '.tif': 'image/tiff' };

export function kildeExtractors(ocr: OcrPool): { forType(t: string): Extractor | null } {
  // As the server reads PDFs: MuPDF renders (grayscale, the scan's own resolution), pdf.js behind.
  const cores = os.availableParallelism();
  const engine = createMupdfEngine({ threads: cores, slots: createCpuSlots({ cores }), stepTimeoutMs: 20_000, renderTimeoutMs: 60_000, heapMb: 1024 });
  return createExtractorRegistry({ ocr, pdf: createPdfExtractor({ ocr, engine }) });
}

export async function extractFile(extractors: { forType(t: string): Extractor | null }, file: string): Promise<ExtractedPage[]> {
  const mediaType = MEDIA[path.extname(file).toLowerCase()]!;
  const out = await extractors.forType(mediaType)!.extract({
    path: file, mediaType, filename: path.basename(file), signal: new AbortController().signal, onProgress() {},
  });
  if (out.kind !== 'ok') throw new Error(`${path.basename(file)}: ${out.kind} ${'reason' in out ? out.reason : ''}`);
  return out.pages;
}

export function words(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u00ad]/g, '') // soft hyphens
    .replace(/-\s*\n\s*/g, '') // words hyphenated across lines
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((w) => w.length > 0);
}

function levenshtein<T>(a: readonly T[], b: readonly T[]): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

export interface Score {
  truthWords: number;
  found: number;
  wordEdits: number;
  chars: number;
  charEdits: number;
}

export function score(truth: string, ocr: string): Score {
  const t = words(truth);
  const o = words(ocr);
  const bag = new Map<string, number>();
  for (const w of o) bag.set(w, (bag.get(w) ?? 0) + 1);
  let found = 0;
  for (const w of t) {
    const n = bag.get(w) ?? 0;
    if (n > 0) {
      found++;
      bag.set(w, n - 1);
    }
  }
  const tc = [...t.join(' ')];
  return { truthWords: t.length, found, wordEdits: levenshtein(t, o), chars: tc.length, charEdits: levenshtein(tc, [...o.join(' ')]) };
}

interface Sample {
  file: string;
  truth: string;
  lang: 'da' | 'other';
}

/** Every scan with a ground truth beside it (`X.groundtruth.txt`, `X.txt`, `X.gold.txt`), plus the pairs SOURCES.md names. */
function samples(corpus: string): Sample[] {
  const out: Sample[] = [];
  const add = (file: string, truth: string) => {
    if (fs.existsSync(file) && fs.existsSync(truth)) out.push({ file, truth, lang: /DERIVED-aak|stringalign/.test(file) ? 'da' : 'other' });
  };
  for (const folder of ['pdf-scanned', 'images']) {
    for (const name of fs.readdirSync(path.join(corpus, folder))) {
      const m = /^(.*?)(\.groundtruth|\.gold)?\.txt$/.exec(name);
      if (!m) continue;
      for (const ext of Object.keys(MEDIA)) add(path.join(corpus, folder, m[1]! + ext), path.join(corpus, folder, name));
    }
  }
  // The same page in other forms: the fax as a G4 TIFF, the brochure as an image-only PDF.
  add(path.join(corpus, 'images/DERIVED-aak-2018-vvm-tilladelse-fax-p1.tif'), path.join(corpus, 'pdf-scanned/DERIVED-aak-2018-vvm-tilladelse-fax-p1.groundtruth.txt'));
  add(path.join(corpus, 'pdf-scanned/ocrmypdf-linn.pdf'), path.join(corpus, 'images/ocrmypdf-linn.txt'));
  return out.filter((s, i) => out.findIndex((o) => o.file === s.file) === i).sort((a, b) => a.file.localeCompare(b.file));
}

const pct = (n: number, d: number) => (d === 0 ? '—' : `${((100 * n) / d).toFixed(1)}%`);

async function main(): Promise<void> {
  const corpus = findCorpus();
  if (!corpus) {
    console.log('ocr-accuracy: ../shared/corpus not found; nothing to measure.');
    return;
  }
  const workers = Number(process.env.KILDE_OCR_WORKERS ?? Math.min(2, os.availableParallelism()));
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kilde-ocr-bench-'));
  const choice = (process.env.KILDE_OCR_ENGINE ?? 'auto') as OcrEngineChoice;
  const ocr = createOcrEngine({ choice, workers, langs: process.env.KILDE_OCR_LANGS ?? 'dan+eng', cacheDir });
  const extractors = kildeExtractors(ocr);
  const list = samples(corpus);
  const which = await ocr.describe();
  console.log(`OCR accuracy — Kilde extractors, ${which.engine}${which.version ? ' ' + which.version : ''} dan+eng (best_int), ${workers} OCR workers, ${list.length} scans with ground truth (KILDE_OCR_ENGINE=${choice})\n`);
  console.log(['file'.padEnd(58), 'lang', 'pages', 'words', 'recall', '1-WER', '1-CER', 'conf', 'secs'].join('  '));
  const totals = { all: { truthWords: 0, found: 0, wordEdits: 0, chars: 0, charEdits: 0 }, da: { truthWords: 0, found: 0, wordEdits: 0, chars: 0, charEdits: 0 } };
  const results: Array<{ s: Sample; pages: ExtractedPage[]; secs: number }> = [];
  // Two files at a time, so both OCR workers stay busy.
  let next = 0;
  await Promise.all(Array.from({ length: workers }, async () => {
    while (next < list.length) {
      const s = list[next++]!;
      const t0 = Date.now();
      const pages = await extractFile(extractors, s.file);
      results.push({ s, pages, secs: (Date.now() - t0) / 1000 });
    }
  }));
  results.sort((a, b) => a.s.file.localeCompare(b.s.file));
  for (const { s, pages, secs } of results) {
    const sc = score(fs.readFileSync(s.truth, 'utf8').replace(/^\uFEFF/, ''), pages.map((p) => p.text).join('\n'));
    for (const key of s.lang === 'da' ? (['all', 'da'] as const) : (['all'] as const)) {
      for (const k of Object.keys(sc) as Array<keyof Score>) totals[key][k] += sc[k];
    }
    const conf = pages.filter((p) => p.confidence !== null);
    console.log([
      path.relative(corpus, s.file).padEnd(58), s.lang.padEnd(4), String(pages.length).padStart(5), String(sc.truthWords).padStart(5),
      pct(sc.found, sc.truthWords).padStart(6), pct(sc.truthWords - sc.wordEdits, sc.truthWords).padStart(6), pct(sc.chars - sc.charEdits, sc.chars).padStart(6),
      (conf.length ? (conf.reduce((n, p) => n + p.confidence!, 0) / conf.length).toFixed(0) : '—').padStart(4), secs.toFixed(1).padStart(5),
    ].join('  '));
  }
  for (const [label, t] of [['Danish scans', totals.da], ['all scans', totals.all]] as const) {
    console.log(`\n${label}: ${t.truthWords} ground-truth words — word recall ${pct(t.found, t.truthWords)}, 1-WER ${pct(t.truthWords - t.wordEdits, t.truthWords)}, 1-CER ${pct(t.chars - t.charEdits, t.chars)}`);
  }
  await ocr.close();
  fs.rmSync(cacheDir, { recursive: true, force: true });
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
