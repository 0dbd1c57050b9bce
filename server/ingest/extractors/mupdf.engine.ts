/**
 * MuPDF on the main side: a pool of MuPDF threads (mupdf.thread.ts) sized to the cores, shared by
 * every extraction and page image. One large document is read page-parallel — its pages go out in
 * small batches to whichever thread is free — and many small ones side by side; every batch and
 * every rendering first takes a CPU slot (../threads/cpu-slots.ts), so while the server answers
 * requests one core stays with it. A thread keeps its last file open, and a file's next batch goes
 * to a thread that has it open when one is free.
 *
 * Failures come back as three errors: `EnginePassword` (needs one, or the wrong one), `EngineRefused`
 * (MuPDF could not read the file) and `EngineStopped` (deadline, memory, crash: the thread was
 * stopped). The PDF extractor falls back to pdf.js on the last two.
 */
import { spawnThread, threadModule, ThreadError, type Thread } from '../threads/thread';
import { createThreadPool } from '../threads/thread-pool';
import type { CpuSlots } from '../threads/cpu-slots';
import type { OpenReply, RenderReply, TextPage } from './mupdf.thread';

export type { OpenReply, RenderReply, TextPage };

export class EnginePassword extends Error {
  constructor(readonly wrong: boolean, message: string) {
    super(message);
  }
}
export class EngineRefused extends Error {}
export class EngineStopped extends Error {}

export interface RenderOptions {
  /** Dots per inch, or 'scan': a scanned page's own resolution (150–300 dpi), else 150. */
  dpi: number | 'scan';
  /** Grayscale PGM (for OCR) instead of an RGB PNG (page images). */
  gray: boolean;
  maxPixels: number;
}

export interface PdfEngine {
  readonly name: string;
  open(file: string, password: string | undefined, signal?: AbortSignal): Promise<OpenReply>;
  /** Reads `pages` across the pool; `onPage` gets each page as its batch finishes (any order). */
  text(file: string, password: string | undefined, pages: readonly number[], onPage: (page: TextPage) => void, signal?: AbortSignal): Promise<void>;
  render(file: string, password: string | undefined, n: number, opts: RenderOptions, signal?: AbortSignal): Promise<RenderReply>;
  /**
   * Starts the pool's threads ahead of the first file: a fresh thread compiles MuPDF's WebAssembly
   * (most of a second here) and then reads a few pages it makes itself until V8 has optimised the
   * hot code, which the first upload after a restart would otherwise wait for. Takes
   * no CPU slot and never rejects; threads warmed after `closeIdle` stop at once. Resolves to the
   * number of threads kept warm.
   */
  warm(): Promise<number>;
  /** Stops the idle threads (shutdown); threads given back later are stopped too. */
  closeIdle(): void;
}

export interface PdfEngineOptions {
  /** Threads in the pool: the most pages read at once (the CPU slots may allow fewer). */
  threads: number;
  slots: CpuSlots;
  /** Deadline for opening a file and for one batch of pages. */
  stepTimeoutMs: number;
  /** Deadline for rendering one page. */
  renderTimeoutMs: number;
  heapMb: number;
}

/** Pages per message: large enough that messaging costs nothing, small enough to spread a 10-page letter. */
const BATCH = 4;
const START_TIMEOUT_MS = 60_000;
const IDLE_MS = 60_000;

