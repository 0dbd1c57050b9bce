import type { AuditLog } from '../auth/audit';
import type { Viewer } from '../auth/viewer';
import type { Db } from '../db/connection';
import { sniffType } from './sniff';
import type { JobsRepository } from '../jobs/jobs.repository';
import type { Clock } from '../lib/clock';
import { newId } from '../lib/ids';
import type { BlobStore, StagedBlob } from '../storage/blob-store';
import { resolveAccess, type AccessRequest } from '../documents/access-input';
import type { DocumentsRepository, InitialAccess } from '../documents/documents.repository';
import type { DatePrecision, DocumentRecord } from '../documents/documents.types';
import { EXTRACT_JOB } from '../jobs/job-kinds';

/**
 * Takes a staged file (an upload, an e-mail attachment, a zip entry) into the archive: decides its
 * type from its bytes, keeps one copy per content, records the document and queues its extraction
 * in one transaction. Expected outcomes are values: stored | duplicate | unsupported.
 *
 * Access is set in that same transaction, so a document asked for as restricted never exists, is
 * extracted or indexed as newsroom. The same bytes are stored once, but a duplicate must reveal
 * nothing: only a document the uploader may read is answered as "already in the archive"; anyone
 * else gets a document of their own over the one stored original. A file found inside a container
 * is a duplicate of one already taken from that container, or of one open to the whole newsroom.
 */
export interface IntakeMeta {
  filename: string;
  title?: string;
  documentDate?: { value: string; precision: DatePrecision };
  notes?: string;
  parentId?: string;
  relation?: 'attachment_of' | 'entry_of';
  /** Who added it (null for files found inside a container, which inherit from it). */
  createdBy?: Viewer | null;
  /** How deep inside containers this file sits (0 for an upload). */
  depth?: number;
  /** Access from the first byte (resolved with `resolveAccess`); newsroom when absent. */
  access?: InitialAccess;
}

export type IntakeOutcome =
  | { kind: 'stored'; document: DocumentRecord }
  | { kind: 'duplicate'; document: DocumentRecord }
  | { kind: 'unsupported'; reason: string };

export function createIntakeService(deps: {
  db: Db;
  documents: DocumentsRepository;
  jobs: JobsRepository;
  blobs: BlobStore;
  audit: AuditLog;
  clock: Clock;
  jobMaxAttempts: number;
  onQueued(): void;
}) {
  const { db, documents, jobs, blobs, clock, audit } = deps;

  async function intake(staged: StagedBlob, meta: IntakeMeta): Promise<IntakeOutcome> {
    const type = sniffType(staged.head, meta.filename);
    if (!type) {
      await blobs.discard(staged);
      return { kind: 'unsupported', reason: unsupportedReason(staged) };
    }
    await blobs.commit(staged); // the one stored original; a no-op when the bytes are already kept
    const id = newId('doc');
    const at = clock.now();
    const now = at.toISOString();
    const filename = safeFilename(meta.filename);
    const access = meta.access ?? { level: 'newsroom' as const, embargoUntil: null, userIds: [] };
    // Looked up inside the write transaction, so two uploads of the same bytes at once cannot both
    // miss each other (better-sqlite3 runs it synchronously; IMMEDIATE locks out other processes).
    const store = db.transaction((): DocumentRecord | null => {
      const found = duplicateOf(staged.sha256, meta, at);
      if (found) return found;
      documents.insert(
        {
          id,
          sha256: staged.sha256,
          filename,
          mediaType: type.mediaType,
          size: staged.size,
          title: meta.title?.trim() || titleFromFilename(filename),
          titleFromUser: Boolean(meta.title?.trim()),
          documentDate: meta.documentDate?.value ?? null,
          datePrecision: meta.documentDate?.precision ?? null,
          notes: meta.notes?.trim() ?? '',
          parentId: meta.parentId ?? null,
          relation: meta.relation ?? null,
          // A file found inside a container was added by whoever added the container.
          createdBy: meta.createdBy?.userId ?? (meta.parentId ? documents.get(meta.parentId)?.createdBy ?? null : null),
        },
        access,
        now,
      );
      audit.record(meta.createdBy ?? null, {
        action: 'create', entityType: 'document', entityId: id,
        summary: meta.parentId ? `${filename} (inside ${meta.parentId})` : filename,
        after: { filename, sha256: staged.sha256, mediaType: type.mediaType, access: access.level, users: access.userIds, embargoUntil: access.embargoUntil },
      });
      jobs.enqueue(EXTRACT_JOB, id, { depth: meta.depth ?? 0 }, deps.jobMaxAttempts, now);
      return null;
    });
    let existing: DocumentRecord | null;
    try {
      existing = store.immediate();
    } catch (err) {
      if (!documents.shaInUse(staged.sha256)) await blobs.remove(staged.sha256);
      throw err;
    }
    if (existing) return { kind: 'duplicate', document: existing };
    deps.onQueued();
    return { kind: 'stored', document: documents.get(id)! };
  }

  /** An existing document with these bytes that may stand for this file without revealing anything. */
  function duplicateOf(sha256: string, meta: IntakeMeta, at: Date): DocumentRecord | null {
    if (meta.parentId) {
      const sibling = documents.findBySha(sha256, { parentId: meta.parentId });
      return sibling ?? documents.findReadableBySha(sha256, null, at);
    }
    return documents.findReadableBySha(sha256, meta.createdBy ?? null, at);
  }

  return {
    intake,
    discard: (staged: StagedBlob) => blobs.discard(staged),
    /** Checks and completes access asked for at upload (unknown users: 400 naming them). */
    resolveAccess: (viewer: Viewer, input: AccessRequest): InitialAccess => resolveAccess(documents, viewer, input),
  };
}

export type IntakeService = ReturnType<typeof createIntakeService>;

function unsupportedReason(staged: StagedBlob): string {
  if (staged.size === 0) return 'The file is empty.';
  const head = staged.head;
  if (head[0] === 0x4d && head[1] === 0x5a) return 'This is a Windows program, not a document. Kilde reads PDFs, images, e-mails, Word and text files, and zip archives.';
  if (head[0] === 0x7f && head.subarray(1, 4).toString('latin1') === 'ELF') return 'This is a program, not a document.';
  return 'Kilde cannot read this type of file. It reads PDFs, images (PNG, JPEG, TIFF, WebP), e-mails (.eml, .msg, .mbox), Word and OpenDocument text, HTML, plain text and zip archives.';
}

/** Keeps the name a person gave the file, minus any path and characters that break headers or file systems. */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.normalize('NFC').replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '_').replace(/^\.+/, '').trim().slice(0, 200);
  return cleaned || 'unnamed';
}

function titleFromFilename(filename: string): string {
  return filename.replace(/\.[A-Za-z0-9]{1,5}$/, '').replace(/[_]+/g, ' ').trim() || filename;
}
