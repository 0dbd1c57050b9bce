import { documentAccessSql } from '../auth/access';
import type { Viewer } from '../auth/viewer';
import type { Db } from '../db/connection';
import type { DocumentRecord, DocumentStatus, PageRecord } from './documents.types';

/** All SQL about documents and their pages. */
interface DocumentRow {
  id: string;
  sha256: string;
  filename: string;
  media_type: string;
  size: number;
  title: string;
  title_from_user: number;
  document_date: string | null;
  date_precision: DocumentRecord['datePrecision'];
  language: string | null;
  notes: string;
  page_count: number | null;
  status: DocumentStatus;
  error: string | null;
  progress_done: number | null;
  progress_total: number | null;
  progress_method: string | null;
  metadata: string;
  parent_id: string | null;
  relation: DocumentRecord['relation'];
  access_level: DocumentRecord['accessLevel'];
  embargo_until: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  extracted_at: string | null;
}

function toRecord(r: DocumentRow): DocumentRecord {
  return {
    id: r.id,
    sha256: r.sha256,
    filename: r.filename,
    mediaType: r.media_type,
    size: r.size,
    title: r.title,
    titleFromUser: r.title_from_user === 1,
    documentDate: r.document_date,
    datePrecision: r.date_precision,
    language: r.language,
    notes: r.notes,
    pageCount: r.page_count,
    status: r.status,
    error: r.error,
    progress: r.progress_total === null ? null : { done: r.progress_done ?? 0, total: r.progress_total, method: r.progress_method },
    metadata: JSON.parse(r.metadata) as Record<string, string>,
    parentId: r.parent_id,
    relation: r.relation,
    accessLevel: r.access_level,
    embargoUntil: r.embargo_until,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    extractedAt: r.extracted_at,
  };
}

export type NewDocument = Pick<DocumentRecord, 'id' | 'sha256' | 'filename' | 'mediaType' | 'size' | 'title' | 'titleFromUser' | 'documentDate' | 'datePrecision' | 'notes' | 'parentId' | 'relation' | 'createdBy'>;

export interface ExtractionResult {
  title?: string;
  documentDate?: string;
  language?: string;
  metadata?: Record<string, string>;
  pages: Array<Omit<PageRecord, 'documentId'>>;
}

