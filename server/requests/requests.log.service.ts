import type { AuditLog } from '../auth/audit';
import type { Viewer } from '../auth/viewer';
import type { Db } from '../db/connection';
import type { AccessRequest } from '../documents/access-input';
import type { InitialAccess } from '../documents/documents.repository';
import type { IntakeService } from '../ingest/intake.service';
import { AppError } from '../lib/errors';
import type { Clock } from '../lib/clock';
import type { StagedBlob } from '../storage/blob-store';
import type { OutboxRepository } from '../../search/outbox.repository';
import { assertCanWrite, visibleDocuments, visibleRequests, visibleStories } from './core/requests.access';
import { checkDay, todayOf } from './core/requests.dates';
import type { RequestsRepository } from './core/requests.repository';
import type { LogInput } from './core/requests.schema';
import type { LinkedDocument, LogEntry, LogKind, RequestDocumentRole, RequestSummary } from './core/requests.types';

/**
 * The correspondence log of a request and the documents it produced. Uploaded files go through the
 * archive's intake like any upload (type from the bytes, one copy per content, extraction queued);
 * then, in one transaction, the entry is written and each document is linked to the request and
 * inherits what the request knows — its story, and its authority as sender of what we received
 * (or recipient of what we sent) — unless the entry says otherwise. Each linked document gets an
 * outbox row so the search index learns it belongs to the request.
 *
 * Files can be restricted or embargoed from the first byte (`access`, checked before anything is
 * stored). A file whose bytes are already in the archive links the existing document only when the
 * writer may read it; otherwise intake gives the writer a document of their own, so nothing is
 * linked to — or revealed about — a document the writer cannot read.
 */
export interface StagedUpload {
  filename: string;
  staged: StagedBlob;
}

export interface LogResult {
  entry: LogEntry;
  documents: Array<{ id: string; title: string; duplicate: boolean; role: RequestDocumentRole }>;
  refused: Array<{ filename: string; message: string }>;
}

/** What a document inherits, unless overridden: undefined = inherit, null = nothing, id = that. */
interface Inherit {
  storyId?: string | null;
  partyId?: string | null;
}

const DEFAULT_ROLE: Record<LogKind, RequestDocumentRole> = { received: 'response', sent: 'request', phone: 'correspondence', note: 'correspondence' };

