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
export interface AuditEntry {
  action: 'create' | 'update' | 'delete' | 'link' | 'unlink' | 'download' | 'export' | 'login' | 'logout' | 'merge' | 'access' | string;
  entityType: string;
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
