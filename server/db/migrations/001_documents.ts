import type { Migration } from './index';

/**
 * Documents, their pages, the job queue and the search outbox. Later areas (parties, events,
 * stories, requests, users) add their own tables and reference documents by id.
 */
export const m001_documents: Migration = {
  version: 1,
  name: 'documents',
  sql: `
CREATE TABLE documents (
  id              TEXT PRIMARY KEY,
  sha256          TEXT NOT NULL UNIQUE,
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
CREATE INDEX documents_created_at ON documents (created_at DESC);
CREATE INDEX documents_parent ON documents (parent_id);
CREATE INDEX documents_status ON documents (status);

CREATE TABLE pages (
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  number      INTEGER NOT NULL CHECK (number >= 1),
  text        TEXT NOT NULL,
  method      TEXT NOT NULL CHECK (method IN ('text', 'ocr')),
  confidence  REAL,
  PRIMARY KEY (document_id, number)
) WITHOUT ROWID;

CREATE TABLE jobs (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  kind         TEXT NOT NULL,
  document_id  TEXT REFERENCES documents(id) ON DELETE CASCADE,
  payload      TEXT NOT NULL DEFAULT '{}',
  status       TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
  attempts     INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL,
  run_after    TEXT NOT NULL,
  started_at   TEXT,
  finished_at  TEXT,
  last_error   TEXT,
  created_at   TEXT NOT NULL
);
CREATE INDEX jobs_runnable ON jobs (status, run_after, id);
CREATE INDEX jobs_document ON jobs (document_id);

-- What the search index must learn, written in the same transaction as the change (the database is
-- the source of truth; the index is derived and drained from here, in order).
CREATE TABLE search_outbox (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  document_id  TEXT NOT NULL,
  op           TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
  attempts     INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error   TEXT,
  created_at   TEXT NOT NULL
);
CREATE INDEX search_outbox_next ON search_outbox (next_attempt_at, id);
`,
};
