import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ExtractedPage, ExtractionContext, ExtractionOutcome, Extractor } from './extractor';

/**
 * PDFs through pdf-parse v2 — the only file that refers to it. Text is read page by page from the
 * text layer; a page whose layer holds too little text (a scan, or a fax with a stamp) is rendered
 * and handed to OCR when an OCR engine is wired in. Encryption and broken files are outcomes, not
 * throws. `renderPage` renders one page to PNG for the page images beside the text.
 *
 * pdf.js runs in reader threads (kept warm between files), never on the server's event loop: a
 * hostile PDF (a JBIG2 bomb in a content stream) keeps pdf.js busy for minutes and takes gigabytes,
 * and even a normal scan takes ~150 ms to render. Each step has a deadline; past it the thread is
 * stopped and the file reported as unreadable, so one file can neither hang nor stall the server.
 * OCR failures are not the file's fault: they are thrown, so the job runner retries.
 */
export interface PageOcr {
  recognize(image: Buffer, opts?: { signal?: AbortSignal }): Promise<{ text: string; confidence: number }>;
}

export interface PdfLimits {
  /** Most pages of one PDF that are OCRed; later pages keep their (thin) text layer. 0 = no limit. */
  maxOcrPages: number;
  /** Deadline for opening the file and for reading one page's text layer. */
  stepTimeoutMs: number;
  /** Deadline for rendering one page. */
  renderTimeoutMs: number;
}

export const DEFAULT_PDF_LIMITS: Readonly<PdfLimits> = Object.freeze({ maxOcrPages: 0, stepTimeoutMs: 20_000, renderTimeoutMs: 60_000 });

/** Fewer letters than this on a page means the text layer is missing or useless. */
const MIN_LETTERS_PER_PAGE = 25;
const RENDER_DPI = 150;
/** A rendered page never exceeds this many pixels (a poster-sized page is scaled down, not rendered at 150 dpi). */
const MAX_RENDER_PIXELS = 25_000_000;
/**
 * pdf.js skips drawing embedded images larger than this: an A3 page scanned at 600 dpi is ~70 MP and
 * must be drawn; a 35000×35000 image in an 11 KB file (1.2 gigapixels) is a bomb, not a page.
 */
const MAX_IMAGE_PIXELS = 100_000_000;
/** The reader's thread gets its own heap limit, so a runaway file ends that thread, not the server. */
const WORKER_HEAP_MB = 1536;

export function createPdfExtractor(deps: { ocr?: PageOcr; limits?: Partial<PdfLimits> } = {}): Extractor {
  const limits: PdfLimits = { ...DEFAULT_PDF_LIMITS, ...deps.limits };
  return {
    mediaTypes: ['application/pdf'],
    async extract(ctx: ExtractionContext): Promise<ExtractionOutcome> {
      const reader = openReader(ctx.path, ctx.password);
      const onAbort = () => reader.abort();
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      try {
        const info = await reader.call({ op: 'info' }, limits.stepTimeoutMs, 'opening the file');
        const total = info.total;
        const pages: ExtractedPage[] = [];
        let ocrDone = 0;
        let ocrSkipped = 0;
        for (let n = 1; n <= total; n++) {
          if (ctx.signal.aborted) throw new Error('extraction aborted');
          const layer = (await reader.call({ op: 'text', n }, limits.stepTimeoutMs, `reading page ${n}`)).text.trim();
          const ocrAllowed = deps.ocr && (limits.maxOcrPages === 0 || ocrDone < limits.maxOcrPages);
          if (letterCount(layer) >= MIN_LETTERS_PER_PAGE || !ocrAllowed) {
            if (deps.ocr && !ocrAllowed && letterCount(layer) < MIN_LETTERS_PER_PAGE) ocrSkipped++;
            ctx.onProgress(n, total, 'text');
            pages.push({ number: n, text: layer, method: 'text', confidence: null });
            continue;
          }
          ctx.onProgress(n - 1, total, 'ocr');
          const shot = await reader.call({ op: 'render', n, dpi: RENDER_DPI, maxPixels: MAX_RENDER_PIXELS }, limits.renderTimeoutMs, `rendering page ${n}`);
          let ocr = { text: '', confidence: 0 };
          try {
            if (shot.png) ocr = await deps.ocr!.recognize(Buffer.from(shot.png), { signal: ctx.signal });
          } catch (err) {
            throw new OcrFailed(err);
          }
          ocrDone++;
          // Keep whichever reading holds more words: a stamp on a text page must not replace its text.
          const useOcr = letterCount(ocr.text) > letterCount(layer);
          pages.push(useOcr
            ? { number: n, text: ocr.text.trim(), method: 'ocr', confidence: ocr.confidence }
            : { number: n, text: layer, method: 'text', confidence: null });
          ctx.onProgress(n, total, 'ocr');
        }
        // The file's creation date is not the letter's date (a 2018 letter scanned in 2023), so it is kept
        // as metadata only; the document date comes from the user or from suggestions.
        const metadata: Record<string, string> = {};
        const created = pdfDate(info.info?.CreationDate);
        if (created) metadata.pdfCreated = created;
        if (typeof info.info?.Author === 'string' && info.info.Author.trim()) metadata.pdfAuthor = info.info.Author.trim().slice(0, 200);
        // Page images of a file that needs a password cannot be drawn later: the password is not kept.
        if (ctx.password && info.encrypted) metadata.passwordProtected = 'yes';
        if (ocrSkipped > 0) metadata.ocrSkippedPages = `${ocrSkipped} (over the limit of ${limits.maxOcrPages} OCR pages per PDF)`;
        return { kind: 'ok', title: cleanTitle(info.info?.Title), pages, metadata };
      } catch (err) {
        if (ctx.signal.aborted) throw new Error('extraction aborted');
        if (err instanceof OcrFailed) throw err.cause;
        return outcomeOf(err, ctx.password);
      } finally {
        ctx.signal.removeEventListener('abort', onAbort);
        await reader.close();
      }
    },
  };
}

