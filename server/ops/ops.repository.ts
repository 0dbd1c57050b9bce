import type { Db } from '../db/connection';

/**
 * The SQL of operations: what a backup counts, what `verify` checks and what metrics and health
 * read. Read-only, over tables the other areas own; every query here is cheap on a large archive
 * (indexes or small tables) except the checks `verify` runs on purpose.
 */
export interface ArchiveCounts {
  documents: number;
  pages: number;
  originals: number;
  parties: number;
  events: number;
  stories: number;
  documentParties: number;
  documentEvents: number;
  documentLinks: number;
  storyItems: number;
  requests: number;
  requestDocuments: number;
  users: number;
  auditEntries: number;
}

/** Tables counted for the manifest: a restore must bring back as many rows of each. */
const COUNTED: Record<keyof ArchiveCounts, string> = {
  documents: 'SELECT COUNT(*) FROM documents',
  pages: 'SELECT COUNT(*) FROM pages',
  originals: 'SELECT COUNT(DISTINCT sha256) FROM documents',
  parties: 'SELECT COUNT(*) FROM parties',
  events: 'SELECT COUNT(*) FROM events',
  stories: 'SELECT COUNT(*) FROM stories',
  documentParties: 'SELECT COUNT(*) FROM document_parties',
  documentEvents: 'SELECT COUNT(*) FROM document_events',
  documentLinks: 'SELECT COUNT(*) FROM document_links',
  storyItems: 'SELECT COUNT(*) FROM story_items',
  requests: 'SELECT COUNT(*) FROM requests',
  requestDocuments: 'SELECT COUNT(*) FROM request_documents',
  users: 'SELECT COUNT(*) FROM users',
  auditEntries: 'SELECT COUNT(*) FROM audit_log',
};

export interface OriginalRef {
  sha256: string;
  /** The size recorded at upload. */
  size: number;
  /** The documents stored on these bytes (one original can back several). */
  documentIds: string[];
}

export interface ReadyDocument {
  id: string;
  title: string;
  mediaType: string;
}

