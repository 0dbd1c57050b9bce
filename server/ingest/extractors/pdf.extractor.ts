import { EnginePassword, EngineRefused, EngineStopped, type PdfEngine, type TextPage } from './mupdf.engine';
import { createPdfReaders, outcomeOf, ReaderStopped, type PdfReaders } from './pdfjs.reader';
import type { ExtractedPage, ExtractionContext, ExtractionOutcome, Extractor, RememberedOcr } from './extractor';
import { ocrPageOf, rememberedOcr } from './ocr-page';
import type { OcrResult } from '../ocr/ocr-pool';

/**
 * PDFs. MuPDF (mupdf.engine.ts) reads them first: the text of every page with the box of each
 * character, page-parallel across its threads, and renders the pages that need OCR in grayscale,
 * straight to the OCR engine. pdf.js (pdfjs.reader.ts) is the safety net: a file MuPDF refuses (or
 * whose thread it had to stop) is read by pdf.js as a whole, and pages MuPDF reads as empty are
 * read by pdf.js too before they go to OCR — so no PDF that pdf.js reads stops reading.
 *
 * A page whose text layer holds too little text (a scan, a fax with a stamp) is OCRed when an OCR
 * engine is wired in, once: `ctx.ocrMemory` keeps what OCR read, so a retried or repeated
 * extraction asks it again for no page. Encryption and broken files are outcomes, not throws;
 * OCR failures are not the file's fault: they are thrown, so the job runner retries.
 */
export interface PageOcr {
  recognize(image: Buffer, opts?: { signal?: AbortSignal; dpi?: number }): Promise<OcrResult>;
}

