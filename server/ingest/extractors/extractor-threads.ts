/**
 * Runs extractors off the event loop: each extraction happens in a worker thread from a pool (sized
 * like the job runner, so a job never waits for a thread), with its own V8 heap limit and a
 * deadline. Past the deadline, over the memory cap or on a crash the thread is stopped and the
 * document gets `failed` with a reason; the server itself never waits on a file. The deadline is
 * per step: it starts again when the thread finishes a page, and pauses while the thread waits for
 * the shared OCR pool (which has its own deadline per page).
 */
import type { ChildFile, ExtractionContext, ExtractionOutcome, Extractor } from './extractor';
import { childFile } from './child-files';
import type { ExtractorLimits } from './registry';
import type { OcrPool } from '../ocr/ocr-pool';
import type { HostEvent, OcrReply, PortableContext } from './extractor-protocol';
import { spawnThread, threadModule, ThreadError, type Thread } from '../threads/thread';
import { createThreadPool } from '../threads/thread-pool';

export interface ExtractorThreadOptions {
  /** Threads at once (KILDE_WORKERS: one per extraction job). */
  workers: number;
  /** Longest an extraction step may take (KILDE_EXTRACT_TIMEOUT_S). */
  timeoutMs: number;
  /** Heap limit of each thread (KILDE_EXTRACT_MEMORY_MB). */
  heapMb: number;
}

export const DEFAULT_EXTRACTOR_THREADS: Readonly<ExtractorThreadOptions> = Object.freeze({ workers: 2, timeoutMs: 120_000, heapMb: 1024 });

/** Starting a thread loads mammoth, mailparser and the rest (and, in tests, transpiles them). */
const START_TIMEOUT_MS = 60_000;
const IDLE_THREAD_MS = 60_000;

/** The thread was stopped for the file's sake (deadline, memory, crash): the reason is for people. */
class ExtractionStopped extends Error {}

export interface ExtractorThreads {
  /** An extractor for `mediaTypes` that runs the in-thread extractor of the same types in a thread. */
  extractor(mediaTypes: readonly string[]): Extractor;
  closeIdle(): void;
}

export function createExtractorThreads(deps: { ocr: OcrPool; limits: ExtractorLimits; options: ExtractorThreadOptions }): ExtractorThreads {
  const { ocr, limits, options } = deps;
  const seconds = (ms: number) => `${Number((ms / 1000).toFixed(2))} s`;
  const pool = createThreadPool({
    maxThreads: Math.max(1, options.workers),
    maxIdle: Math.max(1, options.workers),
    idleMs: IDLE_THREAD_MS,
    closed: () => new ExtractionStopped('The extractor was closed.'),
    spawn: () =>
      spawnThread({
        code: { module: threadModule(__filename, 'extractor-host') },
        workerData: { limits },
        heapMb: options.heapMb,
        onDeath: ({ outOfMemory, message }) =>
          new ExtractionStopped(outOfMemory
            ? `Extraction stopped: the file needs more than the ${options.heapMb} MB of memory Kilde gives one extraction.`
            : `Extraction stopped: the extractor crashed (${message}).`),
      }),
  });

  async function run(ctx: ExtractionContext): Promise<ExtractionOutcome> {
    const thread = await pool.acquire(ctx.signal);
    let timer: NodeJS.Timeout | undefined;
    const disarm = () => clearTimeout(timer);
    const arm = () => {
      disarm();
      timer = setTimeout(() => thread.kill(new ExtractionStopped(
        `Extraction stopped: reading the file took longer than ${seconds(options.timeoutMs)} (it may be damaged or built to exhaust readers).`,
      )), options.timeoutMs);
    };
    const onAbort = () => thread.kill(new Error('extraction aborted'));
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    try {
      await thread.call({ op: 'ping' }, { timeoutMs: START_TIMEOUT_MS, onTimeout: () => new Error('The extractor thread did not start in time.') });
      arm();
      const portable: PortableContext = { path: ctx.path, mediaType: ctx.mediaType, filename: ctx.filename, password: ctx.password, workDir: ctx.workDir };
      const outcome = await thread.call<ExtractionOutcome>({ op: 'extract', ctx: portable }, { onEvent: (e) => onEvent(thread, e as HostEvent, ctx, arm, disarm) });
      if (outcome.kind === 'ok' && outcome.children) outcome.children = outcome.children.map((c: Omit<ChildFile, 'bytes'>) => childFile(c));
      return outcome;
    } catch (err) {
      if (ctx.signal.aborted) throw new Error('extraction aborted');
      if (err instanceof ExtractionStopped) return { kind: 'failed', reason: err.message };
      // Thrown inside the extractor (the OCR pool failed…): not the file's fault, so the job runner retries.
      if (err instanceof ThreadError) throw new Error(err.message);
      throw err;
    } finally {
      disarm();
      ctx.signal.removeEventListener('abort', onAbort);
      pool.release(thread);
    }
  }

  function onEvent(thread: Thread, event: HostEvent, ctx: ExtractionContext, arm: () => void, disarm: () => void): void {
    if (event.type === 'progress') {
      ctx.onProgress(event.done, event.total, event.method);
      return arm();
    }
    disarm();
    const image = Buffer.from(event.image.buffer, event.image.byteOffset, event.image.byteLength);
    ocr.recognize(image, { signal: ctx.signal }).then(
      (result) => reply({ op: 'ocr-reply', rid: event.rid, result }),
      (err: unknown) => reply({ op: 'ocr-reply', rid: event.rid, error: err instanceof Error ? err.message : String(err) }),
    );
    function reply(message: OcrReply) {
      if (thread.dead) return;
      arm();
      thread.post(message);
    }
  }

  return {
    extractor: (mediaTypes) => ({ mediaTypes, extract: run }),
    closeIdle: () => pool.closeIdle(),
  };
}
