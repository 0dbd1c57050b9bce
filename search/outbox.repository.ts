import type { Db } from '../server/db/connection';

/** SQL of the search outbox (table created by the main migrations). */
export interface OutboxRow {
  id: number;
  documentId: string;
  op: 'upsert' | 'delete';
  attempts: number;
}

export function createOutboxRepository(db: Db) {
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
      db.prepare('DELETE FROM search_outbox WHERE document_id = ? AND id <= ?').run(row.documentId, row.id);
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