export function createRequestLogService(deps: {
  db: Db;
  requests: RequestsRepository;
  intake: IntakeService;
  outbox: OutboxRepository;
  audit: AuditLog;
  clock: Clock;
}) {
  const { db, requests: repo, intake, outbox, audit, clock } = deps;

  function visibleRequest(viewer: Viewer, id: string): RequestSummary {
    const r = repo.get(id, visibleRequests(viewer, clock.now()));
    if (!r) throw AppError.notFound('This request');
    return r;
  }

  /** "none" clears, an id must exist (and, for a story, be readable), nothing means inherit. */
  function override(viewer: Viewer, kind: 'story' | 'party', value: string | undefined): string | null | undefined {
    if (value === undefined) return undefined;
    if (value === 'none') return null;
    const found = kind === 'story' ? repo.story(value, visibleStories(viewer, clock.now())) : repo.party(value);
    if (!found) throw AppError.notFound(kind === 'story' ? 'This story' : 'This party');
    return value;
  }

  function linkInTransaction(viewer: Viewer, req: RequestSummary, documentId: string, role: RequestDocumentRole, logId: number | null, inherit: Inherit, now: string): boolean {
    const added = repo.linkDocument(req.id, documentId, role, logId, viewer.userId, now);
    const storyId = inherit.storyId === undefined ? req.storyId : inherit.storyId;
    if (storyId) repo.addStoryDocument(storyId, documentId, now);
    const partyId = inherit.partyId === undefined ? req.authorityId : inherit.partyId;
    if (partyId && role === 'response') repo.addDocumentParty(documentId, partyId, 'sender', viewer.userId, now);
    if (partyId && role === 'request') repo.addDocumentParty(documentId, partyId, 'recipient', viewer.userId, now);
    outbox.add(documentId, 'upsert', now);
    return added;
  }

  async function addEntry(viewer: Viewer, requestId: string, input: LogInput, files: StagedUpload[], accessInput?: AccessRequest): Promise<LogResult> {
    let req: RequestSummary;
    let date: string;
    let inherit: Inherit;
    let access: InitialAccess | undefined;
    try {
      assertCanWrite(viewer);
      req = visibleRequest(viewer, requestId);
      const today = todayOf(clock);
      date = input.date ? checkDay(input.date, 'date') : today;
      if (date > today) throw AppError.invalid(`date ${date} is in the future; the log records what has happened.`);
      if (!input.summary?.trim() && !input.body?.trim() && files.length === 0) {
        throw AppError.invalid('summary: write what happened, or attach a document.');
      }
      inherit = { storyId: override(viewer, 'story', input.storyId), partyId: override(viewer, 'party', input.senderId) };
      access = accessInput ? intake.resolveAccess(viewer, accessInput) : undefined;
    } catch (err) {
      await Promise.all(files.map((f) => intake.discard(f.staged)));
      throw err;
    }

    const role = input.role ?? DEFAULT_ROLE[input.kind];
    const stored: LogResult['documents'] = [];
    const refused: LogResult['refused'] = [];
    for (let i = 0; i < files.length; i++) {
      try {
        const outcome = await intake.intake(files[i].staged, { filename: files[i].filename, createdBy: viewer, access });
        if (outcome.kind === 'unsupported') refused.push({ filename: files[i].filename, message: outcome.reason });
        else stored.push({ id: outcome.document.id, title: outcome.document.title, duplicate: outcome.kind === 'duplicate', role });
      } catch (err) {
        await Promise.all(files.slice(i + 1).map((f) => intake.discard(f.staged)));
        throw err;
      }
    }

    const now = clock.now().toISOString();
    const entry: Omit<LogEntry, 'id'> = {
      requestId, kind: input.kind, date, summary: input.summary?.trim() ?? '', body: input.body ?? '',
      createdBy: viewer.userId, createdByName: viewer.name, createdAt: now,
    };
    let id = 0;
    db.transaction(() => {
      // The request may have been deleted while the files were being stored.
      if (!repo.get(requestId, visibleRequests(viewer, clock.now()))) throw AppError.notFound('This request');
      id = repo.addLog(entry);
      for (const doc of stored) linkInTransaction(viewer, req, doc.id, role, id, inherit, now);
      audit.record(viewer, {
        action: 'create', entityType: 'request_log', entityId: String(id), summary: `${entry.kind} on ${requestId}`,
        after: { ...entry, documents: stored.map((d) => d.id) },
      });
    })();
    return { entry: { id, ...entry }, documents: stored, refused };
  }

  return {
    addEntry,

    entries(viewer: Viewer, requestId: string): LogEntry[] {
      visibleRequest(viewer, requestId);
      return repo.log(requestId);
    },

    deleteEntry(viewer: Viewer, requestId: string, entryId: number): void {
      assertCanWrite(viewer);
      visibleRequest(viewer, requestId);
      const entry = repo.logEntry(requestId, entryId);
      if (!entry) throw AppError.notFound('This log entry');
      db.transaction(() => {
        // The documents stay linked to the request; only the entry goes.
        repo.deleteLog(requestId, entryId);
        audit.record(viewer, { action: 'delete', entityType: 'request_log', entityId: String(entryId), summary: `${entry.kind} on ${requestId}`, before: entry });
      })();
    },

    documents(viewer: Viewer, requestId: string): LinkedDocument[] {
      visibleRequest(viewer, requestId);
      return repo.documents(requestId, visibleDocuments(viewer, clock.now()));
    },

    /** Links a document already in the archive; it inherits like an uploaded one. */
    linkDocument(viewer: Viewer, requestId: string, documentId: string, role: RequestDocumentRole): { added: boolean } {
      assertCanWrite(viewer);
      const req = visibleRequest(viewer, requestId);
      if (!repo.document(documentId, visibleDocuments(viewer, clock.now()))) throw AppError.notFound('This document');
      const now = clock.now().toISOString();
      let added = false;
      db.transaction(() => {
        added = linkInTransaction(viewer, req, documentId, role, null, {}, now);
        audit.record(viewer, { action: 'link', entityType: 'request', entityId: requestId, summary: `${role} ${documentId}`, after: { documentId, role } });
      })();
      return { added };
    },

    unlinkDocument(viewer: Viewer, requestId: string, documentId: string): void {
      assertCanWrite(viewer);
      visibleRequest(viewer, requestId);
      if (!repo.document(documentId, visibleDocuments(viewer, clock.now()))) throw AppError.notFound('This document');
      const now = clock.now().toISOString();
      db.transaction(() => {
        if (!repo.unlinkDocument(requestId, documentId)) throw new AppError('not_found', 'This document is not linked to the request.');
        outbox.add(documentId, 'upsert', now);
        audit.record(viewer, { action: 'unlink', entityType: 'request', entityId: requestId, summary: documentId, before: { documentId } });
      })();
    },
  };
}

export type RequestLogService = ReturnType<typeof createRequestLogService>;
