import type { Db } from '../db/connection';
import type { OcrMemory } from './extractors/extractor';

/**
 * The SQL of ingest's own tables (migration 015): which engine read each page, with its character
 * boxes, and the OCR results kept so that no page is OCRed twice.
 */
export interface PageLayout {
  page: number;
  engine: string;
  boxes: Uint8Array | null;
  /** OCR pages (migration 018): the preparation steps joined by spaces ('' = as it came); null otherwise. */
  ocrSteps?: string | null;
  /** Degrees the page was turned clockwise to be read upright (its image is shown so). */
  rotation?: number;
}

export interface IngestRepository {
  /** Stores the layouts of a document's pages; call in the transaction that stores the pages. */
  saveLayouts(documentId: string, layouts: readonly PageLayout[]): void;
  layout(documentId: string, page: number): PageLayout | null;
  /** How many of a document's pages each engine read, e.g. { mupdf: 10, tesseract: 2 }. */
  engines(documentId: string): Record<string, number>;
  /** The OCR results of one document in one language set, as the PDF extractor asks for them. */
  ocrMemory(documentId: string, langs: string, now: () => string): OcrMemory;
  /** OCR runs stored for a document (tests, and the integrity of "never twice"). */
  ocrPages(documentId: string): Array<{ page: number; engine: string }>;
}

export function createIngestRepository(db: Db): IngestRepository {
  const upsertLayout = db.prepare('INSERT OR REPLACE INTO page_layouts (document_id, page_number, engine, boxes, ocr_steps, rotation) VALUES (?, ?, ?, ?, ?, ?)');
  const getLayout = db.prepare('SELECT page_number AS page, engine, boxes, ocr_steps AS ocrSteps, rotation FROM page_layouts WHERE document_id = ? AND page_number = ?');
  const countEngines = db.prepare('SELECT engine, COUNT(*) AS n FROM page_layouts WHERE document_id = ? GROUP BY engine');
  const getOcr = db.prepare('SELECT text, confidence, engine, steps, rotation, boxes FROM ocr_pages WHERE document_id = ? AND page_number = ? AND langs = ?');
  const putOcr = db.prepare('INSERT OR REPLACE INTO ocr_pages (document_id, page_number, langs, engine, text, confidence, created_at, steps, rotation, boxes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const blob = (b: Uint8Array | null | undefined) => (b ? Buffer.from(b.buffer, b.byteOffset, b.byteLength) : null);
  const listOcr = db.prepare('SELECT page_number AS page, engine FROM ocr_pages WHERE document_id = ? ORDER BY page_number');

  return {
    saveLayouts(documentId, layouts) {
      for (const l of layouts) upsertLayout.run(documentId, l.page, l.engine, blob(l.boxes), l.ocrSteps ?? null, l.rotation ?? 0);
    },
    layout(documentId, page) {
      const row = getLayout.get(documentId, page) as { page: number; engine: string; boxes: Buffer | null; ocrSteps: string | null; rotation: number } | undefined;
      return row ? { page: row.page, engine: row.engine, boxes: row.boxes ? new Uint8Array(row.boxes) : null, ocrSteps: row.ocrSteps, rotation: row.rotation } : null;
    },
    engines(documentId) {
      const out: Record<string, number> = {};
      for (const r of countEngines.all(documentId) as Array<{ engine: string; n: number }>) out[r.engine] = r.n;
      return out;
    },
    ocrMemory(documentId, langs, now) {
      return {
        get(page) {
          const row = getOcr.get(documentId, page, langs) as { text: string; confidence: number; engine: string; steps: string | null; rotation: number; boxes: Buffer | null } | undefined;
          if (!row) return null;
          return { text: row.text, confidence: row.confidence, engine: row.engine, ...(row.steps === null ? {} : { steps: row.steps ? row.steps.split(' ') : [] }), rotation: row.rotation, boxes: row.boxes ? new Uint8Array(row.boxes) : null };
        },
        put(page, r) {
          // The document may have been deleted meanwhile: then there is nothing to remember.
          try {
            putOcr.run(documentId, page, langs, r.engine, r.text.replace(/\u0000/g, ''), r.confidence, now(), r.steps ? r.steps.join(' ') : null, r.rotation ?? 0, blob(r.boxes));
          } catch (err) {
            if (!/FOREIGN KEY/.test(String(err))) throw err;
          }
        },
      };
    },
    ocrPages(documentId) {
      return listOcr.all(documentId) as Array<{ page: number; engine: string }>;
    },
  };
}
