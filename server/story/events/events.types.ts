import type { DatePrecision } from '../../documents/documents.types';
import type { PartySummary } from '../parties/parties.types';

/** Events: what happened, when (to the precision known), and who acted on whom. */
export const EVENT_PARTY_ROLES = ['actor', 'target'] as const;
export type EventPartyRole = (typeof EVENT_PARTY_ROLES)[number];

export interface EventRecord {
  id: string;
  title: string;
  /** "2018-09-28", "2018-09" or "2018", as precise as known. */
  date: string;
  precision: DatePrecision;
  endDate: string | null;
  description: string;
  storyId: string | null;
  /** Set when the event was made from a document (a date suggestion): it follows that document's access. */
  sourceDocumentId: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface EventSummary {
  id: string;
  title: string;
  date: string;
  precision: DatePrecision;
  endDate: string | null;
  storyId: string | null;
}

export interface EventParty {
  party: PartySummary;
  role: EventPartyRole;
}
