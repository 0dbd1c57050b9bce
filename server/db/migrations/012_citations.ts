import type { Migration } from './index';

/**
 * Quote links and share links (server/citations).
 *
 * A quote keeps no foreign key to its document on purpose: when the document is deleted the link
 * must still answer honestly ("no longer available") instead of vanishing into a bare 404. It keeps
 * the quoted text and a hash of the page text it was taken from, so a second reading of the page
 * (extracted again, OCR by another engine) can be noticed and the passage found again.
 *
 * A share link is a public, read-only, revocable link to one document or one page; it goes with
 * its document.
 */
export const m012_citations: Migration = {
  version: 12,
  name: 'citations',
  sql: `
CREATE TABLE quotes (
  id           TEXT PRIMARY KEY,
  document_id  TEXT NOT NULL,
  page_number  INTEGER NOT NULL CHECK (page_number >= 1),
  start_offset INTEGER NOT NULL CHECK (start_offset >= 0),
  end_offset   INTEGER NOT NULL CHECK (end_offset > start_offset),
  text         TEXT NOT NULL,
  page_hash    TEXT NOT NULL,
  created_by   TEXT,
  created_at   TEXT NOT NULL
);
CREATE INDEX quotes_document ON quotes (document_id, page_number, start_offset);

CREATE TABLE share_links (
  id              TEXT PRIMARY KEY,
  token           TEXT NOT NULL UNIQUE,
  document_id     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  page_number     INTEGER CHECK (page_number IS NULL OR page_number >= 1),
  confirmed_flags TEXT NOT NULL DEFAULT '[]',
  created_by      TEXT,
  created_at      TEXT NOT NULL,
  expires_at      TEXT,
  revoked_at      TEXT,
  revoked_by      TEXT
);
CREATE INDEX share_links_document ON share_links (document_id);
CREATE INDEX share_links_creator ON share_links (created_by, created_at);
`,
};
