import type { Migration } from './index';

/**
 * Tags on documents, and upload batches.
 *
 * A tag is stored once, by its folded form (case ignored), with the spelling it was first written
 * in; removing the last document from a tag leaves the tag (it stays offered for type-ahead).
 *
 * An upload batch remembers what a browser sent in one go — each file's name and what became of it
 * (stored, duplicate, refused with a reason code) — so the batch page shows every file's progress
 * after a reload. A file row keeps no foreign key to its document: a deleted document must leave
 * the row saying so, not vanish from the list.
 */
export const m016_document_tags_upload_batches: Migration = {
  version: 16,
  name: 'document_tags_upload_batches',
  sql: `
CREATE TABLE tags (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  folded     TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);

CREATE TABLE document_tags (
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  tag_id      INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  PRIMARY KEY (document_id, tag_id)
);
CREATE INDEX document_tags_tag ON document_tags (tag_id);

CREATE TABLE upload_batches (
  id           TEXT PRIMARY KEY,
  created_by   TEXT,
  created_at   TEXT NOT NULL,
  story_id     TEXT,
  request_id   TEXT,
  sender_id    TEXT,
  recipient_id TEXT
);
CREATE INDEX upload_batches_creator ON upload_batches (created_by, created_at);

CREATE TABLE upload_batch_files (
  batch_id    TEXT NOT NULL REFERENCES upload_batches(id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  filename    TEXT NOT NULL,
  size        INTEGER NOT NULL DEFAULT 0,
  outcome     TEXT NOT NULL CHECK (outcome IN ('stored', 'duplicate', 'refused')),
  document_id TEXT,
  reason_code TEXT,
  reason      TEXT,
  PRIMARY KEY (batch_id, position)
);
`,
};
