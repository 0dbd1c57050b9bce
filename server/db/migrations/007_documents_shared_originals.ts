import type { Migration } from './index';

/**
 * One stored original can back several documents: the same bytes uploaded by someone who may not
 * read the document already holding them get a document of their own (a duplicate must reveal
 * nothing), so `documents.sha256` is no longer unique — SQLite changes a column constraint only by
 * rebuilding the table (create, copy, drop, rename, with foreign keys off): the definition of
 * 001 minus UNIQUE. A migration that adds a column to documents must come after this one.
 *
 * Then the search index learns the access of every document inside a container: until now an
 * attachment kept the access its e-mail had when it was extracted, and the index says so.
 */
export const m007_documents_shared_originals: Migration = {
  version: 7,
  name: 'documents_shared_originals',
  foreignKeysOff: true,
  sql: `
CREATE TABLE documents_new (
  id              TEXT PRIMARY KEY,
  sha256          TEXT NOT NULL,
  filename        TEXT NOT NULL,
  media_type      TEXT NOT NULL,
  size            INTEGER NOT NULL CHECK (size >= 0),
  title           TEXT NOT NULL,
  title_from_user INTEGER NOT NULL DEFAULT 0,
  document_date   TEXT,
  date_precision  TEXT CHECK (date_precision IN ('day', 'month', 'year')),
  language        TEXT,
  notes           TEXT NOT NULL DEFAULT '',
  page_count      INTEGER,
  status          TEXT NOT NULL CHECK (status IN ('queued', 'extracting', 'ready', 'failed', 'needs_password')),
  error           TEXT,
  progress_done   INTEGER,
  progress_total  INTEGER,
  progress_method TEXT,
  metadata        TEXT NOT NULL DEFAULT '{}',
  parent_id       TEXT REFERENCES documents(id) ON DELETE SET NULL,
  relation        TEXT CHECK (relation IN ('attachment_of', 'entry_of')),
  access_level    TEXT NOT NULL DEFAULT 'newsroom' CHECK (access_level IN ('newsroom', 'restricted', 'embargoed')),
  embargo_until   TEXT,
  created_by      TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  extracted_at    TEXT
);
INSERT INTO documents_new (id, sha256, filename, media_type, size, title, title_from_user, document_date, date_precision,
  language, notes, page_count, status, error, progress_done, progress_total, progress_method, metadata, parent_id, relation,
  access_level, embargo_until, created_by, created_at, updated_at, extracted_at)
SELECT id, sha256, filename, media_type, size, title, title_from_user, document_date, date_precision,
  language, notes, page_count, status, error, progress_done, progress_total, progress_method, metadata, parent_id, relation,
  access_level, embargo_until, created_by, created_at, updated_at, extracted_at
FROM documents;
DROP TABLE documents;
ALTER TABLE documents_new RENAME TO documents;
CREATE INDEX documents_created_at ON documents (created_at DESC);
CREATE INDEX documents_parent ON documents (parent_id);
CREATE INDEX documents_status ON documents (status);
CREATE INDEX documents_sha256 ON documents (sha256, created_at);

INSERT INTO search_outbox (document_id, op, next_attempt_at, created_at)
SELECT id, 'upsert', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM documents WHERE parent_id IS NOT NULL AND status = 'ready';
`,
};
