import { decodeBoxes, type PageBoxes } from '../ingest/extractors/page-boxes';
import type { IngestRepository } from '../ingest/ingest.repository';

/**
 * Where marked words sit on the page image: the character (or OCR word) boxes stored beside a
 * page's text (table page_layouts, server/ingest/extractors/page-boxes.ts) turned into one rectangle
 * per marked span and line, as fractions of the page (0–1 from its top-left corner), so they lay
 * over a page image of any size. Whatever wrote the boxes — the PDF reader, OCR — they are indexed
 * by UTF-16 unit of the page text, so the character ranges that mark the text mark the image too.
 * A page without boxes, or with boxes that do not fit its text, gives none: the marked text stays.
 */
export interface HighlightBox {
  /** Left, top, width and height as fractions of the page. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** A quoted passage or a searched word (drawn differently). */
  kind: 'quote' | 'term';
}

export interface MarkedRange {
  start: number;
  end: number;
  quote?: boolean;
}

/** Enough for any real page; a one-letter search on a dense page must not bloat the HTML. */
const MAX_BOXES = 400;

const frac = (v: number, size: number) => Math.round(Math.max(0, Math.min(1, v / size)) * 1e5) / 1e5;

/** One rectangle per line a range touches, in fractions of the page; characters without area are left out. */
export function rangeBoxes(page: PageBoxes, range: MarkedRange): HighlightBox[] {
  const out: HighlightBox[] = [];
  if (!(page.width > 0) || !(page.height > 0)) return out;
  for (const line of page.lines) {
    const count = line.boxes.length / 4;
    const a = Math.max(range.start, line.start);
    const b = Math.min(range.end, line.start + count);
    if (a >= b) continue;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (let i = a - line.start; i < b - line.start; i++) {
      const [cx0, cy0, cx1, cy1] = [line.boxes[i * 4]!, line.boxes[i * 4 + 1]!, line.boxes[i * 4 + 2]!, line.boxes[i * 4 + 3]!];
      if (!(cx1 > cx0) || !(cy1 > cy0)) continue;
      x0 = Math.min(x0, cx0);
      y0 = Math.min(y0, cy0);
      x1 = Math.max(x1, cx1);
      y1 = Math.max(y1, cy1);
    }
    if (x1 <= x0 || y1 <= y0) continue;
    const x = frac(x0, page.width);
    const y = frac(y0, page.height);
    out.push({ x, y, width: Math.max(0, frac(x1, page.width) - x), height: Math.max(0, frac(y1, page.height) - y), kind: range.quote ? 'quote' : 'term' });
  }
  return out;
}

/** Whether the stored boxes index into this text (a layout that does not fit would mark the wrong words). */
function fits(page: PageBoxes, text: string): boolean {
  return page.lines.every((l) => l.start + l.boxes.length / 4 <= text.length);
}

export function createHighlightBoxes(deps: { layouts: Pick<IngestRepository, 'layout'> }) {
  return {
    /**
     * The rectangles of the marked ranges of one page. The caller has read the page as its viewer
     * (the access rule): this only lays what it marked over the page.
     */
    boxes(documentId: string, pageNumber: number, text: string, ranges: readonly MarkedRange[]): HighlightBox[] {
      const wanted = ranges.filter((r) => r.end > r.start);
      if (!wanted.length) return [];
      const blob = deps.layouts.layout(documentId, pageNumber)?.boxes;
      if (!blob || !blob.length) return [];
      let page: PageBoxes;
      try {
        page = decodeBoxes(blob);
      } catch {
        return []; // an unknown version or a damaged blob: the text marking still lands the reader
      }
      if (!fits(page, text)) return [];
      const out: HighlightBox[] = [];
      // The quote first: the box the page scrolls to.
      for (const r of [...wanted].sort((p, q) => Number(Boolean(q.quote)) - Number(Boolean(p.quote)) || p.start - q.start)) {
        for (const box of rangeBoxes(page, r)) {
          if (out.length >= MAX_BOXES) return out;
          out.push(box);
        }
      }
      return out;
    },
  };
}

export type HighlightBoxes = ReturnType<typeof createHighlightBoxes>;

