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
  law: string;
  channel: Channel | null;
  sentDate: string | null;
  receivedDate: string | null;
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
  date: string;
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
