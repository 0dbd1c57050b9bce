/**
 * Page images made ready for OCR, through sharp (libvips): decoded to one grey channel, turned
 * upright (90/180/270) and straightened (deskew), upscaled when the text is small, the paper's
 * uneven light flattened, speckle removed, and binarised. The pixel operations are libvips's, which
 * works in its own threads; what libvips has no operation for needs a loop over pixels — skew by
 * projection profiles, line pitch, Otsu's threshold (on a small copy), dividing out the paper's
 * background (measure.ts) — and runs in a thread of its own (prep.thread.ts), never on the main
 * thread. Decoding and measuring a page costs about a tenth of a second — OCR costs seconds.
 *
 * Images go out as PGM (a 15-byte header on the pixels), which both OCR engines read without any
 * compression on the way.
 */
import type sharpType from 'sharp';
import { createIdleThread } from '../threads/idle-thread';
import { threadModule } from '../threads/thread';
import type { PageMeasure } from './measure';

export interface Grey {
  data: Buffer;
  width: number;
  height: number;
  /** The resolution the image declares (or was rendered at); null when unknown. */
  dpi: number | null;
  /** Turned by its EXIF orientation while decoding (the bytes as stored are not the upright page). */
  reoriented?: boolean;
  /** Stretched to square pixels while decoding (a fax's 204 × 98 dpi): the bytes as stored are squashed. */
  squared?: boolean;
}

let sharpModule: typeof sharpType | null = null;
/** Loaded on first use: importing this module starts nothing. One libvips thread per image: CPU slots ration the cores. */
function sharp(): typeof sharpType {
  if (!sharpModule) {
    sharpModule = require('sharp') as typeof sharpType;
    sharpModule.concurrency(1);
    sharpModule.cache(false);
  }
  return sharpModule;
}

const raw = (g: Grey) => sharp()(g.data, { raw: { width: g.width, height: g.height, channels: 1 } });

async function toGrey(s: ReturnType<typeof sharpType>, dpi: number | null): Promise<Grey> {
  const { data, info } = await s.toColourspace('b-w').extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, dpi };
}

const PGM_HEADER = /^P5\s+(\d+)\s+(\d+)\s+255\s/;
export const isPgm = (image: Buffer) => PGM_HEADER.test(image.subarray(0, 40).toString('latin1'));

/** The pixels of a PGM (as the PDF engine renders and `toPgm` writes them); null when it is cut short. */
function fromPgm(image: Buffer, dpi: number | null): Grey | null {
  const pgm = PGM_HEADER.exec(image.subarray(0, 40).toString('latin1'));
  if (!pgm) return null;
  const width = Number(pgm[1]);
  const height = Number(pgm[2]);
  const start = pgm[0].length;
  if (image.length - start < width * height) return null;
  return { data: image.subarray(start, start + width * height), width, height, dpi };
}

/**
 * A PGM as an uncompressed grey TIFF that declares its resolution (a PGM cannot), for a reader
 * that cannot be told it otherwise; null when `image` is no whole PGM.
 */
export async function pgmAsTiff(image: Buffer, dpi: number): Promise<Buffer | null> {
  const g = fromPgm(image, dpi);
  if (!g) return null;
  const perMm = dpi / 25.4;
  return raw(g).toColourspace('b-w').tiff({ compression: 'none', resolutionUnit: 'inch', xres: perMm, yres: perMm }).toBuffer();
}

/** Largest image decoded for OCR; the extractors refuse larger ones before this. */
const MAX_PIXELS = 100_000_000;

/**
 * The image as one grey channel (alpha flattened onto white, EXIF orientation applied), or null
 * when libvips cannot decode it (the OCR engine then gets the bytes as they are).
 */
