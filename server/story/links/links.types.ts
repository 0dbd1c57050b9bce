import type { DocumentRecord } from '../../documents/documents.types';
import type { EventSummary } from '../events/events.types';
import type { PartySummary } from '../parties/parties.types';
import type { StorySummary } from '../stories/stories.types';

/** The roles a link can carry; the database CHECKs the same lists (migration 002). */
export const DOCUMENT_PARTY_ROLES = ['sender', 'recipient', 'cc', 'mentioned', 'subject'] as const;
export type DocumentPartyRole = (typeof DOCUMENT_PARTY_ROLES)[number];

/** "This document is a reply to / an attachment of / a version of that one." */
export const DOCUMENT_RELATIONS = ['reply_to', 'attachment_of', 'version_of'] as const;
export type DocumentRelation = (typeof DOCUMENT_RELATIONS)[number];

export interface LinkedDocument {
  id: string;
  title: string;
  documentDate: string | null;
  datePrecision: DocumentRecord['datePrecision'];
  status: DocumentRecord['status'];
}

/** Everything a document is linked to, as the viewer may see it. */
export interface DocumentLinks {
  documentId: string;
  parties: Array<{ party: PartySummary; role: DocumentPartyRole }>;
  events: EventSummary[];
  documents: {
    outgoing: Array<{ document: LinkedDocument; relation: DocumentRelation }>;
    incoming: Array<{ document: LinkedDocument; relation: DocumentRelation }>;
  };
  stories: StorySummary[];
}

export function linkedDocument(d: DocumentRecord): LinkedDocument {
  return { id: d.id, title: d.title, documentDate: d.documentDate, datePrecision: d.datePrecision, status: d.status };
}
