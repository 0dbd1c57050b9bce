/**
 * A pool of long-lived tesseract.js workers. Each worker runs OCR in its own worker thread, so the
 * event loop stays free; starting one costs ~0.3 s, so workers start on first use and are reused.
 * Jobs queue until a worker is free. A worker whose job fails, is aborted, times out or whose thread
 * dies is thrown away and replaced on the next job: after a WebAssembly abort a worker is not safe
 * to reuse, and tesseract.js itself neither rejects pending jobs nor restarts a dead thread.
 *
 * Trained data comes only from the installed `@tesseract.js-data/<lang>` packages (best_int
 * models), never the network. tesseract.js reads every language from one `langPath` folder, and
 * its in-memory `{ code, data }` form is broken in v7 (it passes the bytes as the language name),
 * so we link each package's file into one folder under `cacheDir` and point `langPath` there.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Worker as Thread } from 'node:worker_threads';
import { createWorker, PSM, type Worker as TessWorker } from 'tesseract.js';
import { onceUntilFailed } from '../../lib/once';
import { parseTsvLayout } from './tsv';

export interface OcrResult {
  text: string;
  /** Mean word confidence, 0–100. */
  confidence: number;
  /** Which engine read it ('tesseract' for the native program, 'tesseract.js'). */
  engine?: string;
  /**
   * How the page image was prepared for the reading kept (page-reader.ts), in order, e.g.
   * ['turn:180', 'deskew:2.1', 'upscale:2', 'flatten', 'despeckle', 'binarise']; [] = read as it came.
   */
  steps?: string[];
  /** Degrees (0, 90, 180, 270) the page was turned clockwise to read it upright. */
  rotation?: number;
  /** Where each line's characters are, in pixels of `width` × `height` (of the upright page once page-reader.ts is done). */
  layout?: OcrLayout;
  /** The words read, in reading order, with their confidence and box (in the pixels of `layout`). */
  words?: OcrWord[];
}

export interface OcrWord {
  text: string;
  /** The engine's confidence in this word, 0–100. */
  confidence: number;
  /** x0, y0, x1, y1. */
  box: [number, number, number, number];
  /** Running numbers of the line and the paragraph (or block) it is on. */
  line: number;
  paragraph: number;
}

export interface OcrLayout {
  width: number;
  height: number;
  /** As page-boxes.ts takes them: the text offset of each line and x0, y0, x1, y1 per UTF-16 unit. */
  lines: Array<{ start: number; boxes: number[] }>;
}

export interface OcrPool {
  /** `dpi`: the image's resolution when known (a rendered page), so no engine has to guess it. */
  recognize(image: Buffer, opts?: { signal?: AbortSignal; dpi?: number }): Promise<OcrResult>;
  /** Which way up the page is: degrees to turn it clockwise; null when the engine cannot tell. */
  orientation?(image: Buffer, opts?: { signal?: AbortSignal; dpi?: number }): Promise<{ degrees: number; confidence: number } | null>;
  /** Rejects queued and running jobs and stops every worker. */
  close(): Promise<void>;
}

export interface OcrPoolOptions {
  workers: number;
  /** Tesseract language codes joined by '+', e.g. 'dan+eng'. */
  langs: string;
  /** Writable folder for the language links; tesseract.js never writes its cache there or anywhere. */
  cacheDir: string;
  /** A job running longer is stopped and its worker replaced (a pathological image can spin forever). */
  jobTimeoutMs?: number;
  /** Starts one tesseract.js worker; tests wrap it to reach the worker thread. */
  spawn?: typeof createWorker;
}

const MODEL = '4.0.0_best_int';
const LSTM_ONLY = 1;
const START_TIMEOUT_MS = 60_000;

interface Slot {
  /** Bumped on every discard, so a worker that finishes starting after its slot gave up is stopped. */
  generation: number;
  worker: Promise<TessWorker> | null;
  thread: Thread | null;
  /** Set while a job runs: fails that job when the thread dies. */
  onDeath: ((err: Error) => void) | null;
}

interface Job {
  image: Buffer;
  signal?: AbortSignal;
  resolve(r: OcrResult): void;
  reject(e: unknown): void;
  /** Drops the job from the queue when its signal aborts before a worker takes it. */
  onQueuedAbort(): void;
}

/** Resolves each language's trained data file in its package; throws a clear error for unknown codes. */
export function resolveLanguageFiles(langs: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const code of langs.split('+')) {
    let file: string | null = null;
    if (/^[a-z]{3}(_[a-z]+)*$/.test(code)) {
      try {
        const dir = path.dirname(require.resolve(`@tesseract.js-data/${code}/package.json`));
        file = path.join(dir, MODEL, `${code}.traineddata.gz`);
      } catch {
        file = null;
      }
    }
    if (!file || !fs.existsSync(file)) {
      throw new Error(`OCR language "${code}" is not available: install the package @tesseract.js-data/${code} (languages are joined with "+", e.g. "dan+eng").`);
    }
    files.set(code, file);
  }
  return files;
}

