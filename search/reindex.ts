import { AppError } from '../server/lib/errors';
import type { Clock } from '../server/lib/clock';
import type { Logger } from '../server/lib/logger';
import type { RebuildProgress, RebuildSource, SearchEngine } from './engine';
import type { OutboxRepository } from './outbox.repository';
import type { ReindexRepository } from './reindex.repository';

/**
 * Rebuilds the active engine from the database (DESIGN principle 1), for `npm run reindex` and the
 * admin action. The engine builds beside the live index and swaps at the end, so search stays up;
 * uploads and link changes keep flowing through the outbox meanwhile, and the documents it applied
 * during the rebuild are queued again after the swap (see search/outbox.repository.ts).
 */
export interface ReindexStatus {
  running: boolean;
  engine: string;
  startedAt: string | null;
  done: number;
  total: number;
  last: { finishedAt: string; documents: number; pages: number; ms: number; requeued: number; error: string | null } | null;
}

export interface ReindexResult {
  documents: number;
  pages: number;
  ms: number;
  requeued: number;
}

/** A reindex without a heartbeat for this long is taken to have died with its process. */
const STALE_MS = 10 * 60_000;

export function createReindexer(deps: {
  engine: SearchEngine;
  reindex: ReindexRepository;
  outbox: OutboxRepository;
  source(): RebuildSource;
  clock: Clock;
  logger: Logger;
  /** Called after the swap, to drain the queued documents at once. */
  onQueued?(): void;
}) {
  const { engine, reindex, clock, logger } = deps;
  let running: Promise<ReindexResult> | null = null;
  let last: ReindexStatus['last'] = null;
  const now = () => clock.now().toISOString();

  async function run(onProgress?: (p: RebuildProgress) => void): Promise<ReindexResult> {
    const started = performance.now();
    const staleBefore = new Date(clock.now().getTime() - STALE_MS).toISOString();
    if (!reindex.begin(engine.name, 0, now(), staleBefore)) {
      throw new AppError('conflict', 'The search index is already being rebuilt. Wait for it to finish.');
    }
    try {
      // Read after `begin`: every change from here on is also remembered for a second pass.
      const source = deps.source();
      reindex.heartbeat(0, source.total, now());
      const progress = await engine.rebuild(source, (p) => {
        reindex.heartbeat(p.done, p.total, now());
        onProgress?.(p);
      });
      const requeued = reindex.finish(now());
      const result = { documents: progress.done, pages: progress.pages, ms: Math.round(performance.now() - started), requeued };
      last = { finishedAt: now(), ...result, error: null };
      logger.info('search index rebuilt', { engine: engine.name, ...result });
      if (requeued > 0) deps.onQueued?.();
      return result;
    } catch (err) {
      reindex.abort();
      const message = err instanceof Error ? err.message : String(err);
      last = { finishedAt: now(), documents: 0, pages: 0, ms: Math.round(performance.now() - started), requeued: 0, error: message };
      logger.error('search index rebuild failed', { engine: engine.name, error: message });
      throw err;
    }
  }

  return {
    /** Runs to the end (the command line). */
    run,
    /** Starts in the background (the admin action); false when one is already running here or elsewhere. */
    start(): boolean {
      if (running || status().running) return false;
      running = run().finally(() => {
        running = null;
      });
      running.catch(() => undefined); // reported through `status().last` and the log
      return true;
    },
    status,
    /** Resolves when the background reindex (if any) ends. */
    async settled(): Promise<void> {
      await running?.catch(() => undefined);
    },
    /**
     * On start: an empty index beside a database with documents (a new engine, an index dropped
     * after an upgrade) is filled through the outbox, in the background.
     */
    async fillIfEmpty(): Promise<number> {
      const health = await engine.health();
      if ((health.documents ?? 0) > 0) return 0;
      return deps.outbox.addAllReady(now());
    },
  };

  function status(): ReindexStatus {
    const row = reindex.current();
    const alive = row !== null && row.heartbeatAt >= new Date(clock.now().getTime() - STALE_MS).toISOString();
    return {
      running: alive,
      engine: row?.engine ?? engine.name,
      startedAt: alive ? row.startedAt : null,
      done: alive ? row.done : 0,
      total: alive ? row.total : 0,
      last,
    };
  }
}

export type Reindexer = ReturnType<typeof createReindexer>;
