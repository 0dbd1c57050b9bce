/**
 * The contract every extractor fulfils. An extractor wraps exactly one library and turns one stored
 * original into pages of text (and, for containers such as e-mails and zips, child files that become
 * documents of their own). Expected outcomes are values, not exceptions: a broken file is
 * `{ kind: 'failed', reason }` with a reason a journalist can read, an encrypted one `needs_password`.
 * Extractors never touch the database; the ingest pipeline stores what they return.
 */
export type ExtractionMethod = 'text' | 'ocr';

export interface ExtractedPage {
  /** 1-based page number. */
  number: number;
  text: string;
  method: ExtractionMethod;
  /** Mean OCR confidence 0–100 for OCR pages; null for text-layer pages. */
  confidence: number | null;
  /** Who read the text: a PDF engine ('mupdf', 'pdf.js') or an OCR engine ('tesseract', 'tesseract.js'). */
  engine?: string;
  /** Where each character of `text` is on the page (page-boxes.ts), when the reader knows. */
  boxes?: Uint8Array | null;
  /** OCR pages: how the image was prepared for the reading kept (server/ingest/ocr/page-reader.ts) and how far it was turned clockwise to be upright. */
  ocr?: OcrPreparation;
}

export interface OcrPreparation {
  /** e.g. ['turn:180', 'deskew:2.1', 'upscale:2', 'flatten', 'despeckle', 'binarise']; [] = read as it came. */
  steps: string[];
  /** 0, 90, 180 or 270. */
  rotation: number;
}

/**
 * OCR already done for this document's pages (by an earlier attempt or reading), so that no page is
 * OCRed twice: the extractor asks before rendering a page for OCR and records what OCR read.
 */
export interface OcrMemory {
  get(page: number): RememberedOcr | null;
  put(page: number, result: RememberedOcr): void;
}

export interface RememberedOcr {
  text: string;
  confidence: number;
  engine: string;
  /** How the page was prepared and turned (absent for readings kept before that was recorded). */
  steps?: string[];
  rotation?: number;
  boxes?: Uint8Array | null;
}

/**
 * A file found inside another (e-mail attachment, zip entry); ingested as its own document. It is
 * handed over on disk, never in memory: a zip of large entries must not need their size in RAM.
 * Build one with `childFile()` (child-files.ts).
 */
export interface ChildFile {
  filename: string;
  relation: 'attachment_of' | 'entry_of';
  /** Where the extractor wrote the child's bytes (inside `ExtractionContext.workDir`). */
  path: string;
  size: number;
  /** Reads the file whole: for tests and small files only (the pipeline streams `path`). */
  readonly bytes: Buffer;
}

export interface ExtractionSuccess {
  kind: 'ok';
  title?: string;
  /** ISO date (YYYY-MM-DD) the file itself states, e.g. an e-mail's Date header. */
  date?: string;
  language?: string;
  pages: ExtractedPage[];
  /** Free-form metadata worth showing, e.g. e-mail headers { from, to, cc, subject, date }. */
  metadata?: Record<string, string>;
  children?: ChildFile[];
}

export type ExtractionOutcome =
  | ExtractionSuccess
  | { kind: 'needs_password'; reason: string }
  | { kind: 'wrong_password'; reason: string }
  | { kind: 'failed'; reason: string };

export interface ExtractionContext {
  /** Absolute path of the stored original (read-only). */
  path: string;
  mediaType: string;
  filename: string;
  /** Password for encrypted files, when the user supplied one. */
  password?: string;
  /** Reports progress: page i of n and how it is being read. */
  onProgress(done: number, total: number, method: ExtractionMethod): void;
  /** Aborted when the server shuts down or the job is cancelled. */
  signal: AbortSignal;
  /** OCR results kept from earlier readings of this document (the PDF extractor uses it). */
  ocrMemory?: OcrMemory;
  /**
   * A folder the caller owns and removes afterwards, where containers write their children. Without
   * one, a container makes a temp folder of its own (the children's paths say where).
   */
  workDir?: string;
}

export interface Extractor {
  /** Media types (as decided by sniffing the bytes) this extractor reads. */
  readonly mediaTypes: readonly string[];
  extract(ctx: ExtractionContext): Promise<ExtractionOutcome>;
}
