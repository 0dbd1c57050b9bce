import { documentAccessSql, familyAccess, type AccessGate } from '../auth/access';
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

type Ancestor = DocumentRecord['ancestors'][number];

function toRecord(r: DocumentRow, ancestors: Ancestor[]): DocumentRecord {
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
    ancestors,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    extractedAt: r.extracted_at,
  };
}

export interface MetadataUpdate {
  title: string;
  documentDate: string | null;
  datePrecision: DocumentRecord['datePrecision'];
  notes: string;
  language: string | null;
}

export type DocumentListSort = 'added_desc' | 'added_asc' | 'date_desc' | 'date_asc' | 'title';

export interface DocumentListFilter {
  status?: DocumentStatus;
  mediaType?: string;
  accessLevel?: DocumentRecord['accessLevel'];
  tag?: string;
  text?: string;
  createdBy?: string;
  topLevel?: boolean;
  sort?: DocumentListSort;
}

const LIST_ORDER: Record<DocumentListSort, string> = {
  added_desc: 'd.created_at DESC, d.id',
  added_asc: 'd.created_at ASC, d.id',
  // Undated documents last either way.
  date_desc: 'd.document_date IS NULL, d.document_date DESC, d.created_at DESC',
  date_asc: 'd.document_date IS NULL, d.document_date ASC, d.created_at DESC',
  title: 'd.title COLLATE NOCASE, d.id',
};

/** A tag's identity: case and surrounding space ignored ("Skat" and "skat " are one tag). */
export function foldTag(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('da');
}

export type NewDocument = Pick<DocumentRecord, 'id' | 'sha256' | 'filename' | 'mediaType' | 'size' | 'title' | 'titleFromUser' | 'documentDate' | 'datePrecision' | 'notes' | 'parentId' | 'relation' | 'createdBy'>;

/** Access set when a document is stored (before it is extracted or indexed); user ids must exist. */
export interface InitialAccess {
  level: DocumentRecord['accessLevel'];
  embargoUntil: string | null;
  userIds: string[];
}

export interface ExtractionResult {
  title?: string;
  documentDate?: string;
  language?: string;
  metadata?: Record<string, string>;
  pages: Array<Omit<PageRecord, 'documentId'>>;
}

