import type { Db } from '../server/db/connection';

/**
 * The one running reindex, recorded in the database so the server and `npm run reindex` see each
 * other (tables created by search/outbox.repository.ts). A reindex that stopped sending heartbeats
 * (its process died) no longer blocks the next one.
 */
export interface ReindexRow {
  engine: string;
  startedAt: string;
  heartbeatAt: string;
  done: number;
  total: number;
}

export function createReindexRepository(db: Db) {
  return {
    current(): ReindexRow | null {
      return (db
        .prepare('SELECT engine, started_at AS startedAt, heartbeat_at AS heartbeatAt, done, total FROM search_reindex WHERE id = 1')
        .get() as ReindexRow | undefined) ?? null;
    },
    /** Claims the reindex; false when another one is alive (heartbeat after `staleBefore`). */
    begin(engine: string, total: number, now: string, staleBefore: string): boolean {
      return db.transaction(() => {
        const row = db.prepare('SELECT heartbeat_at FROM search_reindex WHERE id = 1').pluck().get() as string | undefined;
        if (row !== undefined && row >= staleBefore) return false;
        db.prepare('DELETE FROM search_reindex_touched').run();
        db.prepare('INSERT OR REPLACE INTO search_reindex (id, engine, started_at, heartbeat_at, done, total) VALUES (1, ?, ?, ?, 0, ?)').run(engine, now, now, total);
        return true;
      }).immediate();
    },
    heartbeat(done: number, total: number, now: string): void {
      db.prepare('UPDATE search_reindex SET done = ?, total = ?, heartbeat_at = ? WHERE id = 1').run(done, total, now);
    },
    /** Ends the reindex; queues the documents changed meanwhile again. Returns how many. */
    finish(now: string): number {
      return db.transaction(() => {
        const n = db
          .prepare(`INSERT INTO search_outbox (document_id, op, next_attempt_at, created_at) SELECT document_id, 'upsert', ?, ? FROM search_reindex_touched`)
          .run(now, now).changes;
        db.prepare('DELETE FROM search_reindex_touched').run();
        db.prepare('DELETE FROM search_reindex').run();
        return n;
      }).immediate();
    },
    /** Gives up: the old index stays live and already has every change, so nothing is queued. */
    abort(): void {
      db.transaction(() => {
        db.prepare('DELETE FROM search_reindex_touched').run();
        db.prepare('DELETE FROM search_reindex').run();
      })();
    },
  };
}

export type ReindexRepository = ReturnType<typeof createReindexRepository>;
