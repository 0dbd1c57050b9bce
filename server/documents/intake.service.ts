import type { AuditLog } from '../auth/audit';
import type { Viewer } from '../auth/viewer';
import type { Db } from '../db/connection';
import { sniffType } from '../ingest/sniff';
import type { JobsRepository } from '../jobs/jobs.repository';
import type { Clock } from '../lib/clock';
import { newId } from '../lib/ids';
import type { BlobStore, StagedBlob } from '../storage/blob-store';
import type { DocumentsRepository } from './documents.repository';
import type { DatePrecision, DocumentRecord } from './documents.types';

/**
 * Takes a staged file (an upload, an e-mail attachment, a zip entry) into the archive: decides its
 * type from its bytes, keeps one copy per content, records the document and queues its extraction
 * in one transaction. Expected outcomes are values: stored | duplicate | unsupported.
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
}

export type IntakeOutcome =
  | { kind: 'stored'; document: DocumentRecord }
  | { kind: 'duplicate'; document: DocumentRecord }
  | { kind: 'unsupported'; reason: string };

export const EXTRACT_JOB = 'extract';

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
    const existing = documents.findBySha(staged.sha256);
    if (existing) {
      await blobs.discard(staged);
      return { kind: 'duplicate', document: existing };
    }
    await blobs.commit(staged);
    const id = newId('doc');
    const now = clock.now().toISOString();
    const filename = safeFilename(meta.filename);
    try {
      db.transaction(() => {
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
            createdBy: meta.createdBy?.userId ?? null,
          },
          now,
        );
        audit.record(meta.createdBy ?? null, {
          action: 'create', entityType: 'document', entityId: id,
          summary: meta.parentId ? `${filename} (inside ${meta.parentId})` : filename,
          after: { filename, sha256: staged.sha256, mediaType: type.mediaType },
        });
        jobs.enqueue(EXTRACT_JOB, id, { depth: meta.depth ?? 0 }, deps.jobMaxAttempts, now);
      })();
    } catch (err) {
      // Two uploads of the same bytes at once: the other one won; answer with its document.
      const winner = documents.findBySha(staged.sha256);
      if (winner) return { kind: 'duplicate', document: winner };
      throw err;
    }
    deps.onQueued();
    return { kind: 'stored', document: documents.get(id)! };
  }

  return { intake, discard: (staged: StagedBlob) => blobs.discard(staged) };
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