export async function decodeGrey(image: Buffer, dpi?: number): Promise<Grey | null> {
  if (isPgm(image)) return fromPgm(image, dpi ?? null);
  try {
    const s = sharp()(image, { failOn: 'none', limitInputPixels: MAX_PIXELS, autoOrient: true });
    const meta = await s.metadata();
    const declared = meta.density && meta.density >= 50 && meta.density <= 1200 && meta.density !== 72 ? meta.density : null;
    let g = await toGrey(s.flatten({ background: '#ffffff' }), dpi ?? declared);
    const res = meta.format === 'tiff' && (meta.orientation ?? 1) <= 4 ? tiffResolution(image) : null;
    if (res && Math.abs(res.x / res.y - 1) > 0.1) {
      // Fewer rows than columns an inch (or the other way): letters squashed flat, and OCR reads
      // them poorly. Stretched to the finer of the two resolutions: a bilevel fax by repeating its
      // rows, as a fax machine prints a standard-resolution page (interpolating 1-bit rows blurred
      // the letters only up and down: the fax page read 89 % so, 91.5 % with its rows repeated);
      // a grey or colour scan by interpolation.
      const [width, height] = res.x > res.y ? [g.width, Math.round((g.height * res.x) / res.y)] : [Math.round((g.width * res.y) / res.x), g.height];
      const finer = declared ? Math.round((declared * Math.max(res.x, res.y)) / res.x) : null;
      const kernel = meta.bitsPerSample === 1 ? 'nearest' : 'mitchell';
      g = { ...(await toGrey(raw(g).resize(width, height, { fit: 'fill', kernel }), dpi ?? finer)), squared: true };
    }
    return (meta.orientation ?? 1) > 1 ? { ...g, reoriented: true } : g;
  } catch {
    return null;
  }
}

/**
 * The horizontal and vertical resolution a TIFF declares for its first page (tags 282 and 283,
 * in whatever unit: only their ratio is used); null when it is no classic TIFF or lacks either.
 * libvips reads only the horizontal one into the metadata sharp gives.
 */
export function tiffResolution(bytes: Buffer): { x: number; y: number } | null {
  if (bytes.length < 8) return null;
  const order = bytes.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return null;
  const le = order === 'II';
  const u16 = (at: number) => (le ? bytes.readUInt16LE(at) : bytes.readUInt16BE(at));
  const u32 = (at: number) => (le ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at));
  if (u16(2) !== 42) return null; // 43 is BigTIFF: not read here
  const ifd = u32(4);
  if (ifd + 2 > bytes.length) return null;
  const found: Record<number, number> = {};
  for (let i = 0, n = u16(ifd); i < n; i++) {
    const at = ifd + 2 + i * 12;
    if (at + 12 > bytes.length) break;
    const tag = u16(at);
    if ((tag !== 282 && tag !== 283) || u16(at + 2) !== 5) continue; // RATIONAL: two uint32 elsewhere
    const value = u32(at + 8);
    if (value + 8 > bytes.length) continue;
    const den = u32(value + 4);
    if (den > 0) found[tag] = u32(value) / den;
  }
  const x = found[282];
  const y = found[283];
  return x && y ? { x, y } : null;
}

export function toPgm(g: Grey): Buffer {
  return Buffer.concat([Buffer.from(`P5\n${g.width} ${g.height}\n255\n`, 'latin1'), g.data]);
}

/** Turned by a multiple of 90° clockwise, exactly. */
export async function turn(g: Grey, degrees: number): Promise<Grey> {
  const d = ((degrees % 360) + 360) % 360;
  if (d === 0) return g;
  return toGrey(raw(g).rotate(d), g.dpi);
}

/** A band of the page: rows `top` to `top + height`, full width (clamped to the page). */
export async function band(g: Grey, top: number, height: number): Promise<Grey> {
  const t = Math.max(0, Math.min(g.height - 1, Math.round(top)));
  const h = Math.max(1, Math.min(g.height - t, Math.round(height)));
  return toGrey(raw(g).extract({ left: 0, top: t, width: g.width, height: h }), g.dpi);
}

/** Straightened: turned by −skew (skew: degrees the lines are turned clockwise), white at the corners. */
export async function deskew(g: Grey, skew: number): Promise<Grey> {
  if (Math.abs(skew) < 0.05) return g;
  return toGrey(raw(g).rotate(-skew, { background: '#ffffff' }), g.dpi);
}

/** Scaled by `factor` (Lanczos), its declared resolution with it. */
export async function upscale(g: Grey, factor: number): Promise<Grey> {
  if (factor <= 1.01) return g;
  const width = Math.round(g.width * factor);
  const height = Math.round(g.height * factor);
  return toGrey(raw(g).resize(width, height, { fit: 'fill', kernel: 'lanczos3' }), g.dpi ? Math.round(g.dpi * factor) : null);
}

/** Speckle removed: a 3×3 median drops dots smaller than a letter's stroke. */
export async function despeckle(g: Grey): Promise<Grey> {
  return toGrey(raw(g).median(3), g.dpi);
}