export function createOcrPool(options: OcrPoolOptions): OcrPool {
  const files = resolveLanguageFiles(options.langs); // fails at creation, not at the first scan
  const spawn = options.spawn ?? createWorker;
  const jobTimeoutMs = options.jobTimeoutMs ?? 180_000;
  const slots: Slot[] = Array.from({ length: Math.max(1, options.workers) }, () => ({ generation: 0, worker: null, thread: null, onDeath: null }));
  const idle = [...slots];
  const queue: Job[] = [];
  const stopping = new WeakSet<Thread>();
  const langDir = onceUntilFailed(linkLanguages);
  let closed = false;

  async function linkLanguages(): Promise<string> {
    const dir = path.join(options.cacheDir, `tessdata-${MODEL}`);
    await fs.promises.mkdir(dir, { recursive: true });
    for (const [code, file] of files) {
      const link = path.join(dir, `${code}.traineddata.gz`);
      const tmp = `${link}.${process.pid}.tmp`;
      await fs.promises.rm(tmp, { force: true });
      // A fresh link each start follows node_modules if it moved; copy where links are not allowed.
      await fs.promises.symlink(file, tmp).catch(() => fs.promises.copyFile(file, tmp));
      await fs.promises.rename(tmp, link);
    }
    return dir;
  }

  async function start(slot: Slot): Promise<TessWorker> {
    const generation = slot.generation;
    const langPath = await langDir();
    let failStart: (e: Error) => void = () => {};
    const startFailed = new Promise<never>((_, reject) => (failStart = reject));
    const timer = setTimeout(() => failStart(new Error('OCR worker did not start in time')), START_TIMEOUT_MS);
    try {
      const worker = await Promise.race([
        spawn(options.langs, LSTM_ONLY, {
          langPath,
          gzip: true,
          cachePath: options.cacheDir,
          cacheMethod: 'none', // read the packages every start; never write a cache
          logger: () => {},
          // Without a handler tesseract.js throws inside a message listener and kills the process.
          errorHandler: (e: unknown) => failStart(new Error(`OCR worker failed to start: ${String(e)}`)),
        }),
        startFailed,
      ]);
      // The library's default is one uniform block (tesseract's API default, not its program's):
      // two columns would be read line across line. Automatic layout reads them column by column.
      // Its layout analysis reports what it found ("Detected 427 diacritics") on stdout: not ours to print.
      await Promise.race([worker.setParameters({ tessedit_pageseg_mode: PSM.AUTO, debug_file: '/dev/null' } as Parameters<TessWorker['setParameters']>[0]), startFailed]);
      // tesseract.js keeps the worker_threads Worker on `.worker` (not in its typings).
      const thread = (worker as unknown as { worker: Thread }).worker;
      if (slot.generation !== generation) {
        stopping.add(thread);
        await thread.terminate();
        throw new Error('OCR worker was stopped while starting');
      }
      slot.thread = thread;
      thread.on('error', () => {}); // an uncaught error in the thread must not take the server down
      thread.once('exit', () => {
        if (slot.thread !== thread) return;
        slot.worker = null;
        slot.thread = null;
        if (!stopping.has(thread)) slot.onDeath?.(new Error('OCR worker stopped unexpectedly'));
      });
      return worker;
    } catch (err) {
      langDir.forget(); // relink next time, in case the links were removed
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops a slot's worker; the slot starts a new one on its next job. */
  async function discard(slot: Slot): Promise<void> {
    const { worker, thread } = slot;
    slot.generation++;
    slot.worker = null;
    slot.thread = null;
    if (thread) {
      stopping.add(thread);
      await thread.terminate().catch(() => 0);
    } else if (worker) {
      await worker.catch(() => {}); // still starting: start() sees the new generation and stops it
    }
  }

  async function run(slot: Slot, job: Job): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    try {
      const interrupted = new Promise<never>((_, reject) => {
        slot.onDeath = reject;
        timer = setTimeout(() => reject(new Error(`OCR took longer than ${jobTimeoutMs / 1000} s`)), jobTimeoutMs);
        onAbort = () => reject(job.signal?.reason);
        job.signal?.addEventListener('abort', onAbort, { once: true });
      });
      slot.worker ??= start(slot);
      const worker = await Promise.race([slot.worker, interrupted]);
      // TSV as well as text: the same words with their boxes, read the way the native program's are.
      const { data } = await Promise.race([worker.recognize(job.image, {}, { text: true, tsv: true }), interrupted]);
      const fromTsv = data.tsv ? parseTsvLayout(data.tsv) : null;
      job.resolve(fromTsv && fromTsv.text.trim()
        ? { ...fromTsv, confidence: data.confidence, engine: 'tesseract.js' }
        : { text: data.text, confidence: data.confidence, engine: 'tesseract.js' });
    } catch (err) {
      await discard(slot);
      if (job.signal?.aborted) job.reject(job.signal.reason);
      // tesseract.js rejects with plain strings such as "Error: Error attempting to read image."
      else job.reject(err instanceof Error ? err : new Error(`OCR failed: ${String(err).replace(/^Error: /, '')}`));
    } finally {
      clearTimeout(timer);
      if (onAbort) job.signal?.removeEventListener('abort', onAbort);
      slot.onDeath = null;
      idle.push(slot);
      pump();
    }
  }

  function pump(): void {
    while (!closed && idle.length > 0 && queue.length > 0) {
      const job = queue.shift()!;
      job.signal?.removeEventListener('abort', job.onQueuedAbort);
      void run(idle.pop()!, job);
    }
  }

  return {
    recognize(image, opts = {}) {
      if (closed) return Promise.reject(new Error('OCR pool is closed'));
      if (opts.signal?.aborted) return Promise.reject(opts.signal.reason);
      return new Promise<OcrResult>((resolve, reject) => {
        const job: Job = {
          image,
          signal: opts.signal,
          resolve,
          reject,
          onQueuedAbort: () => {
            const at = queue.indexOf(job);
            if (at !== -1) queue.splice(at, 1);
            reject(opts.signal?.reason);
          },
        };
        opts.signal?.addEventListener('abort', job.onQueuedAbort, { once: true });
        queue.push(job);
        pump();
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) {
        job.signal?.removeEventListener('abort', job.onQueuedAbort);
        job.reject(new Error('OCR pool is closed'));
      }
      for (const slot of slots) slot.onDeath?.(new Error('OCR pool is closed'));
      await Promise.all(slots.map(discard));
    },
  };
}
