import type { Db } from '../db/connection';
import { AppError } from '../errors';
import type { JobsRepository } from '../jobs/jobs.repository';
import type { Clock } from '../lib/clock';
import type { BlobStore } from '../storage/blob-store';
import type { OutboxRepository } from '../../search/outbox.repository';
import type { DocumentsRepository } from './documents.repository';
import type { DocumentRecord, PageRecord } from './documents.types';
import { EXTRACT_JOB } from './intake.service';

/** Reading documents and asking for their extraction again. */
export interface DocumentView {
  document: DocumentRecord;
  pages: PageRecord[];
  parent: DocumentRecord | null;
  children: DocumentRecord[];
  /** False while the search index has not yet taken the latest change. */
  indexed: boolean;
}

export function createDocumentsService(deps: {
  db: Db;
  documents: DocumentsRepository;
  jobs: JobsRepository;
  outbox: OutboxRepository;
  blobs: BlobStore;
  clock: Clock;
  jobMaxAttempts: number;
  onQueued(): void;
}) {
  const { documents, jobs, outbox, blobs } = deps;

  function get(id: string): DocumentRecord {
    const doc = documents.get(id);
    if (!doc) throw AppError.notFound('This document');
    return doc;
  }

  return {
    get,
    indexed(id: string): boolean {
      return !outbox.pendingFor(id);
    },
    view(id: string): DocumentView {
      const document = get(id);
      return {
        document,
        pages: documents.pages(id),
        parent: document.parentId ? documents.get(document.parentId) : null,
        children: documents.children(id),
        indexed: !outbox.pendingFor(id),
      };
    },
    recent(page: number, perPage: number): { documents: DocumentRecord[]; total: number } {
      return { documents: documents.listRecent(perPage, (page - 1) * perPage), total: documents.count() };
    },
    pages(id: string): PageRecord[] {
      get(id);
      return documents.pages(id);
    },
    originalPath(id: string): { document: DocumentRecord; path: string } {
      const document = get(id);
      if (!blobs.exists(document.sha256)) throw new AppError('not_found', 'The original file of this document is missing from storage.');
      return { document, path: blobs.pathOf(document.sha256) };
    },
    /** Runs extraction again (after a password is supplied, or with new OCR languages). */
    reextract(id: string, password?: string): DocumentRecord {
      const doc = get(id);
      if (doc.status === 'extracting' || jobs.pendingFor(id).length > 0) {
        throw new AppError('conflict', 'This document is already being extracted.');
      }
      const now = deps.clock.now().toISOString();
      deps.db.transaction(() => {
        documents.setStatus(id, 'queued', null, now);
        jobs.enqueue(EXTRACT_JOB, id, password ? { password, depth: 0 } : { depth: 0 }, deps.jobMaxAttempts, now);
      })();
      deps.onQueued();
      return get(id);
    },
  };
}

export type DocumentsService = ReturnType<typeof createDocumentsService>;
