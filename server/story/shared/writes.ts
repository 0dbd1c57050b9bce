import type { OutboxRepository } from '../../../search/outbox.repository';
import type { AuditLog } from '../../auth/audit';
import type { Viewer } from '../../auth/viewer';
import type { Db } from '../../db/connection';
import type { Clock } from '../../lib/clock';

/**
 * The search index carries each document's parties (names by role), events and stories, so any
 * change to them must reach the index. Call inside the transaction of the change: the outbox row
 * commits with it, and the outbox processor re-reads the document's current links.
 */
export type Reindex = (documentIds: Iterable<string>) => void;

export function createReindex(outbox: OutboxRepository, clock: Clock): Reindex {
  return (documentIds) => {
    const now = clock.now().toISOString();
    for (const id of new Set(documentIds)) outbox.add(id, 'upsert', now);
  };
}

/** What is changed or deleted, as the audit log names it. */
interface Subject {
  entityType: 'event' | 'story';
  entityId: string;
  summary: string;
}

/**
 * The one shape of changing and deleting a record that documents are indexed under (events,
 * stories): in one transaction the rows change, the documents that carried the old values are
 * queued for reindexing, and the audit log keeps before and after. The caller has checked the
 * viewer may do it.
 */
export function createWrites(deps: { db: Db; reindex: Reindex; audit: AuditLog }) {
  const { db, reindex, audit } = deps;
  return {
    /** `documentIds` answers null when nothing the index shows changed. `before` and `after` are read after `apply`. */
    update(viewer: Viewer, subject: Subject, change: { apply(): void; documentIds(): Iterable<string> | null; before(): unknown; after(): unknown }): void {
      db.transaction(() => {
        change.apply();
        const ids = change.documentIds();
        if (ids) reindex(ids);
        audit.record(viewer, { action: 'update', ...subject, before: change.before(), after: change.after() });
      })();
    },

    /** The documents are queued before the rows go (their links go with them); `remove` answers what else the audit should keep. */
    delete(viewer: Viewer, subject: Subject, record: object, change: { documentIds(): Iterable<string>; remove(): Record<string, unknown> }): void {
      db.transaction(() => {
        reindex(change.documentIds());
        const extra = change.remove();
        audit.record(viewer, { action: 'delete', ...subject, before: { ...record, ...extra } });
      })();
    },
  };
}

export type Writes = ReturnType<typeof createWrites>;
