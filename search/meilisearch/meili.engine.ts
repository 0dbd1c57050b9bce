import type {
  EngineHealth, IndexedDocument, RebuildProgress, RebuildSource, SearchEngine, SearchFilters, SearchHit, SearchRequest, SearchResult,
} from '../engine';
import { parseQuery } from '../query/parse';
import { createSnippets, emptyResult, paging, queryTerms, sortFacet } from '../results';
import type { MeiliClientApi, MeiliEnqueued, MeiliSearchParams, MeiliSearchResponse, MeiliTask } from './client';
import { buildMeiliFilter, quoteFilterValue, type MeiliFilterInput } from './filter';
import { MEILI_SETTINGS, toRecords, type PageRecord } from './records';
import { toMeiliQuery } from './query';

/**
 * The Meilisearch engine, for archives beyond one machine. It keeps the embedded engine's answers:
 * the same parsed query (search/meilisearch/query.ts), the same folding (records.ts), the same
 * filters and access rule (filter.ts), facets counted per document (`distinct: documentId`), and
 * snippets built from the original text in the database, as on the embedded engine.
 *
 * Every write waits for its Meilisearch task and throws when the task did not succeed, so the
 * outbox keeps the row and retries; nothing is reported indexed that is not.
 */
export interface MeiliDeps {
  /** The official client (search/meilisearch/client.ts), or a function loading it on first use. */
  client: MeiliClientApi | (() => Promise<MeiliClientApi>);
  /** Prefix of index names (MEILI_INDEX); the pages live in `<prefix>_pages`. */
  indexPrefix: string;
  pageTexts(documentId: string, numbers: number[]): Map<number, string>;
  /** How long to wait for one task (ms). */
  taskTimeoutMs?: number;
}

const REBUILD_BATCH_RECORDS = 2000;
const METHODS = ['text', 'ocr'] as const;

export class MeiliTaskFailed extends Error {
  constructor(readonly task: MeiliTask) {
    super(`Meilisearch task ${task.uid}${task.type ? ` (${task.type})` : ''} ${task.status}: ${task.error?.code ?? 'no code'}: ${task.error?.message ?? 'no message'}`);
    this.name = 'MeiliTaskFailed';
  }
}

