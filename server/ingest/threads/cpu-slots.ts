import { performance } from 'node:perf_hooks';

/**
 * Search first: how many CPU-heavy extraction steps (a batch of PDF pages, a page rendering, an OCR
 * page) may run at once. With the server idle, one per core; while the server is answering people,
 * one core is left to it: cores − 1, never fewer than one. The server says when it is answering
 * (`answering`: requests in flight or just finished, server/http/activity.ts); without that, the
 * main thread's event-loop utilisation over the last window stands in, held for a second so a burst
 * of searches keeps its core. The extraction threads themselves also run at a lower OS priority
 * (priority.ts). A step holds its slot only while it computes: a page waiting for OCR
 * holds none.
 */
export interface CpuSlots {
  /** Waits for a slot; rejects when `signal` aborts first. Call the returned function to give it back. */
  acquire(signal?: AbortSignal): Promise<() => void>;
  /** Slots allowed right now (cores, or cores − 1 while the server is answering). */
  capacity(): number;
  readonly inUse: number;
  /** Stops the sampling timer (it is unref'd, so it never keeps a process alive anyway). */
  close(): void;
}

export interface CpuSlotsOptions {
  cores: number;
  /** Main-thread utilisation above this means "answering". */
  busyAbove?: number;
  sampleMs?: number;
  holdMs?: number;
  /** Whether people are being answered now (the server's HTTP activity; tests decide it themselves). */
  answering?: () => boolean;
}

export function createCpuSlots(opts: CpuSlotsOptions): CpuSlots {
  const cores = Math.max(1, opts.cores);
  const busyAbove = opts.busyAbove ?? 0.2;
  const sampleMs = opts.sampleMs ?? 100;
  const holdMs = opts.holdMs ?? 1000;
  let last = performance.eventLoopUtilization();
  let busyUntil = 0;
  let inUse = 0;
  const waiters: Array<() => void> = [];

  const timer = setInterval(() => {
    if (!opts.answering) {
      const now = performance.eventLoopUtilization();
      const delta = performance.eventLoopUtilization(now, last);
      last = now;
      if (delta.utilization > busyAbove) busyUntil = Date.now() + holdMs;
    }
    pump();
  }, sampleMs);
  timer.unref();

  const answering = () => (opts.answering ? opts.answering() : Date.now() < busyUntil);
  const capacity = () => (answering() ? Math.max(1, cores - 1) : cores);

  function pump(): void {
    while (waiters.length > 0 && inUse < capacity()) {
      inUse++;
      waiters.shift()!();
    }
  }

  return {
    capacity,
    get inUse() {
      return inUse;
    },
    acquire(signal) {
      signal?.throwIfAborted();
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        inUse--;
        pump();
      };
      if (waiters.length === 0 && inUse < capacity()) {
        inUse++;
        return Promise.resolve(release);
      }
      return new Promise((resolve, reject) => {
        const grant = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        };
        const onAbort = () => {
          const at = waiters.indexOf(grant);
          if (at !== -1) waiters.splice(at, 1);
          reject(signal!.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        waiters.push(grant);
      });
    },
    close: () => clearInterval(timer),
  };
}
