/**
 * The code of a MuPDF thread (started by mupdf.engine.ts through ../threads/thread.ts): the only
 * place that loads MuPDF.js. It keeps one document open (a thread is asked for pages of the file it
 * has open, so opening is paid once per thread and file) and answers, in order:
 *   open   → page count, metadata, password state
 *   text   → for each asked page: its text and the box of each character (page-boxes.ts)
 *   render → one page as pixels: grayscale PGM for OCR, PNG for page images
 *   close  → drops the document
 * The thread runs below the web server's priority (../threads/priority.ts).
 *
 * MuPDF.js is an ES module and these threads run CommonJS, so it is loaded with a real dynamic
 * `import()` kept out of the compiler's reach. Its per-character walker builds objects for every
 * glyph (font, colour, quad) and is 3× slower than reading the text; the loop below reads the same
 * structured text through the module's own accessors instead (`$libmupdf_wasm_Module` is the hook
 * the package reads its Emscripten options from; the instance is filled in on that object).
 */
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parentPort } from 'node:worker_threads';
import { lowerThreadPriority } from '../threads/priority';
import { encodeBoxes, type LineBoxes } from './page-boxes';

type Mupdf = typeof import('mupdf', { with: { 'resolution-mode': 'import' } });
type MuDocument = InstanceType<Mupdf['Document']>;

/** The accessors of the Emscripten module this code uses (part of the package's compiled API). */
interface Lib {
  HEAPF32: Float32Array;
  _wasm_stext_page_get_first_block(p: number): number;
  _wasm_stext_block_get_next(b: number): number;
  _wasm_stext_block_get_type(b: number): number;
  _wasm_stext_block_get_bbox(b: number): number;
  _wasm_stext_block_get_first_line(b: number): number;
  _wasm_stext_block_get_image(b: number): number;
  _wasm_stext_line_get_next(l: number): number;
  _wasm_stext_line_get_first_char(l: number): number;
  _wasm_stext_char_get_next(c: number): number;
  _wasm_stext_char_get_c(c: number): number;
  _wasm_stext_char_get_quad(c: number): number;
  _wasm_image_get_w(i: number): number;
  _wasm_image_get_h(i: number): number;
}

const esmImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<Mupdf>;
const BLOCK_TEXT = 0;
const BLOCK_IMAGE = 1;

export interface OpenReply {
  total: number;
  info: Record<string, string>;
  encrypted: boolean;
}

export interface TextPage {
  n: number;
  text: string;
  /** page-boxes.ts encoding; null when the page has no text. */
  boxes: Uint8Array | null;
}

export interface RenderReply {
  data: Uint8Array;
  width: number;
  height: number;
  dpi: number;
}

let mupdf: Mupdf;
let lib: Lib;
let open: { key: string; doc: MuDocument; total: number; encrypted: boolean } | null = null;

async function load(): Promise<void> {
  if (mupdf) return;
  const hook = globalThis as unknown as { $libmupdf_wasm_Module?: object };
  hook.$libmupdf_wasm_Module ??= {};
  mupdf = await esmImport(pathToFileURL(require.resolve('mupdf')).href);
  lib = hook.$libmupdf_wasm_Module as Lib;
  mupdf.setLog(() => {}); // warnings about damaged files are expected; outcomes say what matters
  lowerThreadPriority();
}

class PasswordError extends Error {
  constructor(readonly wrong: boolean) {
    super(wrong ? 'The password is not correct for this PDF.' : 'This PDF is encrypted: it needs a password to be read.');
    this.name = 'PasswordError';
  }
}

function documentOf(file: string, password: string | undefined): MuDocument {
  const key = `${file}\u0000${password ?? ''}`;
  if (open?.key === key) return open.doc;
  close();
  const stream = fileStream(file);
  let doc: MuDocument;
  try {
    doc = mupdf.Document.openDocument(stream, 'application/pdf');
  } finally {
    stream.destroy(); // the document holds its own reference; left to the GC, a late drop frees it twice
  }
  // Asked once, before authenticating: asking again afterwards undoes the authentication.
  const encrypted = doc.needsPassword();
  if (encrypted) {
    if (!password || !doc.authenticatePassword(password)) {
      doc.destroy();
      throw new PasswordError(Boolean(password));
    }
  }
  // Counted once, at once (an encrypted file asked before authenticating reports 0 pages for good).
  open = { key, doc, total: doc.countPages(), encrypted };
  return doc;
}

/**
 * The file as a MuPDF stream read on demand: a document is never copied whole into the thread's
 * memory (a 500 MB original costs what its pages need, not 500 MB per thread).
 */
function fileStream(file: string): InstanceType<Mupdf['Stream']> {
  const fd = fs.openSync(file, 'r');
  const size = fs.fstatSync(fd).size;
  let closed = false;
  return new mupdf.Stream({
    fileSize: () => size,
    read: (memory: Uint8Array, offset: number, length: number, position: number) => fs.readSync(fd, memory, offset, length, position),
    close: () => {
      if (!closed) fs.closeSync(fd);
      closed = true;
    },
  });
}

