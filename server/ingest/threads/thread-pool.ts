/**
 * Threads kept warm between files. Starting one costs 0.1–0.3 s (a fresh V8 isolate loading its
 * libraries), more than reading a short letter, so a thread that finished cleanly goes back to the
 * pool, unref'd so an idle one never keeps the process alive, and is stopped after a while unused.
 * At most `maxThreads` live at once; callers beyond that wait their turn.
 */
import type { Thread } from './thread';

export interface ThreadPoolOptions {
  spawn(): Thread;
  /** Most threads alive at once (busy or idle). */
  maxThreads: number;
  /** Most idle threads kept warm. */
  maxIdle: number;
  /** How long an idle thread is kept. */
  idleMs: number;
  /** The error idle threads are stopped with (their pending list is empty; it names the reason). */
  closed(): Error;
}

export interface ThreadPool {
  /**
   * A warm or new thread; waits while `maxThreads` are busy. Rejects when `signal` aborts first.
   * `prefer` picks among the warm ones (a thread that has the same file open), else the newest.
   */
  acquire(signal?: AbortSignal, prefer?: (thread: Thread) => boolean): Promise<Thread>;
  /** Gives a thread back: a live one is kept warm (or stopped if enough are), a dead one forgotten. */
  release(thread: Thread): void;
  /** Stops the idle threads (shutdown); busy ones stop when their caller releases them. */
  closeIdle(): void;
}

export function createThreadPool(opts: ThreadPoolOptions): ThreadPool {
  const live = new Set<Thread>();
  const idle: { thread: Thread; timer: NodeJS.Timeout }[] = [];
  const waiters: Array<() => void> = [];
  let closed = false;

  const wakeOne = () => waiters.shift()?.();

  function forget(thread: Thread): void {
    const at = idle.findIndex((i) => i.thread === thread);
    if (at !== -1) clearTimeout(idle.splice(at, 1)[0]!.timer);
    if (live.delete(thread)) wakeOne();
  }

  function take(prefer?: (thread: Thread) => boolean): Thread | null {
    const at = prefer ? idle.findIndex((i) => prefer(i.thread)) : -1;
    const warm = at === -1 ? idle.pop() : idle.splice(at, 1)[0];
    if (warm) {
      clearTimeout(warm.timer);
      warm.thread.ref();
      return warm.thread;
    }
    if (live.size >= opts.maxThreads) return null;
    const thread = opts.spawn();
    live.add(thread);
    thread.onDead(() => forget(thread));
    return thread;
  }

  return {
    async acquire(signal, prefer) {
      for (;;) {
        signal?.throwIfAborted();
        const thread = take(prefer);
        if (thread) return thread;
        await new Promise<void>((resolve) => {
          const wake = () => {
            signal?.removeEventListener('abort', wake);
            const at = waiters.indexOf(wake);
            if (at !== -1) waiters.splice(at, 1);
            resolve();
          };
          waiters.push(wake);
          signal?.addEventListener('abort', wake, { once: true });
        });
      }
    },
    release(thread) {
      if (thread.dead || !live.has(thread)) return;
      if (closed || idle.length >= opts.maxIdle) return thread.kill(opts.closed());
      thread.unref();
      const timer = setTimeout(() => thread.kill(opts.closed()), opts.idleMs);
      timer.unref();
      idle.push({ thread, timer });
      wakeOne();
    },
    closeIdle() {
      closed = true;
      for (const { thread } of [...idle]) thread.kill(opts.closed());
    },
  };
}