export function createDocumentsRepository(db: Db) {
  const byId = db.prepare<[string], DocumentRow>('SELECT * FROM documents WHERE id = ?');
  const bySha = db.prepare<[string], DocumentRow>('SELECT * FROM documents WHERE sha256 = ?');
  const pagesOf = db.prepare<[string], { number: number; text: string; method: 'text' | 'ocr'; confidence: number | null }>(
    'SELECT number, text, method, confidence FROM pages WHERE document_id = ? ORDER BY number',
  );

  return {
    get(id: string): DocumentRecord | null {
      const row = byId.get(id);
      return row ? toRecord(row) : null;
    },

    findBySha(sha256: string): DocumentRecord | null {
      const row = bySha.get(sha256);
      return row ? toRecord(row) : null;
    },

    insert(d: NewDocument, now: string): void {
      db.prepare(
        `INSERT INTO documents (id, sha256, filename, media_type, size, title, title_from_user, document_date, date_precision,
           notes, status, parent_id, relation, created_by, created_at, updated_at)
         VALUES (@id, @sha256, @filename, @mediaType, @size, @title, @titleFromUser, @documentDate, @datePrecision,
           @notes, 'queued', @parentId, @relation, @createdBy, @now, @now)`,
      ).run({ ...d, titleFromUser: d.titleFromUser ? 1 : 0, now });
      if (d.parentId) {
        // A file inside a restricted e-mail or zip is as restricted as its container.
        db.prepare(
          `UPDATE documents SET access_level = (SELECT access_level FROM documents WHERE id = @p),
             embargo_until = (SELECT embargo_until FROM documents WHERE id = @p) WHERE id = @id`,
        ).run({ p: d.parentId, id: d.id });
        db.prepare('INSERT OR IGNORE INTO document_access (document_id, user_id) SELECT ?, user_id FROM document_access WHERE document_id = ?').run(d.id, d.parentId);
      }
    },

    listRecent(viewer: Viewer, now: Date, limit: number, offset = 0): DocumentRecord[] {
      const access = documentAccessSql(viewer, now, 'd');
      return (db
        .prepare(`SELECT * FROM documents d WHERE ${access.sql} ORDER BY created_at DESC, id LIMIT @limit OFFSET @offset`)
        .all({ ...access.params, limit, offset }) as DocumentRow[])
        .map(toRecord);
    },

    count(viewer: Viewer, now: Date): number {
      const access = documentAccessSql(viewer, now, 'd');
      return db.prepare(`SELECT COUNT(*) FROM documents d WHERE ${access.sql}`).pluck().get(access.params) as number;
    },

    children(viewer: Viewer, now: Date, id: string): DocumentRecord[] {
      const access = documentAccessSql(viewer, now, 'd');
      return (db
        .prepare(`SELECT * FROM documents d WHERE parent_id = @id AND ${access.sql} ORDER BY filename`)
        .all({ ...access.params, id }) as DocumentRow[])
        .map(toRecord);
    },

    isNamed(documentId: string, userId: string): boolean {
      return db.prepare('SELECT 1 FROM document_access WHERE document_id = ? AND user_id = ?').get(documentId, userId) !== undefined;
    },

    namedUsers(documentId: string): string[] {
      return db.prepare('SELECT user_id FROM document_access WHERE document_id = ? ORDER BY user_id').pluck().all(documentId) as string[];
    },

    setAccess(id: string, level: DocumentRecord['accessLevel'], embargoUntil: string | null, userIds: string[], now: string): void {
      db.prepare('UPDATE documents SET access_level = ?, embargo_until = ?, updated_at = ? WHERE id = ?').run(level, embargoUntil, now, id);
      db.prepare('DELETE FROM document_access WHERE document_id = ?').run(id);
      const add = db.prepare('INSERT INTO document_access (document_id, user_id) VALUES (?, ?)');
      for (const u of userIds) add.run(id, u);
    },

    /** Pages cascade; children keep existing (parent_id becomes NULL). */
    delete(id: string): void {
      db.prepare('DELETE FROM documents WHERE id = ?').run(id);
    },

    shaInUse(sha256: string): boolean {
      return db.prepare('SELECT 1 FROM documents WHERE sha256 = ?').get(sha256) !== undefined;
    },

    getMany(ids: string[]): Map<string, DocumentRecord> {
      const out = new Map<string, DocumentRecord>();
      if (ids.length === 0) return out;
      const rows = db.prepare(`SELECT * FROM documents WHERE id IN (${ids.map(() => '?').join(',')})`).all(...ids) as DocumentRow[];
      for (const r of rows) out.set(r.id, toRecord(r));
      return out;
    },

    setStatus(id: string, status: DocumentStatus, error: string | null, now: string): void {
      db.prepare('UPDATE documents SET status = ?, error = ?, updated_at = ? WHERE id = ?').run(status, error, now, id);
    },

    setProgress(id: string, done: number, total: number, method: string | null): void {
      db.prepare('UPDATE documents SET progress_done = ?, progress_total = ?, progress_method = ? WHERE id = ?').run(done, total, method, id);
    },

    /** Replaces the pages and marks the document ready; caller wraps it in a transaction with the outbox row. */
    saveExtraction(id: string, result: ExtractionResult, now: string): void {
      db.prepare('DELETE FROM pages WHERE document_id = ?').run(id);
      const insert = db.prepare('INSERT INTO pages (document_id, number, text, method, confidence) VALUES (?, ?, ?, ?, ?)');
      for (const p of result.pages) insert.run(id, p.number, p.text, p.method, p.confidence);
      db.prepare(
        `UPDATE documents SET page_count = ?, status = 'ready', error = NULL, progress_done = NULL, progress_total = NULL,
           progress_method = NULL, extracted_at = ?, updated_at = ?,
           title = CASE WHEN title_from_user = 0 AND ? IS NOT NULL THEN ? ELSE title END,
           document_date = COALESCE(document_date, ?),
           date_precision = CASE WHEN document_date IS NULL AND ? IS NOT NULL THEN 'day' ELSE date_precision END,
           language = COALESCE(?, language),
           metadata = ?
         WHERE id = ?`,
      ).run(
        result.pages.length, now, now,
        result.title ?? null, result.title ?? null,
        result.documentDate ?? null, result.documentDate ?? null,
        result.language ?? null,
        JSON.stringify(result.metadata ?? {}),
        id,
      );
    },

    pages(id: string): PageRecord[] {
      return pagesOf.all(id).map((p) => ({ documentId: id, ...p }));
    },

    pageTexts(documentId: string, numbers: number[]): Map<number, string> {
      const out = new Map<number, string>();
      if (numbers.length === 0) return out;
      const rows = db
        .prepare(`SELECT number, text FROM pages WHERE document_id = ? AND number IN (${numbers.map(() => '?').join(',')})`)
        .all(documentId, ...numbers) as Array<{ number: number; text: string }>;
      for (const r of rows) out.set(r.number, r.text);
      return out;
    },
  };
}

export type DocumentsRepository = ReturnType<typeof createDocumentsRepository>;
