import zlib from 'node:zlib';

/**
 * Where each character of a page's text sits on the page, stored compactly beside the text (the
 * citation work highlights a quote on the page image from these). One blob per page:
 *
 *   header   u8 version (2), u8 0, u16 0, f32 page width, f32 page height (points), u32 line count
 *   a line   u32 text offset of its first character, u16 characters, u8 kind, u8 0, u16 y0, u16 y1
 *            kind 0 (horizontal): then per character i16 x0 − the previous x1 (0 before the first),
 *            u16 x1 − x0 (y0/y1 are the line's)
 *            kind 1 (anything else): then per character u16 x0, y0, x1, y1
 *
 * all little-endian, the whole deflated (raw, level 1). Coordinates are fractions of the page scaled
 * to 0–65535 from its top-left corner, so they map onto a page image of any resolution. A line's
 * characters are consecutive UTF-16 units of the page text (a character outside the BMP has its box
 * twice); text between lines (the newline) has no box. Version 2 stores the horizontal lines as
 * gaps and widths, which repeat (the same letters, the same widths): a Danish text page is ~3.5 KB
 * instead of ~12 KB with version 1's absolute positions, and deflates in half the time. Version 1
 * blobs still decode.
 */
export const BOXES_VERSION = 2;
const HEADER = 16;
const LINE = 14;
const SCALE = 65535;

/** One line as the reader collects it: boxes in points, four numbers per UTF-16 unit. */
export interface LineBoxes {
  start: number;
  boxes: ArrayLike<number>;
}

export interface PageBoxes {
  width: number;
  height: number;
  lines: Array<{ start: number; /** x0, y0, x1, y1 per UTF-16 unit, in points from the top-left. */ boxes: Float32Array }>;
}

const q = (v: number, size: number) => Math.max(0, Math.min(SCALE, Math.round((v / size) * SCALE)));

export function encodeBoxes(width: number, height: number, lines: readonly LineBoxes[]): Uint8Array {
  let size = HEADER;
  const kinds: number[] = [];
  for (const line of lines) {
    const n = line.boxes.length / 4;
    let horizontal = true;
    for (let i = 0; i < n && horizontal; i++) {
      if (q(line.boxes[i * 4 + 1]!, height) !== q(line.boxes[1]!, height) || q(line.boxes[i * 4 + 3]!, height) !== q(line.boxes[3]!, height)) horizontal = false;
    }
    kinds.push(horizontal ? 0 : 1);
    size += LINE + n * (horizontal ? 4 : 8);
  }
  const buf = Buffer.alloc(size);
  buf.writeUInt8(BOXES_VERSION, 0);
  buf.writeFloatLE(width, 4);
  buf.writeFloatLE(height, 8);
  buf.writeUInt32LE(lines.length, 12);
  let at = HEADER;
  lines.forEach((line, li) => {
    const n = Math.min(0xffff, line.boxes.length / 4);
    const b = line.boxes;
    buf.writeUInt32LE(line.start, at);
    buf.writeUInt16LE(n, at + 4);
    buf.writeUInt8(kinds[li]!, at + 6);
    buf.writeUInt16LE(n ? q(b[1]!, height) : 0, at + 8);
    buf.writeUInt16LE(n ? q(b[3]!, height) : 0, at + 10);
    at += LINE;
    let prevX1 = 0;
    for (let i = 0; i < n; i++) {
      if (kinds[li] === 0) {
        const x0 = q(b[i * 4]!, width);
        const x1 = q(b[i * 4 + 2]!, width);
        // Wrapped to 16 bits both ways, so any pair of positions survives the round trip.
        buf.writeInt16LE(((x0 - prevX1) << 16) >> 16, at);
        buf.writeUInt16LE((x1 - x0) & 0xffff, at + 2);
        prevX1 = x1;
        at += 4;
      } else {
        buf.writeUInt16LE(q(b[i * 4]!, width), at);
        buf.writeUInt16LE(q(b[i * 4 + 1]!, height), at + 2);
        buf.writeUInt16LE(q(b[i * 4 + 2]!, width), at + 4);
        buf.writeUInt16LE(q(b[i * 4 + 3]!, height), at + 6);
        at += 8;
      }
    }
  });
  return new Uint8Array(zlib.deflateRawSync(buf.subarray(0, at), { level: 1 }));
}

export function decodeBoxes(blob: Uint8Array): PageBoxes {
  const buf = zlib.inflateRawSync(blob);
  const version = buf.readUInt8(0);
  if (version !== 1 && version !== 2) throw new Error(`page boxes of version ${version} are not known`);
  const width = buf.readFloatLE(4);
  const height = buf.readFloatLE(8);
  const count = buf.readUInt32LE(12);
  const lines: PageBoxes['lines'] = [];
  let at = HEADER;
  const x = (v: number) => (v / SCALE) * width;
  const y = (v: number) => (v / SCALE) * height;
  for (let l = 0; l < count; l++) {
    const start = buf.readUInt32LE(at);
    const n = buf.readUInt16LE(at + 4);
    const kind = buf.readUInt8(at + 6);
    const y0 = y(buf.readUInt16LE(at + 8));
    const y1 = y(buf.readUInt16LE(at + 10));
    at += LINE;
    const boxes = new Float32Array(n * 4);
    let prevX1 = 0;
    for (let i = 0; i < n; i++) {
      if (kind === 0) {
        let x0 = buf.readUInt16LE(at);
        let x1 = buf.readUInt16LE(at + 2);
        if (version === 2) {
          x0 = (prevX1 + buf.readInt16LE(at)) & 0xffff;
          x1 = (x0 + x1) & 0xffff;
          prevX1 = x1;
        }
        boxes.set([x(x0), y0, x(x1), y1], i * 4);
        at += 4;
      } else {
        boxes.set([x(buf.readUInt16LE(at)), y(buf.readUInt16LE(at + 2)), x(buf.readUInt16LE(at + 4)), y(buf.readUInt16LE(at + 6))], i * 4);
        at += 8;
      }
    }
    lines.push({ start, boxes });
  }
  return { width, height, lines };
}

/** The boxes of text offsets [from, to) (e.g. a quote), one per line it touches, in points. */
export function boxesOf(page: PageBoxes, from: number, to: number): Array<[number, number, number, number]> {
  const out: Array<[number, number, number, number]> = [];
  for (const line of page.lines) {
    const a = Math.max(from, line.start);
    const b = Math.min(to, line.start + line.boxes.length / 4);
    if (a >= b) continue;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (let i = a - line.start; i < b - line.start; i++) {
      x0 = Math.min(x0, line.boxes[i * 4]!);
      y0 = Math.min(y0, line.boxes[i * 4 + 1]!);
      x1 = Math.max(x1, line.boxes[i * 4 + 2]!);
      y1 = Math.max(y1, line.boxes[i * 4 + 3]!);
    }
    out.push([x0, y0, x1, y1]);
  }
  return out;
}