function close(): void {
  open?.doc.destroy();
  open = null;
}

function info(doc: MuDocument, total: number, encrypted: boolean): OpenReply {
  const meta: Record<string, string> = {};
  for (const [key, name] of [['info:Title', 'Title'], ['info:Author', 'Author'], ['info:CreationDate', 'CreationDate']] as const) {
    const v = doc.getMetaData(key);
    if (v) meta[name] = v;
  }
  return { total, info: meta, encrypted };
}

/** Text and character boxes of one page: lines joined by "\n", no leading or trailing blanks. */
function readPage(doc: MuDocument, n: number): TextPage {
  const page = doc.loadPage(n - 1);
  const [bx0, by0, bx1, by1] = page.getBounds();
  const stext = page.toStructuredText('');
  try {
    const parts: string[] = [];
    const lines: LineBoxes[] = [];
    let length = 0;
    const H = () => lib.HEAPF32; // the heap may grow (and move) while reading
    for (let b = lib._wasm_stext_page_get_first_block(stext.pointer); b; b = lib._wasm_stext_block_get_next(b)) {
      if (lib._wasm_stext_block_get_type(b) !== BLOCK_TEXT) continue;
      for (let l = lib._wasm_stext_block_get_first_line(b); l; l = lib._wasm_stext_line_get_next(l)) {
        let line = '';
        const boxes: number[] = [];
        for (let c = lib._wasm_stext_line_get_first_char(l); c; c = lib._wasm_stext_char_get_next(c)) {
          const code = lib._wasm_stext_char_get_c(c);
          if (code === 0 || (code === 0x20 && line.length === 0)) continue;
          const ch = String.fromCodePoint(code);
          const a = lib._wasm_stext_char_get_quad(c) >> 2;
          const h = H();
          const x0 = Math.min(h[a]!, h[a + 4]!, h[a + 2]!, h[a + 6]!) - bx0;
          const y0 = Math.min(h[a + 1]!, h[a + 3]!, h[a + 5]!, h[a + 7]!) - by0;
          const x1 = Math.max(h[a]!, h[a + 4]!, h[a + 2]!, h[a + 6]!) - bx0;
          const y1 = Math.max(h[a + 1]!, h[a + 3]!, h[a + 5]!, h[a + 7]!) - by0;
          for (let u = 0; u < ch.length; u++) boxes.push(x0, y0, x1, y1);
          line += ch;
        }
        const trimmed = line.trimEnd();
        if (!trimmed) continue;
        if (parts.length > 0) length += 1; // the "\n" before this line
        lines.push({ start: length, boxes: boxes.slice(0, trimmed.length * 4) });
        parts.push(trimmed);
        length += trimmed.length;
      }
    }
    const text = parts.join('\n');
    return { n, text, boxes: text ? encodeBoxes(bx1 - bx0, by1 - by0, lines) : null };
  } finally {
    stext.destroy();
    page.destroy();
  }
}

/**
 * The resolution of a scan: a page whose largest image covers most of it is rendered at that
 * image's own resolution (within 150–300 dpi), since OCR reads a scan best at the resolution it was
 * scanned at and gains nothing from upsampling; other pages at `fallback`.
 */
function scanDpi(doc: MuDocument, n: number, fallback: number): number {
  const page = doc.loadPage(n - 1);
  const [bx0, by0, bx1, by1] = page.getBounds();
  const stext = page.toStructuredText('preserve-images');
  try {
    let best = 0;
    let dpi = fallback;
    for (let b = lib._wasm_stext_page_get_first_block(stext.pointer); b; b = lib._wasm_stext_block_get_next(b)) {
      if (lib._wasm_stext_block_get_type(b) !== BLOCK_IMAGE) continue;
      const r = lib._wasm_stext_block_get_bbox(b) >> 2;
      const h = lib.HEAPF32;
      const w = h[r + 2]! - h[r]!;
      const ht = h[r + 3]! - h[r + 1]!;
      if (w * ht <= best) continue;
      best = w * ht;
      const img = lib._wasm_stext_block_get_image(b);
      if (img && w > 0) dpi = (lib._wasm_image_get_w(img) / w) * 72;
    }
    const covers = best >= 0.5 * (bx1 - bx0) * (by1 - by0);
    return covers ? Math.round(Math.max(150, Math.min(300, dpi))) : fallback;
  } finally {
    stext.destroy();
    page.destroy();
  }
}

