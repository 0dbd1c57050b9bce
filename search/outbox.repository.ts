import type { Db } from '../server/db/connection';

/**
 * SQL of the search outbox (table created by the main migrations) and of the reindex bookkeeping
 * (created here: like the index, it is derived state the search area owns).
 *
 * While a reindex runs (`search_reindex` has its row), every document the outbox applies is also
 * remembered in `search_reindex_touched`: the rebuild may have read that document before the
 * change, so the reindex enqueues it again once the new index is live. This works across processes
 * (`npm run reindex` beside a running server) because it lives in the database.
 */
const REINDEX_SQL = `
CREATE TABLE IF NOT EXISTS search_reindex (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  engine       TEXT NOT NULL,
  started_at   TEXT NOT NULL,
  heartbeat_at TEXT NOT NULL,
  done         INTEGER NOT NULL DEFAULT 0,
  total        INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS search_reindex_touched (document_id TEXT PRIMARY KEY) WITHOUT ROWID;
`;

export interface OutboxRow {
  id: number;
  documentId: string;
  op: 'upsert' | 'delete';
  attempts: number;
}

export function createOutboxRepository(db: Db) {
  db.exec(REINDEX_SQL);
  const remember = db.prepare('INSERT OR IGNORE INTO search_reindex_touched (document_id) SELECT ? WHERE EXISTS (SELECT 1 FROM search_reindex)');
  return {
    /** Call inside the transaction that makes the change, so the two commit together. */
    add(documentId: string, op: OutboxRow['op'], now: string): void {
      db.prepare('INSERT INTO search_outbox (document_id, op, next_attempt_at, created_at) VALUES (?, ?, ?, ?)').run(documentId, op, now, now);
    },
    next(now: string, limit: number): OutboxRow[] {
      return db
        .prepare(
          `SELECT id, document_id AS documentId, op, attempts FROM search_outbox
           WHERE next_attempt_at <= ? ORDER BY id LIMIT ?`,
        )
        .all(now, limit) as OutboxRow[];
    },
    /** Later rows for the same document are covered by applying its current state once. */
    done(row: OutboxRow): void {
      db.transaction(() => {
        db.prepare('DELETE FROM search_outbox WHERE document_id = ? AND id <= ?').run(row.documentId, row.id);
        remember.run(row.documentId);
      })();
    },
    /** Queues every ready document (an empty index beside a full database: first start on an engine). */
    addAllReady(now: string): number {
      return db
        .prepare(`INSERT INTO search_outbox (document_id, op, next_attempt_at, created_at) SELECT id, 'upsert', ?, ? FROM documents WHERE status = 'ready' ORDER BY created_at, id`)
        .run(now, now).changes;
    },
    /** Backs off the whole queue, keeping order: nothing behind a failing row overtakes it. */
    failed(row: OutboxRow, error: string, retryAt: string): void {
      db.prepare('UPDATE search_outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?').run(error, row.id);
      db.prepare('UPDATE search_outbox SET next_attempt_at = ? WHERE next_attempt_at < ?').run(retryAt, retryAt);
    },
    backlog(): number {
      return db.prepare('SELECT COUNT(*) FROM search_outbox').pluck().get() as number;
    },
    pendingFor(documentId: string): boolean {
      return db.prepare('SELECT 1 FROM search_outbox WHERE document_id = ? LIMIT 1').get(documentId) !== undefined;
    },
    lastError(): string | null {
      return (db.prepare('SELECT last_error FROM search_outbox WHERE last_error IS NOT NULL ORDER BY id LIMIT 1').pluck().get() as string | undefined) ?? null;
    },
    clear(): void {
      db.prepare('DELETE FROM search_outbox').run();
    },
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