export function createMupdfEngine(opts: PdfEngineOptions): PdfEngine {
  const fileOf = new WeakMap<Thread, string>();
  const pool = createThreadPool({
    maxThreads: Math.max(1, opts.threads),
    maxIdle: Math.max(1, opts.threads),
    idleMs: IDLE_MS,
    closed: () => new EngineStopped('The PDF engine was closed.'),
    spawn: () =>
      spawnThread({
        code: { module: threadModule(__filename, 'mupdf.thread') },
        heapMb: opts.heapMb,
        onDeath: ({ outOfMemory, message }) =>
          new EngineStopped(outOfMemory ? 'The PDF needs more memory than Kilde gives one file.' : `The PDF engine stopped: ${message}`),
      }),
  });
  const started = new WeakSet<Thread>();
  let closed = false;

  /** `exercise`: also run the reader until V8 has compiled its hot code (warm-up only, off the request path). */
  async function start(thread: Thread, exercise = false): Promise<void> {
    if (started.has(thread)) return;
    await thread.call({ op: 'ping', exercise }, { timeoutMs: START_TIMEOUT_MS, onTimeout: () => new EngineStopped('The PDF engine did not start in time.') });
    started.add(thread);
  }


  /** Runs one request on a thread (preferring one that has `file` open) inside a CPU slot. */
  async function onThread<T>(file: string, request: Record<string, unknown>, timeoutMs: number, what: string, signal?: AbortSignal): Promise<T> {
    const release = await opts.slots.acquire(signal);
    let thread: Thread | null = null;
    const onAbort = () => thread?.kill(new Error('extraction aborted'));
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      thread = await pool.acquire(signal, (t) => fileOf.get(t) === file);
      await start(thread);
      fileOf.set(thread, file);
      return await thread.call<T>(request, {
        timeoutMs,
        onTimeout: () => new EngineStopped(`Reading stopped: ${what} took longer than ${Math.round(timeoutMs / 1000)} s (the PDF may be damaged or built to exhaust readers).`),
      });
    } catch (err) {
      if (signal?.aborted) throw new Error('extraction aborted');
      throw translate(err);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      if (thread) pool.release(thread);
      release();
    }
  }

  return {
    name: 'mupdf',
    open: (file, password, signal) => onThread<OpenReply>(file, { op: 'open', file, password }, opts.stepTimeoutMs, 'opening the file', signal),
    async text(file, password, pages, onPage, signal) {
      const batches: number[][] = [];
      for (let i = 0; i < pages.length; i += BATCH) batches.push(pages.slice(i, i + BATCH));
      let next = 0;
      let failed: unknown = null;
      const lanes = Math.min(batches.length, Math.max(1, opts.threads));
      await Promise.all(Array.from({ length: lanes }, async () => {
        while (next < batches.length && !failed) {
          const batch = batches[next++]!;
          const what = batch.length === 1 ? `reading page ${batch[0]}` : `reading pages ${batch[0]}–${batch[batch.length - 1]}`;
          try {
            for (const page of await onThread<TextPage[]>(file, { op: 'text', file, password, pages: batch }, opts.stepTimeoutMs, what, signal)) onPage(page);
          } catch (err) {
            failed ??= err;
          }
        }
      }));
      if (failed) throw failed;
    },
    render: (file, password, n, o, signal) =>
      onThread<RenderReply>(file, { op: 'render', file, password, n, dpi: o.dpi, maxPixels: o.maxPixels, gray: o.gray }, opts.renderTimeoutMs, `rendering page ${n}`, signal),
    async warm() {
      if (closed) return 0;
      const threads = await Promise.all(Array.from({ length: Math.max(1, opts.threads) }, () => pool.acquire().catch(() => null)));
      const ready = await Promise.all(threads.map(async (thread) => {
        if (!thread) return false;
        // A thread that cannot start is met again, and reported, by the first file.
        const ok = await start(thread, true).then(() => true, () => false);
        pool.release(thread);
        return ok && !closed;
      }));
      return ready.filter(Boolean).length;
    },
    closeIdle() {
      closed = true;
      pool.closeIdle();
    },
  };
}

function translate(err: unknown): Error {
  if (err instanceof EngineStopped) return err;
  if (err instanceof ThreadError) {
    if (err.errorName === 'PasswordError') return new EnginePassword(/not correct/.test(err.message), err.message);
    return new EngineRefused(err.message);
  }
  return err instanceof Error ? err : new Error(String(err));
}
