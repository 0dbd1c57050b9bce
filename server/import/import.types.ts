import type { AccessLevel } from '../documents/documents.types';
import type { PartyKind } from '../story';

/**
 * The shapes `kilde import` passes between its steps: files found in the inputs, the metadata each
 * one is imported with, the archive it goes into (a running server, or the data directory itself),
 * and what became of every file.
 */

/** One file to import: a file on disk, or a zip entry streamed to a temp file. */
export interface ImportFile {
  /** Where it came from, for people and the ledger: an absolute path, or `/abs/archive.zip!/entry/path`. */
  source: string;
  /** Its path inside the input it was found in (folder or zip), `/`-separated; its name for a loose file. */
  relPath: string;
  /** The folders between the input and the file (`--story-from-folders` uses the first). */
  folders: string[];
  filename: string;
  size: number;
  mtimeMs: number;
  /** A file on disk holding the bytes. */
  path: string;
  /** Known already for zip entries (hashed while they were unpacked); computed for files on disk. */
  sha256?: string;
  /** Removes the temp file of a zip entry; nothing for a file on disk. */
  release(): Promise<void>;
}

/** A party named in a sidecar: an id, or a name (created with `kind` when no party has it). */
export type PartyRef = { partyId: string } | { name: string; kind: PartyKind };

export interface AccessChoice {
  level: AccessLevel;
  users: string[];
  /** Stored form (ISO instant), validated. */
  embargoUntil: string | null;
}

/** Everything one file is imported with, after flags, sidecar and folder names are merged. */
export interface FileMeta {
  title?: string;
  /** `2018-09-28`, `2018-09` or `2018`, validated. */
  date?: string;
  notes?: string;
  access: AccessChoice;
  /** A story id or title. */
  story?: string;
  /** An FOI request id, our reference, the authority's reference or its subject. */
  request?: string;
  senders: PartyRef[];
  recipients: PartyRef[];
}

/** The answer of the archive to one file. Errors (network, refusals of the metadata) are thrown. */
export type AddOutcome =
  | { kind: 'stored'; documentId: string }
  | { kind: 'duplicate'; documentId: string }
  | { kind: 'refused'; reason: string };

export type ExtractionState = { status: 'pending' } | { status: 'ready' } | { status: 'failed'; reason: string } | { status: 'gone' };

/**
 * Where files go: `api-target.ts` (a running server, through its API with a token) or
 * `local-target.ts` (the data directory, opened by this process while it holds the data-dir lock).
 * Both go through the same intake as an upload: type sniffing, size limit, access, duplicates.
 */
export interface ImportTarget {
  readonly mode: 'server' | 'local';
  /** Names the archive in the ledger and in the summary: the server's URL, or the data directory. */
  readonly target: string;
  /** The user the files are imported as (the token's, or `--as`). */
  readonly user: { id: string; username: string };
  add(file: ImportFile, meta: FileMeta): Promise<AddOutcome>;
  /** Links the document to its story, FOI request, senders and recipients (idempotent). */
  link(documentId: string, meta: FileMeta): Promise<void>;
  /** Where extraction of these documents stands. */
  extraction(documentIds: string[]): Promise<Map<string, ExtractionState>>;
  close(): Promise<void>;
}

export type FileOutcomeKind = 'imported' | 'duplicate' | 'refused' | 'failed' | 'skipped';

export interface FileOutcome {
  source: string;
  outcome: FileOutcomeKind;
  documentId?: string;
  reason?: string;
}

export interface ImportSummary {
  mode: 'server' | 'local';
  target: string;
  user: string;
  total: number;
  imported: number;
  duplicates: number;
  refused: number;
  failed: number;
  /** Already imported by an earlier run (found in the ledger). */
  skipped: number;
  /** Files not reached: the run stopped early (the server went away). */
  notReached: number;
  files: FileOutcome[];
  notes: string[];
}
