import type { Db } from '../../db/connection';
import { createDirectoryRepository } from './requests.directory.repository';
import type { ClockStopKind, ClockStopRecord, ExemptionDecision, ExemptionRecord, ExemptionState } from './requests.types';

/**
 * SQL of what the law needs besides a request's dates: the stops of its clock, the authority's
 * list of documents with its decisions (exemption records), and the Danish authority directory
 * (requests.directory.repository.ts, merged in).
 */
interface ExemptionRow {
  id: number;
  request_id: string;
  number: string;
  title: string;
  document_date: string | null;
  decision: ExemptionDecision;
  bases: string;
  note: string;
  document_id: string | null;
  state: ExemptionState;
  source_document_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

const toExemption = (r: ExemptionRow): ExemptionRecord => ({
  id: r.id, requestId: r.request_id, number: r.number, title: r.title, documentDate: r.document_date, decision: r.decision,
  bases: JSON.parse(r.bases) as string[], note: r.note, documentId: r.document_id, state: r.state,
  sourceDocumentId: r.source_document_id, createdBy: r.created_by, createdAt: r.created_at, updatedAt: r.updated_at,
});

export type ExemptionFields = Pick<ExemptionRecord, 'number' | 'title' | 'documentDate' | 'decision' | 'bases' | 'note' | 'documentId'>;

export type { DirectoryEdit, DirectoryEntry, DirectoryField, DirectorySeedRow } from './requests.directory.repository';

/** Refusals of one authority, per legal basis, over the requests the viewer may see. */
export interface BasisCount { basis: string; decision: ExemptionDecision; documents: number; requests: number }

const STOP_COLUMNS = `id, request_id AS requestId, kind, from_date AS "from", to_date AS "to", note, created_by AS createdBy, created_at AS createdAt`;

export function createLawRepository(db: Db) {
  return {
    // — clock stops —
    stops(requestId: string): ClockStopRecord[] {
      return db.prepare(`SELECT ${STOP_COLUMNS} FROM request_clock_stops WHERE request_id = ? ORDER BY from_date, id`).all(requestId) as ClockStopRecord[];
    },
    stopsOf(requestIds: string[]): Map<string, ClockStopRecord[]> {
      const out = new Map<string, ClockStopRecord[]>(requestIds.map((id) => [id, []]));
      for (let i = 0; i < requestIds.length; i += 500) {
        const chunk = requestIds.slice(i, i + 500);
        const rows = db.prepare(`SELECT ${STOP_COLUMNS} FROM request_clock_stops WHERE request_id IN (${chunk.map(() => '?').join(',')}) ORDER BY from_date, id`)
          .all(...chunk) as ClockStopRecord[];
        for (const row of rows) out.get(row.requestId)?.push(row);
      }
      return out;
    },
    stop(requestId: string, id: number): ClockStopRecord | null {
      return (db.prepare(`SELECT ${STOP_COLUMNS} FROM request_clock_stops WHERE request_id = ? AND id = ?`).get(requestId, id) as ClockStopRecord | undefined) ?? null;
    },
    addStop(s: { requestId: string; kind: ClockStopKind; from: string; to: string | null; note: string; createdBy: string | null; createdAt: string }): number {
      return Number(db.prepare(
        `INSERT INTO request_clock_stops (request_id, kind, from_date, to_date, note, created_by, created_at)
         VALUES (@requestId, @kind, @from, @to, @note, @createdBy, @createdAt)`,
      ).run(s).lastInsertRowid);
    },
    updateStop(requestId: string, id: number, to: string | null, note: string): void {
      db.prepare('UPDATE request_clock_stops SET to_date = ?, note = ? WHERE request_id = ? AND id = ?').run(to, note, requestId, id);
    },
    deleteStop(requestId: string, id: number): boolean {
      return db.prepare('DELETE FROM request_clock_stops WHERE request_id = ? AND id = ?').run(requestId, id).changes > 0;
    },

    // — exemption records —
    exemptions(requestId: string): ExemptionRecord[] {
      return (db.prepare(`SELECT * FROM request_exemptions WHERE request_id = ? ORDER BY state = 'dismissed', CAST(number AS INTEGER), number, id`)
        .all(requestId) as ExemptionRow[]).map(toExemption);
    },
    exemption(requestId: string, id: number): ExemptionRecord | null {
      const row = db.prepare('SELECT * FROM request_exemptions WHERE request_id = ? AND id = ?').get(requestId, id) as ExemptionRow | undefined;
      return row ? toExemption(row) : null;
    },
    addExemption(requestId: string, f: ExemptionFields, state: ExemptionState, sourceDocumentId: string | null, by: string | null, now: string): number | null {
      const res = db.prepare(
        `INSERT OR IGNORE INTO request_exemptions (request_id, number, title, document_date, decision, bases, note, document_id, state,
           source_document_id, created_by, created_at, updated_at)
         VALUES (@requestId, @number, @title, @documentDate, @decision, @bases, @note, @documentId, @state, @sourceDocumentId, @by, @now, @now)`,
      ).run({ requestId, ...f, bases: JSON.stringify(f.bases), state, sourceDocumentId, by, now });
      return res.changes > 0 ? Number(res.lastInsertRowid) : null;
    },
    updateExemption(requestId: string, id: number, f: ExemptionFields, state: ExemptionState, now: string): void {
      db.prepare(
        `UPDATE request_exemptions SET number = @number, title = @title, document_date = @documentDate, decision = @decision,
           bases = @bases, note = @note, document_id = @documentId, state = @state, updated_at = @now
         WHERE request_id = @requestId AND id = @id`,
      ).run({ requestId, id, ...f, bases: JSON.stringify(f.bases), state, now });
    },
    deleteExemption(requestId: string, id: number): boolean {
      return db.prepare('DELETE FROM request_exemptions WHERE request_id = ? AND id = ?').run(requestId, id).changes > 0;
    },
    /**
     * Accepted records of an authority's requests, counted per legal basis and decision. `requestIds`
     * are the requests the viewer may see (the caller decides access).
     */
    basisCounts(requestIds: string[]): BasisCount[] {
      if (requestIds.length === 0) return [];
      const out = new Map<string, BasisCount & { reqs: Set<string> }>();
      for (let i = 0; i < requestIds.length; i += 500) {
        const chunk = requestIds.slice(i, i + 500);
        const rows = db.prepare(
          `SELECT e.request_id AS requestId, e.decision, b.value AS basis
           FROM request_exemptions e, json_each(e.bases) b
           WHERE e.state = 'accepted' AND e.decision IN ('refused', 'partly') AND e.request_id IN (${chunk.map(() => '?').join(',')})`,
        ).all(...chunk) as Array<{ requestId: string; decision: ExemptionDecision; basis: string }>;
        for (const r of rows) {
          const k = `${r.basis}|${r.decision}`;
          let c = out.get(k);
          if (!c) out.set(k, (c = { basis: r.basis, decision: r.decision, documents: 0, requests: 0, reqs: new Set() }));
          c.documents++;
          c.reqs.add(r.requestId);
        }
      }
      return [...out.values()].map(({ reqs, ...c }) => ({ ...c, requests: reqs.size }))
        .sort((a, b) => b.documents - a.documents || a.basis.localeCompare(b.basis));
    },
    /** The extracted text of a document linked to the request, page by page (for the aktliste reader). */
    documentText(requestId: string, documentId: string): string | null {
      const linked = db.prepare('SELECT 1 FROM request_documents WHERE request_id = ? AND document_id = ?').get(requestId, documentId);
      if (!linked) return null;
      const pages = db.prepare('SELECT text FROM pages WHERE document_id = ? ORDER BY number').pluck().all(documentId) as string[];
      return pages.join('\n');
    },

    ...createDirectoryRepository(db),
  };
}

export type LawRepository = ReturnType<typeof createLawRepository>;
