import type { Db } from '../server/db/connection';
import { newId } from '../server/lib/ids';
import type { RequestStatus, RequestSummary, StatusChange } from '../server/requests/core/requests.types';

/**
 * Test data, built the way Kilde stores it: ids minted as the server mints them (`pty_…`, `sto_…`,
 * `req_…`, `usr_…`), sensible defaults, and overrides for what a test is about. Builders that take
 * a database write the row and return it as stored; the others return a value.
 */

const DEFAULT_AT = '2018-07-11T10:00:00.000Z';

export type PartyKind = 'authority' | 'organisation' | 'company' | 'person';

export interface BuiltParty {
  id: string;
  kind: PartyKind;
  name: string;
  createdAt: string;
}

/** A party row (an authority unless `kind` says otherwise), written straight to the database. */
export function buildParty(db: Db, overrides: Partial<BuiltParty> = {}): BuiltParty {
  const at = overrides.createdAt ?? DEFAULT_AT;
  const party: BuiltParty = { id: newId('pty'), kind: 'authority', name: 'Styrelsen for Arbejdsmarked og Rekruttering', createdAt: at, ...overrides };
  db.prepare('INSERT INTO parties (id, kind, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(party.id, party.kind, party.name, at, at);
  return party;
}

export interface BuiltStory {
  id: string;
  title: string;
  accessLevel: 'newsroom' | 'restricted';
  createdAt: string;
}

/** A story row (open to the newsroom unless `accessLevel` says otherwise), written straight to the database. */
export function buildStory(db: Db, overrides: Partial<BuiltStory> = {}): BuiltStory {
  const at = overrides.createdAt ?? DEFAULT_AT;
  const story: BuiltStory = { id: newId('sto'), title: 'Kommunerne i skyen', accessLevel: 'newsroom', createdAt: at, ...overrides };
  db.prepare('INSERT INTO stories (id, title, access_level, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(story.id, story.title, story.accessLevel, at, at);
  return story;
}

/** A request as the service shows it: the design note's case, sent to STAR on Wednesday 27 June 2018. */
export function buildRequestSummary(overrides: Partial<RequestSummary> = {}): RequestSummary {
  const authorityId = overrides.authorityId ?? newId('pty');
  return {
    id: newId('req'),
    authorityId,
    authority: { id: authorityId, name: 'Styrelsen for Arbejdsmarked og Rekruttering', kind: 'authority' },
    subject: 'Brevet til KL om cloud-systemer',
    body: 'Alle dokumenter om kommunernes tilslutning til KMD Momentum fra 1. januar 2018.',
    jurisdiction: 'DK',
    law: 'offentlighedsloven',
    channel: 'email',
    sentDate: '2018-06-27',
    receivedDate: '2018-06-28',
    ourReference: 'KILDE-2018-7',
    authorityReference: '18/01234',
    storyId: null,
    story: null,
    notes: '',
    status: 'sent',
    statusDate: '2018-06-27',
    createdBy: newId('usr'),
    createdAt: '2018-06-27T09:00:00.000Z',
    updatedAt: '2018-06-27T09:00:00.000Z',
    ...overrides,
  };
}

let changeSeq = 0;

/** One step of a request's status history, on `date` (10:00 UTC). */
export function buildStatusChange(to: RequestStatus, date: string, from: RequestStatus | null = null, overrides: Partial<StatusChange> = {}): StatusChange {
  return {
    id: ++changeSeq, requestId: newId('req'), fromStatus: from, toStatus: to, date, note: '',
    changedBy: newId('usr'), changedByName: 'Journalist', changedAt: `${date}T10:00:00.000Z`,
    ...overrides,
  };
}
