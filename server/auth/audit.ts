import type { Db } from '../db/connection';
import type { Clock } from '../lib/clock';
import type { Viewer } from './viewer';

/**
 * The audit log: who created, changed, linked, deleted, downloaded or exported what, and when, with
 * before/after for changes. Append-only (the table refuses UPDATE and DELETE). Call `record` inside
 * the transaction of the change it describes, so the two commit together.
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

export function createAuditLog(db: Db, clock: Clock) {
  const insert = db.prepare(
    `INSERT INTO audit_log (at, actor_id, actor_name, action, entity_type, entity_id, summary, before_json, after_json, request_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return {
    record(actor: Viewer | null, e: AuditEntry): void {
      insert.run(
        clock.now().toISOString(),
        actor?.userId ?? null,
        actor?.username ?? null,
        e.action,
        e.entityType,
        e.entityId ?? null,
        e.summary ?? '',
        e.before === undefined ? null : JSON.stringify(e.before),
        e.after === undefined ? null : JSON.stringify(e.after),
        e.requestId ?? null,
      );
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