function render(doc: MuDocument, m: { n: number; dpi: number | 'scan'; maxPixels: number; gray: boolean }): RenderReply {
  let dpi = m.dpi === 'scan' ? scanDpi(doc, m.n, 150) : m.dpi;
  const page = doc.loadPage(m.n - 1);
  try {
    const [x0, y0, x1, y1] = page.getBounds();
    const area = (x1 - x0) * (y1 - y0);
    if (area * (dpi / 72) ** 2 > m.maxPixels) dpi = Math.sqrt(m.maxPixels / area) * 72;
    const scale = dpi / 72;
    const pix = page.toPixmap(mupdf.Matrix.scale(scale, scale), m.gray ? mupdf.ColorSpace.DeviceGray : mupdf.ColorSpace.DeviceRGB, false, true);
    try {
      const width = pix.getWidth();
      const height = pix.getHeight();
      if (!m.gray) return { data: new Uint8Array(pix.asPNG()), width, height, dpi };
      // A PGM is the bitmap with a 15-byte header: no compression on the way to OCR.
      const header = Buffer.from(`P5\n${width} ${height}\n255\n`, 'latin1');
      const data = new Uint8Array(header.length + width * height);
      data.set(header, 0);
      const stride = pix.getStride();
      const pixels = pix.getPixels();
      for (let row = 0; row < height; row++) data.set(pixels.subarray(row * stride, row * stride + width), header.length + row * width);
      return { data, width, height, dpi };
    } finally {
      pix.destroy();
    }
  } finally {
    page.destroy();
  }
}

/** Pages of one file, as a `text` request reads them (the warm-up runs the same function). */
function readPages(doc: MuDocument, pages: readonly number[]): TextPage[] {
  return pages.map((n) => readPage(doc, n));
}

/**
 * Reads a few pages made here, over and over: V8 first runs MuPDF's WebAssembly and this reader
 * unoptimised and compiles the hot parts as they run, so a thread that has only started reads its
 * first file at two thirds of its speed (a 500-page PDF took 1.85 s instead of 1.2 s). The pages
 * are set in the standard fonts generated letters use, saved compressed and opened again, and
 * read in batches through `readPages`. With one uncompressed font read 15 times outside that path,
 * the first 500-page upload after a start took 1.12–1.33 s against 0.82–0.95 s for the next; now
 * 0.98–1.07 s. The warm-up takes ~2.6 s of both cores at start (0.9 s before), off every request.
 */
function exercise(): void {
  const made = new mupdf.PDFDocument();
  let doc: MuDocument | null = null;
  try {
    const fonts: Record<string, unknown> = {};
    EXERCISE_FONTS.forEach((name, i) => (fonts[`F${i}`] = made.addSimpleFont(new mupdf.Font(name))));
    const resources = made.addObject({ Font: fonts });
    const line = 'Redegørelse om aktindsigt i kommunens udbud af skoleområdet, 12. marts 2024, j.nr. 2024-118.';
    for (let p = 0; p < EXERCISE_PAGES; p++) {
      const content = `BT /F${p % EXERCISE_FONTS.length} 10 Tf 12 TL 56 800 Td ${Array.from({ length: 60 }, () => `(${line}) '`).join(' ')} ET`;
      made.insertPage(-1, made.addPage([0, 0, 595, 842], 0, resources, content));
    }
    doc = mupdf.Document.openDocument(made.saveToBuffer('compress'), 'application/pdf');
    const all = Array.from({ length: EXERCISE_PAGES }, (_, i) => i + 1);
    for (let round = 0; round < EXERCISE_ROUNDS; round++) {
      for (let at = 0; at < all.length; at += EXERCISE_BATCH) readPages(doc, all.slice(at, at + EXERCISE_BATCH));
    }
  } finally {
    doc?.destroy();
    made.destroy();
  }
}
const EXERCISE_FONTS = ['Helvetica', 'Times-Roman', 'Helvetica-Bold', 'Courier'];
const EXERCISE_PAGES = 8;
const EXERCISE_BATCH = 4;
const EXERCISE_ROUNDS = 60;

type Request =
  | { op: 'ping'; exercise?: boolean }
  | { op: 'open'; file: string; password?: string }
  | { op: 'text'; file: string; password?: string; pages: number[] }
  | { op: 'render'; file: string; password?: string; n: number; dpi: number | 'scan'; maxPixels: number; gray: boolean }
  | { op: 'close' };

async function handle(m: Request): Promise<{ reply: unknown; transfer?: ArrayBuffer[] }> {
  await load();
  switch (m.op) {
    case 'ping':
      if (m.exercise) exercise();
      return { reply: 'ready' };
    case 'open': {
      const doc = documentOf(m.file, m.password);
      return { reply: info(doc, open!.total, open!.encrypted) };
    }
    case 'text': {
      const doc = documentOf(m.file, m.password);
      const pages = readPages(doc, m.pages);
      return { reply: pages, transfer: pages.flatMap((p) => (p.boxes ? [p.boxes.buffer as ArrayBuffer] : [])) };
    }
    case 'render': {
      const out = render(documentOf(m.file, m.password), m);
      return { reply: out, transfer: [out.data.buffer as ArrayBuffer] };
    }
    case 'close':
      close();
      return { reply: {} };
  }
}

const port = parentPort!;
let chain = Promise.resolve();
port.on('message', (m: Request & { id: number }) => {
  chain = chain.then(() => handle(m)).then(
    ({ reply, transfer }) => port.postMessage({ id: m.id, reply }, transfer ?? []),
    (e: Error) => port.postMessage({ id: m.id, error: { name: String(e?.name ?? 'Error'), message: String(e?.message ?? e) } }),
  );
});
