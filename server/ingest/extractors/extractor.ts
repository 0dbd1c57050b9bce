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
}

/** A file found inside another (e-mail attachment, zip entry); ingested as its own document. */
export interface ChildFile {
  filename: string;
  /** The child's bytes; containers enforce their own size limits before handing them over. */
  bytes: Buffer;
  relation: 'attachment_of' | 'entry_of';
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
}

export interface Extractor {
  /** Media types (as decided by sniffing the bytes) this extractor reads. */
  readonly mediaTypes: readonly string[];
  extract(ctx: ExtractionContext): Promise<ExtractionOutcome>;
}
