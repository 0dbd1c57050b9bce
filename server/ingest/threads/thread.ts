/**
 * One worker thread that answers requests: the single place Kilde starts a `worker_threads` Worker
 * for its own code (the PDF reader and the extractor threads both go through here). A thread runs
 * either a plain-JavaScript source (`{ source }`, run with `eval`) or one of Kilde's modules
 * (`{ module }`): compiled JavaScript under `dist/` in production, the TypeScript source under
 * ts-jest, which the boot code below transpiles on the fly.
 *
 * Protocol: the main side posts `{ ...request, id }`; the thread posts `{ id, event }` any number of
 * times (progress, a question for the main side), then `{ id, reply }` or `{ id, error }`. Requests
 * are handled by the thread in order. A deadline, an out-of-memory stop (`heapMb` is the thread's
 * own V8 heap limit) or a crash kills the thread and rejects what is pending with the error
 * `onDeath` words for people; a dead thread is never reused.
 */
import path from 'node:path';
import { Worker, type TransferListItem } from 'node:worker_threads';

export type ThreadCode = { source: string } | { module: string };

export interface ThreadOptions {
  code: ThreadCode;
  workerData?: Record<string, unknown>;
  /** The thread's V8 heap limit; past it the thread stops, not the server. */
  heapMb: number;
  /** The error pending requests fail with when the thread dies: `outOfMemory`, or crashed/exited. */
  onDeath(cause: { outOfMemory: boolean; message: string }): Error;
}

export interface CallOptions {
  /** Past this the thread is killed and the call rejects with `onTimeout()`. */
  timeoutMs?: number;
  onTimeout?(): Error;
  /** Messages the thread sends about this request before its reply. */
  onEvent?(event: unknown): void;
  transfer?: readonly TransferListItem[];
}

/** An error thrown inside the thread, carried across as plain data. */
export class ThreadError extends Error {
  constructor(message: string, readonly errorName: string, readonly code?: number | string) {
    super(message);
  }
}

export interface Thread {
  call<T>(request: Record<string, unknown>, opts?: CallOptions): Promise<T>;
  /** A message outside any request (an answer to an event's question). */
  post(message: unknown, transfer?: readonly TransferListItem[]): void;
  /** Stops the thread for good and fails its pending requests with `reason`. */
  kill(reason: Error): void;
  /** Why the thread is dead, or null while it lives. */
  readonly dead: Error | null;
  /** Lets an idle thread not keep the process alive, and back. */
  ref(): void;
  unref(): void;
  /** Runs once when the thread dies, for whoever keeps it in a pool. */
  onDead(listener: () => void): void;
}

/** The path of a module next to `fromFile` that a thread can load: `.js` in dist, `.ts` in tests. */
export function threadModule(fromFile: string, name: string): string {
  return path.join(path.dirname(fromFile), name + path.extname(fromFile));
}

/**
 * Loads a module in the thread. Under ts-jest the module is TypeScript: a require hook transpiles
 * each file with the `typescript` package (a dev dependency, so only ever needed in tests) and is
 * removed once the module and its imports are loaded, so the compiler is garbage and the thread's
 * heap limit measures the extraction, not the tooling.
 */
const BOOT_MODULE = `
const { workerData } = require('node:worker_threads');
const entry = workerData.kildeModule;
if (entry.endsWith('.ts')) {
  const fs = require('node:fs');
  const ts = require(workerData.kildeTypescript);
  require.extensions['.ts'] = (module, filename) => {
    const out = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, inlineSourceMap: true },
    });
    module._compile(out.outputText, filename);
  };
  require(entry);
  delete require.extensions['.ts'];
  for (const key of Object.keys(require.cache)) if (key.includes('/node_modules/typescript/')) delete require.cache[key];
} else {
  require(entry);
}
`;

export function spawnThread(opts: ThreadOptions): Thread {
  const isModule = 'module' in opts.code;
  const workerData = isModule
    ? { ...opts.workerData, kildeModule: (opts.code as { module: string }).module, kildeTypescript: typescriptFor((opts.code as { module: string }).module) }
    : opts.workerData;
  const worker = new Worker(isModule ? BOOT_MODULE : (opts.code as { source: string }).source, {
    eval: true,
    workerData,
    // stdio is not captured: a captured stream would keep an idle, unref'd thread holding the process open.
    resourceLimits: { maxOldGenerationSizeMb: opts.heapMb },
  });
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void; onEvent?(e: unknown): void }>();
  const deathListeners: Array<() => void> = [];
  let nextId = 0;
  let dead: Error | null = null;

  function kill(reason: Error): void {
    if (!dead) {
      dead = reason;
      void worker.terminate();
      for (const l of deathListeners.splice(0)) l();
    }
    for (const p of pending.values()) p.reject(dead);
    pending.clear();
  }

  worker.on('message', (m: { id?: number; reply?: unknown; event?: unknown; error?: { name: string; message: string; code?: number | string } }) => {
    const p = m.id === undefined ? undefined : pending.get(m.id);
    if (!p) return;
    if ('event' in m) return p.onEvent?.(m.event);
    pending.delete(m.id!);
    if (m.error) p.reject(new ThreadError(m.error.message, m.error.name, m.error.code));
    else p.resolve(m.reply);
  });
  worker.on('error', (err: Error & { code?: string }) => {
    kill(opts.onDeath({ outOfMemory: err.code === 'ERR_WORKER_OUT_OF_MEMORY', message: err.message }));
  });
  worker.on('exit', () => kill(opts.onDeath({ outOfMemory: false, message: 'the thread exited' })));

  return {
    call<T>(request: Record<string, unknown>, o: CallOptions = {}) {
      if (dead) return Promise.reject(dead);
      const id = ++nextId;
      return new Promise<T>((resolve, reject) => {
        const timer = o.timeoutMs === undefined ? undefined : setTimeout(() => kill(o.onTimeout?.() ?? new Error('The thread took too long.')), o.timeoutMs);
        const done = () => clearTimeout(timer);
        pending.set(id, {
          resolve: (v) => (done(), resolve(v as T)),
          reject: (e) => (done(), reject(e)),
          onEvent: o.onEvent,
        });
        worker.postMessage({ ...request, id }, o.transfer);
      });
    },
    post: (message, transfer) => {
      if (!dead) worker.postMessage(message, transfer);
    },
    kill,
    get dead() {
      return dead;
    },
    ref: () => worker.ref(),
    unref: () => worker.unref(),
    onDead(listener) {
      if (dead) listener();
      else deathListeners.push(listener);
    },
  };
}

/** The TypeScript compiler, only looked up when a thread must run `.ts` sources (tests). */
function typescriptFor(entry: string): string | undefined {
  return entry.endsWith('.ts') ? require.resolve('typescript') : undefined;
}
