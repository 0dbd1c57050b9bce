/** FOI requests as the domain sees them (camelCase); the repository maps rows to these. */
export const REQUEST_STATUSES = [
  'draft', 'sent', 'acknowledged', 'extended', 'granted', 'partly_granted', 'refused', 'no_documents',
  'appealed', 'appeal_decided', 'withdrawn',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const CHANNELS = ['email', 'web_form', 'digital_post', 'letter'] as const;
export type Channel = (typeof CHANNELS)[number];

export const LOG_KINDS = ['sent', 'received', 'phone', 'note'] as const;
export type LogKind = (typeof LOG_KINDS)[number];

export const DOCUMENT_ROLES = ['request', 'response', 'correspondence'] as const;
export type RequestDocumentRole = (typeof DOCUMENT_ROLES)[number];

export interface PartyRef {
  id: string;
  name: string;
  kind: string;
}

export interface StoryRef {
  id: string;
  title: string;
}

export interface RequestRecord {
  id: string;
  authorityId: string | null;
  subject: string;
  body: string;
  jurisdiction: string;
  /** the authority's seat where the rules let it choose the holidays (a German Land); null = the jurisdiction's calendar. */
  region?: string | null;
  law: string;
  channel: Channel | null;
  sentDate: string | null;
  receivedDate: string | null;
  /** US: the day the proper component received a routed request. */
  routedDate?: string | null;
  /** US: expedited processing was asked for. */
  expedited?: boolean;
  ourReference: string;
  authorityReference: string;
  storyId: string | null;
  notes: string;
  status: RequestStatus;
  statusDate: string;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A request with the names a page or list needs beside the ids. */
export interface RequestSummary extends RequestRecord {
  authority: PartyRef | null;
  story: StoryRef | null;
}

export interface StatusChange {
  id: number;
  requestId: string;
  fromStatus: RequestStatus | null;
  toStatus: RequestStatus;
  /** the day it happened: for a decision or an appeal decision, the date on the letter. */
  date: string;
  /** the day we received the letter (decisions); null = the day it is dated. */
  receivedOn?: string | null;
  /** for a notice of extension or delay: the date the authority promised a decision by. */
  promisedDate?: string | null;
  note: string;
  changedBy: string | null;
  changedByName: string | null;
  changedAt: string;
}

export interface LogEntry {
  id: number;
  requestId: string;
  kind: LogKind;
  date: string;
  summary: string;
  body: string;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: string;
}

export interface LinkedDocument {
  documentId: string;
  title: string;
  filename: string;
  status: string;
  documentDate: string | null;
  role: RequestDocumentRole;
  logEntryId: number | null;
  linkedAt: string;
}

export const CLOCK_STOP_KINDS = ['clarification', 'fee'] as const;
export type ClockStopKind = (typeof CLOCK_STOP_KINDS)[number];

/** A stop of the request clock: a clarification asked for (restarts it) or a fees notice (pauses it). */
export interface ClockStopRecord {
  id: number;
  requestId: string;
  kind: ClockStopKind;
  from: string;
  to: string | null;
  note: string;
  createdBy: string | null;
  createdAt: string;
}

export const EXEMPTION_DECISIONS = ['granted', 'partly', 'refused', 'not_held'] as const;
export type ExemptionDecision = (typeof EXEMPTION_DECISIONS)[number];
export const EXEMPTION_STATES = ['suggested', 'accepted', 'dismissed'] as const;
export type ExemptionState = (typeof EXEMPTION_STATES)[number];

/**
 * One line of the authority's list of documents (the Danish "aktliste"): what it decided about one
 * document and under which paragraphs. A refused document has no file; a granted one may be linked.
 */
export interface ExemptionRecord {
  id: number;
  requestId: string;
  /** the authority's number for the document ("akt 3"). */
  number: string;
  title: string;
  documentDate: string | null;
  decision: ExemptionDecision;
  /** keys of the jurisdiction's rules file (`exemptions`), e.g. ["ofl_23", "ofl_30"]. */
  bases: string[];
  note: string;
  /** the archived file of a released document. */
  documentId: string | null;
  /** suggested by the aktliste reader from this document, waiting for a person. */
  state: ExemptionState;
  sourceDocumentId: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}
