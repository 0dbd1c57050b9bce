import { FACETS, type SearchEngine, type SearchResult } from '../../search/engine';
import type { OutboxRepository } from '../../search/outbox.repository';
import type { Reindexer, ReindexStatus } from '../../search/reindex';
import type { AuditLog } from '../auth/audit';
import { requireRole, type Viewer } from '../auth/viewer';
import { AppError, isAppError } from '../errors';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { Labels } from './search.presenter';
import type { SearchLabels } from './search.repository';
import { toSearchRequest, type SearchQuery } from './search.schema';

/**
 * Searching as a given viewer (the engine applies the access rule inside the query), the health of
 * search, and the admin's reindex. An engine that fails (Meilisearch unreachable) becomes a 503 with
 * a human message, never a 500.
 */
export function createSearchService(deps: {
  engine: SearchEngine;
  outbox: OutboxRepository;
  reindexer: Reindexer | null;
  labels: SearchLabels;
  audit: AuditLog | null;
  clock: Clock;
  logger: Logger;
}) {
  const { engine, outbox, reindexer, labels, clock, logger } = deps;

  function unavailable(err: unknown): never {
    if (isAppError(err)) throw err;
    logger.warn('search engine failed', { engine: engine.name, error: err instanceof Error ? err.message : String(err) });
    throw new AppError('unavailable', 'Search is not available right now. Uploads are kept and indexed when it is back; try again in a moment.');
  }

  function requireReindexer(): Reindexer {
    if (!reindexer) throw new AppError('unavailable', 'Reindexing is not available in this process.');
    return reindexer;
  }

  return {
    async search(viewer: Viewer, q: SearchQuery, opts: { facets: boolean }): Promise<SearchResult> {
      try {
        return await engine.search({
          ...toSearchRequest(q),
          viewer: { userId: viewer.userId, role: viewer.role },
          now: clock.now(),
          facets: opts.facets ? FACETS : [],
        });
      } catch (err) {
        return unavailable(err);
      }
    },

    /** Names for the ids among the result's facets and the search's own filters. */
    labels(viewer: Viewer, q: SearchQuery, result: SearchResult): Labels {
      const ids = (facets: Array<keyof SearchResult['facets']>, params: Array<keyof SearchQuery>) => [
        ...facets.flatMap((f) => (result.facets[f] ?? []).map((v) => v.value)),
        ...params.flatMap((p) => (q[p] as string[] | undefined) ?? []),
      ];
      const now = clock.now();
      return {
        parties: labels.parties(ids(
          ['partyIds', 'parties_sender', 'parties_recipient', 'parties_cc', 'parties_mentioned', 'parties_subject'],
          ['party', 'sender', 'recipient', 'cc', 'mentioned', 'subject'],
        )),
        events: labels.events(ids(['eventIds'], ['event']), viewer, now),
        stories: labels.stories(ids(['storyIds'], ['story']), viewer, now),
        requests: labels.requests(ids(['requestId'], ['request']), viewer, now),
      };
    },

    async health() {
      const health = await engine.health().catch((err: unknown) => ({ engine: engine.name, ok: false, detail: err instanceof Error ? err.message : String(err) }));
      const backlog = outbox.backlog();
      return {
        ok: health.ok,
        search: {
          ...health,
          outboxBacklog: backlog,
          lastError: backlog > 0 ? outbox.lastError() : null,
          reindexing: reindexer?.status().running ?? false,
        },
      };
    },

    reindexStatus(viewer: Viewer): ReindexStatus & { outboxBacklog: number } {
      requireRole(viewer, 'admin');
      return { ...requireReindexer().status(), outboxBacklog: outbox.backlog() };
    },

    /** Starts a rebuild in the background; 409 while one runs (here or from the command line). */
    startReindex(viewer: Viewer, requestId?: string): ReindexStatus {
      requireRole(viewer, 'admin');
      const r = requireReindexer();
      if (!r.start()) throw new AppError('conflict', 'The search index is already being rebuilt. Wait for it to finish.');
      deps.audit?.record(viewer, { action: 'reindex', entityType: 'search_index', entityId: engine.name, summary: `Rebuild of the ${engine.name} search index started`, requestId });
      return r.status();
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
