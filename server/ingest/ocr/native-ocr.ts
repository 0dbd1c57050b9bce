/**
 * OCR with the `tesseract` program when the machine has it (Debian: `apt-get install tesseract-ocr`),
 * faster than tesseract.js (`npm run bench:extract` measures both). At most `workers` pages at once
 * (one per core), each program single-threaded (`OMP_THREAD_LIMIT=1`: tesseract's own threading is
 * several times slower on a small machine), at a lower OS priority than the web server, and started
 * from a helper process (../threads/program-runner.ts): forking the server itself paused its main
 * thread 20–40 ms. The programs keep running between pages and read page after page
 * (tesseract-stream.ts): loading the models anew for every page cost 0.3–0.4 s a reading. The page
 * goes in as the grayscale PGM the PDF engine rendered (as an uncompressed TIFF when its resolution
 * is known: a PGM cannot declare it, and a running program cannot be told it), written to a file of
 * its own under `<cacheDir>/pages` and removed when the reading ends: tesseract 5 reads stdin a
 * byte at a time, which cost 0.15–0.3 s of CPU on a 300-dpi page (4–7 % of its reading). The words
 * come back as TSV, from which the text (lines, paragraphs) and the mean word confidence are taken,
 * as tesseract.js reports them. Orientation (OSD) is a program of its own each time: it is asked
 * for a few poor pages only.
 *
 * Accuracy travels with the model, so the program reads the same best_int models tesseract.js
 * reads — the `@tesseract.js-data/<lang>` packages, unpacked once into `<cacheDir>` and passed as
 * `--tessdata-dir` — never the distribution's (smaller, less accurate) ones.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { EXTRACTION_NICE } from '../threads/priority';
import { onceUntilFailed } from '../../lib/once';
import { createProgramRunner } from '../threads/program-runner';
import { isPgm, pgmAsTiff } from './ocr-prep';
import { resolveLanguageFiles, type OcrPool, type OcrResult } from './ocr-pool';
import { startTesseractStream, tesseractFailed, type TesseractStream } from './tesseract-stream';
import { parseTsv, parseTsvLayout } from './tsv';

export { parseTsv };

export interface NativeTesseract {
  bin: string;
  /** e.g. "5.3.0" */
  version: string;
}

/** The `tesseract` program on PATH (or `bin`), version 4 or later (LSTM models); null when there is none. */
export function findNativeTesseract(bin = 'tesseract'): Promise<NativeTesseract | null> {
  return new Promise((resolve) => {
    execFile(bin, ['--version'], { timeout: 10_000 }, (err, stdout, stderr) => {
      if (err) return resolve(null);
      const m = /tesseract v?(\d+)\.(\d+)\.(\d+)/i.exec(`${stdout}\n${stderr}`);
      if (!m || Number(m[1]) < 4) return resolve(null);
      resolve({ bin, version: `${m[1]}.${m[2]}.${m[3]}` });
    });
  });
}

export interface NativeOcrOptions {
  tesseract: NativeTesseract;
  workers: number;
  langs: string;
  /** Writable folder: the models are unpacked into it once. */
  cacheDir: string;
  jobTimeoutMs?: number;
  /** How long a program kept running may wait for the next page before it ends (IDLE_MS unless given). */
  idleMs?: number;
  /** Pages a program kept running reads before it is replaced (RENEW_AFTER unless given). */
  renewAfter?: number;
}

const MODEL = '4.0.0_best_int';
/** Tesseract's own threading is several times slower on a small machine: one thread, one process per core. */
const ENV = { OMP_THREAD_LIMIT: '1' };
/** A running program idle this long ends: each holds its models, ~50 MB. */
const IDLE_MS = 30_000;
/** A running program that read this many pages is replaced, so nothing a long run leaves behind in it grows without end. */
const RENEW_AFTER = 200;

/** Unpacks the npm packages' models (gzip) into `<cacheDir>/tessdata-native-<model>`, once. */
export async function nativeTessdata(langs: string, cacheDir: string): Promise<string> {
  const dir = path.join(cacheDir, `tessdata-native-${MODEL}`);
  await fs.promises.mkdir(dir, { recursive: true });
  for (const [code, gz] of resolveLanguageFiles(langs)) {
    const target = path.join(dir, `${code}.traineddata`);
    const stat = await fs.promises.stat(target).catch(() => null);
    if (stat && stat.size > 0 && stat.mtimeMs >= (await fs.promises.stat(gz)).mtimeMs) continue;
    const tmp = `${target}.${process.pid}.tmp`;
    await fs.promises.writeFile(tmp, zlib.gunzipSync(await fs.promises.readFile(gz)));
    await fs.promises.rename(tmp, target);
  }
  return dir;
}

