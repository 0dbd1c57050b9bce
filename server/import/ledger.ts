import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * The import ledger: which files an import has finished, so a second run skips them and an
 * interrupted run continues where it stopped. A small SQLite file of its own (not the archive's
 * database): in API mode the importer may run on another machine than the server, and a file
 * beside the data directory in local mode keeps one format for both.
 *
 * A file counts as the same file only when its path, size, modification time and SHA-256 all
 * match, per archive and per user (duplicates are decided per reader, so another user's import of
 * the same folder is a different import). Final answers: imported and extracted (or failed to
 * extract), a duplicate, a refusal — such a file is skipped next time. One answer is not final:
 * `added` (stored and linked, extraction still running) — the next run waits for that document
 * instead of adding the file again. A file that failed for a passing reason (server gone, an
 * unknown user in the sidecar) is not written, and is tried again next time.
 */
export interface LedgerKey {
  target: string;
  userId: string;
  source: string;
  size: number;
  mtimeMs: number;
  sha256: string;
}

export interface LedgerEntry {
  /** `added`: stored and linked, extraction not yet seen to finish (the one answer that is not final). */
  outcome: 'added' | 'imported' | 'duplicate' | 'refused' | 'failed';
  documentId: string | null;
  reason: string | null;
}

export interface Ledger {
  readonly file: string;
  find(key: LedgerKey): LedgerEntry | null;
  record(key: LedgerKey, entry: LedgerEntry, at: Date): void;
  /** Forgets a file (its document was deleted before it finished): the next run adds it again. */
  forget(key: LedgerKey): void;
  count(target: string, userId: string): number;
  close(): void;
}

export function openLedger(file: string): Ledger {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 5000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE IF NOT EXISTS imported (
    target TEXT NOT NULL,
    user_id TEXT NOT NULL,
    source TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ms INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    outcome TEXT NOT NULL,
    document_id TEXT,
    reason TEXT,
    at TEXT NOT NULL,
    PRIMARY KEY (target, user_id, source, size, mtime_ms, sha256)
  )`);
  const keyParams = (k: LedgerKey) => ({ target: k.target, userId: k.userId, source: k.source, size: k.size, mtimeMs: Math.trunc(k.mtimeMs), sha256: k.sha256 });
  const find = db.prepare<Record<string, unknown>, { outcome: LedgerEntry['outcome']; document_id: string | null; reason: string | null }>(
    `SELECT outcome, document_id, reason FROM imported
     WHERE target = @target AND user_id = @userId AND source = @source AND size = @size AND mtime_ms = @mtimeMs AND sha256 = @sha256`,
  );
  const put = db.prepare(
    `INSERT OR REPLACE INTO imported (target, user_id, source, size, mtime_ms, sha256, outcome, document_id, reason, at)
     VALUES (@target, @userId, @source, @size, @mtimeMs, @sha256, @outcome, @documentId, @reason, @at)`,
  );
  const forget = db.prepare(
    'DELETE FROM imported WHERE target = @target AND user_id = @userId AND source = @source AND size = @size AND mtime_ms = @mtimeMs AND sha256 = @sha256',
  );
  const count = db.prepare<[string, string], number>('SELECT count(*) FROM imported WHERE target = ? AND user_id = ?').pluck();
  return {
    file,
    find(key) {
      const row = find.get(keyParams(key));
      return row ? { outcome: row.outcome, documentId: row.document_id, reason: row.reason } : null;
    },
    record(key, entry, at) {
      put.run({ ...keyParams(key), ...entry, at: at.toISOString() });
    },
    forget(key) {
      forget.run(keyParams(key));
    },
    count: (target, userId) => count.get(target, userId) ?? 0,
    close: () => db.close(),
  };
}
