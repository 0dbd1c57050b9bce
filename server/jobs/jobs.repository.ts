import type { Db } from '../db/connection';

/** The persisted job queue. One process owns the database, so claiming is a single UPDATE. */
export interface JobRecord {
  id: number;
  kind: string;
  documentId: string | null;
  payload: Record<string, unknown>;
  status: 'queued' | 'running' | 'done' | 'failed';
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
}

interface JobRow {
  id: number;
  kind: string;
  document_id: string | null;
  payload: string;
  status: JobRecord['status'];
  attempts: number;
  max_attempts: number;
  last_error: string | null;
}

const toJob = (r: JobRow): JobRecord => ({
  id: r.id,
  kind: r.kind,
  documentId: r.document_id,
  payload: JSON.parse(r.payload) as Record<string, unknown>,
  status: r.status,
  attempts: r.attempts,
  maxAttempts: r.max_attempts,
  lastError: r.last_error,
});

export function createJobsRepository(db: Db) {
  const claim = db.prepare<[string, string], JobRow>(
    `UPDATE jobs SET status = 'running', attempts = attempts + 1, started_at = ?
     WHERE id = (SELECT id FROM jobs AS j WHERE status = 'queued' AND run_after <= ?
                   AND NOT EXISTS (SELECT 1 FROM jobs AS r WHERE r.status = 'running' AND r.document_id = j.document_id)
                 ORDER BY id LIMIT 1)
     RETURNING *`,
  );
  // One job at a time per document: a job queued while another for the same document finishes
  // (taking a container's children after the document already shows ready) waits for it.
  return {
    enqueue(kind: string, documentId: string | null, payload: Record<string, unknown>, maxAttempts: number, now: string): number {
      const info = db
        .prepare(`INSERT INTO jobs (kind, document_id, payload, status, max_attempts, run_after, created_at) VALUES (?, ?, ?, 'queued', ?, ?, ?)`)
        .run(kind, documentId, JSON.stringify(payload), maxAttempts, now, now);
      return Number(info.lastInsertRowid);
    },
    claimNext(now: string): JobRecord | null {
      const row = claim.get(now, now);
      return row ? toJob(row) : null;
    },
    /** A password given for an encrypted PDF is forgotten once its job ends. */
    complete(id: number, now: string): void {
      db.prepare(`UPDATE jobs SET status = 'done', finished_at = ?, last_error = NULL, payload = json_remove(payload, '$.password') WHERE id = ?`).run(now, id);
    },
    retryLater(id: number, error: string, runAfter: string): void {
      db.prepare(`UPDATE jobs SET status = 'queued', last_error = ?, run_after = ? WHERE id = ?`).run(error, runAfter, id);
    },
    fail(id: number, error: string, now: string): void {
      db.prepare(`UPDATE jobs SET status = 'failed', last_error = ?, finished_at = ?, payload = json_remove(payload, '$.password') WHERE id = ?`).run(error, now, id);
    },
    /** Jobs left running by a crash or a hard stop run again; their attempt is not held against them. */
    requeueRunning(): number {
      return db.prepare(`UPDATE jobs SET status = 'queued', attempts = MAX(attempts - 1, 0) WHERE status = 'running'`).run().changes;
    },
    release(id: number): void {
      db.prepare(`UPDATE jobs SET status = 'queued', attempts = MAX(attempts - 1, 0) WHERE id = ? AND status = 'running'`).run(id);
    },
    get(id: number): JobRecord | null {
      const row = db.prepare<[number], JobRow>('SELECT * FROM jobs WHERE id = ?').get(id);
      return row ? toJob(row) : null;
    },
    pendingFor(documentId: string): JobRecord[] {
      return db
        .prepare<[string], JobRow>(`SELECT * FROM jobs WHERE document_id = ? AND status IN ('queued', 'running') ORDER BY id`)
        .all(documentId)
        .map(toJob);
    },
    counts(): Record<string, number> {
      const rows = db.prepare('SELECT status, COUNT(*) AS n FROM jobs GROUP BY status').all() as Array<{ status: string; n: number }>;
      return Object.fromEntries(rows.map((r) => [r.status, r.n]));
    },
  };
}

export type JobsRepository = ReturnType<typeof createJobsRepository>;