/**
 * Tesseract's orientation and script model (`@tesseract.js-data/osd`, a legacy-engine model: OSD
 * has no LSTM one), unpacked once into a folder of its own; null when the package is missing.
 */
export async function nativeOsdData(cacheDir: string): Promise<string | null> {
  let gz: string;
  try {
    gz = path.join(path.dirname(require.resolve('@tesseract.js-data/osd/package.json')), '4.0.0', 'osd.traineddata.gz');
    await fs.promises.access(gz);
  } catch {
    return null;
  }
  const dir = path.join(cacheDir, 'tessdata-osd-4.0.0');
  const target = path.join(dir, 'osd.traineddata');
  const stat = await fs.promises.stat(target).catch(() => null);
  if (!stat || stat.size === 0) {
    await fs.promises.mkdir(dir, { recursive: true });
    const tmp = `${target}.${process.pid}.tmp`;
    await fs.promises.writeFile(tmp, zlib.gunzipSync(await fs.promises.readFile(gz)));
    await fs.promises.rename(tmp, target);
  }
  return dir;
}

/** `Rotate: 180` and `Orientation confidence: 12.3` from `tesseract --psm 0`; null when it said neither. */
export function parseOsd(out: string): { degrees: number; confidence: number } | null {
  const rotate = /^Rotate:\s*(\d+)/m.exec(out);
  const conf = /^Orientation confidence:\s*([\d.]+)/m.exec(out);
  if (!rotate) return null;
  return { degrees: Number(rotate[1]) % 360, confidence: conf ? Number(conf[1]) : 0 };
}

