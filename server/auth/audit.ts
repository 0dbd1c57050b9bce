import type { Db } from '../db/connection';
import type { Clock } from '../lib/clock';
import { createAuditRepository, type AuditQuery, type AuditRepository } from './audit.repository';
import { requireRole, type Viewer } from './viewer';

/**
 * The audit log: who created, changed, linked, deleted, downloaded or exported what, and when, with
 * before/after for changes. Append-only (the table refuses UPDATE and DELETE). Call `record` inside
 * the transaction of the change it describes, so the two commit together. Built once by the
 * composition root; its rows live in `audit.repository.ts`.
 */
/** What the log records, named once: the log page labels them in the reader's language and filters by them. */
export const AUDIT_ACTIONS = [
  'create', 'update', 'delete', 'add', 'link', 'unlink', 'merge', 'dismiss', 'access', 'share', 'unshare', 'share_view',
  'download', 'export', 'verify', 'reindex', 'login', 'logout',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export const AUDIT_ENTITY_TYPES = [
  'document', 'story', 'event', 'party', 'suggestion', 'request', 'request_log', 'request_clock_stop', 'request_exemption',
  'letter_template', 'foi_directory', 'calendar_feed', 'user', 'api_token', 'originals', 'search_index',
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

export interface AuditEntry {
  action: AuditAction;
  entityType: AuditEntityType;
  entityId?: string | null;
  summary?: string;
  before?: unknown;
  after?: unknown;
  requestId?: string;
}

export function createAuditLog(db: Db, clock: Clock, repository: AuditRepository = createAuditRepository(db)) {
  return {
    record(actor: Viewer | null, e: AuditEntry): void {
      repository.append({
        at: clock.now().toISOString(),
        actorId: actor?.userId ?? null,
        actorName: actor?.username ?? null,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId ?? null,
        summary: e.summary ?? '',
        beforeJson: e.before === undefined ? null : JSON.stringify(e.before),
        afterJson: e.after === undefined ? null : JSON.stringify(e.after),
        requestId: e.requestId ?? null,
      });
    },

    /** A page of the log, newest first: admins only. */
    entries(viewer: Viewer, q: AuditQuery) {
      requireRole(viewer, 'admin');
      return repository.query(q);
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
