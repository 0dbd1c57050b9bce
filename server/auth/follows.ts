import { documentAccessSql, storyAccessSql } from './access';
import type { Viewer } from './viewer';

/**
 * The read rule for what has no access level of its own but follows what it belongs to — the same
 * rule as `access.ts`, applied through the container:
 *
 * - An event follows its story (an event without a story is newsroom material) and, when it was
 *   made from a document (accepting a date suggestion titles it after the document), that document
 *   as well: such an event is readable only by those who may read its source document.
 * - An FOI request follows its story (a request without a story is newsroom material).
 *
 * The JS form takes lookups that answer with the one access rule; the SQL form is a condition
 * over a table alias with named parameters (`@access_user`, `@access_now`) to merge in.
 */
export interface EventScope {
  storyId: string | null;
  sourceDocumentId: string | null;
}

export interface Readers {
  story(id: string): boolean;
  document(id: string): boolean;
}

export function canReadEvent(event: EventScope, can: Readers): boolean {
  if (event.storyId !== null && !can.story(event.storyId)) return false;
  if (event.sourceDocumentId !== null && !can.document(event.sourceDocumentId)) return false;
  return true;
}

export function canReadRequest(request: { storyId: string | null }, can: Pick<Readers, 'story'>): boolean {
  return request.storyId === null || can.story(request.storyId);
}

type Condition = { sql: string; params: Record<string, string> };

/** Events the viewer may read (table alias `alias`, columns story_id and source_document_id). */
export function eventAccessSql(viewer: Viewer, now: Date, alias = 'e'): Condition {
  if (viewer.role === 'admin') return { sql: '1', params: {} };
  const s = storyAccessSql(viewer, now, 'fs');
  const d = documentAccessSql(viewer, now, 'fd');
  return {
    sql: `((${alias}.story_id IS NULL OR EXISTS (SELECT 1 FROM stories fs WHERE fs.id = ${alias}.story_id AND ${s.sql}))
      AND (${alias}.source_document_id IS NULL OR EXISTS (SELECT 1 FROM documents fd WHERE fd.id = ${alias}.source_document_id AND ${d.sql})))`,
    params: { ...s.params, ...d.params },
  };
}

/** FOI requests the viewer may read (table alias `alias`, column story_id). */
export function requestAccessSql(viewer: Viewer, now: Date, alias = 'r'): Condition {
  if (viewer.role === 'admin') return { sql: '1', params: {} };
  const s = storyAccessSql(viewer, now, 'fs');
  return { sql: `(${alias}.story_id IS NULL OR EXISTS (SELECT 1 FROM stories fs WHERE fs.id = ${alias}.story_id AND ${s.sql}))`, params: s.params };
}
