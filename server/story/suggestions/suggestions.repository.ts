import type { Db } from '../../db/connection';
import type { DatePrecision } from '../../documents/documents.types';

/**
 * All SQL about suggestions. A row is unique per (document, kind, value) and is never deleted once
 * decided, which is what keeps a dismissed suggestion from coming back on the next scan.
 */
export const SUGGESTION_KINDS = ['party_mention', 'document_date', 'event_date', 'personal_data'] as const;
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];
export type SuggestionState = 'open' | 'accepted' | 'dismissed';

export interface SuggestionRecord {
  id: number;
  documentId: string;
  kind: SuggestionKind;
  value: string;
  pageNumber: number | null;
  detail: Record<string, unknown>;
  state: SuggestionState;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
}

export interface NewSuggestion {
  kind: SuggestionKind;
  value: string;
  pageNumber: number | null;
  detail: Record<string, unknown>;
}

interface Row {
  id: number;
  document_id: string;
  kind: SuggestionKind;
  value: string;
  page_number: number | null;
  detail: string;
  state: SuggestionState;
  created_at: string;
  decided_at: string | null;
  decided_by: string | null;
}

const toRecord = (r: Row): SuggestionRecord => ({
  id: r.id,
  documentId: r.document_id,
  kind: r.kind,
  value: r.value,
  pageNumber: r.page_number,
  detail: JSON.parse(r.detail) as Record<string, unknown>,
  state: r.state,
  createdAt: r.created_at,
  decidedAt: r.decided_at,
  decidedBy: r.decided_by,
});

export function createSuggestionsRepository(db: Db) {
  return {
    get(id: number): SuggestionRecord | null {
      const row = db.prepare<[number], Row>('SELECT * FROM suggestions WHERE id = ?').get(id);
      return row ? toRecord(row) : null;
    },

    forDocument(documentId: string, state?: SuggestionState): SuggestionRecord[] {
      const rows = state
        ? db.prepare<[string, string], Row>('SELECT * FROM suggestions WHERE document_id = ? AND state = ? ORDER BY kind, page_number, id').all(documentId, state)
        : db.prepare<[string], Row>('SELECT * FROM suggestions WHERE document_id = ? ORDER BY kind, page_number, id').all(documentId);
      return rows.map(toRecord);
    },

    /**
     * Stores what a scan found: new findings are added, open ones refreshed (their page or detail
     * may have changed with a new extraction), open ones no longer found are dropped; decided ones
     * (accepted, dismissed) are left exactly as they are.
     */
    replaceOpen(documentId: string, found: NewSuggestion[], now: string): void {
      const keep = new Set(found.map((f) => `${f.kind}\u0000${f.value}`));
      for (const r of db.prepare<[string], Row>("SELECT * FROM suggestions WHERE document_id = ? AND state = 'open'").all(documentId)) {
        if (!keep.has(`${r.kind}\u0000${r.value}`)) db.prepare('DELETE FROM suggestions WHERE id = ?').run(r.id);
      }
      const upsert = db.prepare(
        `INSERT INTO suggestions (document_id, kind, value, page_number, detail, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (document_id, kind, value) DO UPDATE SET page_number = excluded.page_number, detail = excluded.detail WHERE state = 'open'`,
      );
      for (const f of found) upsert.run(documentId, f.kind, f.value, f.pageNumber, JSON.stringify(f.detail), now);
    },

    decide(id: number, state: Exclude<SuggestionState, 'open'>, by: string | null, now: string, detail?: Record<string, unknown>): void {
      if (detail) db.prepare('UPDATE suggestions SET state = ?, decided_by = ?, decided_at = ?, detail = ? WHERE id = ?').run(state, by, now, JSON.stringify(detail), id);
      else db.prepare('UPDATE suggestions SET state = ?, decided_by = ?, decided_at = ? WHERE id = ?').run(state, by, now, id);
    },

    lastScan(documentId: string): { extractedAt: string | null; scannedAt: string } | null {
      return (db.prepare('SELECT extracted_at AS extractedAt, scanned_at AS scannedAt FROM suggestion_scans WHERE document_id = ?').get(documentId) as { extractedAt: string | null; scannedAt: string } | undefined) ?? null;
    },

    markScanned(documentId: string, extractedAt: string | null, now: string): void {
      db.prepare('INSERT INTO suggestion_scans (document_id, extracted_at, scanned_at) VALUES (?, ?, ?) ON CONFLICT (document_id) DO UPDATE SET extracted_at = excluded.extracted_at, scanned_at = excluded.scanned_at').run(documentId, extractedAt, now);
    },

    /** Accepting a date suggestion sets the document's date (the one documents SQL this area writes). */
    setDocumentDate(documentId: string, date: string, precision: DatePrecision, now: string): void {
      db.prepare('UPDATE documents SET document_date = ?, date_precision = ?, updated_at = ? WHERE id = ?').run(date, precision, now, documentId);
    },
  };
}

export type SuggestionsRepository = ReturnType<typeof createSuggestionsRepository>;