/** Blurred (Gaussian, `sigma` pixels): JPEG ringing and grain melt into the strokes before a threshold. */
export async function smooth(g: Grey, sigma: number): Promise<Grey> {
  return toGrey(raw(g).blur(Math.max(0.3, sigma)), g.dpi);
}

/** Black ink on white at `threshold` (from `measure`, Otsu's level on the flattened page). */
export async function binarise(g: Grey, threshold: number): Promise<Grey> {
  return toGrey(raw(g).threshold(Math.max(1, Math.min(254, threshold)), { grayscale: true }), g.dpi);
}

/**
 * The per-pixel work that libvips has no operation for, done in the prep thread (prep.thread.ts):
 * measuring a page (measure.ts) and flattening its light.
 */
export interface Prep {
  /**
   * Skew, orientation, line pitch (in pixels of `g`) and Otsu's threshold, measured on a small
   * flattened copy; with how uneven the paper's light is (the spread of its background, 0–255)
   * and how grainy the paper is (on the copy before flattening).
   */
  measure(g: Grey): Promise<PageMeasure & { uneven: number }>;
  /**
   * The paper made evenly white: the background (the page shrunk 16×, its text removed by a
   * median, blurred) divided out. Yellowed paper, a shadow across a photographed page and grey
   * ink all come out as dark ink on white.
   */
  flatten(g: Grey): Promise<Grey>;
  close(): void;
}

/**
 * The prep thread (../threads/idle-thread.ts: started on first use, stopped when idle for a while,
 * replaced on the next page when it dies).
 */
export function createPrep(opts: { timeoutMs?: number } = {}): Prep {
  const thread = createIdleThread({
    code: { module: threadModule(__filename, 'prep.thread') },
    heapMb: 256,
    onDeath: ({ outOfMemory, message }) => new Error(outOfMemory ? 'preparing the page for OCR needed too much memory' : `the OCR preparation thread stopped: ${message}`),
  });
  const call = <T>(request: Record<string, unknown>, transfer: ArrayBuffer[]) =>
    thread.call<T>(request, { transfer, timeoutMs: opts.timeoutMs ?? 30_000, onTimeout: () => new Error('preparing the page for OCR took too long') });

  async function flattened(g: Grey): Promise<{ flat: Grey; uneven: number }> {
    const bw = Math.max(4, Math.round(g.width / 16));
    const bh = Math.max(4, Math.round(g.height / 16));
    const bg = new Uint8Array((await toGrey(raw(g).resize(bw, bh, { fit: 'fill', kernel: 'cubic' }).median(7).blur(2), null)).data);
    // The spread of the background (a thumbnail of a few thousand pixels) between its 20th and 95th
    // percentile: a shadow across the page, not a speck, a dark border or a picture in a corner.
    const sorted = Uint8Array.from(bg).sort();
    const uneven = sorted[Math.floor(sorted.length * 0.95)]! - sorted[Math.floor(sorted.length * 0.2)]!;
    const data = new Uint8Array(g.data); // a copy of its own: it is moved to the thread and back
    const out = await call<Uint8Array>({ op: 'divide', data, width: g.width, height: g.height, bg, bw, bh }, [data.buffer, bg.buffer]);
    return { flat: { data: Buffer.from(out.buffer, out.byteOffset, out.byteLength), width: g.width, height: g.height, dpi: g.dpi }, uneven };
  }
  const flatten = async (g: Grey) => (await flattened(g)).flat;

  /** On a copy at most 1000 pixels wide (line pitch needs pixels), its light flattened (else the dark edge of a photographed page is "ink"). */
  async function measure(g: Grey): Promise<PageMeasure & { uneven: number }> {
    const max = 1000;
    const scale = g.width > max ? max / g.width : 1;
    const small = scale < 1 ? await toGrey(raw(g).resize(max, Math.max(1, Math.round(g.height * scale)), { fit: 'fill', kernel: 'cubic' }), null) : g;
    const { flat, uneven } = await flattened(small);
    const unflattened = new Uint8Array(small.data); // a copy: `small` may be the caller's page itself
    const m = await call<PageMeasure>({ op: 'measure', data: flat.data, width: flat.width, height: flat.height, unflattened }, [flat.data.buffer as ArrayBuffer, unflattened.buffer]);
    return { ...m, lineHeight: m.lineHeight / scale, uneven };
  }

  return {
    measure,
    flatten,
    close: () => thread.close(),
  };
}
