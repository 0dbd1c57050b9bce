import type { Db } from '../../db/connection';
import type { DatePrecision } from '../../documents/documents.types';
import type { AccessSql } from '../shared/guards';
import type { EventPartyRole, EventRecord, EventSummary } from './events.types';

/**
 * All SQL about events and the parties in them. Lists order by `event_date` as text, which is
 * already the chronology rule (see shared/chronology.ts): "2018" < "2018-06" < "2018-06-01".
 */
interface EventRow {
  id: string;
  title: string;
  event_date: string;
  date_precision: DatePrecision;
  end_date: string | null;
  description: string;
  story_id: string | null;
  source_document_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}


const toRecord = (r: EventRow): EventRecord => ({
  id: r.id,
  title: r.title,
  date: r.event_date,
  precision: r.date_precision,
  endDate: r.end_date,
  description: r.description,
  storyId: r.story_id,
  sourceDocumentId: r.source_document_id,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
const toSummary = (r: EventRow): EventSummary => ({ id: r.id, title: r.title, date: r.event_date, precision: r.date_precision, endDate: r.end_date, storyId: r.story_id });

export type NewEvent = Omit<EventRecord, 'createdAt' | 'updatedAt' | 'sourceDocumentId'> & { sourceDocumentId?: string | null };

/** The list filters: each one given adds its condition, bound by its own name. */
const LIST_FILTERS: Array<[keyof EventListFilter, string]> = [
  ['storyId', 'e.story_id = @storyId'],
  ['partyId', 'EXISTS (SELECT 1 FROM event_parties ep WHERE ep.event_id = e.id AND ep.party_id = @partyId)'],
  ['documentId', 'EXISTS (SELECT 1 FROM document_events de WHERE de.event_id = e.id AND de.document_id = @documentId)'],
  ['date', 'e.event_date = @date'],
  ['ids', 'e.id IN (SELECT value FROM json_each(@ids))'],
];

interface EventListFilter {
  storyId?: string;
  partyId?: string;
  documentId?: string;
  ids?: string[];
  date?: string;
}

export function createEventsRepository(db: Db) {
  const byId = db.prepare<[string], EventRow>('SELECT * FROM events WHERE id = ?');

  return {
    get(id: string): EventRecord | null {
      const row = byId.get(id);
      return row ? toRecord(row) : null;
    },

    insert(e: NewEvent, now: string): void {
      db.prepare(
        `INSERT INTO events (id, title, event_date, date_precision, end_date, description, story_id, source_document_id, created_by, created_at, updated_at)
         VALUES (@id, @title, @date, @precision, @endDate, @description, @storyId, @sourceDocumentId, @createdBy, @now, @now)`,
      ).run({ ...e, sourceDocumentId: e.sourceDocumentId ?? null, now });
    },

    update(id: string, e: Omit<NewEvent, 'id' | 'createdBy' | 'sourceDocumentId'>, now: string): void {
      db.prepare(
        `UPDATE events SET title = @title, event_date = @date, date_precision = @precision, end_date = @endDate,
           description = @description, story_id = @storyId, updated_at = @now WHERE id = @id`,
      ).run({ ...e, now, id });
    },

    delete(id: string): void {
      db.prepare('DELETE FROM events WHERE id = ?').run(id);
    },

    /** Visible events, optionally of one story, party or document, in chronological order. */
    list(access: AccessSql, filter: EventListFilter, limit: number, offset: number): { events: EventSummary[]; total: number } {
      const where = [access.sql];
      const params: Record<string, unknown> = { ...access.params };
      for (const [key, condition] of LIST_FILTERS) {
        const value = filter[key];
        if (!value) continue;
        where.push(condition);
        params[key] = Array.isArray(value) ? JSON.stringify(value) : value;
      }
      const w = where.join(' AND ');
      const total = db.prepare(`SELECT COUNT(*) FROM events e WHERE ${w}`).pluck().get(params) as number;
      const rows = db
        .prepare(`SELECT e.* FROM events e WHERE ${w} ORDER BY e.event_date, COALESCE(e.end_date, ''), e.title COLLATE NOCASE, e.id LIMIT @limit OFFSET @offset`)
        .all({ ...params, limit, offset }) as EventRow[];
      return { events: rows.map(toSummary), total };
    },

    /** Titles of visible events for type-ahead (folded matching happens in the service). */
    titles(access: AccessSql, limit = 5000): EventSummary[] {
      return (db.prepare(`SELECT e.* FROM events e WHERE ${access.sql} ORDER BY e.event_date DESC LIMIT @limit`).all({ ...access.params, limit }) as EventRow[]).map(toSummary);
    },

    findByTitle(title: string, storyId: string | null): EventRecord | null {
      const row = db.prepare<[string, string | null], EventRow>('SELECT * FROM events WHERE title = ? AND story_id IS ? ORDER BY created_at LIMIT 1').get(title, storyId);
      return row ? toRecord(row) : null;
    },

    parties(eventId: string): Array<{ partyId: string; role: EventPartyRole }> {
      return db.prepare('SELECT party_id AS partyId, role FROM event_parties WHERE event_id = ? ORDER BY role, party_id').all(eventId) as Array<{ partyId: string; role: EventPartyRole }>;
    },

    addParty(eventId: string, partyId: string, role: EventPartyRole): boolean {
      return db.prepare('INSERT OR IGNORE INTO event_parties (event_id, party_id, role) VALUES (?, ?, ?)').run(eventId, partyId, role).changes > 0;
    },

    removeParty(eventId: string, partyId: string, role: EventPartyRole): boolean {
      return db.prepare('DELETE FROM event_parties WHERE event_id = ? AND party_id = ? AND role = ?').run(eventId, partyId, role).changes > 0;
    },

    documentIds(eventId: string): string[] {
      return db.prepare('SELECT document_id FROM document_events WHERE event_id = ?').pluck().all(eventId) as string[];
    },
  };
}

export type EventsRepository = ReturnType<typeof createEventsRepository>;
