import fs from 'node:fs';
import path from 'node:path';
import { canRead } from '../auth/access';
import type { AuditLog } from '../auth/audit';
import { assertMayManage, keepNamed, mayChangeDocument, mayManage } from '../auth/permissions';
import type { Viewer } from '../auth/viewer';
import type { Db } from '../db/connection';
import { AppError } from '../lib/errors';
import type { JobsRepository } from '../jobs/jobs.repository';
import type { Clock } from '../lib/clock';
import type { BlobStore } from '../storage/blob-store';
import type { OutboxRepository } from '../../search/outbox.repository';
import type { DocumentListFilter, DocumentsRepository, MetadataUpdate } from './documents.repository';
import type { AccessLevel, DocumentRecord, PageRecord } from './documents.types';
import { resolveAccess } from './access-input';
import { EXTRACT_JOB } from '../jobs/job-kinds';

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
  /** May the viewer change who can read it, or delete it (server/auth/permissions.ts)? */
  mayManage: boolean;
  /** May the viewer extract it again, and edit its title, date, notes, language and tags? */
  mayReextract: boolean;
  mayEdit: boolean;
  tags: string[];
}

/** What a person may change after upload (documents.schema.ts `metadataForm` reads the form). */
export interface MetadataPatch {
  title?: string;
  documentDate?: { value: string; precision: NonNullable<DocumentRecord['datePrecision']> } | null;
  notes?: string;
  language?: string | null;
  tags?: string[];
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

  /** The document when the viewer may read it, else null: missing and unreadable are alike. */
  function find(viewer: Viewer, id: string): DocumentRecord | null {
    const doc = documents.get(id);
    return doc && canRead(viewer, doc, now(), documents.isNamed) ? doc : null;
  }

  function get(viewer: Viewer, id: string): DocumentRecord {
    const doc = find(viewer, id);
    if (!doc) throw AppError.notFound('This document');
    return doc;
  }

  /** Extracting again: writers who may read it; a journalist on newsroom documents or their own (server/auth/permissions.ts). */
  function getForChange(viewer: Viewer, id: string): DocumentRecord {
    const doc = get(viewer, id);
    if (!mayChangeDocument(viewer, doc)) throw new AppError('forbidden', 'You may not change this document.');
    return doc;
  }

  /** Changing who may read it, and deleting it: its creator, editors and admins (server/auth/permissions.ts). */
  function getForManage(viewer: Viewer, id: string): DocumentRecord {
    const doc = get(viewer, id);
    assertMayManage(viewer, doc, 'this document');
    return doc;
  }