export type RenderOutcome =
  | { kind: 'ok'; png: Buffer; width: number; height: number }
  | { kind: 'no_such_page'; pages: number }
  | { kind: 'needs_password'; reason: string }
  | { kind: 'failed'; reason: string };

/** Renders page `n` (1-based) of the PDF at `file` to PNG at 150 dpi (less for oversized pages). */
export async function renderPage(file: string, n: number, password?: string, limits: Partial<PdfLimits> = {}): Promise<RenderOutcome> {
  const l: PdfLimits = { ...DEFAULT_PDF_LIMITS, ...limits };
  const reader = openReader(file, password);
  try {
    const info = await reader.call({ op: 'info' }, l.stepTimeoutMs, 'opening the file');
    if (!Number.isInteger(n) || n < 1 || n > info.total) return { kind: 'no_such_page', pages: info.total };
    const shot = await reader.call({ op: 'render', n, dpi: RENDER_DPI, maxPixels: MAX_RENDER_PIXELS }, l.renderTimeoutMs, `rendering page ${n}`);
    if (!shot.png) return { kind: 'failed', reason: `Page ${n} could not be drawn.` };
    return { kind: 'ok', png: Buffer.from(shot.png), width: shot.width, height: shot.height };
  } catch (err) {
    const outcome = outcomeOf(err, password);
    if (outcome.kind === 'needs_password' || outcome.kind === 'wrong_password') return { kind: 'needs_password', reason: outcome.reason };
    return { kind: 'failed', reason: outcome.kind === 'failed' ? outcome.reason : 'The PDF could not be drawn.' };
  } finally {
    await reader.close();
  }
}

// ---- the reader threads ------------------------------------------------------------------------

type Request =
  | { op: 'info' }
  | { op: 'text'; n: number }
  | { op: 'render'; n: number; dpi: number; maxPixels: number };

interface Replies {
  info: { total: number; encrypted: boolean; info: Record<string, unknown> | null };
  text: { text: string };
  render: { png: Uint8Array | null; width: number; height: number };
}

/** An error from the reader thread, carried across as plain data. */
class ReaderError extends Error {
  constructor(message: string, readonly errorName: string, readonly code?: number) {
    super(message);
  }
}

/** The reader's own failures (deadline, thread died), already worded for people. */
class ReaderStopped extends Error {}

/** The OCR pool failed on a page (timeout, crashed worker): passed on for the job runner to retry. */
class OcrFailed extends Error {
  constructor(override readonly cause: unknown) {
    super('OCR failed');
  }
}

/**
 * The code of a reader thread. It is plain JavaScript run with `eval`, so it needs no build step
 * (the tests run the TypeScript sources) and pdf-parse stays referred to from this file alone.
 * Messages are handled one at a time, in order: `open` a file, then `info`/`text`/`render`, `close`.
 */