export interface PdfLimits {
  /** Most pages of one PDF that are OCRed; later pages keep their (thin) text layer. 0 = no limit. */
  maxOcrPages: number;
  /** Deadline for opening the file and for reading a batch of pages' text layer. */
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
/** Pages on their way through rendering and OCR at once: one rendering ahead of each OCR worker. */
const OCR_PIPELINE = 3;

/**
 * `readers`: the pdf.js reader threads, shared with the page images and closed by the composition
 * root; without it the extractor keeps a pool of its own (warm threads are unref'd and time out).
 */
export function createPdfExtractor(deps: { ocr?: PageOcr; limits?: Partial<PdfLimits>; engine?: PdfEngine | null; readers?: PdfReaders } = {}): Extractor {
  const limits: PdfLimits = { ...DEFAULT_PDF_LIMITS, ...deps.limits };
  const engine = deps.engine ?? null;
  const readers = deps.readers ?? createPdfReaders();
  return {
    mediaTypes: ['application/pdf'],
    async extract(ctx: ExtractionContext): Promise<ExtractionOutcome> {
      if (!engine) return withPdfjs(ctx);
      try {
        return await withEngine(engine, ctx);
      } catch (err) {
        if (ctx.signal.aborted) throw new Error('extraction aborted');
        if (err instanceof OcrFailed) throw err.cause;
        if (err instanceof EnginePassword && !(err.wrong && ctx.password)) {
          return { kind: 'needs_password', reason: err.message };
        }
        // Refused, stopped, or a password MuPDF did not take: pdf.js decides.
        if (err instanceof EnginePassword || err instanceof EngineRefused || err instanceof EngineStopped) return withPdfjs(ctx);
        throw err;
      }
    },
  };

  async function withEngine(engine: PdfEngine, ctx: ExtractionContext): Promise<ExtractionOutcome> {
    const info = await engine.open(ctx.path, ctx.password, ctx.signal);
    const total = info.total;
    if (total === 0) throw new EngineRefused('no pages');
    const pages: ExtractedPage[] = new Array(total);
    let done = 0;
    const thin: number[] = [];
    const all = Array.from({ length: total }, (_, i) => i + 1);
    await engine.text(ctx.path, ctx.password, all, (p: TextPage) => {
      pages[p.n - 1] = { number: p.n, text: p.text, method: 'text', confidence: null, engine: engine.name, boxes: p.boxes };
      if (hasText(p.text) || !deps.ocr) ctx.onProgress(++done, total, 'text');
      else thin.push(p.n);
    }, ctx.signal);
    thin.sort((a, b) => a - b);

    // Read as empty: pdf.js gets a say before anything goes to OCR (odd fonts MuPDF cannot map).
    const emptyPages = pages.filter((p) => !hasText(p.text)).map((p) => p.number);
    let pdfjsRefusal: unknown = null;
    if (emptyPages.length > 0) {
      const fromPdfjs = await pdfjsTexts(ctx, emptyPages);
      pdfjsRefusal = fromPdfjs.refusal;
      for (const p of fromPdfjs.pages) {
        if (letterCount(p.text) > letterCount(pages[p.number - 1]!.text)) pages[p.number - 1] = p;
        if (hasText(p.text) && thin.includes(p.number)) {
          thin.splice(thin.indexOf(p.number), 1);
          ctx.onProgress(++done, total, 'text');
        }
      }
    }

    let ocrSkipped = 0;
    if (deps.ocr && thin.length > 0) {
      const allowed = limits.maxOcrPages === 0 ? thin : thin.slice(0, limits.maxOcrPages);
      ocrSkipped = thin.length - allowed.length;
      for (let i = allowed.length; i < thin.length; i++) ctx.onProgress(++done, total, 'text');
      ctx.onProgress(done, total, 'ocr');
      let next = 0;
      await Promise.all(Array.from({ length: Math.min(OCR_PIPELINE, allowed.length) }, async () => {
        while (next < allowed.length) {
          const n = allowed[next++]!;
          pages[n - 1] = await ocrPage(engine, ctx, pages[n - 1]!);
          ctx.onProgress(++done, total, 'ocr');
        }
      }));
    }

    // Nothing on any page, by any reader, and pdf.js could not open it: a damaged file MuPDF
    // repaired into blank pages. Say so, as pdf.js alone would have, rather than store blank pages.
    if (pdfjsRefusal && pages.every((p) => !p.text.trim())) return outcomeOf(pdfjsRefusal, ctx.password);
    const metadata = metadataOf(info.info, ctx.password && info.encrypted);
    noteOcrSkipped(metadata, ocrSkipped, limits.maxOcrPages);
    return { kind: 'ok', title: cleanTitle(info.info.Title), pages, metadata };
  }

  /** OCR of one page whose layer is thin: asked of the memory first, rendered and recognised otherwise. */
  async function ocrPage(engine: PdfEngine, ctx: ExtractionContext, layer: ExtractedPage): Promise<ExtractedPage> {
    const n = layer.number;
    let ocr: RememberedOcr | null = ctx.ocrMemory?.get(n) ?? null;
    if (!ocr) {
      const shot = await engine.render(ctx.path, ctx.password, n, { dpi: 'scan', gray: true, maxPixels: MAX_RENDER_PIXELS }, ctx.signal);
      try {
        ocr = rememberedOcr(await deps.ocr!.recognize(Buffer.from(shot.data.buffer, shot.data.byteOffset, shot.data.byteLength), { signal: ctx.signal, dpi: Math.round(shot.dpi) }));
      } catch (err) {
        throw new OcrFailed(err);
      }
      ctx.ocrMemory?.put(n, ocr);
    }
    // Keep whichever reading holds more words: a stamp on a text page must not replace its text.
    return letterCount(ocr.text) > letterCount(layer.text) ? ocrPageOf(n, ocr) : layer;
  }

  /** pdf.js's reading of some pages; what it cannot read is left out (MuPDF's reading stands). */
  async function pdfjsTexts(ctx: ExtractionContext, numbers: number[]): Promise<{ pages: ExtractedPage[]; refusal: unknown }> {
    const reader = readers.open(ctx.path, ctx.password);
    const pages: ExtractedPage[] = [];
    let refusal: unknown = null;
    try {
      for (const n of numbers) {
        if (ctx.signal.aborted) break;
        const text = (await reader.call({ op: 'text', n }, limits.stepTimeoutMs, `reading page ${n}`)).text.trim();
        pages.push({ number: n, text, method: 'text', confidence: null, engine: 'pdf.js', boxes: null });
      }
    } catch (err) {
      refusal = err; // pdf.js cannot read these pages either: MuPDF's reading (and OCR) stands
    } finally {
      await reader.close();
    }
    return { pages, refusal };
  }

  /** The whole file through pdf.js: the reading when MuPDF is off or refused the file. */
  async function withPdfjs(ctx: ExtractionContext): Promise<ExtractionOutcome> {
    const reader = readers.open(ctx.path, ctx.password);
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
        if (hasText(layer) || !ocrAllowed) {
          if (deps.ocr && !ocrAllowed && !hasText(layer)) ocrSkipped++;
          ctx.onProgress(n, total, 'text');
          pages.push({ number: n, text: layer, method: 'text', confidence: null, engine: 'pdf.js', boxes: null });
          continue;
        }
        ctx.onProgress(n - 1, total, 'ocr');
        let ocr: RememberedOcr | null = ctx.ocrMemory?.get(n) ?? null;
        if (!ocr) {
          const shot = await reader.call({ op: 'render', n, dpi: RENDER_DPI, maxPixels: MAX_RENDER_PIXELS }, limits.renderTimeoutMs, `rendering page ${n}`);
          ocr = { text: '', confidence: 0, engine: 'ocr' };
          try {
            if (shot.png) ocr = rememberedOcr(await deps.ocr!.recognize(Buffer.from(shot.png), { signal: ctx.signal, dpi: RENDER_DPI }));
          } catch (err) {
            throw new OcrFailed(err);
          }
          ctx.ocrMemory?.put(n, ocr);
        }
        ocrDone++;
        pages.push(letterCount(ocr.text) > letterCount(layer)
          ? ocrPageOf(n, ocr)
          : { number: n, text: layer, method: 'text', confidence: null, engine: 'pdf.js', boxes: null });
        ctx.onProgress(n, total, 'ocr');
      }
      const metadata = metadataOf(info.info ?? {}, ctx.password && info.encrypted);
      noteOcrSkipped(metadata, ocrSkipped, limits.maxOcrPages);
      return { kind: 'ok', title: cleanTitle(info.info?.Title), pages, metadata };
    } catch (err) {
      if (ctx.signal.aborted) throw new Error('extraction aborted');
      if (err instanceof OcrFailed) throw err.cause;
      return outcomeOf(err, ctx.password);
    } finally {
      ctx.signal.removeEventListener('abort', onAbort);
      await reader.close();
    }
  }
}

