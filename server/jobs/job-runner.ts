import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { JobRecord, JobsRepository } from './jobs.repository';

/**
 * Runs persisted jobs with bounded concurrency inside the server process. Jobs are claimed from
 * SQLite, so a restart resumes them: `start()` first requeues whatever a crash left "running".
 * A handler that throws is retried with exponential backoff up to the job's max attempts; then
 * `onGiveUp` lets the owning area record the failure (e.g. the document's status).
 */
export interface JobHandler {
  run(job: JobRecord, signal: AbortSignal): Promise<void>;
  onGiveUp?(job: JobRecord, error: string): void;
}

export interface JobRunner {
  start(): void;
  /** Tells idle workers that a job was queued, instead of waiting for the next poll. */
  wake(): void;
  /** Stops claiming, aborts running jobs and puts them back in the queue, then resolves. */
  stop(): Promise<void>;
  /** Resolves when no job is queued (runnable now) or running; for tests and the CLI. */
  idle(): Promise<void>;
}

export function createJobRunner(opts: {
  jobs: JobsRepository;
  handlers: Record<string, JobHandler>;
  concurrency: number;
  clock: Clock;
  logger: Logger;
  pollMs?: number;
  backoffMs?: number;
}): JobRunner {
  const { jobs, handlers, concurrency, clock, logger } = opts;
  const pollMs = opts.pollMs ?? 1000;
  const backoffMs = opts.backoffMs ?? 2000;
  const running = new Map<number, { promise: Promise<void>; abort: AbortController }>();
  let stopped = true;
  let timer: NodeJS.Timeout | null = null;
  let idleWaiters: Array<() => void> = [];

  const iso = (ms = 0) => new Date(clock.now().getTime() + ms).toISOString();

  function pump(): void {
    if (stopped) return;
    while (running.size < concurrency) {
      const job = jobs.claimNext(iso());
      if (!job) break;
      const abort = new AbortController();
      const promise = execute(job, abort.signal).finally(() => {
        running.delete(job.id);
        pump();
      });
      running.set(job.id, { promise, abort });
    }
    if (running.size === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      waiters.forEach((w) => w());
    }
  }

  async function execute(job: JobRecord, signal: AbortSignal): Promise<void> {
    const handler = handlers[job.kind];
    if (!handler) {
      jobs.fail(job.id, `no handler for job kind "${job.kind}"`, iso());
      return;
    }
    try {
      await handler.run(job, signal);
      jobs.complete(job.id, iso());
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (signal.aborted) {
        jobs.release(job.id);
        return;
      }
      if (job.attempts < job.maxAttempts) {
        logger.warn('job failed, will retry', { jobId: job.id, kind: job.kind, attempt: job.attempts, error: message });
        jobs.retryLater(job.id, message, iso(backoffMs * 2 ** (job.attempts - 1)));
      } else {
        logger.error('job failed for good', { jobId: job.id, kind: job.kind, error: message });
        jobs.fail(job.id, message, iso());
        handler.onGiveUp?.(job, message);
      }
    }
  }

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      pump();
      schedule();
    }, pollMs);
    timer.unref();
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      const resumed = jobs.requeueRunning();
      if (resumed > 0) logger.info('resumed interrupted jobs', { count: resumed });
      pump();
      schedule();
    },
    wake: () => setImmediate(pump),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      for (const r of running.values()) r.abort.abort();
      await Promise.allSettled([...running.values()].map((r) => r.promise));
    },
    idle() {
      return new Promise<void>((resolve) => {
        const check = () => {
          pump();
          if (running.size === 0) resolve();
          else idleWaiters.push(check);
        };
        check();
      });
    },
  };
}
