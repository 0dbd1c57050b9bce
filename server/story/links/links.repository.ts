import type { Db } from '../../db/connection';
import type { AccessSql } from '../shared/guards';
import type { DocumentPartyRole, DocumentRelation } from './links.types';

/**
 * All SQL about a document's links: to parties (with a role), to events, to other documents
 * (with a relation), and the access-filtered lists of documents under a party, event or story.
 */

export function createLinksRepository(db: Db) {
  return {
    documentParties(documentId: string): Array<{ partyId: string; role: DocumentPartyRole; createdAt: string }> {
      return db.prepare('SELECT party_id AS partyId, role, created_at AS createdAt FROM document_parties WHERE document_id = ? ORDER BY created_at, party_id').all(documentId) as Array<{
        partyId: string;
        role: DocumentPartyRole;
        createdAt: string;
      }>;
    },

    /** Parties of many documents at once (the timeline's "who wrote to whom"). */
    partiesOfDocuments(documentIds: string[]): Map<string, Array<{ partyId: string; role: DocumentPartyRole }>> {
      const out = new Map<string, Array<{ partyId: string; role: DocumentPartyRole }>>();
      if (documentIds.length === 0) return out;
      const rows = db
        .prepare('SELECT document_id, party_id, role FROM document_parties WHERE document_id IN (SELECT value FROM json_each(?)) ORDER BY created_at')
        .all(JSON.stringify(documentIds)) as Array<{ document_id: string; party_id: string; role: DocumentPartyRole }>;
      for (const r of rows) {
        const list = out.get(r.document_id) ?? [];
        list.push({ partyId: r.party_id, role: r.role });
        out.set(r.document_id, list);
      }
      return out;
    },

    hasDocumentParty(documentId: string, partyId: string, role: DocumentPartyRole): boolean {
      return db.prepare('SELECT 1 FROM document_parties WHERE document_id = ? AND party_id = ? AND role = ?').get(documentId, partyId, role) !== undefined;
    },

    addDocumentParty(documentId: string, partyId: string, role: DocumentPartyRole, by: string | null, now: string): boolean {
      return db.prepare('INSERT OR IGNORE INTO document_parties (document_id, party_id, role, created_by, created_at) VALUES (?, ?, ?, ?, ?)').run(documentId, partyId, role, by, now).changes > 0;
    },

    removeDocumentParty(documentId: string, partyId: string, role: DocumentPartyRole): boolean {
      return db.prepare('DELETE FROM document_parties WHERE document_id = ? AND party_id = ? AND role = ?').run(documentId, partyId, role).changes > 0;
    },

    documentEventIds(documentId: string): string[] {
      return db.prepare('SELECT event_id FROM document_events WHERE document_id = ? ORDER BY created_at').pluck().all(documentId) as string[];
    },

    addDocumentEvent(documentId: string, eventId: string, now: string): boolean {
      return db.prepare('INSERT OR IGNORE INTO document_events (document_id, event_id, created_at) VALUES (?, ?, ?)').run(documentId, eventId, now).changes > 0;
    },

    removeDocumentEvent(documentId: string, eventId: string): boolean {
      return db.prepare('DELETE FROM document_events WHERE document_id = ? AND event_id = ?').run(documentId, eventId).changes > 0;
    },

    /** Links from this document ("this is a reply to …") and to it ("… is a reply to this"). */
    documentLinks(documentId: string): { outgoing: Array<{ documentId: string; relation: DocumentRelation }>; incoming: Array<{ documentId: string; relation: DocumentRelation }> } {
      return {
        outgoing: db.prepare('SELECT to_id AS documentId, relation FROM document_links WHERE from_id = ? ORDER BY created_at').all(documentId) as Array<{ documentId: string; relation: DocumentRelation }>,
        incoming: db.prepare('SELECT from_id AS documentId, relation FROM document_links WHERE to_id = ? ORDER BY created_at').all(documentId) as Array<{ documentId: string; relation: DocumentRelation }>,
      };
    },

    hasDocumentLink(fromId: string, toId: string, relation: DocumentRelation): boolean {
      return db.prepare('SELECT 1 FROM document_links WHERE from_id = ? AND to_id = ? AND relation = ?').get(fromId, toId, relation) !== undefined;
    },

    addDocumentLink(fromId: string, toId: string, relation: DocumentRelation, now: string): boolean {
      return db.prepare('INSERT OR IGNORE INTO document_links (from_id, to_id, relation, created_at) VALUES (?, ?, ?, ?)').run(fromId, toId, relation, now).changes > 0;
    },

    removeDocumentLink(fromId: string, toId: string, relation: DocumentRelation): boolean {
      return db.prepare('DELETE FROM document_links WHERE from_id = ? AND to_id = ? AND relation = ?').run(fromId, toId, relation).changes > 0;
    },

    /** Readable documents linked to a party, with the role; ordered by document date. */
    documentsOfParty(partyId: string, access: AccessSql): Array<{ documentId: string; role: DocumentPartyRole }> {
      return db
        .prepare(
          `SELECT dp.document_id AS documentId, dp.role FROM document_parties dp JOIN documents d ON d.id = dp.document_id
           WHERE dp.party_id = @partyId AND ${access.sql} ORDER BY d.document_date IS NULL, d.document_date, d.created_at`,
        )
        .all({ ...access.params, partyId }) as Array<{ documentId: string; role: DocumentPartyRole }>;
    },

    /** Readable documents linked to any of these events. */
    documentsOfEvents(eventIds: string[], access: AccessSql): Array<{ documentId: string; eventId: string }> {
      if (eventIds.length === 0) return [];
      return db
        .prepare(
          `SELECT de.document_id AS documentId, de.event_id AS eventId FROM document_events de JOIN documents d ON d.id = de.document_id
           WHERE de.event_id IN (SELECT value FROM json_each(@ids)) AND ${access.sql} ORDER BY d.document_date IS NULL, d.document_date, d.created_at`,
        )
        .all({ ...access.params, ids: JSON.stringify(eventIds) }) as Array<{ documentId: string; eventId: string }>;
    },

    /** Readable documents among these ids (story items are filtered through this). */
    readable(documentIds: string[], access: AccessSql): string[] {
      if (documentIds.length === 0) return [];
      return db.prepare(`SELECT d.id FROM documents d WHERE d.id IN (SELECT value FROM json_each(@ids)) AND ${access.sql}`).pluck().all({ ...access.params, ids: JSON.stringify(documentIds) }) as string[];
    },
  };
}

export type LinksRepository = ReturnType<typeof createLinksRepository>;
