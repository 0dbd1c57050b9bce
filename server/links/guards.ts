import { canRead, documentAccessSql, storyAccessSql, type Guarded } from '../auth/access';
import { canWrite, type Viewer } from '../auth/viewer';
import type { Db } from '../db/connection';
import type { DocumentsRepository } from '../documents/documents.repository';
import type { DocumentRecord } from '../documents/documents.types';
import { AppError } from '../errors';
import type { Clock } from '../lib/clock';
import { isId } from './ids';

/**
 * The story area's use of THE access rule (server/auth/access.ts). Documents and stories carry
 * their own access level; an event belongs to at most one story and is visible when that story is
 * (an event without a story is newsroom material). Parties carry no access level: they are names
 * of public bodies and people, but the documents listed under them are always filtered.
 *
 * Something a viewer may not read is answered exactly like something that does not exist (404), so
 * a restricted document's existence never leaks through a link form.
 */
export function createGuards(db: Db, documents: DocumentsRepository, clock: Clock) {
  const namedDocument = db.prepare('SELECT 1 FROM document_access WHERE document_id = ? AND user_id = ?');
  const namedStory = db.prepare('SELECT 1 FROM story_access WHERE story_id = ? AND user_id = ?');

  const docSql = (viewer: Viewer, alias = 'd') => documentAccessSql(viewer, clock.now(), alias);
  const storySql = (viewer: Viewer, alias = 's') => storyAccessSql(viewer, clock.now(), alias);

  return {
    now: () => clock.now(),
    requireWrite(viewer: Viewer): void {
      if (!canWrite(viewer)) throw new AppError('forbidden', 'Your role can read the archive but not change it.');
    },
    canReadDocument(viewer: Viewer, doc: Guarded): boolean {
      return canRead(viewer, doc, clock.now(), (id, user) => namedDocument.get(id, user) !== undefined);
    },
    canReadStory(viewer: Viewer, story: Guarded): boolean {
      return canRead(viewer, story, clock.now(), (id, user) => namedStory.get(id, user) !== undefined);
    },
    /** The document, if it exists and the viewer may read it; else 404. */
    document(viewer: Viewer, id: string, what = 'This document'): DocumentRecord {
      const doc = isId('document', id) ? documents.get(id) : null;
      if (!doc || !canRead(viewer, doc, clock.now(), (i, u) => namedDocument.get(i, u) !== undefined)) throw AppError.notFound(what);
      return doc;
    },
    docSql,
    storySql,
    /** Events visible to the viewer: no story, or a story the viewer may read. */
    eventSql(viewer: Viewer, alias = 'e'): { sql: string; params: Record<string, string> } {
      const s = storySql(viewer, 'vs');
      return { sql: `(${alias}.story_id IS NULL OR EXISTS (SELECT 1 FROM stories vs WHERE vs.id = ${alias}.story_id AND ${s.sql}))`, params: s.params };
    },
  };
}

export type Guards = ReturnType<typeof createGuards>;
