import type { Db } from '../db/connection';

/**
 * The audit log's table: appending a row (the log itself, `audit.ts`, says when and by whom) and
 * reading it filtered by actor, action, entity, newest first. The table refuses UPDATE and DELETE.
 */
export interface AuditQuery {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  page: number;
}

export interface AuditRow {
  id: number;
  at: string;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  summary: string;
  before: string | null;
  after: string | null;
}

/** One row as written: the JSON of before/after already serialised. */
export interface AuditInsert {
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  summary: string;
  beforeJson: string | null;
  afterJson: string | null;
  requestId: string | null;
}

const PER_PAGE = 100;

export function createAuditRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO audit_log (at, actor_id, actor_name, action, entity_type, entity_id, summary, before_json, after_json, request_id)
     VALUES (@at, @actorId, @actorName, @action, @entityType, @entityId, @summary, @beforeJson, @afterJson, @requestId)`,
  );
  return {
    append(row: AuditInsert): void {
      insert.run(row);
    },

    query(q: AuditQuery): { entries: AuditRow[]; total: number; page: number; perPage: number } {
      const where: string[] = [];
      const params: Record<string, string | number> = {};
      if (q.actor) (where.push('actor_name = @actor'), (params.actor = q.actor));
      if (q.action) (where.push('action = @action'), (params.action = q.action));
      if (q.entityType) (where.push('entity_type = @entityType'), (params.entityType = q.entityType));
      if (q.entityId) (where.push('entity_id = @entityId'), (params.entityId = q.entityId));
      const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const total = db.prepare(`SELECT COUNT(*) FROM audit_log ${cond}`).pluck().get(params) as number;
      const entries = db
        .prepare(
          `SELECT id, at, actor_name AS actorName, action, entity_type AS entityType, entity_id AS entityId, summary,
                  before_json AS before, after_json AS after
           FROM audit_log ${cond} ORDER BY id DESC LIMIT @limit OFFSET @offset`,
        )
        .all({ ...params, limit: PER_PAGE, offset: (q.page - 1) * PER_PAGE }) as AuditRow[];
      return { entries, total, page: q.page, perPage: PER_PAGE };
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
