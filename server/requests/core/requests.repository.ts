import type { Db } from '../../db/connection';
import type {
  Channel, LinkedDocument, LogEntry, PartyRef, RequestDocumentRole, RequestRecord, RequestStatus,
  RequestSummary, StatusChange, StoryRef,
} from './requests.types';

/**
 * All SQL about requests, their status history, correspondence log and linked documents. Access is
 * decided by the caller and passed in as an SQL condition (`visible`) over the aliases `r` (requests)
 * and `s` (the request's story, LEFT JOINed), so list queries, counts and single reads agree.
 */
export interface SqlCondition {
  sql: string;
  params: Record<string, string>;
}

interface RequestRow {
  id: string;
  authority_id: string | null;
  subject: string;
  body: string;
  jurisdiction: string;
  region: string | null;
  law: string;
  channel: Channel | null;
  sent_date: string | null;
  received_date: string | null;
  routed_date: string | null;
  expedited: number;
  our_reference: string;
  authority_reference: string;
  story_id: string | null;
  notes: string;
  status: RequestStatus;
  status_date: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  authority_name?: string | null;
  authority_kind?: string | null;
  story_title?: string | null;
}

function toRecord(r: RequestRow): RequestRecord {
  return {
    id: r.id,
    authorityId: r.authority_id,
    subject: r.subject,
    body: r.body,
    jurisdiction: r.jurisdiction,
    region: r.region ?? null,
    law: r.law,
    channel: r.channel,
    sentDate: r.sent_date,
    receivedDate: r.received_date,
    routedDate: r.routed_date ?? null,
    expedited: r.expedited === 1,
    ourReference: r.our_reference,
    authorityReference: r.authority_reference,
    storyId: r.story_id,
    notes: r.notes,
    status: r.status,
    statusDate: r.status_date,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toSummary(r: RequestRow): RequestSummary {
  return {
    ...toRecord(r),
    authority: r.authority_id && r.authority_name != null ? { id: r.authority_id, name: r.authority_name, kind: r.authority_kind ?? '' } : null,
    story: r.story_id && r.story_title != null ? { id: r.story_id, title: r.story_title } : null,
  };
}

export type RequestFields = Omit<RequestRecord, 'createdAt' | 'updatedAt' | 'statusDate' | 'status' | 'createdBy' | 'region' | 'routedDate' | 'expedited'>
  & { region: string | null; routedDate: string | null; expedited: boolean };

export interface ListFilter {
  status?: RequestStatus[];
  storyId?: string;
  authorityId?: string;
  createdBy?: string;
}

const SELECT_SUMMARY = `
  SELECT r.*, p.name AS authority_name, p.kind AS authority_kind, s.title AS story_title
  FROM requests r
  LEFT JOIN parties p ON p.id = r.authority_id
  LEFT JOIN stories s ON s.id = r.story_id`;

export function createRequestsRepository(db: Db) {
  function where(visible: SqlCondition, f: ListFilter): { sql: string; params: Record<string, unknown> } {
    const parts = [`(r.story_id IS NULL OR ${visible.sql})`];
    const params: Record<string, unknown> = { ...visible.params };
    if (f.status?.length) {
      parts.push(`r.status IN (${f.status.map((_, i) => `@status${i}`).join(', ')})`);
      f.status.forEach((s, i) => (params[`status${i}`] = s));
    }
    if (f.storyId) { parts.push('r.story_id = @storyId'); params.storyId = f.storyId; }
    if (f.authorityId) { parts.push('r.authority_id = @authorityId'); params.authorityId = f.authorityId; }
    if (f.createdBy) { parts.push('r.created_by = @createdBy'); params.createdBy = f.createdBy; }
    return { sql: parts.join(' AND '), params };
  }

  return {
    /** A request the viewer may see, or null (unknown and hidden look the same). */
    get(id: string, visible: SqlCondition): RequestSummary | null {
      const row = db.prepare(`${SELECT_SUMMARY} WHERE r.id = @id AND (r.story_id IS NULL OR ${visible.sql})`)
        .get({ ...visible.params, id }) as RequestRow | undefined;
      return row ? toSummary(row) : null;
    },

    list(visible: SqlCondition, f: ListFilter, limit = 10_000, offset = 0): RequestSummary[] {
      const w = where(visible, f);
      return (db.prepare(`${SELECT_SUMMARY} WHERE ${w.sql}
          ORDER BY COALESCE(r.sent_date, substr(r.created_at, 1, 10)) DESC, r.id LIMIT @limit OFFSET @offset`)
        .all({ ...w.params, limit, offset }) as RequestRow[]).map(toSummary);
    },

    count(visible: SqlCondition, f: ListFilter): number {
      const w = where(visible, f);
      return db.prepare(`SELECT COUNT(*) FROM requests r LEFT JOIN stories s ON s.id = r.story_id WHERE ${w.sql}`)
        .pluck().get(w.params) as number;
    },

    insert(r: RequestFields, status: RequestStatus, statusDate: string, createdBy: string | null, now: string): void {
      db.prepare(
        `INSERT INTO requests (id, authority_id, subject, body, jurisdiction, region, law, channel, sent_date, received_date,
           routed_date, expedited, our_reference, authority_reference, story_id, notes, status, status_date, created_by, created_at, updated_at)
         VALUES (@id, @authorityId, @subject, @body, @jurisdiction, @region, @law, @channel, @sentDate, @receivedDate,
           @routedDate, @expedited, @ourReference, @authorityReference, @storyId, @notes, @status, @statusDate, @createdBy, @now, @now)`,
      ).run({ ...r, expedited: r.expedited ? 1 : 0, status, statusDate, createdBy, now });
    },

    update(r: RequestFields, now: string): void {
      db.prepare(
        `UPDATE requests SET authority_id = @authorityId, subject = @subject, body = @body, jurisdiction = @jurisdiction,
           region = @region, law = @law, channel = @channel, sent_date = @sentDate, received_date = @receivedDate,
           routed_date = @routedDate, expedited = @expedited,
           our_reference = @ourReference, authority_reference = @authorityReference, story_id = @storyId,
           notes = @notes, updated_at = @now
         WHERE id = @id`,
      ).run({ ...r, expedited: r.expedited ? 1 : 0, now });
    },

    setStatus(id: string, status: RequestStatus, date: string, now: string): void {
      db.prepare('UPDATE requests SET status = ?, status_date = ?, updated_at = ? WHERE id = ?').run(status, date, now, id);
    },

    delete(id: string): void {
      db.prepare("DELETE FROM story_items WHERE item_type = 'request' AND item_id = ?").run(id);
      db.prepare('DELETE FROM requests WHERE id = ?').run(id);
    },

    /** Keeps the story's item list (shared with the story pages) in step with the request's story. */
    moveStoryItem(id: string, from: string | null, to: string | null, now: string): void {
      if (from) db.prepare("DELETE FROM story_items WHERE story_id = ? AND item_type = 'request' AND item_id = ?").run(from, id);
      if (to) db.prepare("INSERT OR IGNORE INTO story_items (story_id, item_type, item_id, added_at) VALUES (?, 'request', ?, ?)").run(to, id, now);
    },

    // — status history —
    addStatus(c: Omit<StatusChange, 'id'>): number {
      return Number(db.prepare(
        `INSERT INTO request_status_history (request_id, from_status, to_status, effective_date, received_on, promised_date, note,
           changed_by, changed_by_name, changed_at)
         VALUES (@requestId, @fromStatus, @toStatus, @date, @receivedOn, @promisedDate, @note, @changedBy, @changedByName, @changedAt)`,
      ).run(c).lastInsertRowid);
    },

    history(requestId: string): StatusChange[] {
      return db.prepare(
        `SELECT id, request_id AS requestId, from_status AS fromStatus, to_status AS toStatus, effective_date AS date,
           received_on AS receivedOn, promised_date AS promisedDate, note, changed_by AS changedBy, changed_by_name AS changedByName, changed_at AS changedAt
         FROM request_status_history WHERE request_id = ? ORDER BY id`,
      ).all(requestId) as StatusChange[];
    },

    /** Histories of many requests at once (overview, calendar, authority record). */
    histories(requestIds: string[]): Map<string, StatusChange[]> {
      const out = new Map<string, StatusChange[]>(requestIds.map((id) => [id, []]));
      for (let i = 0; i < requestIds.length; i += 500) {
        const chunk = requestIds.slice(i, i + 500);
        const rows = db.prepare(
          `SELECT id, request_id AS requestId, from_status AS fromStatus, to_status AS toStatus, effective_date AS date,
             received_on AS receivedOn, promised_date AS promisedDate, note, changed_by AS changedBy, changed_by_name AS changedByName, changed_at AS changedAt
           FROM request_status_history WHERE request_id IN (${chunk.map(() => '?').join(',')}) ORDER BY id`,
        ).all(...chunk) as StatusChange[];
        for (const row of rows) out.get(row.requestId)?.push(row);
      }
      return out;
    },

    // — correspondence log —
    addLog(e: Omit<LogEntry, 'id'>): number {
      return Number(db.prepare(
        `INSERT INTO request_log (request_id, kind, entry_date, summary, body, created_by, created_by_name, created_at)
         VALUES (@requestId, @kind, @date, @summary, @body, @createdBy, @createdByName, @createdAt)`,
      ).run(e).lastInsertRowid);
    },

    log(requestId: string): LogEntry[] {
      return db.prepare(
        `SELECT id, request_id AS requestId, kind, entry_date AS date, summary, body, created_by AS createdBy,
           created_by_name AS createdByName, created_at AS createdAt
         FROM request_log WHERE request_id = ? ORDER BY entry_date, id`,
      ).all(requestId) as LogEntry[];
    },

    logEntry(requestId: string, id: number): LogEntry | null {
      return (db.prepare(
        `SELECT id, request_id AS requestId, kind, entry_date AS date, summary, body, created_by AS createdBy,
           created_by_name AS createdByName, created_at AS createdAt
         FROM request_log WHERE request_id = ? AND id = ?`,
      ).get(requestId, id) as LogEntry | undefined) ?? null;
    },

    deleteLog(requestId: string, id: number): void {
      db.prepare('DELETE FROM request_log WHERE request_id = ? AND id = ?').run(requestId, id);
    },

    // — documents —
    linkDocument(requestId: string, documentId: string, role: RequestDocumentRole, logEntryId: number | null, by: string | null, now: string): boolean {
      return db.prepare(
        `INSERT OR IGNORE INTO request_documents (request_id, document_id, role, log_entry_id, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ).run(requestId, documentId, role, logEntryId, by, now).changes > 0;
    },

    unlinkDocument(requestId: string, documentId: string): boolean {
      return db.prepare('DELETE FROM request_documents WHERE request_id = ? AND document_id = ?').run(requestId, documentId).changes > 0;
    },

    /** Documents of a request the viewer may read (`visible` is a condition over documents `d`). */
    documents(requestId: string, visible: SqlCondition): LinkedDocument[] {
      return db.prepare(
        `SELECT d.id AS documentId, d.title, d.filename, d.status, d.document_date AS documentDate, rd.role,
           rd.log_entry_id AS logEntryId, rd.created_at AS linkedAt
         FROM request_documents rd JOIN documents d ON d.id = rd.document_id
         WHERE rd.request_id = @requestId AND ${visible.sql}
         ORDER BY rd.created_at, d.title`,
      ).all({ ...visible.params, requestId }) as LinkedDocument[];
    },

    /** Every request a document belongs to: what the search index stores to filter by request. */
    requestIdsOfDocument(documentId: string): string[] {
      return db.prepare('SELECT request_id FROM request_documents WHERE document_id = ? ORDER BY request_id').pluck().all(documentId) as string[];
    },

    documentIdsOf(requestId: string): string[] {
      return db.prepare('SELECT document_id FROM request_documents WHERE request_id = ?').pluck().all(requestId) as string[];
    },

    /** Inherit the request's story and authority; never overwrite what someone linked by hand. */
    addStoryDocument(storyId: string, documentId: string, now: string): void {
      db.prepare("INSERT OR IGNORE INTO story_items (story_id, item_type, item_id, added_at) VALUES (?, 'document', ?, ?)").run(storyId, documentId, now);
    },

    addDocumentParty(documentId: string, partyId: string, role: 'sender' | 'recipient', by: string | null, now: string): void {
      db.prepare('INSERT OR IGNORE INTO document_parties (document_id, party_id, role, created_by, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(documentId, partyId, role, by, now);
    },

    // — neighbours read here because their areas are being built in parallel —
    party(id: string): PartyRef | null {
      return (db.prepare('SELECT id, name, kind FROM parties WHERE id = ?').get(id) as PartyRef | undefined) ?? null;
    },

    /** Authorities first, for pickers. */
    parties(limit = 2000): PartyRef[] {
      return db.prepare(
        `SELECT id, name, kind FROM parties ORDER BY kind <> 'authority', name COLLATE NOCASE LIMIT ?`,
      ).all(limit) as PartyRef[];
    },

    story(id: string, visible: SqlCondition): StoryRef | null {
      return (db.prepare(`SELECT s.id, s.title FROM stories s WHERE s.id = @id AND ${visible.sql}`)
        .get({ ...visible.params, id }) as StoryRef | undefined) ?? null;
    },

    stories(visible: SqlCondition, limit = 2000): StoryRef[] {
      return db.prepare(`SELECT s.id, s.title FROM stories s WHERE ${visible.sql} ORDER BY s.title COLLATE NOCASE LIMIT @limit`)
        .all({ ...visible.params, limit }) as StoryRef[];
    },

    document(id: string, visible: SqlCondition): { id: string; title: string } | null {
      return (db.prepare(`SELECT d.id, d.title FROM documents d WHERE d.id = @id AND ${visible.sql}`)
        .get({ ...visible.params, id }) as { id: string; title: string } | undefined) ?? null;
    },
  };
}

export type RequestsRepository = ReturnType<typeof createRequestsRepository>;