export function createOpsRepository(db: Db) {
  return {
    counts(): ArchiveCounts {
      const out = {} as ArchiveCounts;
      for (const [key, sql] of Object.entries(COUNTED)) out[key as keyof ArchiveCounts] = db.prepare(sql).pluck().get() as number;
      return out;
    },

    schemaVersion(): number {
      return (db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get() as number | null) ?? 0;
    },

    /** Every stored original the documents refer to, each once, in hash order. */
    originals(): OriginalRef[] {
      const rows = db.prepare('SELECT sha256, MAX(size) AS size, group_concat(id) AS ids FROM documents GROUP BY sha256 ORDER BY sha256').all() as Array<{ sha256: string; size: number; ids: string }>;
      return rows.map((r) => ({ sha256: r.sha256, size: r.size, documentIds: r.ids.split(',') }));
    },

    /** SQLite's own check of the file (pages, indexes), and rows whose foreign key points nowhere. */
    quickCheck(): string[] {
      const rows = db.prepare('PRAGMA quick_check').pluck().all() as string[];
      return rows.length === 1 && rows[0] === 'ok' ? [] : rows;
    },
    foreignKeyProblems(): Array<{ table: string; parent: string; count: number }> {
      const rows = db.prepare('PRAGMA foreign_key_check').all() as Array<{ table: string; parent: string }>;
      const byPair = new Map<string, { table: string; parent: string; count: number }>();
      for (const r of rows) {
        const key = `${r.table}→${r.parent}`;
        const entry = byPair.get(key) ?? { table: r.table, parent: r.parent, count: 0 };
        entry.count++;
        byPair.set(key, entry);
      }
      return [...byPair.values()];
    },

    /** Pages whose document does not exist, by the document id they name. */
    orphanPages(): Array<{ documentId: string; pages: number }> {
      return db
        .prepare('SELECT p.document_id AS documentId, COUNT(*) AS pages FROM pages p WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = p.document_id) GROUP BY p.document_id ORDER BY p.document_id')
        .all() as Array<{ documentId: string; pages: number }>;
    },

    /** Ready documents whose stored pages are not 1..page_count. */
    pageCountMismatches(): Array<{ id: string; pageCount: number | null; pages: number; maxNumber: number | null }> {
      return db
        .prepare(
          `SELECT d.id, d.page_count AS pageCount, COUNT(p.number) AS pages, MAX(p.number) AS maxNumber
           FROM documents d LEFT JOIN pages p ON p.document_id = d.id
           WHERE d.status = 'ready' GROUP BY d.id
           HAVING COUNT(p.number) != COALESCE(d.page_count, 0) OR COALESCE(MAX(p.number), 0) != COUNT(p.number)
           ORDER BY d.id`,
        )
        .all() as Array<{ id: string; pageCount: number | null; pages: number; maxNumber: number | null }>;
    },

    /** Ready documents, the ones the search index must hold (search/reindex.ts rebuilds exactly these). */
    readyDocuments(): ReadyDocument[] {
      return db.prepare("SELECT id, title, media_type AS mediaType FROM documents WHERE status = 'ready' ORDER BY created_at, id").all() as ReadyDocument[];
    },
    /** Documents with an index update still queued: the index may lag behind them for a moment. */
    pendingIndexIds(): Set<string> {
      return new Set(db.prepare('SELECT DISTINCT document_id FROM search_outbox').pluck().all() as string[]);
    },
    /** The outbox's size, the age of its oldest row and the last error of a failing one. */
    outboxState(): { backlog: number; oldest: string | null; failing: number; lastError: string | null } {
      const row = db.prepare('SELECT COUNT(*) AS backlog, MIN(created_at) AS oldest, SUM(attempts > 0) AS failing FROM search_outbox').get() as { backlog: number; oldest: string | null; failing: number | null };
      const lastError = row.failing ? ((db.prepare('SELECT last_error FROM search_outbox WHERE last_error IS NOT NULL ORDER BY id LIMIT 1').pluck().get() as string | undefined) ?? null) : null;
      return { backlog: row.backlog, oldest: row.oldest, failing: row.failing ?? 0, lastError };
    },

    /** The page texts of a document, longest first: `verify` looks a document up in the index by them. */
    pageTexts(documentId: string, limit: number): string[] {
      return db.prepare('SELECT text FROM pages WHERE document_id = ? ORDER BY length(text) DESC, number LIMIT ?').pluck().all(documentId, limit) as string[];
    },
    /** Pages of one document by extraction method (metrics, after an extraction job). */
    pagesByMethod(documentId: string): Array<{ method: string; n: number }> {
      return db.prepare('SELECT method, COUNT(*) AS n FROM pages WHERE document_id = ? GROUP BY method').all(documentId) as Array<{ method: string; n: number }>;
    },

    /** Jobs by status, and when the oldest runnable one was queued. */
    jobState(now: string): { queued: number; running: number; failed: number; oldestQueued: string | null } {
      const rows = db.prepare("SELECT status, COUNT(*) AS n FROM jobs WHERE status IN ('queued', 'running', 'failed') GROUP BY status").all() as Array<{ status: string; n: number }>;
      const n = (s: string) => rows.find((r) => r.status === s)?.n ?? 0;
      const oldestQueued = (db.prepare("SELECT MIN(created_at) FROM jobs WHERE status = 'queued' AND run_after <= ?").pluck().get(now) as string | null) ?? null;
      return { queued: n('queued'), running: n('running'), failed: n('failed'), oldestQueued };
    },

    /** A trivial read: the database answers. */
    ping(): boolean {
      return db.prepare('SELECT 1').pluck().get() === 1;
    },
  };
}

export type OpsRepository = ReturnType<typeof createOpsRepository>;
