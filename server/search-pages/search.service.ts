import { tokenize } from '../../search/text/danish';
import { FACETS, type SearchEngine, type SearchResult } from '../../search/engine';
import type { TermNode } from '../../search/query/ast';
import { parseQuery } from '../../search/query/parse';
import { typoCount } from '../../search/query/typo';
import type { OutboxRepository } from '../../search/outbox.repository';
import type { Reindexer, ReindexStatus } from '../../search/reindex';
import type { AuditLog } from '../auth/audit';
import { requireRole, type Viewer } from '../auth/viewer';
import { AppError, isAppError } from '../lib/errors';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { Labels } from './search.presenter';
import type { LinkAccess } from './link-access';
import type { SearchLabels } from './search.repository';
import { LIST_PARAMS, toSearchRequest, type SearchQuery } from './search.schema';

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
  links: LinkAccess;
  audit: AuditLog | null;
  clock: Clock;
  logger: Logger;
}) {
  const { engine, outbox, reindexer, labels, links, clock, logger } = deps;

  function unavailable(err: unknown): never {
    if (isAppError(err)) throw err;
    logger.warn('search engine failed', { engine: engine.name, error: err instanceof Error ? err.message : String(err) });
    throw new AppError('unavailable', 'Search is not available right now. Uploads are kept and indexed when it is back; try again in a moment.');
  }

  function requireReindexer(): Reindexer {
    if (!reindexer) throw new AppError('unavailable', 'Reindexing is not available in this process.');
    return reindexer;
  }

  async function search(viewer: Viewer, q: SearchQuery, opts: { facets: boolean }): Promise<SearchResult> {
    const now = clock.now();
    const request = toSearchRequest(q);
    try {
      const result = await engine.search({
        ...request,
        filters: links.filters(viewer, now, request.filters),
        viewer: { userId: viewer.userId, role: viewer.role },
        now,
        facets: opts.facets ? FACETS : [],
      });
      return opts.facets ? links.facets(viewer, now, result) : result;
    } catch (err) {
      return unavailable(err);
    }
  }
  /** Documents matching `q` (a count: one hit's worth of work, no facets). */
  const count = async (viewer: Viewer, q: SearchQuery) => (await search(viewer, { ...q, page: 1, perPage: 1 }, { facets: false })).total;

  return {
    search,

    /**
     * The search page's search: the result, the words it matched only in other forms, how many
     * undated documents the date range left out, and — when filters found nothing — how many
     * documents the words find without them. Each extra count runs only when the page shows it.
     */
    async searchPage(viewer: Viewer, q: SearchQuery): Promise<SearchPage> {
      const result = await search(viewer, q, { facets: true });
      const dated = Boolean(q.from || q.to);
      const undatedLeftOut = dated && q.undated !== 'include' ? Math.max(0, (await count(viewer, { ...q, undated: 'include' })) - result.total) : 0;
      const filtered = dated || LIST_PARAMS.some((p) => ((q[p] as string[] | undefined) ?? []).length > 0);
      let withoutFilters: number | null = null;
      if (result.total === 0 && filtered) {
        const bare: SearchQuery = { ...q, from: undefined, to: undefined, undated: undefined };
        for (const p of LIST_PARAMS) (bare as Record<string, unknown>)[p] = undefined;
        withoutFilters = await count(viewer, bare);
      }
      return { ...result, corrections: corrections(q.q, result), undatedLeftOut, withoutFilters };
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

/** A query word the search matched only in other forms: through a typo, or as the start of longer words. */
export interface Correction {
  /** The word as typed. */
  typed: string;
  /** The forms it matched in the shown results, as written (lower case), most frequent first; at most three. */
  matched: string[];
}

export interface SearchPage extends SearchResult {
  corrections: Correction[];
  /** With a date range: matching documents without a date of their own that the range left out. */
  undatedLeftOut: number;
  /** When filters left nothing: the documents the words find without any filter (else null). */
  withoutFilters: number | null;
}

const MARK = /<mark>([\s\S]*?)<\/mark>/g;
const ENTITY: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/**
 * The query's words that the shown results hold only in other forms ("minsteriet" found
 * "ministeriet"), read from what the results show — the marked words of the snippets and the
 * titles — with the shared typo rule (search/query/typo.ts), so it is the same on every engine.
 * A word found as typed anywhere in them is no correction; a word written as a prefix (`minist*`)
 * asked for other forms and is none either.
 */
export function corrections(text: string, result: Pick<SearchResult, 'hits'>): Correction[] {
  if (result.hits.length === 0) return [];
  const query = parseQuery(text);
  const terms = query.terms.filter((n): n is TermNode => n.kind === 'term' && !n.prefix);
  if (terms.length === 0) return [];
  const typed = new Set(query.terms.flatMap((n) => (n.kind === 'term' ? [n.text] : n.words)));
  // Folded word → its forms as written (lower case) → times seen.
  const seen = new Map<string, Map<string, number>>();
  const add = (s: string) => {
    for (const tok of tokenize(s)) {
      const forms = seen.get(tok.folded) ?? new Map<string, number>();
      const form = tok.word.toLocaleLowerCase('da');
      forms.set(form, (forms.get(form) ?? 0) + 1);
      seen.set(tok.folded, forms);
    }
  };
  for (const hit of result.hits) {
    add(hit.title);
    for (const page of hit.pages) for (const m of page.snippet.matchAll(MARK)) add((m[1] ?? '').replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITY[e] ?? e));
  }
  const asTyped = new Map(tokenize(text).map((tok) => [tok.folded, tok.word]));
  const out: Correction[] = [];
  for (const term of terms) {
    if (seen.has(term.text)) continue;
    const forms = new Map<string, number>();
    for (const [folded, written] of seen) {
      if (typed.has(folded) || typoCount(term.text, folded, term.last) === null) continue;
      for (const [form, n] of written) forms.set(form, (forms.get(form) ?? 0) + n);
    }
    if (forms.size === 0) continue;
    const matched = [...forms].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'da')).slice(0, 3).map(([form]) => form);
    out.push({ typed: asTyped.get(term.text) ?? term.text, matched });
  }
  return out;
}
