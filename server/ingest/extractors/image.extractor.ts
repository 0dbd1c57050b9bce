/**
 * Images (PNG, JPEG, TIFF, WebP), read by OCR through the worker pool: one page per image, or per
 * frame of a multi-page TIFF. Image sizes are read from the headers before anything is decoded, so
 * a decompression bomb (a tiny file declaring a gigapixel image) is refused instead of exhausting
 * memory. PNG, JPEG and WebP — and single-frame TIFFs Leptonica can read — go to the OCR thread
 * as they are; multi-frame TIFFs are split with utif2 and each frame encoded to PNG with pngjs.
 * That decoding runs on the main thread, one frame at a time, yielding between frames.
 */
import fs from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { PNG } from 'pngjs';
import * as UTIF from 'utif2';
import type { OcrPool } from '../ocr/ocr-pool';
import { ocrPageOf, rememberedOcr } from './ocr-page';
import type { ExtractedPage, ExtractionContext, ExtractionOutcome, Extractor } from './extractor';

export interface ImageLimits {
  /** Most frames (pages) read from one TIFF. */
  maxImageFrames: number;
  /** Most pixels of one image or frame. */
  maxImagePixels: number;
}

/** A reason a journalist can read, returned as `failed`. */
class Unreadable extends Error {}

interface Size {
  width: number;
  height: number;
}

/** Width and height from a PNG, JPEG or WebP header, or null when the header is not readable. */
export function imageSize(b: Buffer, mediaType: string): Size | null {
  if (mediaType === 'image/png') {
    return b.length >= 24 && b.toString('latin1', 12, 16) === 'IHDR' ? { width: b.readUInt32BE(16), height: b.readUInt32BE(20) } : null;
  }
  if (mediaType === 'image/webp' && b.length >= 30) {
    const chunk = b.toString('latin1', 12, 16);
    if (chunk === 'VP8 ') return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
    if (chunk === 'VP8L') {
      const bits = b.readUInt32LE(21);
      return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    if (chunk === 'VP8X') return { width: b.readUIntLE(24, 3) + 1, height: b.readUIntLE(27, 3) + 1 };
    return null;
  }
  if (mediaType === 'image/jpeg') {
    // Walk the marker segments to the first start-of-frame, which holds the dimensions.
    let at = 2;
    while (at + 9 < b.length) {
      if (b[at] !== 0xff) {
        at++; // stray bytes between segments: some writers leave them, decoders skip them
        continue;
      }
      const marker = b[at + 1]!;
      if (marker === 0xda) return null; // image data starts: a frame header should have come first
      if (marker === 0xff) {
        at++; // fill byte
        continue;
      }
      if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
        at += 2; // markers without a length
        continue;
      }
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
        return { width: b.readUInt16BE(at + 7), height: b.readUInt16BE(at + 5) };
      }
      at += 2 + b.readUInt16BE(at + 2);
    }
  }
  return null;
}

/**
 * Counts the TIFF's page directories by walking their chain. utif2 follows the same chain without
 * checking for loops, so a hostile file could make it spin forever; we refuse such files first.
 */
function countTiffFrames(b: Buffer, max: number): number {
  const le = b.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number) => (le ? b.readUInt16LE(at) : b.readUInt16BE(at));
  const u32 = (at: number) => (le ? b.readUInt32LE(at) : b.readUInt32BE(at));
  const seen = new Set<number>();
  for (let at = u32(4); at !== 0; ) {
    if (seen.has(at) || at + 2 > b.length) throw new Unreadable('The TIFF is damaged: its page list is broken.');
    if (seen.size >= max) throw new Unreadable(`The TIFF has more than ${max} pages; Kilde reads at most ${max}.`);
    seen.add(at);
    const next = at + 2 + u16(at) * 12;
    if (next + 4 > b.length) throw new Unreadable('The TIFF is damaged: its page list is broken.');
    at = u32(next);
  }
  return seen.size;
}

function tiffFrames(b: Buffer, limits: ImageLimits): UTIF.IFD[] {
  if (b.length < 8) throw new Unreadable('The TIFF is truncated.');
  countTiffFrames(b, limits.maxImageFrames);
  let ifds: UTIF.IFD[];
  try {
    ifds = UTIF.decode(b);
  } catch (err) {
    throw new Unreadable(`The TIFF is damaged (${(err as Error).message}).`);
  }
  // Directories without a size are not pictures; bit 0 of NewSubfileType marks thumbnails.
  const frames = ifds.filter((f) => Array.isArray(f.t256) && Array.isArray(f.t257) && !((Number((f.t254 as number[] | undefined)?.[0]) || 0) & 1));
  if (frames.length === 0) throw new Unreadable('The TIFF contains no image.');
  for (const f of frames) checkPixels({ width: Number((f.t256 as number[])[0]), height: Number((f.t257 as number[])[0]) }, limits);
  return frames;
}

