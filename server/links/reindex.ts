import type { OutboxRepository } from '../../search/outbox.repository';
import type { Clock } from '../lib/clock';

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
