/**
 * What OCR read on a page, turned into what the extractors return and the OCR memory keeps: the
 * text, its confidence, how the image was prepared (page-reader.ts) and the character boxes on the
 * upright page, encoded as page-boxes.ts stores them.
 */
import type { ExtractedPage, RememberedOcr } from './extractor';
import { encodeBoxes } from './page-boxes';
import type { OcrResult } from '../ocr/ocr-pool';

/** What OCR read, as the memory keeps it: the word boxes (on the upright page) encoded as page-boxes.ts stores them. */
export function rememberedOcr(r: OcrResult): RememberedOcr {
  return {
    text: r.text,
    confidence: r.confidence,
    engine: r.engine ?? 'ocr',
    steps: r.steps,
    rotation: r.rotation ?? 0,
    boxes: r.layout ? encodeBoxes(r.layout.width, r.layout.height, r.layout.lines) : null,
  };
}

/** An OCR page from what OCR read: its text, confidence, boxes, and how its image was prepared. */
export function ocrPageOf(number: number, ocr: RememberedOcr): ExtractedPage {
  const text = ocr.text.trim();
  // The boxes count from the text's first character: text trimmed at its start would shift them.
  const boxes = ocr.boxes && ocr.text.length - ocr.text.trimStart().length === 0 ? ocr.boxes : null;
  return { number, text, method: 'ocr', confidence: ocr.confidence, engine: ocr.engine, boxes, ...(ocr.steps ? { ocr: { steps: ocr.steps, rotation: ocr.rotation ?? 0 } } : {}) };
}