export function createMeiliEngine(deps: MeiliDeps): SearchEngine {
  const uid = `${deps.indexPrefix}_pages`;
  const buildUid = `${uid}_build`;
  const timeout = deps.taskTimeoutMs ?? 60_000;
  let ready: Promise<void> | null = null;
  let rebuilding = false;

  let loaded: Promise<MeiliClientApi> | null = null;
  const client = (): Promise<MeiliClientApi> => {
    const given = deps.client;
    if (typeof given !== 'function') return Promise.resolve(given);
    loaded ??= given().catch((err: unknown) => {
      loaded = null;
      throw err;
    });
    return loaded;
  };

  async function wait(enqueued: MeiliEnqueued, opts: { allow?: string[] } = {}): Promise<MeiliTask> {
    const task = await enqueued.waitTask({ timeout, interval: 25 });
    if (task.status === 'succeeded') return task;
    if (task.status === 'failed' && task.error?.code && opts.allow?.includes(task.error.code)) return task;
    throw new MeiliTaskFailed(task);
  }

  async function createIndexWithSettings(c: MeiliClientApi, name: string): Promise<void> {
    await wait(c.createIndex(name, { primaryKey: 'id' }), { allow: ['index_already_exists'] });
    await wait(c.index(name).updateSettings({ ...MEILI_SETTINGS }));
  }

  /** Creates the index and settings once; after a failure (Meilisearch down) the next call tries again. */
  function ensureReady(): Promise<void> {
    ready ??= (async () => {
      await createIndexWithSettings(await client(), uid);
    })().catch((err: unknown) => {
      ready = null;
      throw err;
    });
    return ready;
  }

  async function writeRecords(c: MeiliClientApi, index: string, records: PageRecord[]): Promise<void> {
    if (records.length > 0) await wait(c.index(index).addDocuments(records, { primaryKey: 'id' }));
  }

  async function search(req: SearchRequest): Promise<SearchResult> {
    const started = performance.now();
    const { page, perPage, pagesPerDocument } = paging(req);
    const wanted = [...new Set(req.facets ?? [])];
    const query = parseQuery(req.query);
    const terms = queryTerms(query);
    const q = toMeiliQuery(query);
    if (q === null) return emptyResult(page, perPage, terms, started, wanted);
    await ensureReady();
    const c = await client();

    const filter = buildMeiliFilter(meiliFilterInput(req.filters, req));
    const base = { indexUid: uid, q, matchingStrategy: 'all' as const };
    const documentFacets = wanted.filter((f) => f !== 'method');
    const main: MeiliSearchParams & { indexUid: string } = {
      ...base,
      filter,
      distinct: 'documentId',
      page,
      hitsPerPage: perPage,
      attributesToRetrieve: ['documentId', 'title', 'mediaType', 'documentDate'],
      ...(documentFacets.length > 0 ? { facets: documentFacets } : {}),
      ...(req.sort === 'date_desc' ? { sort: ['dateNum:desc'] } : req.sort === 'date_asc' ? { sort: ['dateNum:asc'] } : {}),
    };
    // The method facet counts documents with a matching page of that method, so it is a count per
    // method rather than the method of each document's best page (which `distinct` would give).
    const methodQueries = wanted.includes('method')
      ? METHODS.map((m) => ({ ...base, filter: [...filter, `method = ${quoteFilterValue(m)}`], distinct: 'documentId', page: 1, hitsPerPage: 0 }))
      : [];
    const first = await c.multiSearch({ queries: [main, ...methodQueries] });
    const mainResult = first.results[0] as MeiliSearchResponse;
    const docs = mainResult.hits.map((h) => ({
      documentId: String(h.documentId),
      title: String(h.title ?? ''),
      mediaType: String(h.mediaType ?? ''),
      documentDate: typeof h.documentDate === 'string' ? h.documentDate : null,
    }));

    // Each shown document's best pages, and how many of its pages match, in one round trip.
    const perDocument = docs.length === 0 ? { results: [] as MeiliSearchResponse[] } : await c.multiSearch({
      queries: docs.map((d) => ({
        ...base,
        filter: [...filter, `documentId = ${quoteFilterValue(d.documentId)}`],
        page: 1,
        hitsPerPage: pagesPerDocument,
        attributesToRetrieve: ['pageNumber'],
      })),
    });
    const snippets = createSnippets(query);
    const hits = docs.map((d, i): SearchHit => {
      const r = perDocument.results[i];
      const numbers = (r?.hits ?? []).map((h) => Number(h.pageNumber)).filter((n) => Number.isInteger(n));
      const pages = snippets.pages(numbers, deps.pageTexts(d.documentId, numbers));
      return { ...d, matchingPages: r?.totalHits ?? numbers.length, pages };
    });

    const facets: SearchResult['facets'] = {};
    for (const f of documentFacets) facets[f] = sortFacet(Object.entries(mainResult.facetDistribution?.[f] ?? {}));
    if (methodQueries.length > 0) {
      facets.method = sortFacet(METHODS.map((m, i) => [m, first.results[i + 1]?.totalHits ?? 0] as [string, number]));
    }
    return {
      total: mainResult.totalHits ?? 0,
      page,
      perPage,
      hits,
      facets,
      terms: [...terms, ...snippets.matched().filter((w) => !terms.includes(w))],
      tookMs: performance.now() - started,
    };
  }

  async function rebuild(source: RebuildSource, onProgress?: (p: RebuildProgress) => void): Promise<RebuildProgress> {
    if (rebuilding) throw new Error('The search index is already being rebuilt.');
    rebuilding = true;
    try {
      await ensureReady();
      const c = await client();
      await wait(c.deleteIndex(buildUid), { allow: ['index_not_found'] });
      await createIndexWithSettings(c, buildUid);
      const progress: RebuildProgress = { done: 0, total: source.total, pages: 0 };
      let records: PageRecord[] = [];
      let docsInBatch = 0;
      const flush = async () => {
        await writeRecords(c, buildUid, records);
        progress.pages += records.length;
        progress.done += docsInBatch;
        records = [];
        docsInBatch = 0;
        onProgress?.({ ...progress });
      };
      for await (const doc of source.documents()) {
        records.push(...toRecords(doc));
        docsInBatch++;
        if (records.length >= REBUILD_BATCH_RECORDS) await flush();
      }
      await flush();
      // Searches read the old index until this task; afterwards the old one holds the build's name.
      await wait(c.swapIndexes([{ indexes: [uid, buildUid] }]));
      await wait(c.deleteIndex(buildUid), { allow: ['index_not_found'] });
      return progress;
    } finally {
      rebuilding = false;
    }
  }

  return {
    name: 'meilisearch',
    init: ensureReady,
    async upsertDocument(doc: IndexedDocument) {
      await ensureReady();
      const c = await client();
      const records = toRecords(doc);
      const last = records.reduce((max, r) => Math.max(max, r.pageNumber), 0);
      // Write the new pages first, then drop pages the document no longer has: a search never
      // sees the document without pages, and tasks run in order.
      const added = records.length > 0 ? c.index(uid).addDocuments(records, { primaryKey: 'id' }) : null;
      const removed = c.index(uid).deleteDocuments({ filter: [`documentId = ${quoteFilterValue(doc.id)}`, `pageNumber > ${last}`] });
      if (added) await wait(added);
      await wait(removed);
    },
    async removeDocument(id: string) {
      await ensureReady();
      const c = await client();
      await wait(c.index(uid).deleteDocuments({ filter: `documentId = ${quoteFilterValue(id)}` }));
    },
    search,
    async clear() {
      await ensureReady();
      const c = await client();
      await wait(c.index(uid).deleteAllDocuments());
    },
    rebuild,
    async health(): Promise<EngineHealth> {
      const c = await client();
      await c.health();
      await ensureReady();
      const r = await c.multiSearch({ queries: [{ indexUid: uid, q: '', distinct: 'documentId', page: 1, hitsPerPage: 0 }] });
      return { engine: 'meilisearch', ok: true, documents: r.results[0]?.totalHits ?? 0 };
    },
  };
}

/** The typed filters and the viewer in the filter builder's terms. */
export function meiliFilterInput(filters: SearchFilters = {}, req: Pick<SearchRequest, 'viewer' | 'now'>): MeiliFilterInput {
  return {
    mediaType: filters.mediaType,
    language: filters.language,
    method: filters.method,
    dateFrom: filters.dateFrom,
    dateTo: filters.dateTo,
    partyIds: filters.partyIds,
    partyRole: filters.partyRoles,
    eventIds: filters.eventIds,
    storyIds: filters.storyIds,
    requestIds: filters.requestIds,
    access: { userId: req.viewer?.userId ?? '', role: req.viewer?.role ?? '', now: (req.now ?? new Date()).getTime() },
  };
}

