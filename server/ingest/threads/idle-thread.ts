/**
 * A thread started on first use and stopped once it has been idle for a while (what it holds — a
 * page's pixels, a language's dictionary — is freed with it); a thread that dies (a deadline,
 * memory) is replaced on the next call. While a call is pending the thread keeps the process alive;
 * idle, it does not.
 */
import { spawnThread, type CallOptions, type Thread, type ThreadOptions } from './thread';

export interface IdleThread {
  call<T>(request: Record<string, unknown>, opts: CallOptions): Promise<T>;
  close(): void;
}

export function createIdleThread(spawn: ThreadOptions, idleMs = 30_000): IdleThread {
  let thread: Thread | null = null;
  let idle: NodeJS.Timeout | null = null;
  let busy = 0;
  const get = () => {
    if (!thread || thread.dead) thread = spawnThread(spawn);
    return thread;
  };
  return {
    async call<T>(request: Record<string, unknown>, opts: CallOptions): Promise<T> {
      if (idle) clearTimeout(idle);
      const t = get();
      t.ref();
      busy++;
      try {
        return await t.call<T>(request, opts);
      } finally {
        if (--busy === 0) {
          t.unref();
          idle = setTimeout(() => {
            if (busy > 0) return;
            thread?.kill(new Error('idle'));
            thread = null;
          }, idleMs);
          idle.unref();
        }
      }
    },
    close() {
      if (idle) clearTimeout(idle);
      thread?.kill(new Error('closed'));
      thread = null;
    },
  };
}