export function createDocumentsRepository(db: Db) {
  const byId = db.prepare<[string], DocumentRow>('SELECT * FROM documents WHERE id = ?');
  const pageTextsOf = db.prepare<[string, string]>('SELECT number, text FROM pages WHERE document_id = ? AND number IN (SELECT value FROM json_each(?))');
  // With the layout (engine, OCR preparation) and the languages of the page's latest OCR reading.
  const pagesOf = db.prepare<[string], { number: number; text: string; method: 'text' | 'ocr'; confidence: number | null; engine: string | null; ocrSteps: string | null; ocrLangs: string | null }>(
    `SELECT p.number, p.text, p.method, p.confidence, l.engine, l.ocr_steps AS ocrSteps,
       CASE WHEN p.method = 'ocr' THEN (SELECT o.langs FROM ocr_pages o WHERE o.document_id = p.document_id AND o.page_number = p.number ORDER BY o.created_at DESC LIMIT 1) END AS ocrLangs
     FROM pages p
     LEFT JOIN page_layouts l ON l.document_id = p.document_id AND l.page_number = p.number
     WHERE p.document_id = ? ORDER BY p.number`,
  );
  // The containers of a document, nearest first (UNION stops at a cycle; depth bounds the walk).
  const ancestorsOf = db.prepare<[string], { id: string; access_level: Ancestor['accessLevel']; embargo_until: string | null }>(
    `WITH RECURSIVE up(id, depth) AS (
       SELECT parent_id, 1 FROM documents WHERE id = ? AND parent_id IS NOT NULL
       UNION SELECT x.parent_id, up.depth + 1 FROM documents x JOIN up ON x.id = up.id WHERE x.parent_id IS NOT NULL AND up.depth < 100)
     SELECT a.id, a.access_level, a.embargo_until FROM up JOIN documents a ON a.id = up.id ORDER BY up.depth`,
  );
  // Everything inside a document, at any depth.
  const descendantsOf = db.prepare<[string], string>(
    `WITH RECURSIVE down(id) AS (
       SELECT id FROM documents WHERE parent_id = ?
       UNION SELECT x.id FROM documents x JOIN down ON x.parent_id = down.id)
     SELECT id FROM down`,
  ).pluck();
  const namedOf = db.prepare<[string], string>('SELECT user_id FROM document_access WHERE document_id = ? ORDER BY user_id').pluck();

  function record(row: DocumentRow): DocumentRecord {
    const ancestors = row.parent_id === null ? [] : ancestorsOf.all(row.id).map((a) => ({ id: a.id, accessLevel: a.access_level, embargoUntil: a.embargo_until }));
    return toRecord(row, ancestors);
  }

  function gate(d: { id: string; accessLevel: DocumentRecord['accessLevel']; embargoUntil: string | null }): AccessGate {
    return { accessLevel: d.accessLevel, embargoUntil: d.embargoUntil, userIds: namedOf.all(d.id) };
  }

  function writeAccess(id: string, level: DocumentRecord['accessLevel'], embargoUntil: string | null, userIds: readonly string[]): void {
    db.prepare('UPDATE documents SET access_level = ?, embargo_until = ? WHERE id = ?').run(level, embargoUntil, id);
    db.prepare('DELETE FROM document_access WHERE document_id = ?').run(id);
    const add = db.prepare('INSERT OR IGNORE INTO document_access (document_id, user_id) VALUES (?, ?)');
    for (const u of userIds) add.run(id, u);
  }

  return {
    get(id: string): DocumentRecord | null {
      const row = byId.get(id);
      return row ? record(row) : null;
    },

    /** A document with these bytes taken from this container (a container extracted again). */
    findBySha(sha256: string, where: { parentId: string }): DocumentRecord | null {
      const row = db.prepare('SELECT * FROM documents WHERE sha256 = ? AND parent_id = ? ORDER BY created_at, id LIMIT 1').get(sha256, where.parentId) as DocumentRow | undefined;
      return row ? record(row) : null;
    },

    /**
     * The oldest document holding these bytes that the viewer may read (null viewer: one open to
     * the whole newsroom), or null. The same bytes can back several documents (see intake).
     */
    findReadableBySha(sha256: string, viewer: Viewer | null, now: Date): DocumentRecord | null {
      const access = documentAccessSql(viewer, now, 'd');
      const row = db
        .prepare(`SELECT * FROM documents d WHERE d.sha256 = @sha AND ${access.sql} ORDER BY d.created_at, d.id LIMIT 1`)
        .get({ ...access.params, sha: sha256 }) as DocumentRow | undefined;
      return row ? record(row) : null;
    },

    /** Stores a new document with its access in place: the caller's transaction also queues extraction. */
    insert(d: NewDocument, access: InitialAccess, now: string): void {
      db.prepare(
        `INSERT INTO documents (id, sha256, filename, media_type, size, title, title_from_user, document_date, date_precision,
           notes, status, parent_id, relation, created_by, created_at, updated_at)
         VALUES (@id, @sha256, @filename, @mediaType, @size, @title, @titleFromUser, @documentDate, @datePrecision,
           @notes, 'queued', @parentId, @relation, @createdBy, @now, @now)`,
      ).run({ ...d, titleFromUser: d.titleFromUser ? 1 : 0, now });
      // A file inside a container keeps its own access (newsroom unless set) and follows its
      // container through the access rule, which reads the ancestors: nothing is copied here.
      if (access.level !== 'newsroom' || access.userIds.length > 0) writeAccess(d.id, access.level, access.embargoUntil, access.level === 'newsroom' ? [] : access.userIds);
    },

    /**
     * The users named by these user names or ids (either is accepted; names ignore case), and the
     * ones that name nobody. Order kept, each user once.
     */
    resolveUsers(namesOrIds: readonly string[]): { ids: string[]; unknown: string[] } {
      const find = db.prepare<[{ v: string }], string>('SELECT id FROM users WHERE id = @v UNION ALL SELECT id FROM users WHERE username = @v COLLATE NOCASE LIMIT 1').pluck();
      const ids: string[] = [];
      const unknown: string[] = [];
      for (const raw of namesOrIds) {
        const id = find.get({ v: raw });
        if (id === undefined) unknown.push(raw);
        else if (!ids.includes(id)) ids.push(id);
      }
      return { ids, unknown };
    },

    /** Everything inside a document (attachments, entries, their entries…), for re-indexing a family. */
    descendants(id: string): string[] {
      return descendantsOf.all(id);
    },

    /**
     * Other documents linked to events made from this one (accepted date suggestions): deleting it
     * deletes those events, so their index records must be written again.
     */
    linkedThroughOwnEvents(id: string): string[] {
      return db
        .prepare(`SELECT DISTINCT de.document_id FROM document_events de JOIN events e ON e.id = de.event_id
                  WHERE e.source_document_id = ? AND de.document_id <> ?`)
        .pluck()
        .all(id, id) as string[];
    },

    /** The access the search index records for a document: its family's, folded into one (access.ts). */
    familyAccess(d: DocumentRecord): AccessGate {
      return familyAccess([gate(d), ...d.ancestors.map(gate)]);
    },

    listRecent(viewer: Viewer, now: Date, limit: number, offset = 0): DocumentRecord[] {
      const access = documentAccessSql(viewer, now, 'd');
      return (db
        .prepare(`SELECT * FROM documents d WHERE ${access.sql} ORDER BY created_at DESC, id LIMIT @limit OFFSET @offset`)
        .all({ ...access.params, limit, offset }) as DocumentRow[])
        .map(record);
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
        .map(record);
    },

    isNamed(documentId: string, userId: string): boolean {
      return db.prepare('SELECT 1 FROM document_access WHERE document_id = ? AND user_id = ?').get(documentId, userId) !== undefined;
    },

    namedUsers(documentId: string): string[] {
      return namedOf.all(documentId);
    },

    setAccess(id: string, level: DocumentRecord['accessLevel'], embargoUntil: string | null, userIds: string[], now: string): void {
      writeAccess(id, level, embargoUntil, userIds);
      db.prepare('UPDATE documents SET updated_at = ? WHERE id = ?').run(now, id);
    },

    /**
     * Pages cascade; children keep existing (parent_id becomes NULL). Losing their container must
     * not open them: its family's access is folded into each child's own first (the fold the index
     * already holds for them, so their index records stay right).
     */
    delete(id: string): void {
      const doc = byId.get(id);
      if (doc) {
        const parent = record(doc);
        const above = [gate(parent), ...parent.ancestors.map(gate)];
        const children = db.prepare<[string], DocumentRow>('SELECT * FROM documents WHERE parent_id = ?').all(id);
        for (const c of children) {
          const folded = familyAccess([gate({ id: c.id, accessLevel: c.access_level, embargoUntil: c.embargo_until }), ...above]);
          writeAccess(c.id, folded.accessLevel, folded.embargoUntil, folded.userIds);
        }
      }
      db.prepare('DELETE FROM documents WHERE id = ?').run(id);
    },

    shaInUse(sha256: string): boolean {
      return db.prepare('SELECT 1 FROM documents WHERE sha256 = ?').get(sha256) !== undefined;
    },

    getMany(ids: string[]): Map<string, DocumentRecord> {
      const out = new Map<string, DocumentRecord>();
      if (ids.length === 0) return out;
      const rows = db.prepare(`SELECT * FROM documents WHERE id IN (${ids.map(() => '?').join(',')})`).all(...ids) as DocumentRow[];
      for (const r of rows) out.set(r.id, record(r));
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

    /** The fields a person edits after upload; a title written here is kept when the document is extracted again. */
    updateMetadata(id: string, m: MetadataUpdate, now: string): void {
      db.prepare(
        `UPDATE documents SET title_from_user = CASE WHEN title <> @title THEN 1 ELSE title_from_user END, title = @title, document_date = @documentDate, date_precision = @datePrecision,
           notes = @notes, language = @language, updated_at = @now WHERE id = @id`,
      ).run({ ...m, id, now });
    },

    tagsOf(id: string): string[] {
      return db.prepare<[string], string>('SELECT t.name FROM document_tags dt JOIN tags t ON t.id = dt.tag_id WHERE dt.document_id = ? ORDER BY t.folded').pluck().all(id);
    },

    tagsOfMany(ids: string[]): Map<string, string[]> {
      const out = new Map<string, string[]>(ids.map((id) => [id, []]));
      if (ids.length === 0) return out;
      const rows = db
        .prepare(`SELECT dt.document_id AS id, t.name FROM document_tags dt JOIN tags t ON t.id = dt.tag_id
                  WHERE dt.document_id IN (${ids.map(() => '?').join(',')}) ORDER BY t.folded`)
        .all(...ids) as Array<{ id: string; name: string }>;
      for (const r of rows) out.get(r.id)?.push(r.name);
      return out;
    },

    /** Replaces a document's tags (`add: true` keeps the ones it has). Tags are found by their folded form. */
    setTags(id: string, names: string[], now: string, opts: { add?: boolean } = {}): void {
      if (!opts.add) db.prepare('DELETE FROM document_tags WHERE document_id = ?').run(id);
      const insertTag = db.prepare('INSERT INTO tags (name, folded, created_at) VALUES (?, ?, ?) ON CONFLICT (folded) DO NOTHING');
      const tagId = db.prepare<[string], number>('SELECT id FROM tags WHERE folded = ?').pluck();
      const link = db.prepare('INSERT OR IGNORE INTO document_tags (document_id, tag_id) VALUES (?, ?)');
      for (const name of names) {
        const folded = foldTag(name);
        insertTag.run(name, folded, now);
        link.run(id, tagId.get(folded)!);
      }
    },

    /** Tags in use among the documents the viewer may read, most used first (type-ahead, filters). */
    tags(viewer: Viewer, now: Date, prefix = '', limit = 50): Array<{ name: string; count: number }> {
      const access = documentAccessSql(viewer, now, 'd');
      return db
        .prepare(`SELECT t.name, COUNT(*) AS count FROM tags t JOIN document_tags dt ON dt.tag_id = t.id JOIN documents d ON d.id = dt.document_id
                  WHERE ${access.sql} AND t.folded LIKE @prefix ESCAPE '\\' GROUP BY t.id ORDER BY count DESC, t.folded LIMIT @limit`)
        .all({ ...access.params, prefix: `${foldTag(prefix).replace(/[\\%_]/g, (c) => `\\${c}`)}%`, limit }) as Array<{ name: string; count: number }>;
    },

    /** The documents list: readable documents with optional filters, sorted, one page of them, and the total. */
    list(viewer: Viewer, now: Date, f: DocumentListFilter, limit: number, offset: number): { rows: DocumentRecord[]; total: number } {
      const access = documentAccessSql(viewer, now, 'd');
      const where = [access.sql];
      const params: Record<string, unknown> = { ...access.params, limit, offset };
      if (f.status) { where.push('d.status = @status'); params.status = f.status; }
      if (f.mediaType) { where.push('d.media_type = @mediaType'); params.mediaType = f.mediaType; }
      if (f.accessLevel) { where.push('d.access_level = @accessLevel'); params.accessLevel = f.accessLevel; }
      if (f.createdBy) { where.push('d.created_by = @createdBy'); params.createdBy = f.createdBy; }
      if (f.tag) { where.push('EXISTS (SELECT 1 FROM document_tags dt JOIN tags t ON t.id = dt.tag_id WHERE dt.document_id = d.id AND t.folded = @tag)'); params.tag = foldTag(f.tag); }
      if (f.text) { where.push("(d.title LIKE @text ESCAPE '\\' OR d.filename LIKE @text ESCAPE '\\')"); params.text = `%${f.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`; }
      if (f.topLevel) where.push('d.parent_id IS NULL');
      const order = LIST_ORDER[f.sort ?? 'added_desc'];
      const sql = where.join(' AND ');
      const rows = (db.prepare(`SELECT * FROM documents d WHERE ${sql} ORDER BY ${order} LIMIT @limit OFFSET @offset`).all(params) as DocumentRow[]).map(record);
      const { limit: _l, offset: _o, ...countParams } = params;
      const total = db.prepare(`SELECT COUNT(*) FROM documents d WHERE ${sql}`).pluck().get(countParams) as number;
      return { rows, total };
    },

    /** Media types among readable documents, for the list's type filter. */
    mediaTypes(viewer: Viewer, now: Date): string[] {
      const access = documentAccessSql(viewer, now, 'd');
      return db.prepare(`SELECT DISTINCT d.media_type FROM documents d WHERE ${access.sql} ORDER BY d.media_type`).pluck().all(access.params) as string[];
    },

    pages(id: string): PageRecord[] {
      // engine, ocrSteps and ocrLangs only where recorded, so a page without a layout has the plain shape.
      return pagesOf.all(id).map(({ engine, ocrSteps, ocrLangs, ...p }) => ({
        documentId: id, ...p, ...(engine ? { engine } : {}), ...(ocrSteps !== null ? { ocrSteps } : {}), ...(ocrLangs ? { ocrLangs } : {}),
      }));
    },

    pageTexts(documentId: string, numbers: number[]): Map<number, string> {
      const out = new Map<number, string>();
      if (numbers.length === 0) return out;
      // One statement for any count (search asks for a few pages of 20 documents per query).
      const rows = pageTextsOf.all(documentId, JSON.stringify(numbers)) as Array<{ number: number; text: string }>;
      for (const r of rows) out.set(r.number, r.text);
      return out;
    },
  };
}

export type DocumentsRepository = ReturnType<typeof createDocumentsRepository>;
