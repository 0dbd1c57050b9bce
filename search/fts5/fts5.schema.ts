/**
 * Tables of the embedded engine, in Kilde's SQLite file but owned by the engine: they are derived
 * and can be dropped and rebuilt from the database at any time (`reindex`).
 *
 * - `search_fts`: contentless FTS5 table (the page text already lives in `pages`) holding the
 *   document's title, the page's text and the linked parties' names, Danish-folded (search/text/danish.ts: FTS5's tokenizer cannot make "aa" equal "å"); deletes go
 *   through `contentless_delete`. Its rowid IS the page's address: document key, page number and
 *   extraction method packed into one integer (see `pageRowid`). A search then groups matches per
 *   document and filters by method with arithmetic on the rowid, never joining a mapping table per
 *   matching page — the per-page join was most of the cost of a query at 100k pages — and a
 *   document's pages are one rowid range, so one document's best pages are a cheap range seek.
 * - `search_docwords`: one row per document (rowid = document key) with all its words — title,
 *   parties and every page — for DOCUMENT-level matching: a query matches a document when all its
 *   words stand somewhere in it, not necessarily on one page. `detail=none` keeps no positions
 *   (phrases are checked on `search_fts`), so its doclists hold one entry per document: smaller and
 *   faster to read than the page table's, which a search then reads only to rank ("all words on
 *   one page" first) and to pick the shown documents' best pages. No prefix indexes: at 1M pages they
 *   halved a common prefix's lookup here (27–42 ms to 12–18 ms) but made the rebuild 60 % slower
 *   (310 s to 535 s), uploads' index writes 15 % slower, and the benchmark's two-word p95 did not
 *   move beyond its run-to-run spread.
 * - `search_titles`: the documents' folded titles and parties' names (rowid = document key): the
 *   title for the ranking rule that puts title matches first; both to tell whether a phrase found
 *   on a document's pages stands in their text or only in the title or parties, which every page's
 *   row of `search_fts` repeats.
 * - `search_docs`: one row per document with what filters, sorting and the access rule need, and
 *   the extraction methods of its pages (bit 1 text, bit 2 OCR).
 * - `search_values` / `search_links`: the document's multi-valued facets and its named readers, as
 *   (kind, value) pairs — party, party:<role>, event, story, request, user — numbered once in
 *   `search_values` and linked by number, because facet counting groups thousands of links per
 *   search and grouping integers is twice as fast as grouping text.
 * - `search_terms`: every indexed word, keyed by (first letter, length, word), so typo tolerance
 *   reads only the slice of the vocabulary a word's typo budget can reach (and indexed by word, for
 *   point and prefix lookups). FTS5's own vocabulary table counts each word's documents as it goes
 *   and is far too slow for this (tens of ms per letter at 100k pages). Words are never removed
 *   between rebuilds: a stale word costs one alternative that matches nothing.
 *
 * A rebuild creates the same tables with the `_build` suffix and renames them into place in one
 * transaction. Index names carry a generation number because SQLite keeps an index's name when its
 * table is renamed.
 */
export const SCHEMA_VERSION = '10';

export const LIVE = '';
export const BUILD = '_build';

const TABLES = ['search_docs', 'search_values', 'search_links', 'search_terms', 'search_titles', 'search_fts', 'search_docwords'] as const;

/** Bits of the rowid below the document key: the page number, then the method (1 = OCR). */
export const PAGE_BITS = 21;
export const MAX_PAGE = 2 ** (PAGE_BITS - 1) - 1;
const PAGE_SPAN = 2 ** PAGE_BITS;

/** The FTS rowid of a page: document key, page number and method in one integer. */
export function pageRowid(docKey: number, pageNumber: number, method: 'text' | 'ocr'): number {
  return docKey * PAGE_SPAN + pageNumber * 2 + (method === 'ocr' ? 1 : 0);
}

/** The rowids a document's pages can have. */
export function docRowids(docKey: number): { lo: number; hi: number } {
  return { lo: docKey * PAGE_SPAN, hi: docKey * PAGE_SPAN + PAGE_SPAN - 1 };
}

export function pageOfRowid(rowid: number): number {
  return Math.floor((rowid % PAGE_SPAN) / 2);
}

export function schemaSql(suffix: string, generation: string): string {
  const t = (name: string) => `${name}${suffix}`;
  return `
CREATE TABLE ${t('search_docs')} (
  doc_key       INTEGER PRIMARY KEY,
  document_id   TEXT NOT NULL UNIQUE,
  title         TEXT NOT NULL,
  media_type    TEXT NOT NULL,
  language      TEXT,
  document_date TEXT,
  date_num      INTEGER NOT NULL,
  access_level  TEXT NOT NULL,
  embargo_until TEXT,
  methods       INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE ${t('search_values')} (
  vid   INTEGER PRIMARY KEY,
  kind  TEXT NOT NULL,
  value TEXT NOT NULL,
  UNIQUE (kind, value)
);
CREATE TABLE ${t('search_links')} (
  doc_key INTEGER NOT NULL,
  vid     INTEGER NOT NULL,
  PRIMARY KEY (doc_key, vid)
) WITHOUT ROWID;
CREATE TABLE ${t('search_terms')} (
  first TEXT NOT NULL,
  len   INTEGER NOT NULL,
  term  TEXT NOT NULL,
  PRIMARY KEY (first, len, term)
) WITHOUT ROWID;
CREATE INDEX search_terms_term_g${generation} ON ${t('search_terms')} (term);
CREATE VIRTUAL TABLE ${t('search_titles')} USING fts5(
  title, parties, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE ${t('search_fts')} USING fts5(
  title, body, parties, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE ${t('search_docwords')} USING fts5(
  words, content = '', contentless_delete = 1, detail = none, tokenize = 'unicode61 remove_diacritics 2'
);
-- Idle-time 'merge' steps (the engine's compact()) merge down to as few as two segments per level.
INSERT INTO ${t('search_fts')} (${t('search_fts')}, rank) VALUES ('usermerge', 2);
`;
}

export function dropSql(suffix: string): string {
  return [...TABLES].reverse().map((name) => `DROP TABLE IF EXISTS ${name}${suffix};`).join('\n');
}

/** Renames the build tables into place (the live ones must be dropped first, same transaction). */
export function swapSql(): string {
  return TABLES.map((name) => `ALTER TABLE ${name}${BUILD} RENAME TO ${name};`).join('\n');
}

/** Tables of older schema versions, dropped when upgrading. */
export const LEGACY_DROP = 'DROP TABLE IF EXISTS search_vocab; DROP TABLE IF EXISTS search_rows; DROP TABLE IF EXISTS search_rows_build;';

export const META_SQL = 'CREATE TABLE IF NOT EXISTS search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);';