  return {
    get,
    find,
    /**
     * Reads without a viewer, for other areas' services that decide access themselves or already
     * did (the story area's guards and its lists filtered by the access rule, the text scan after
     * extraction). Never hand what they return to a viewer unchecked; routes use the reads above.
     */
    unchecked: {
      get: (id: string): DocumentRecord | null => documents.get(id),
      getMany: (ids: string[]): Map<string, DocumentRecord> => documents.getMany(ids),
      pages: (id: string): PageRecord[] => documents.pages(id),
    },
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
        mayManage: mayManage(viewer, document),
        mayReextract: mayChangeDocument(viewer, document),
        mayEdit: mayChangeDocument(viewer, document),
        tags: documents.tagsOf(id),
      };
    },
    indexed: (id: string) => !outbox.pendingFor(id),
    /** The documents list with filters and sort; each row with its tags. */
    list(viewer: Viewer, filter: DocumentListFilter, page: number, perPage: number): { documents: DocumentRecord[]; total: number; tags: Map<string, string[]> } {
      const { rows, total } = documents.list(viewer, now(), filter, perPage, (page - 1) * perPage);
      return { documents: rows, total, tags: documents.tagsOfMany(rows.map((d) => d.id)) };
    },
    tagsOf(viewer: Viewer, id: string): string[] {
      get(viewer, id);
      return documents.tagsOf(id);
    },
    tags: (viewer: Viewer, prefix = '', limit = 50) => documents.tags(viewer, now(), prefix, limit),
    mediaTypes: (viewer: Viewer) => documents.mediaTypes(viewer, now()),
    /**
     * Changes title, date (with its precision), notes, language and tags: writers who may change
     * the document (server/auth/permissions.ts `mayChangeDocument`). The audit entry holds each
     * changed field before and after; nothing changed writes nothing.
     */
    updateMetadata(viewer: Viewer, id: string, patch: MetadataPatch): DocumentRecord {
      const doc = getForChange(viewer, id);
      const tagsBefore = documents.tagsOf(id);
      const next: MetadataUpdate = {
        title: patch.title === undefined ? doc.title : patch.title,
        documentDate: patch.documentDate === undefined ? doc.documentDate : (patch.documentDate?.value ?? null),
        datePrecision: patch.documentDate === undefined ? doc.datePrecision : (patch.documentDate?.precision ?? null),
        notes: patch.notes === undefined ? doc.notes : patch.notes,
        language: patch.language === undefined ? doc.language : patch.language,
      };
      const tagsAfter = patch.tags === undefined ? tagsBefore : uniqueTags(patch.tags);
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      for (const key of ['title', 'documentDate', 'datePrecision', 'notes', 'language'] as const) {
        if (next[key] !== doc[key]) { before[key] = doc[key]; after[key] = next[key]; }
      }
      const folded = (tags: string[]) => tags.map((x) => x.toLocaleLowerCase('da')).join('\u0000');
      if (folded(tagsAfter) !== folded(tagsBefore)) { before.tags = tagsBefore; after.tags = tagsAfter; }
      if (Object.keys(after).length === 0) return doc;
      const at = now().toISOString();
      db.transaction(() => {
        documents.updateMetadata(id, next, at);
        if (after.tags) documents.setTags(id, tagsAfter, at);
        outbox.add(id, 'upsert', at);
        audit.record(viewer, { action: 'update', entityType: 'document', entityId: id, summary: next.title, before, after });
      })();
      deps.onIndexChange();
      return documents.get(id)!;
    },
    /** Adds tags to a document it may change (bulk tagging); answers whether anything was added. */
    addTags(viewer: Viewer, id: string, tags: string[]): boolean {
      const doc = getForChange(viewer, id);
      const before = documents.tagsOf(id);
      const after = uniqueTags([...before, ...tags]);
      if (after.length === before.length) return false;
      const at = now().toISOString();
      db.transaction(() => {
        documents.setTags(id, after, at);
        outbox.add(id, 'upsert', at);
        audit.record(viewer, { action: 'update', entityType: 'document', entityId: id, summary: doc.title, before: { tags: before }, after: { tags: after } });
      })();
      deps.onIndexChange();
      return true;
    },
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
      // A job still running for a document that already shows its outcome is only finishing up (taking
      // a container's children); the new one waits for it (server/jobs/jobs.repository.ts).
      if (doc.status === 'queued' || doc.status === 'extracting' || jobs.pendingFor(id).some((j) => j.status === 'queued')) {
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
    /** `userIds`: user names or ids. */
    setAccess(viewer: Viewer, id: string, input: { level: AccessLevel; embargoUntil: string | null; userIds: string[] }): DocumentRecord {
      const before = getForManage(viewer, id);
      // Named users must exist (unknown ones: 400 naming them); the person restricting and the one who
      // added the document keep access (as a story keeps its creator); the embargo end arrives
      // validated in its stored form (documents.schema.ts).
      const users = keepNamed(input.level, input.userIds, [before.createdBy]);
      const { userIds, embargoUntil } = resolveAccess(documents, viewer, { level: input.level, embargoUntil: input.embargoUntil, users });
      db.transaction(() => {
        // Read before the change: afterwards the named users are already the new ones.
        const usersBefore = documents.namedUsers(id);
        documents.setAccess(id, input.level, embargoUntil, userIds, now().toISOString());
        // Everything inside it follows it (server/auth/access.ts): the whole family is re-indexed.
        for (const member of [id, ...documents.descendants(id)]) outbox.add(member, 'upsert', now().toISOString());
        audit.record(viewer, {
          action: 'access', entityType: 'document', entityId: id,
          before: { level: before.accessLevel, embargoUntil: before.embargoUntil, users: usersBefore },
          after: { level: input.level, embargoUntil, users: userIds },
        });
      })();
      deps.onIndexChange();
      return documents.get(id)!;
    },
    /** Removes the document from the index, its pages and page images, and its original; the audit entry stays. */
    async remove(viewer: Viewer, id: string): Promise<void> {
      const doc = getForManage(viewer, id);
      db.transaction(() => {
        const relinked = documents.linkedThroughOwnEvents(id);
        documents.delete(id);
        outbox.add(id, 'delete', now().toISOString());
        for (const other of relinked) outbox.add(other, 'upsert', now().toISOString());
        audit.record(viewer, { action: 'delete', entityType: 'document', entityId: id, summary: `${doc.title} (${doc.filename})`, before: { title: doc.title, sha256: doc.sha256 } });
      })();
      deps.onIndexChange();
      if (!documents.shaInUse(doc.sha256)) await blobs.remove(doc.sha256);
      await fs.promises.rm(path.join(deps.derivedDir, id), { recursive: true, force: true });
    },
  };
}

/** Tags in the order given, each once (case ignored), trimmed, empty ones dropped. */
function uniqueTags(tags: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim().replace(/\s+/g, ' ');
    const key = tag.toLocaleLowerCase('da');
    if (!tag || seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}

export type DocumentsService = ReturnType<typeof createDocumentsService>;