export type RenderOutcome =
  | { kind: 'ok'; png: Buffer; width: number; height: number }
  | { kind: 'no_such_page'; pages: number }
  | { kind: 'needs_password'; reason: string }
  | { kind: 'failed'; reason: string };

/**
 * Renders page `n` (1-based) of the PDF at `file` to PNG at 150 dpi (less for oversized pages):
 * with MuPDF when an engine is given, with pdf.js when MuPDF refuses the file or none is given.
 * Without `readers`, pdf.js runs on a thread of its own, stopped when the page is drawn.
 */
export async function renderPage(file: string, n: number, password?: string, limits: Partial<PdfLimits> = {}, engine: PdfEngine | null = null, readers?: PdfReaders): Promise<RenderOutcome> {
  const l: PdfLimits = { ...DEFAULT_PDF_LIMITS, ...limits };
  if (engine) {
    try {
      const info = await engine.open(file, password);
      if (!Number.isInteger(n) || n < 1 || n > info.total) return { kind: 'no_such_page', pages: info.total };
      const shot = await engine.render(file, password, n, { dpi: RENDER_DPI, gray: false, maxPixels: MAX_RENDER_PIXELS });
      return { kind: 'ok', png: Buffer.from(shot.data.buffer, shot.data.byteOffset, shot.data.byteLength), width: shot.width, height: shot.height };
    } catch (err) {
      if (err instanceof EnginePassword && !(err.wrong && password)) return { kind: 'needs_password', reason: err.message };
      // otherwise pdf.js decides, below
    }
  }
  const own = readers ? null : createPdfReaders();
  const reader = (readers ?? own!).open(file, password);
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
    own?.close();
  }
}

export { createPdfReaders, ReaderStopped, type PdfReaders };

/** The OCR engine failed on a page (timeout, crashed worker): passed on for the job runner to retry. */
class OcrFailed extends Error {
  constructor(override readonly cause: unknown) {
    super('OCR failed');
  }
}

/**
 * The file's creation date is not the letter's date (a 2018 letter scanned in 2023), so it is kept
 * as metadata only; the document date comes from the user or from suggestions. Page images of a
 * file that needs a password cannot be drawn later: the password is not kept.
 */
function metadataOf(info: Record<string, unknown>, passwordProtected: unknown): Record<string, string> {
  const metadata: Record<string, string> = {};
  const created = pdfDate(info.CreationDate);
  if (created) metadata.pdfCreated = created;
  if (typeof info.Author === 'string' && info.Author.trim()) metadata.pdfAuthor = info.Author.trim().slice(0, 200);
  if (passwordProtected) metadata.passwordProtected = 'yes';
  return metadata;
}

/** Letters on a page, counted up to `enough`: the main thread reads every page of a large PDF here. */
function letterCount(text: string, enough = Infinity): number {
  const letter = /\p{L}/gu;
  let n = 0;
  while (n < enough && letter.exec(text)) n++;
  return n;
}

const hasText = (text: string) => letterCount(text, MIN_LETTERS_PER_PAGE) >= MIN_LETTERS_PER_PAGE;

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

/** Pages left unread over the OCR limit, as numbers the document page labels in the reader's language. */
function noteOcrSkipped(metadata: Record<string, string>, skipped: number, limit: number): void {
  if (skipped === 0) return;
  metadata.ocrSkippedPages = String(skipped);
  metadata.ocrPageLimit = String(limit);
}
