import { canRead, documentAccessSql, storyAccessSql, type Guarded } from '../../auth/access';
import { canReadEvent, eventAccessSql, requestAccessSql, type EventScope } from '../../auth/follows';
import { assertMayChange } from '../../auth/permissions';
import type { Viewer } from '../../auth/viewer';
import type { Db } from '../../db/connection';
import type { DocumentsService } from '../../documents/documents.service';
import type { DocumentRecord } from '../../documents/documents.types';
import { AppError } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import { createAccessRepository } from './access.repository';
import { isId } from './input';

/**
 * The story area's use of THE access rule (server/auth/access.ts, and server/auth/follows.ts for
 * events and requests, which follow their story — and an event made from a document, that
 * document) and of the write rules (server/auth/permissions.ts). This file only wires the rules
 * to their rows (access.repository.ts); it decides nothing itself. Parties carry no access level:
 * they are names of public bodies and people, but the documents listed under them are always
 * filtered.
 *
 * Something a viewer may not read is answered exactly like something that does not exist (404), so
 * a restricted document's existence never leaks through a link form.
 */
/** A condition over a table alias with its named parameters, merged into a repository's query. */
export type AccessSql = { sql: string; params: Record<string, string> };

export function createGuards(db: Db, documents: Pick<DocumentsService, 'find'>, clock: Clock) {
  const rows = createAccessRepository(db);
  const docSql = (viewer: Viewer, alias = 'd') => documentAccessSql(viewer, clock.now(), alias);
  const canReadDocument = (viewer: Viewer, doc: Guarded) => canRead(viewer, doc, clock.now(), rows.isNamedOnDocument);
  const canReadStory = (viewer: Viewer, story: Guarded) => canRead(viewer, story, clock.now(), rows.isNamedOnStory);
  // The documents service applies the same access rule to a document it reads.
  const readableDocument = (viewer: Viewer, id: string): DocumentRecord | null => (isId('document', id) ? documents.find(viewer, id) : null);
  const documentReadable = (viewer: Viewer, id: string) => readableDocument(viewer, id) !== null;
  const readableStory = (viewer: Viewer, id: string): Guarded | null => {
    const story = rows.story(id);
    return story && canReadStory(viewer, story) ? story : null;
  };
  const storySql = (viewer: Viewer, alias = 's') => storyAccessSql(viewer, clock.now(), alias);

  return {
    now: () => clock.now(),
    requireWrite: assertMayChange,
    canReadDocument,
    canReadStory,
    /** An event (its story, and the document it was made from) the viewer may read. */
    canReadEvent(viewer: Viewer, event: EventScope): boolean {
      return canReadEvent(event, { story: (id) => readableStory(viewer, id) !== null, document: (id) => documentReadable(viewer, id) });
    },
    /** The story, if the viewer may read it (null for unreadable and nonexistent alike). */
    readableStory,
    /** The document, if it exists and the viewer may read it; else 404. */
    document(viewer: Viewer, id: string, what = 'This document'): DocumentRecord {
      const doc = readableDocument(viewer, id);
      if (!doc) throw AppError.notFound(what);
      return doc;
    },
    /** True when the id names a document the viewer may read (false for unknown ids too). */
    documentReadable,
    docSql,
    storySql,
    /** Events visible to the viewer (server/auth/follows.ts). */
    eventSql: (viewer: Viewer, alias = 'e') => eventAccessSql(viewer, clock.now(), alias),
    /** FOI requests visible to the viewer (server/auth/follows.ts). */
    requestSql: (viewer: Viewer, alias = 'r') => requestAccessSql(viewer, clock.now(), alias),
  };
}

export type Guards = ReturnType<typeof createGuards>;
