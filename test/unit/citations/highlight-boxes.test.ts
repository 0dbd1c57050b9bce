import { createHighlightBoxes, type MarkedRange } from '../../../server/citations/highlight-boxes';
import { encodeBoxes, type LineBoxes } from '../../../server/ingest/extractors/page-boxes';
import type { PageLayout } from '../../../server/ingest/ingest.repository';

/**
 * From stored boxes to rectangles on the page image: one per marked range and line, in fractions
 * of the page; characters without area left out; whatever does not fit the text gives nothing.
 */
const W = 500;
const H = 1000;

/** A line of 10-point-wide letters from x, between y0 and y1 (points), starting at text offset `start`. */
function line(start: number, text: string, x: number, y0: number, y1: number): LineBoxes {
  const boxes: number[] = [];
  for (let i = 0; i < text.length; i++) boxes.push(x + i * 10, y0, x + i * 10 + 10, y1);
  return { start, boxes };
}

const TEXT = 'abc def\nghi jkl';
const stored = (lines: LineBoxes[]): PageLayout => ({ page: 1, engine: 'test', boxes: encodeBoxes(W, H, lines) });
const service = (layout: PageLayout | null) => createHighlightBoxes({ layouts: { layout: () => layout } });
const boxes = (layout: PageLayout | null, ranges: MarkedRange[], text = TEXT) => service(layout).boxes('doc', 1, text, ranges);

describe('highlight boxes', () => {
  const two = stored([line(0, 'abc def', 50, 100, 120), line(8, 'ghi jkl', 50, 200, 220)]);

  test('a word — one rectangle in fractions of the page, where its letters are', () => {
    const [box, ...rest] = boxes(two, [{ start: 4, end: 7 }]);
    expect(rest).toEqual([]);
    expect(box!.kind).toBe('term');
    expect(box!.x).toBeCloseTo(90 / W, 4);
    expect(box!.width).toBeCloseTo(30 / W, 4);
    expect(box!.y).toBeCloseTo(100 / H, 4);
    expect(box!.height).toBeCloseTo(20 / H, 4);
  });

  test('a quote across the line break — one rectangle per line, the quote first, searched words after', () => {
    const out = boxes(two, [{ start: 13, end: 15 }, { start: 4, end: 11, quote: true }]);
    expect(out.map((b) => b.kind)).toEqual(['quote', 'quote', 'term']);
    expect(out[0]!.x).toBeCloseTo(90 / W, 4);
    expect(out[0]!.width).toBeCloseTo(30 / W, 4);
    expect(out[1]!.x).toBeCloseTo(50 / W, 4);
    expect(out[1]!.width).toBeCloseTo(30 / W, 4);
    expect(out[1]!.y).toBeCloseTo(200 / H, 4);
  });

  test('letters without area (a box of nothing) do not stretch the rectangle to the corner', () => {
    const l = line(0, 'abc def', 50, 100, 120);
    const b = Array.from(l.boxes);
    b.splice(3 * 4, 4, 0, 0, 0, 0); // the space
    const out = boxes(stored([{ start: 0, boxes: b }]), [{ start: 0, end: 7 }], 'abc def');
    expect(out).toHaveLength(1);
    expect(out[0]!.x).toBeCloseTo(50 / W, 4);
    expect(out[0]!.y).toBeCloseTo(100 / H, 4);
  });

  test('no layout, no boxes in it, a damaged blob, or boxes past the end of the text — no rectangles, no error', () => {
    expect(boxes(null, [{ start: 0, end: 3 }])).toEqual([]);
    expect(boxes({ page: 1, engine: 'ocr', boxes: null }, [{ start: 0, end: 3 }])).toEqual([]);
    expect(boxes({ page: 1, engine: 'mupdf', boxes: new Uint8Array([1, 2, 3, 4]) }, [{ start: 0, end: 3 }])).toEqual([]);
    expect(boxes(two, [{ start: 0, end: 3 }], 'abc')).toEqual([]);
    expect(boxes(two, [])).toEqual([]);
  });

  test('OCR-style word boxes (every letter of a word the word\'s box, lines not level) — one rectangle per word', () => {
    const word = (x0: number, y0: number, x1: number, y1: number, n: number) => Array.from({ length: n }, () => [x0, y0, x1, y1]).flat();
    const ocr = stored([{ start: 0, boxes: [...word(50, 100, 80, 121, 3), ...word(80, 100, 85, 121, 1), ...word(85, 103, 120, 124, 3)] }]);
    const [box] = boxes(ocr, [{ start: 4, end: 7 }], 'abc def');
    expect(box!.x).toBeCloseTo(85 / W, 4);
    expect(box!.y).toBeCloseTo(103 / H, 4);
    expect(box!.width).toBeCloseTo(35 / W, 4);
  });
});
