import fs from 'node:fs';
import path from 'node:path';
import { canRead } from '../auth/access';
import type { AuditLog } from '../auth/audit';
import { canWrite, type Viewer } from '../auth/viewer';
import type { Db } from '../db/connection';
import { AppError } from '../errors';
import type { JobsRepository } from '../jobs/jobs.repository';
import type { Clock } from '../lib/clock';
import type { BlobStore } from '../storage/blob-store';
import type { OutboxRepository } from '../../search/outbox.repository';
import type { DocumentsRepository } from './documents.repository';
import type { AccessLevel, DocumentRecord, PageRecord } from './documents.types';
import { EXTRACT_JOB } from './intake.service';

/**
 * Reading, re-extracting, protecting and deleting documents. Every read goes through the one access
 * rule (`server/auth/access.ts`); a document the viewer may not read is "not found", so its
 * existence does not leak either.
 */
export interface DocumentView {
  document: DocumentRecord;
  pages: PageRecord[];
  parent: DocumentRecord | null;
  children: DocumentRecord[];
  /** False while the search index has not yet taken the latest change. */
  indexed: boolean;
  namedUsers: string[];
}

export function createDocumentsService(deps: {
  db: Db;
  documents: DocumentsRepository;
  jobs: JobsRepository;
  outbox: OutboxRepository;
  blobs: BlobStore;
  audit: AuditLog;
  clock: Clock;
  jobMaxAttempts: number;
  /** Where derived per-document files (page images) live; removed with the document. */
  derivedDir: string;
  onQueued(): void;
  onIndexChange(): void;
}) {
  const { db, documents, jobs, outbox, blobs, audit, clock } = deps;
  const now = () => clock.now();

  function get(viewer: Viewer, id: string): DocumentRecord {
    const doc = documents.get(id);
    if (!doc || !canRead(viewer, doc, now(), documents.isNamed)) throw AppError.notFound('This document');
    return doc;
  }

  /** Changing a document is for editors and admins, and for the journalist who added it. */
  function getForChange(viewer: Viewer, id: string): DocumentRecord {
    const doc = get(viewer, id);
    if (!canWrite(viewer) || (viewer.role === 'journalist' && doc.createdBy !== viewer.userId && doc.accessLevel !== 'newsroom')) {
      throw new AppError('forbidden', 'You may not change this document.');
    }
    return doc;
  }

  return {
    get,
    view(viewer: Viewer, id: string): DocumentView {
      const document = get(viewer, id);
      const parent = document.parentId ? documents.get(document.parentId) : null;
      return {
        document,
        pages: documents.pages(id),
        parent: parent && canRead(viewer, parent, now(), documents.isNamed) ? parent : null,
        children: documents.children(viewer, now(), id),
        indexed: !outbox.pendingFor(id),
        namedUsers: documents.namedUsers(id),
      };
    },
    indexed: (id: string) => !outbox.pendingFor(id),
    recent(viewer: Viewer, page: number, perPage: number): { documents: DocumentRecord[]; total: number } {
      return { documents: documents.listRecent(viewer, now(), perPage, (page - 1) * perPage), total: documents.count(viewer, now()) };
    },
    pages(viewer: Viewer, id: string): PageRecord[] {
      get(viewer, id);
      return documents.pages(id);
    },
    originalPath(viewer: Viewer, id: string, requestId?: string): { document: DocumentRecord; path: string } {
      const document = get(viewer, id);
      if (!blobs.exists(document.sha256)) throw new AppError('not_found', 'The original file of this document is missing from storage.');
      audit.record(viewer, { action: 'download', entityType: 'document', entityId: id, summary: document.filename, requestId });
      return { document, path: blobs.pathOf(document.sha256) };
    },
    /** Runs extraction again (after a password is supplied, or with new OCR languages). */
    reextract(viewer: Viewer, id: string, password?: string): DocumentRecord {
      const doc = getForChange(viewer, id);
      if (doc.status === 'extracting' || jobs.pendingFor(id).length > 0) {
        throw new AppError('conflict', 'This document is already being extracted.');
      }
      const at = now().toISOString();
      db.transaction(() => {
        documents.setStatus(id, 'queued', null, at);
        jobs.enqueue(EXTRACT_JOB, id, password ? { password, depth: 0 } : { depth: 0 }, deps.jobMaxAttempts, at);
        audit.record(viewer, { action: 'update', entityType: 'document', entityId: id, summary: password ? 'extract again with a password' : 'extract again' });
      })();
      deps.onQueued();
      return documents.get(id)!;
    },
    setAccess(viewer: Viewer, id: string, input: { level: AccessLevel; embargoUntil: string | null; userIds: string[] }): DocumentRecord {
      const before = getForChange(viewer, id);
      if (input.level === 'embargoed' && !input.embargoUntil) throw AppError.invalid('An embargo needs the date and time it ends.');
      // The person restricting a document keeps access to it.
      const userIds = input.level === 'newsroom' ? [] : [...new Set([...input.userIds, viewer.userId])];
      // Stored in one ISO form, so the access rule can compare it with "now" as text.
      const embargoUntil = input.level === 'embargoed' && input.embargoUntil ? new Date(input.embargoUntil).toISOString() : null;
      db.transaction(() => {
        documents.setAccess(id, input.level, embargoUntil, userIds, now().toISOString());
        outbox.add(id, 'upsert', now().toISOString());
        audit.record(viewer, {
          action: 'access', entityType: 'document', entityId: id,
          before: { level: before.accessLevel, embargoUntil: before.embargoUntil, users: documents.namedUsers(id) },
          after: { level: input.level, embargoUntil, users: userIds },
        });
      })();
      deps.onIndexChange();
      return documents.get(id)!;
    },
    /** Removes the document from the index, its pages and page images, and its original; the audit entry stays. */
    async remove(viewer: Viewer, id: string): Promise<void> {
      const doc = getForChange(viewer, id);
      db.transaction(() => {
        documents.delete(id);
        outbox.add(id, 'delete', now().toISOString());
        audit.record(viewer, { action: 'delete', entityType: 'document', entityId: id, summary: `${doc.title} (${doc.filename})`, before: { title: doc.title, sha256: doc.sha256 } });
      })();
      deps.onIndexChange();
      if (!documents.shaInUse(doc.sha256)) await blobs.remove(doc.sha256);
      await fs.promises.rm(path.join(deps.derivedDir, id), { recursive: true, force: true });
    },
  };
}

export type DocumentsService = ReturnType<typeof createDocumentsService>;
