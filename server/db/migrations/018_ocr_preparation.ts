import type { Migration } from './index';

/**
 * How an OCR page was read, beside which engine read it (server/ingest/ocr/page-reader.ts):
 * - `ocr_steps`: the preparation of the page image the kept reading was made from, in order, e.g.
 *   "turn:180 deskew:2.1 upscale:2 flatten despeckle binarise"; "" = read as it came; NULL for
 *   pages not read by OCR (and OCR pages read before this migration);
 * - `rotation`: degrees (0, 90, 180, 270) the page was turned clockwise to be read upright: the
 *   page image is shown turned the same way, and the character boxes are on the upright page.
 * `ocr_pages` (the memory that keeps a page from being OCRed twice) keeps the same, and the boxes.
 */
export const m018_ocr_preparation: Migration = {
  version: 18,
  name: 'ocr_preparation',
  sql: `
ALTER TABLE page_layouts ADD COLUMN ocr_steps TEXT;
ALTER TABLE page_layouts ADD COLUMN rotation INTEGER NOT NULL DEFAULT 0 CHECK (rotation IN (0, 90, 180, 270));
ALTER TABLE ocr_pages ADD COLUMN steps TEXT;
ALTER TABLE ocr_pages ADD COLUMN rotation INTEGER NOT NULL DEFAULT 0 CHECK (rotation IN (0, 90, 180, 270));
ALTER TABLE ocr_pages ADD COLUMN boxes BLOB;
`,
};