function checkPixels(size: Size, limits: ImageLimits): void {
  if (size.width < 1 || size.height < 1) throw new Unreadable('The image has no pixels.');
  if (size.width * size.height > limits.maxImagePixels) {
    throw new Unreadable(`The image is ${size.width}×${size.height} pixels; Kilde reads images of at most ${limits.maxImagePixels} pixels.`);
  }
}

/** One TIFF frame as an 8-bit grey PNG: alpha flattened onto white, no filtering (fast to write). */
function frameToPng(b: Buffer, frame: UTIF.IFD): Buffer {
  try {
    UTIF.decodeImage(b, frame);
    const rgba = UTIF.toRGBA8(frame);
    const n = frame.width * frame.height;
    const grey = Buffer.allocUnsafe(n);
    for (let i = 0, j = 0; i < n; i++, j += 4) {
      const luma = (rgba[j]! * 77 + rgba[j + 1]! * 150 + rgba[j + 2]! * 29) >> 8;
      grey[i] = 255 - (((255 - luma) * rgba[j + 3]!) >> 8);
    }
    return PNG.sync.write({ width: frame.width, height: frame.height, data: grey } as PNG, { colorType: 0, inputColorType: 0, filterType: 0, deflateLevel: 1 });
  } catch (err) {
    throw new Unreadable(`A page of the TIFF could not be decoded (${(err as Error).message}).`);
  }
}

/**
 * Page `n` (1-based) of a TIFF as a PNG, for the page image shown beside the OCR text; null when
 * the TIFF has no such page. Throws an Error with a readable message when the TIFF is damaged.
 */
export function tiffPageToPng(b: Buffer, n: number, limits: ImageLimits): Buffer | null {
  const frames = tiffFrames(b, limits);
  const frame = Number.isInteger(n) && n >= 1 ? frames[n - 1] : undefined;
  return frame ? frameToPng(b, frame) : null;
}

/** Leptonica's answer for bytes it cannot decode; anything else (crash, timeout) is not the file's fault. */
const isUnreadableImage = (err: unknown) => err instanceof Error && /read image/i.test(err.message);

export function createImageExtractor(deps: { ocr: OcrPool; limits: ImageLimits }): Extractor {
  const { ocr, limits } = deps;

  async function recognize(image: Buffer, number: number, ctx: ExtractionContext): Promise<ExtractedPage> {
    return ocrPageOf(number, rememberedOcr(await ocr.recognize(image, { signal: ctx.signal })));
  }

  async function readTiff(b: Buffer, ctx: ExtractionContext): Promise<ExtractedPage[]> {
    const frames = tiffFrames(b, limits);
    if (frames.length === 1) {
      // Leptonica reads most single-page TIFFs (G4 faxes, LZW) in the OCR thread: no work here.
      try {
        const page = await recognize(b, 1, ctx);
        ctx.onProgress(1, 1, 'ocr');
        return [page];
      } catch (err) {
        if (!isUnreadableImage(err)) throw err;
      }
    }
    const pages: ExtractedPage[] = [];
    for (const [i, frame] of frames.entries()) {
      await nextTurn(); // let requests through between frames
      ctx.signal.throwIfAborted();
      pages.push(await recognize(frameToPng(b, frame), i + 1, ctx));
      ctx.onProgress(i + 1, frames.length, 'ocr');
    }
    return pages;
  }

  return {
    mediaTypes: ['image/png', 'image/jpeg', 'image/tiff', 'image/webp'],
    async extract(ctx: ExtractionContext): Promise<ExtractionOutcome> {
      try {
        const bytes = await fs.readFile(ctx.path);
        if (ctx.mediaType === 'image/tiff') return { kind: 'ok', pages: await readTiff(bytes, ctx) };
        const size = imageSize(bytes, ctx.mediaType);
        if (!size) throw new Unreadable('The image is damaged: its header cannot be read.');
        checkPixels(size, limits);
        const page = await recognize(bytes, 1, ctx);
        ctx.onProgress(1, 1, 'ocr');
        return { kind: 'ok', pages: [page] };
      } catch (err) {
        if (err instanceof Unreadable) return { kind: 'failed', reason: err.message };
        if (isUnreadableImage(err) && !ctx.signal.aborted) return { kind: 'failed', reason: 'The image is damaged or truncated: it cannot be decoded.' };
        throw err; // aborted, or the OCR pool failed: the job runner retries
      }
    },
  };
}