const READER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { PDFParse } = require(workerData.lib);
let parser = null;
async function handle(m) {
  if (m.op === 'open') {
    parser = new PDFParse({
      data: new Uint8Array(fs.readFileSync(m.path)),
      password: m.password,
      verbosity: 0,
      maxImageSize: workerData.maxImagePixels,
      isEvalSupported: false,
      // Character maps (CJK fonts such as Identity-V) and the 14 standard fonts, from pdfjs-dist on disk.
      ...(workerData.pdfjsDir ? { cMapUrl: workerData.pdfjsDir + '/cmaps/', cMapPacked: true, standardFontDataUrl: workerData.pdfjsDir + '/standard_fonts/' } : {}),
    });
    return {};
  }
  if (m.op === 'close') {
    const p = parser;
    parser = null;
    if (p) await p.destroy();
    return {};
  }
  if (m.op === 'info') {
    const i = await parser.getInfo();
    const info = {};
    for (const [k, v] of Object.entries(i.info || {})) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') info[k] = v;
    return { total: i.total, encrypted: Boolean(i.info && i.info.EncryptFilterName), info };
  }
  if (m.op === 'text') {
    const r = await parser.getText({ partial: [m.n], pageJoiner: '' });
    return { text: r.getPageText(m.n) };
  }
  if (m.op === 'render') {
    const size = (await parser.getInfo({ parsePageInfo: true, partial: [m.n] })).pages[0];
    let scale = m.dpi / 72;
    if (size && size.width * size.height * scale * scale > m.maxPixels) scale = Math.sqrt(m.maxPixels / (size.width * size.height));
    const desiredWidth = size ? Math.max(1, Math.floor(size.width * scale)) : undefined;
    const shot = await parser.getScreenshot({ partial: [m.n], scale, desiredWidth, imageDataUrl: false, imageBuffer: true });
    const page = shot.pages[0];
    return page && page.data.length ? { png: page.data, width: Math.round(page.width), height: Math.round(page.height) } : { png: null, width: 0, height: 0 };
  }
  throw new Error('unknown request ' + m.op);
}
let chain = Promise.resolve();
parentPort.on('message', (m) => {
  chain = chain.then(() => handle(m)).then(
    (reply) => parentPort.postMessage({ id: m.id, reply }, reply && reply.png ? [reply.png.buffer] : []),
    (e) => parentPort.postMessage({ id: m.id, error: { name: String((e && e.name) || 'Error'), message: String((e && e.message) || e), code: e && (e.code ?? (e.cause && e.cause.code)) } }),
  );
});
`;

/**
 * One reader thread. Starting one costs ~0.2 s (pdf.js is loaded into a fresh isolate), more than
 * reading a short letter, so threads are kept warm between files (see `acquire`/`release`); one that
 * missed a deadline or died is never reused.
 */
interface ReaderThread {
  worker: Worker;
  pending: Map<number, { resolve(v: unknown): void; reject(e: Error): void }>;
  nextId: number;
  dead: Error | null;
  idleTimer: NodeJS.Timeout | null;
}

/** Warm threads kept between files, and how long an unused one lives. */
const MAX_IDLE_READERS = 2;
const IDLE_READER_MS = 60_000;
const idleReaders: ReaderThread[] = [];
let pdfParseEntry: string | null = null;
let pdfjsDir: string | null | undefined;

/** pdfjs-dist (pdf-parse's own dependency) ships the character maps and standard fonts pdf.js reads. */
function findPdfjsData(): string | null {
  try {
    return path.dirname(require.resolve('pdfjs-dist/package.json', { paths: [path.dirname(pdfParseEntry!)] }));
  } catch {
    return null;
  }
}

function spawnReader(): ReaderThread {
  pdfParseEntry ??= require.resolve('pdf-parse');
  if (pdfjsDir === undefined) pdfjsDir = findPdfjsData();
  const worker = new Worker(READER_SOURCE, {
    eval: true,
    workerData: { lib: pdfParseEntry, pdfjsDir, maxImagePixels: MAX_IMAGE_PIXELS },
    // pdf.js prints nothing at verbosity 0. (Capturing the thread's stdio would keep an idle,
    // unref'd thread holding the process open.)
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  const thread: ReaderThread = { worker, pending: new Map(), nextId: 0, dead: null, idleTimer: null };
  worker.on('message', (m: { id: number; reply?: unknown; error?: { name: string; message: string; code?: number } }) => {
    const p = thread.pending.get(m.id);
    if (!p) return;
    thread.pending.delete(m.id);
    if (m.error) p.reject(new ReaderError(m.error.message, m.error.name, m.error.code));
    else p.resolve(m.reply);
  });
  worker.on('error', (err: Error & { code?: string }) => {
    kill(thread, new ReaderStopped(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'The PDF needs more memory than Kilde gives one file.' : `The PDF reader stopped: ${err.message}`));
  });
  worker.on('exit', () => kill(thread, new ReaderStopped('The PDF reader stopped unexpectedly.')));
  return thread;
}

/** Fails the thread's pending requests with `err` and stops it for good. */
function kill(thread: ReaderThread, err: Error): void {
  if (!thread.dead) {
    thread.dead = err;
    void thread.worker.terminate();
  }
  for (const p of thread.pending.values()) p.reject(thread.dead);
  thread.pending.clear();
  const at = idleReaders.indexOf(thread);
  if (at !== -1) idleReaders.splice(at, 1);
  if (thread.idleTimer) clearTimeout(thread.idleTimer);
}

function acquire(): ReaderThread {
  const thread = idleReaders.pop();
  if (!thread) return spawnReader();
  if (thread.idleTimer) clearTimeout(thread.idleTimer);
  thread.idleTimer = null;
  thread.worker.ref();
  return thread;
}

function release(thread: ReaderThread): void {
  if (thread.dead) return;
  if (idleReaders.length >= MAX_IDLE_READERS) return kill(thread, new ReaderStopped('The PDF reader was closed.'));
  // An idle thread must not keep the process alive.
  thread.worker.unref();
  thread.idleTimer = setTimeout(() => kill(thread, new ReaderStopped('The PDF reader was closed.')), IDLE_READER_MS);
  thread.idleTimer.unref();
  idleReaders.push(thread);
}

function send<T>(thread: ReaderThread, msg: Record<string, unknown>, timeoutMs: number, what: string): Promise<T> {
  if (thread.dead) return Promise.reject(thread.dead);
  const id = ++thread.nextId;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      kill(thread, new ReaderStopped(`Reading stopped: ${what} took longer than ${Math.round(timeoutMs / 1000)} s (the PDF may be damaged or built to exhaust readers).`));
    }, timeoutMs);
    thread.pending.set(id, {
      resolve: (v) => {
        clearTimeout(timer);
        resolve(v as T);
      },
      reject: (e) => {
        clearTimeout(timer);
        reject(e);
      },
    });
    thread.worker.postMessage({ ...msg, id });
  });
}

interface Reader {
  call<K extends Request['op']>(req: Extract<Request, { op: K }>, timeoutMs: number, what: string): Promise<Replies[K]>;
  /** Ends the session; a healthy thread goes back to the warm pool. */
  close(): Promise<void>;
  /** Stops the thread at once (the job was cancelled or the server is stopping). */
  abort(): void;
}

/** A reading session of one file on one thread, opened on the first request. */
function openReader(file: string, password: string | undefined): Reader {
  let thread: ReaderThread | null = null;
  let closed = false;
  return {
    async call(req, timeoutMs, what) {
      if (closed) throw new ReaderStopped('The PDF reader was closed.');
      if (!thread) {
        if (!fs.existsSync(file)) throw new ReaderStopped('The stored original of this PDF is missing.');
        thread = acquire();
        await send(thread, { op: 'open', path: file, password }, timeoutMs, 'opening the file');
      }
      return send(thread, req, timeoutMs, what);
    },
    async close() {
      if (closed) return;
      closed = true;
      const t = thread;
      if (!t || t.dead) return;
      try {
        await send(t, { op: 'close' }, 5_000, 'closing the file');
        release(t);
      } catch {
        kill(t, new ReaderStopped('The PDF reader was closed.'));
      }
    },
    abort() {
      closed = true;
      if (thread) kill(thread, new ReaderStopped('Reading was stopped.'));
    },
  };
}

/** Stops every warm reader thread (a clean shutdown; they would not keep the process alive anyway). */
export function closePdfReaders(): void {
  for (const t of [...idleReaders]) kill(t, new ReaderStopped('The PDF reader was closed.'));
}

function outcomeOf(err: unknown, password: string | undefined): ExtractionOutcome {
  if (err instanceof ReaderStopped) return { kind: 'failed', reason: err.message };
  if (err instanceof ReaderError && err.errorName === 'PasswordException') {
    // pdf.js: code 1 = a password is needed, 2 = the password given is wrong; pdf-parse may drop the
    // code, so its message ("Incorrect Password" / "No password given") decides too.
    const wrong = err.code === 2 || /incorrect/i.test(err.message);
    if (password && wrong) return { kind: 'wrong_password', reason: 'The password is not correct for this PDF.' };
    return { kind: 'needs_password', reason: 'This PDF is encrypted: it needs a password to be read.' };
  }
  if (err instanceof Error && err.message === 'extraction aborted') throw err;
  const detail = err instanceof Error ? err.message : String(err);
  return { kind: 'failed', reason: `This PDF could not be read (it may be damaged or incomplete): ${detail}` };
}

function letterCount(text: string): number {
  return (text.match(/\p{L}/gu) ?? []).length;
}

function cleanTitle(title: unknown): string | undefined {
  if (typeof title !== 'string') return undefined;
  const t = title.replace(/\s+/g, ' ').trim();
  // Producers often leave "untitled" or the template's name; only a real-looking title is kept.
  return t.length >= 3 && !/^(untitled|microsoft word - .*|document\d*)$/i.test(t) ? t.slice(0, 300) : undefined;
}

/** PDF dates look like "D:20180628120000+02'00'". */
function pdfDate(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const m = /^D?:?(\d{4})(\d{2})(\d{2})/.exec(raw);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}
