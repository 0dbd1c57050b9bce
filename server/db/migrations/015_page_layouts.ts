import type { Migration } from './index';

/**
 * How each page was read, beside its text (server/ingest):
 * - `page_layouts`: which engine read the page's text (mupdf, pdf.js, tesseract, tesseract.js, or
 *   the extractor of the file's type) and, when the engine knows them, the boxes of its characters
 *   (server/ingest/extractors/page-boxes.ts): the citation work highlights quotes from them. It goes
 *   with its page (a new reading replaces the pages, and with them these rows).
 * - `ocr_pages`: what OCR read on a page of a document, kept so that no page is OCRed twice (a
 *   retried job, a second reading); it goes with its document.
 */
export const m015_page_layouts: Migration = {
  version: 15,
  name: 'page_layouts',
  sql: `
CREATE TABLE page_layouts (
  document_id TEXT NOT NULL,
  page_number INTEGER NOT NULL,
  engine      TEXT NOT NULL,
  boxes       BLOB,
  PRIMARY KEY (document_id, page_number),
  FOREIGN KEY (document_id, page_number) REFERENCES pages(document_id, number) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE ocr_pages (
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  page_number INTEGER NOT NULL CHECK (page_number >= 1),
  langs       TEXT NOT NULL,
  engine      TEXT NOT NULL,
  text        TEXT NOT NULL,
  confidence  REAL NOT NULL,
  created_at  TEXT NOT NULL,
  PRIMARY KEY (document_id, page_number, langs)
) WITHOUT ROWID;
`,
};