/** Whether a process of this id is running (signal 0 asks without sending anything). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function createNativeOcr(options: NativeOcrOptions): OcrPool {
  const workers = Math.max(1, options.workers);
  const jobTimeoutMs = options.jobTimeoutMs ?? 180_000;
  const idleMs = options.idleMs ?? IDLE_MS;
  const renewAfter = options.renewAfter ?? RENEW_AFTER;
  /** How every page is read: our models, LSTM, TSV out (by variable, not by the `tsv` config file: that lives in the system's tessdata, not ours). */
  const readArgs = (tessdata: string) => ['--tessdata-dir', tessdata, '--oem', '1', '-l', options.langs, '-c', 'tessedit_create_tsv=1', '-c', 'tessedit_create_txt=0'];
  const timedOut = () => new Error(`OCR took longer than ${jobTimeoutMs / 1000} s`);
  const tessdata = onceUntilFailed(() => nativeTessdata(options.langs, options.cacheDir));
  // null when the OSD package is not installed; an unpacking that failed is tried again on the next page.
  const osdData = onceUntilFailed(() => nativeOsdData(options.cacheDir));
  let running = 0;
  let closed = false;
  const queue: Array<() => void> = [];
  // Each reading is a program of its own, started from a helper process (program-runner.ts).
  const runner = createProgramRunner();
  // Pages being read, one file each, in a folder of this process's own under `<cacheDir>/pages`
  // (named by its pid: another process may read pages beside it). What a process that died left
  // is removed when the next one starts.
  const pagesRoot = path.join(options.cacheDir, 'pages');
  const preparePages = onceUntilFailed(async () => {
    await fs.promises.mkdir(pagesRoot, { recursive: true, mode: 0o700 });
    for (const name of await fs.promises.readdir(pagesRoot)) {
      const pid = Number(/^(\d+)-/.exec(name)?.[1]);
      if (pid && pid !== process.pid && !alive(pid)) await fs.promises.rm(path.join(pagesRoot, name), { recursive: true, force: true });
    }
    return fs.promises.mkdtemp(path.join(pagesRoot, `${process.pid}-`));
  });
  /**
   * The program's stdout for the page `image` with `args`: the page in a file of its own (readable
   * by this user only), removed afterwards.
   */
  async function tesseract(image: Buffer, args: string[], opts: { signal?: AbortSignal; dpi?: number }): Promise<string> {
    const file = path.join(await preparePages(), `${randomUUID()}.page`);
    await fs.promises.writeFile(file, image, { mode: 0o600 });
    try {
      return await run(options.tesseract.bin, [file, 'stdout', ...args, ...(opts.dpi ? ['--dpi', String(opts.dpi)] : [])], opts.signal);
    } finally {
      await fs.promises.rm(file, { force: true });
    }
  }

  async function turn(signal?: AbortSignal): Promise<void> {
    if (running < workers) {
      running++;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const go = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const at = queue.indexOf(go);
        if (at !== -1) queue.splice(at, 1);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.push(go);
    });
  }
  function done(): void {
    const next = queue.shift();
    if (next) next();
    else running--;
  }

  /** Programs kept running between pages (tesseract-stream.ts), the last used on top. */
  const idle: Array<{ stream: TesseractStream; timer: NodeJS.Timeout }> = [];
  const blankPage = onceUntilFailed(async () => {
    const file = path.join(await preparePages(), 'blank.pgm');
    await fs.promises.writeFile(file, Buffer.concat([Buffer.from('P5\n8 8\n255\n', 'latin1'), Buffer.alloc(64, 255)]), { mode: 0o600 });
    return file;
  });

  function park(stream: TesseractStream): void {
    if (closed || !stream.alive || stream.pages >= renewAfter) return stream.close();
    const timer = setTimeout(() => {
      const at = idle.findIndex((e) => e.stream === stream);
      if (at !== -1) idle.splice(at, 1);
      stream.close();
    }, idleMs);
    timer.unref();
    idle.push({ stream, timer });
  }

  /** The page read by a program kept running; it goes in as a file, a PGM with a resolution as a TIFF that declares it. */
  async function streamed(image: Buffer, dir: string, opts: { signal?: AbortSignal; dpi?: number }): Promise<string> {
    const bytes = opts.dpi ? await pgmAsTiff(image, opts.dpi) : image;
    if (!bytes) throw new Error('The page image is cut short: it holds fewer pixels than its header says.');
    const file = path.join(await preparePages(), `${randomUUID()}.page`);
    await fs.promises.writeFile(file, bytes, { mode: 0o600 });
    let stream: TesseractStream | null = null;
    try {
      const parked = idle.pop();
      if (parked) clearTimeout(parked.timer);
      stream = parked?.stream.alive ? parked.stream : startTesseractStream({ runner, bin: options.tesseract.bin, args: readArgs(dir), sentinel: await blankPage(), env: ENV, nice: EXTRACTION_NICE });
      opts.signal?.throwIfAborted();
      return await stream.read(file, { signal: opts.signal, timeoutMs: jobTimeoutMs, onTimeout: timedOut });
    } finally {
      if (stream) park(stream);
      await fs.promises.rm(file, { force: true });
    }
  }

  async function recognize(image: Buffer, opts: { signal?: AbortSignal; dpi?: number } = {}): Promise<OcrResult> {
    if (closed) throw new Error('OCR pool is closed');
    opts.signal?.throwIfAborted();
    const dir = await tessdata();
    await turn(opts.signal);
    try {
      // A page image of another kind with a resolution it may not declare (the pdf.js fallback's
      // PNG) is read by a program of its own, told the resolution.
      if (opts.dpi && !isPgm(image)) return parseTsvLayout(await tesseract(image, readArgs(dir), opts));
      return parseTsvLayout(await streamed(image, dir, opts));
    } finally {
      done();
    }
  }

  /**
   * Which way up the page is (tesseract's OSD, `--psm 0`, ~0.5 s a page): the degrees to turn it
   * clockwise. Null when it cannot tell (too few letters, no OSD model): the caller tries instead.
   */
  async function orientation(image: Buffer, opts: { signal?: AbortSignal; dpi?: number } = {}): Promise<{ degrees: number; confidence: number } | null> {
    if (closed) throw new Error('OCR pool is closed');
    const dir = await osdData().catch(() => null);
    if (!dir) return null;
    await turn(opts.signal);
    try {
      return parseOsd(await tesseract(image, ['--tessdata-dir', dir, '--psm', '0'], opts));
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      return null; // "Too few characters": no answer, not a failure
    } finally {
      done();
    }
  }

  async function run(bin: string, args: string[], signal?: AbortSignal): Promise<string> {
    const r = await runner.run(bin, args, { env: ENV, nice: EXTRACTION_NICE, timeoutMs: jobTimeoutMs, onTimeout: timedOut, signal });
    if (r.code !== 0) throw tesseractFailed(r.code, r.stderr);
    return r.stdout.toString('utf8');
  }

  return {
    recognize,
    orientation,
    async close() {
      closed = true;
      for (const { stream, timer } of idle.splice(0)) {
        clearTimeout(timer);
        stream.close();
      }
      runner.close();
      const dir = await preparePages.made()?.catch(() => null);
      if (dir) await fs.promises.rm(dir, { recursive: true, force: true });
    },
  };
}
