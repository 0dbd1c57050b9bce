/**
 * Tables of the embedded engine, in Kilde's SQLite file but owned by the engine: they are derived
 * and can be dropped and rebuilt from the database at any time (`reindex`).
 *
 * The FTS table is contentless (the page text already lives in `pages`), holds Danish-folded text
 * (see search/danish.ts: FTS5's tokenizer cannot make "aa" equal "å"), and deletes through
 * `contentless_delete`. `search_rows` maps an FTS rowid to its document and page; `search_docs`
 * carries the metadata filters and sorting need, so a query joins two small tables after FTS5 ranks.
 */
export const FTS5_SCHEMA = `
CREATE TABLE IF NOT EXISTS search_docs (
  doc_key       INTEGER PRIMARY KEY,
  document_id   TEXT NOT NULL UNIQUE,
  title         TEXT NOT NULL,
  media_type    TEXT NOT NULL,
  language      TEXT,
  document_date TEXT,
  sort_date     TEXT NOT NULL,
  access_level  TEXT NOT NULL,
  embargo_until TEXT,
  allowed_users TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS search_rows (
  rowid       INTEGER PRIMARY KEY,
  doc_key     INTEGER NOT NULL,
  page_number INTEGER NOT NULL,
  method      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS search_rows_doc ON search_rows (doc_key, page_number);
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
  title, body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE IF NOT EXISTS search_vocab USING fts5vocab(search_fts, 'row');
`;

export const FTS5_DROP = `
DROP TABLE IF EXISTS search_vocab;
DROP TABLE IF EXISTS search_fts;
DROP TABLE IF EXISTS search_rows;
DROP TABLE IF EXISTS search_docs;
`;
