import type { DatePrecision } from '../lib/dates';

/** The document as the domain sees it (camelCase); the repository maps rows to it. */
export type DocumentStatus = 'queued' | 'extracting' | 'ready' | 'failed' | 'needs_password';
export type { DatePrecision };
export type AccessLevel = 'newsroom' | 'restricted' | 'embargoed';

export interface DocumentRecord {
  id: string;
  sha256: string;
  filename: string;
  mediaType: string;
  size: number;
  title: string;
  titleFromUser: boolean;
  documentDate: string | null;
  datePrecision: DatePrecision | null;
  language: string | null;
  notes: string;
  pageCount: number | null;
  status: DocumentStatus;
  error: string | null;
  progress: { done: number; total: number; method: string | null } | null;
  metadata: Record<string, string>;
  parentId: string | null;
  relation: 'attachment_of' | 'entry_of' | null;
  accessLevel: AccessLevel;
  embargoUntil: string | null;
  /**
   * The containers it sits in (e-mail, zip, …), nearest first, with their own access: the access
   * rule reads it too (server/auth/access.ts), so a document is never more open than its family.
   */
  ancestors: Array<{ id: string; accessLevel: AccessLevel; embargoUntil: string | null }>;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  extractedAt: string | null;
}

export interface PageRecord {
  documentId: string;
  number: number;
  text: string;
  method: 'text' | 'ocr';
  confidence: number | null;
  /** Which engine read the page and, for OCR, how its image was prepared (page_layouts; null when not recorded). */
  engine?: string | null;
  ocrSteps?: string | null;
  /** The languages OCR read the page in, as tesseract names them ("dan+eng"). */
  ocrLangs?: string | null;
}
