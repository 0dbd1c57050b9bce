import zlib from 'node:zlib';
import { boxesOf, decodeBoxes, encodeBoxes } from '../../../server/ingest/extractors/page-boxes';

/** One point of a 595 × 842 page is 110 of 65,535 across, 78 down: quantisation stays under 0.01 pt. */
const TOLERANCE = 0.01;

function line(start: number, boxes: number[][]) {
  return { start, boxes: Float32Array.from(boxes.flat()) };
}

describe('page boxes', () => {
  test('a horizontal line (gaps, overlaps, a jump back) and a rotated one survive the round trip', () => {
    const horizontal = line(0, [[40, 100, 45.5, 110], [45.5, 100, 50, 110], [48, 100, 55, 110], [300, 100, 310, 110], [20, 100, 30, 110]]);
    const rotated = line(6, [[100, 200, 110, 205], [101, 206, 111, 212]]);
    const decoded = decodeBoxes(encodeBoxes(595, 842, [horizontal, rotated]));
    expect(decoded.width).toBe(595);
    expect(decoded.height).toBe(842);
    expect(decoded.lines.map((l) => l.start)).toEqual([0, 6]);
    for (const [i, original] of [horizontal, rotated].entries()) {
      const got = decoded.lines[i]!.boxes;
      expect(got).toHaveLength(original.boxes.length);
      original.boxes.forEach((v, k) => expect(Math.abs(got[k]! - v)).toBeLessThan(TOLERANCE));
    }
    expect(boxesOf(decoded, 1, 3)[0]!.map((v) => Math.round(v * 10) / 10)).toEqual([45.5, 100, 55, 110]);
  });

  test('positions at both edges of the page keep their place', () => {
    const edges = line(0, [[0, 0, 595, 842], [0, 0, 0.001, 842], [594.999, 0, 595, 842]]);
    const got = decodeBoxes(encodeBoxes(595, 842, [edges])).lines[0]!.boxes;
    edges.boxes.forEach((v, k) => expect(Math.abs(got[k]! - v)).toBeLessThan(TOLERANCE));
  });

  test('a page of text costs a few bytes a character, well under the absolute form', () => {
    // 45 lines of 70 characters of proportional widths, as a letter's page has.
    const widths = [5.6, 5, 2.2, 5, 3.3, 5.6, 2.8, 5];
    const lines = Array.from({ length: 45 }, (_, l) => {
      let x = 40;
      return line(l * 71, Array.from({ length: 70 }, (_, i) => {
        const w = widths[(i * 7 + l) % widths.length]!;
        const box = [x, 60 + l * 17, x + w, 70 + l * 17];
        x += w;
        return box;
      }));
    });
    const blob = encodeBoxes(595, 842, lines);
    expect(blob.length).toBeLessThan(45 * 70 * 1.5);
    const decoded = decodeBoxes(blob);
    expect(decoded.lines).toHaveLength(45);
    expect(Math.abs(decoded.lines[44]!.boxes[69 * 4 + 2]! - lines[44]!.boxes[69 * 4 + 2]!)).toBeLessThan(TOLERANCE);
  });

  test('blobs stored by version 1 (absolute x0, x1) still decode', () => {
    const buf = Buffer.alloc(16 + 14 + 2 * 4);
    buf.writeUInt8(1, 0);
    buf.writeFloatLE(600, 4);
    buf.writeFloatLE(800, 8);
    buf.writeUInt32LE(1, 12);
    buf.writeUInt32LE(3, 16);
    buf.writeUInt16LE(2, 20);
    buf.writeUInt8(0, 22);
    buf.writeUInt16LE(Math.round((100 / 800) * 65535), 24);
    buf.writeUInt16LE(Math.round((110 / 800) * 65535), 26);
    buf.writeUInt16LE(Math.round((60 / 600) * 65535), 30);
    buf.writeUInt16LE(Math.round((66 / 600) * 65535), 32);
    buf.writeUInt16LE(Math.round((66 / 600) * 65535), 34);
    buf.writeUInt16LE(Math.round((70 / 600) * 65535), 36);
    const page = decodeBoxes(zlib.deflateRawSync(buf));
    expect(page.lines[0]!.start).toBe(3);
    expect(Array.from(page.lines[0]!.boxes).map((v) => Math.round(v))).toEqual([60, 100, 66, 110, 66, 100, 70, 110]);
  });

  test('an unknown version is refused, not misread', () => {
    const buf = Buffer.alloc(16);
    buf.writeUInt8(9, 0);
    expect(() => decodeBoxes(zlib.deflateRawSync(buf))).toThrow(/version 9/);
  });
});
