import type { Clock } from '../server/lib/clock';
import type { Logger } from '../server/lib/logger';
import { afterPendingIo } from '../server/lib/turns';
import type { IndexedDocument, SearchEngine } from './engine';
import type { OutboxRepository } from './outbox.repository';

/**
 * Drains the search outbox into the active engine, in order. A change is committed with its outbox
 * row, so an upload succeeds even when the engine is slow or down; the processor retries with
 * exponential backoff and the backlog empties when the engine is back. Each row applies the
 * document's *current* state from the database, so replays are harmless.
 */
export interface OutboxProcessor {
  start(): void;
  stop(): Promise<void>;
  wake(): void;
  /** Applies everything due now; resolves with how many rows were applied. */
  drain(): Promise<number>;
}

export function createOutboxProcessor(opts: {
  outbox: OutboxRepository;
  engine: SearchEngine;
  load(documentId: string): IndexedDocument | null;
  clock: Clock;
  logger: Logger;
  pollMs?: number;
  /** Longest run of engine upkeep (`compact`) per idle poll. */
  compactMs?: number;
  backoffMs?: number;
  maxBackoffMs?: number;
  /**
   * Called after a drain with the documents it (re)indexed: saved-search alerts look for new
   * matches among them. Errors are logged, never retried: the index is already right.
   */
  onIndexed?: (documentIds: string[]) => Promise<void> | void;
}): OutboxProcessor {
  const { outbox, engine, load, clock, logger } = opts;
  const pollMs = opts.pollMs ?? 500;
  const compactMs = opts.compactMs ?? 100;
  const backoffMs = opts.backoffMs ?? 1000;
  const maxBackoffMs = opts.maxBackoffMs ?? 60_000;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let stopped = true;

  async function drainOnce(): Promise<number> {
    const indexed = new Set<string>();
    try {
      return await drainRows(indexed);
    } finally {
      if (indexed.size > 0 && opts.onIndexed) {
        try {
          await opts.onIndexed([...indexed]);
        } catch (err) {
          logger.warn('after-index hook failed', { error: err instanceof Error ? err.message : String(err) });
        }
      }
    }
  }

  async function drainRows(indexed: Set<string>): Promise<number> {
    let applied = 0;
    for (;;) {
      const rows = outbox.next(clock.now().toISOString(), 50);
      if (rows.length === 0) return applied;
      for (const row of rows) {
        // One document at a time between requests: indexing is synchronous SQLite work, and
        // awaiting an engine that finished synchronously lets no request through.
        if (applied > 0) await afterPendingIo();
        try {
          const doc = row.op === 'upsert' ? load(row.documentId) : null;
          if (doc) {
            await engine.upsertDocument(doc);
            indexed.add(row.documentId);
          } else await engine.removeDocument(row.documentId);
          outbox.done(row);
          applied++;
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          const wait = Math.min(maxBackoffMs, backoffMs * 2 ** Math.min(row.attempts, 16));
          logger.warn('search index update failed; will retry', { documentId: row.documentId, error: message, retryInMs: wait });
          outbox.failed(row, message, new Date(clock.now().getTime() + wait).toISOString());
          return applied;
        }
      }
    }
  }

  function drain(): Promise<number> {
    // One drain at a time keeps the engine's view in outbox order.
    running ??= drainOnce().finally(() => {
      running = null;
    });
    return running;
  }

  // Set by wake(): new work came in, so upkeep gives way to it.
  let woken = false;
  let upkeep: Promise<void> | null = null;
  /**
   * Engine upkeep while nothing is queued, in short steps with the event loop free between them,
   * for at most `compactMs` per poll, giving way as soon as new work is announced.
   */
  async function compactWhileIdle(): Promise<void> {
    if (!engine.compact || outbox.next(clock.now().toISOString(), 1).length > 0) return;
    woken = false;
    const until = performance.now() + compactMs;
    try {
      while (!stopped && !woken && performance.now() < until && (await engine.compact())) {
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (err) {
      logger.warn('search index upkeep failed', { error: err instanceof Error ? err.message : String(err) });
    }
  }

  const tick = () => {
    if (stopped) return;
    void drain()
      .then(() => (upkeep = compactWhileIdle()))
      .finally(() => {
        if (stopped) return;
        timer = setTimeout(tick, pollMs);
        timer.unref();
      });
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      await upkeep;
    },
    wake() {
      woken = true;
      // After the event loop has polled once: the write that queued the row has just held it, and
      // requests waiting since then go first. Not if stopped meanwhile (the database may be closed).
      if (!stopped) void afterPendingIo().then(() => (stopped ? 0 : drain()));
    },
    drain,
  };
}
