/**
 * The OCR engine Kilde uses, chosen once (KILDE_OCR_ENGINE): `auto` — the native `tesseract`
 * program when the machine has it (native-ocr.ts), tesseract.js otherwise (ocr-pool.ts);
 * `tesseract` — the program, and a clear failure when it is missing; `tesseract.js` — always the
 * WebAssembly build. Both read the same best_int models. Every page first takes a CPU slot
 * (../threads/cpu-slots.ts), so OCR leaves the web server its core while it answers.
 *
 * The choice is made on the first page (finding the program runs it once), and `describe()` tells
 * health which engine reads the scans. If the program fails on a page (not a timeout or an abort),
 * that page is read by tesseract.js instead, so a broken installation costs speed, not pages.
 *
 * Each page is read through page-reader.ts: measured, turned upright, straightened, and prepared
 * harder and read again while its confidence is poor (`prepare: false` reads the bytes as given).
 */
import type { CpuSlots } from '../threads/cpu-slots';
import { createNativeOcr, findNativeTesseract, type NativeTesseract } from './native-ocr';
import { createOcrPool, resolveLanguageFiles, type OcrPool, type OcrResult } from './ocr-pool';
import { createLexicon } from './lexicon';
import { createPrep } from './ocr-prep';
import { readPage, type AttemptStage } from './page-reader';

export type { AttemptStage } from './page-reader';
export type OcrEngineChoice = 'auto' | 'tesseract' | 'tesseract.js';
export const OCR_ENGINE_CHOICES: readonly OcrEngineChoice[] = ['auto', 'tesseract', 'tesseract.js'];

export interface OcrEngineInfo {
  /** 'tesseract' (the native program) or 'tesseract.js'. */
  engine: 'tesseract' | 'tesseract.js';
  version: string | null;
  workers: number;
  langs: string;
  models: string;
  /** The dictionaries hard pages' readings are combined with ([] when KILDE_OCR_DICTIONARIES=off, or none fits the languages). */
  dictionaries: readonly string[];
}

export interface OcrRecognizeOptions {
  signal?: AbortSignal;
  dpi?: number;
  /** false: read the image exactly as given, one reading (the benchmark's "as it is"). Default true. */
  prepare?: boolean;
  /** Confidence a reading must reach before no other preparation is tried (page-reader.ts). */
  good?: number;
  /** Every reading made, kept or not, with the rung of the ladder that made it (the benchmark). */
  onAttempt?(reading: OcrResult, stage: AttemptStage): void;
}

export interface OcrEngine extends OcrPool {
  recognize(image: Buffer, opts?: OcrRecognizeOptions): Promise<OcrResult>;
  describe(): Promise<OcrEngineInfo>;
}

export interface OcrEngineOptions {
  choice: OcrEngineChoice;
  workers: number;
  langs: string;
  cacheDir: string;
  slots?: CpuSlots;
  /** The program to look for (tests point it elsewhere). */
  tesseractBin?: string;
  /** Whether hard pages' readings are combined with the languages' words (lexicon.ts); on unless false. */
  dictionaries?: boolean;
  jobTimeoutMs?: number;
}

export function createOcrEngine(options: OcrEngineOptions): OcrEngine {
  resolveLanguageFiles(options.langs); // an unknown language fails at start, not at the first scan
  let wasm: OcrPool | null = null;
  let native: OcrPool | null = null;
  const wasmPool = () => (wasm ??= createOcrPool({ workers: options.workers, langs: options.langs, cacheDir: options.cacheDir, jobTimeoutMs: options.jobTimeoutMs }));
  let found: Promise<NativeTesseract | null> | null = null;
  const program = () =>
    (found ??= options.choice === 'tesseract.js' ? Promise.resolve(null) : findNativeTesseract(options.tesseractBin).then((t) => {
      if (!t && options.choice === 'tesseract') throw new Error('KILDE_OCR_ENGINE=tesseract, but no tesseract program (version 4 or later) was found: install it (Debian: apt-get install tesseract-ocr) or use "auto".');
      return t;
    }));

  const prep = createPrep();
  const lexicon = options.dictionaries === false ? null : createLexicon(options.langs);

  async function read(image: Buffer, opts: { signal?: AbortSignal; dpi?: number }): Promise<OcrResult> {
    const t = await program();
    if (!t) return { ...(await wasmPool().recognize(image, opts)), engine: 'tesseract.js' };
    native ??= createNativeOcr({ tesseract: t, workers: options.workers, langs: options.langs, cacheDir: options.cacheDir, jobTimeoutMs: options.jobTimeoutMs });
    try {
      return { ...(await native.recognize(image, opts)), engine: 'tesseract' };
    } catch (err) {
      if (opts.signal?.aborted || /longer than|closed/.test(String(err))) throw err;
      return { ...(await wasmPool().recognize(image, opts)), engine: 'tesseract.js' };
    }
  }

  return {
    async recognize(image, opts = {}) {
      const release = options.slots ? await options.slots.acquire(opts.signal) : () => {};
      try {
        if (opts.prepare === false) return { ...(await read(image, opts)), steps: [], rotation: 0 };
        const orientation = async (img: Buffer, o: { signal?: AbortSignal; dpi?: number }) => {
          await program();
          return native?.orientation ? native.orientation(img, o) : null;
        };
        return await readPage(image, { read, orientation, known: lexicon ? (words, o) => lexicon.known(words, o) : undefined }, prep, opts);
      } finally {
        release();
      }
    },
    async describe() {
      const t = await program().catch(() => null);
      return { engine: t ? 'tesseract' : 'tesseract.js', version: t?.version ?? null, workers: options.workers, langs: options.langs, models: '4.0.0_best_int', dictionaries: lexicon?.dictionaries ?? [] };
    },
    async close() {
      prep.close();
      lexicon?.close();
      await Promise.all([wasm?.close(), native?.close()]);
    },
  };
}
