import type {
  EngineHealth, IndexedDocument, RebuildProgress, RebuildSource, SearchEngine, SearchFilters, SearchHit, SearchRequest, SearchResult,
} from '../engine';
import { parseQuery } from '../query/parse';
import { createSnippets, emptyResult, paging, queryTerms, sortFacet } from '../results';
import type { MeiliClientApi, MeiliEnqueued, MeiliSearchParams, MeiliSearchResponse, MeiliTask } from './client';
import { buildMeiliFilter, quoteFilterValue, type MeiliFilterInput } from './filter';
import { MEILI_DOC_SETTINGS, MEILI_SETTINGS, toDocumentRecord, toRecords, type DocRecord, type PageRecord } from './records';
import type { Query, QueryNode } from '../query/ast';
import { toMeiliQuery } from './query';

/**
 * The Meilisearch engine, for archives beyond one machine.
 *
 * Document-level matching, page-level answers, with two indexes (records.ts):
 * - `<prefix>_docs`: one record per document with its distinct words (chunked under Meilisearch's
 *   65,535-position field limit). The main query runs here with `matchingStrategy: all`, so every
 *   word must stand somewhere in the document; its totals and facets count documents.
 * - `<prefix>_pages`: one record per page. Phrases are checked here (a phrase must stand on one
 *   page; the documents holding it, up to `ID_CAP`, restrict the main query; an excluded phrase's
 *   documents are excluded); sorted by relevance, the documents holding every word on one page
 *   come first (the same-page rule, up to `ID_CAP` documents; past that the document index's own
 *   order continues); and each shown document's best pages are the pages holding most of the
 *   query's words and phrases (one small query per document and word, in one round trip). Both
 *   page-level rules read the page's text only (`attributesToSearchOn`): the title and parties
 *   stand in every page record, and a word found only there matches the document but no page.
 * The method filter and facet read the document record's page methods (documents with pages of
 * that method), where the embedded engine counts the methods of the matching pages: the two differ
 * only for documents mixing text and OCR pages.
 *
 * It keeps the embedded engine's answers:
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
/** Most document ids a phrase or the same-page rule hands to the main query as a filter. */
const ID_CAP = 1000;
/** Pages read per document and word for its best pages. */
const PAGES_PER_WORD = 50;
const METHODS = ['text', 'ocr'] as const;
/**
 * What the page-level rules read: the page's text. The title and parties stand in every page
 * record, so a word there would put every page among the best and every document on the same page.
 */
const PAGE_TEXT = ['textFolded'];

export class MeiliTaskFailed extends Error {
  constructor(readonly task: MeiliTask) {
    super(`Meilisearch task ${task.uid}${task.type ? ` (${task.type})` : ''} ${task.status}: ${task.error?.code ?? 'no code'}: ${task.error?.message ?? 'no message'}`);
    this.name = 'MeiliTaskFailed';
  }
}

export function createMeiliEngine(deps: MeiliDeps): SearchEngine {
  const uid = `${deps.indexPrefix}_pages`;
  const buildUid = `${uid}_build`;
  const docUid = `${deps.indexPrefix}_docs`;
  const docBuildUid = `${docUid}_build`;
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

  async function createIndexWithSettings(c: MeiliClientApi, name: string, settings: object = MEILI_SETTINGS): Promise<void> {
    await wait(c.createIndex(name, { primaryKey: 'id' }), { allow: ['index_already_exists'] });
    await wait(c.index(name).updateSettings({ ...settings }));
  }

  /** Creates the index and settings once; after a failure (Meilisearch down) the next call tries again. */
  function ensureReady(): Promise<void> {
    ready ??= (async () => {
      const c = await client();
      await createIndexWithSettings(c, uid);
      await createIndexWithSettings(c, docUid, MEILI_DOC_SETTINGS);
    })().catch((err: unknown) => {
      ready = null;
      throw err;
    });
    return ready;
  }

  async function writeRecords(c: MeiliClientApi, index: string, records: Array<PageRecord | DocRecord>): Promise<void> {
    if (records.length > 0) await wait(c.index(index).addDocuments(records, { primaryKey: 'id' }));
  }

  async function search(req: SearchRequest): Promise<SearchResult> {
    const started = performance.now();
    const { page, perPage, pagesPerDocument } = paging(req);
    const wanted = [...new Set(req.facets ?? [])];
    const query = parseQuery(req.query);
    const terms = queryTerms(query);
    const q = toMeiliQuery(query);
    const docQ = toMeiliQuery(documentLevel(query));
    if (q === null || docQ === null) return emptyResult(page, perPage, terms, started, wanted);
    await ensureReady();
    const c = await client();

    const filter = buildMeiliFilter(meiliFilterInput(req.filters, req));
    const positive = query.terms.filter((n) => toMeiliQuery({ terms: [n], excluded: [] }) !== null);
    const pageQuery = (text: string, extra: Partial<MeiliSearchParams> = {}) => ({
      indexUid: uid, q: text, matchingStrategy: 'all' as const, filter, ...extra,
    });
    // Documents holding each phrase on a page (and each excluded phrase), in one round trip.
    const phrases = positive.filter((n) => n.kind === 'phrase');
    const excludedPhrases = query.excluded.filter((n) => n.kind === 'phrase');
    const byDate = req.sort === 'date_desc' || req.sort === 'date_asc';
    const near = !byDate && positive.length >= 2;
    const idQueries = [...phrases, ...excludedPhrases].map((n) =>
      pageQuery(toMeiliQuery({ terms: [n], excluded: [] }) as string, { distinct: 'documentId', page: 1, hitsPerPage: ID_CAP, attributesToRetrieve: ['documentId'] }));
    const ids = idQueries.length > 0 ? (await c.multiSearch({ queries: idQueries })).results.map((r) => r.hits.map((h) => String(h.documentId))) : [];
    const docFilter = [...filter];
    phrases.forEach((_n, i) => docFilter.push(idFilter('IN', ids[i] ?? [])));
    excludedPhrases.forEach((_n, i) => {
      const found = ids[phrases.length + i] ?? [];
      if (found.length > 0) docFilter.push(idFilter('NOT IN', found));
    });

    const retrieve = ['documentId', 'title', 'mediaType', 'documentDate'];
    const documentFacets = wanted;
    const main: MeiliSearchParams & { indexUid: string } = {
      indexUid: docUid,
      q: docQ,
      matchingStrategy: 'all',
      filter: docFilter,
      page,
      hitsPerPage: perPage,
      attributesToRetrieve: retrieve,
      ...(documentFacets.length > 0 ? { facets: documentFacets } : {}),
      ...(req.sort === 'date_desc' ? { sort: ['dateNum:desc'] } : req.sort === 'date_asc' ? { sort: ['dateNum:asc'] } : {}),
    };
    // The same-page rule: documents with every word in one page's text, in the page index's order.
    const nearQuery = near ? [pageQuery(q, { filter: docFilter, distinct: 'documentId', page: 1, hitsPerPage: ID_CAP, attributesToRetrieve: retrieve, attributesToSearchOn: PAGE_TEXT })] : [];
    const first = await c.multiSearch({ queries: [main, ...nearQuery] });
    const mainResult = first.results[0] as MeiliSearchResponse;
    const toDoc = (h: Record<string, unknown>) => ({
      documentId: String(h.documentId),
      title: String(h.title ?? ''),
      mediaType: String(h.mediaType ?? ''),
      documentDate: typeof h.documentDate === 'string' ? h.documentDate : null,
    });
    let docs = mainResult.hits.map(toDoc);
    if (near) {
      const together = (first.results[1]?.hits ?? []).map(toDoc);
      const start = (page - 1) * perPage;
      docs = together.slice(start, start + perPage);
      if (docs.length < perPage) {
        const rest = await c.multiSearch({
          queries: [{
            ...main,
            filter: together.length > 0 ? [...docFilter, idFilter('NOT IN', together.map((d) => d.documentId))] : docFilter,
            page: undefined, hitsPerPage: undefined, facets: undefined,
            offset: Math.max(0, start - together.length), limit: perPage - docs.length,
          }],
        });
        docs = [...docs, ...(rest.results[0]?.hits ?? []).map(toDoc)];
      }
    }

    // Each shown document's pages holding each word or phrase, in one round trip.
    const nodeQueries = docs.flatMap((d) => positive.map((n) => ({
      indexUid: uid,
      q: toMeiliQuery({ terms: [n], excluded: [] }) as string,
      matchingStrategy: 'all' as const,
      filter: [...filter, `documentId = ${quoteFilterValue(d.documentId)}`],
      page: 1,
      hitsPerPage: PAGES_PER_WORD,
      attributesToRetrieve: ['pageNumber'],
      attributesToSearchOn: PAGE_TEXT,
    })));
    const perNode = nodeQueries.length === 0 ? [] : (await c.multiSearch({ queries: nodeQueries })).results;
    const snippets = createSnippets(query);
    const hits = docs.map((d, i): SearchHit => {
      const count = new Map<number, number>();
      let most = 0;
      positive.forEach((_n, k) => {
        const r = perNode[i * positive.length + k];
        most = Math.max(most, r?.totalHits ?? 0);
        for (const h of r?.hits ?? []) {
          const n = Number(h.pageNumber);
          if (Number.isInteger(n)) count.set(n, (count.get(n) ?? 0) + 1);
        }
      });
      // Pages holding every word and phrase, when the document has them; else those holding any.
      const together = [...count.values()].some((n) => n === positive.length);
      if (together) for (const [n, c] of count) if (c < positive.length) count.delete(n);
      const numbers = [...count.keys()].sort((a, b) => a - b);
      // A match in the title or parties only: the first page, when there is one, and no page count.
      const best = count.size === 0 ? [1] : [...count].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, pagesPerDocument).map(([n]) => n);
      const texts = deps.pageTexts(d.documentId, best);
      const pages = snippets.pages(best.filter((n) => texts.has(n)), texts);
      return { ...d, matchingPages: together ? numbers.length : Math.max(numbers.length, most), matchingPageNumbers: numbers.slice(0, 50), pages };
    });

    const facets: SearchResult['facets'] = {};
    for (const f of documentFacets) facets[f] = sortFacet(Object.entries(mainResult.facetDistribution?.[f] ?? {}));
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
      await wait(c.deleteIndex(docBuildUid), { allow: ['index_not_found'] });
      await createIndexWithSettings(c, buildUid);
      await createIndexWithSettings(c, docBuildUid, MEILI_DOC_SETTINGS);
      const progress: RebuildProgress = { done: 0, total: source.total, pages: 0 };
      let records: PageRecord[] = [];
      let docRecords: DocRecord[] = [];
      let docsInBatch = 0;
      const flush = async () => {
        await writeRecords(c, buildUid, records);
        await writeRecords(c, docBuildUid, docRecords);
        docRecords = [];
        progress.pages += records.length;
        progress.done += docsInBatch;
        records = [];
        docsInBatch = 0;
        onProgress?.({ ...progress });
      };
      for await (const doc of source.documents()) {
        records.push(...toRecords(doc));
        const record = toDocumentRecord(doc);
        if (record) docRecords.push(record);
        docsInBatch++;
        if (records.length >= REBUILD_BATCH_RECORDS) await flush();
      }
      await flush();
      // Searches read the old index until this task; afterwards the old one holds the build's name.
      await wait(c.swapIndexes([{ indexes: [uid, buildUid] }, { indexes: [docUid, docBuildUid] }]));
      await wait(c.deleteIndex(buildUid), { allow: ['index_not_found'] });
      await wait(c.deleteIndex(docBuildUid), { allow: ['index_not_found'] });
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
      // The document record last: a search never finds the document before its pages exist.
      const record = toDocumentRecord(doc);
      const docWrite = record ? c.index(docUid).addDocuments([record], { primaryKey: 'id' }) : c.index(docUid).deleteDocuments({ filter: `documentId = ${quoteFilterValue(doc.id)}` });
      if (added) await wait(added);
      await wait(removed);
      await wait(docWrite);
    },
    async removeDocument(id: string) {
      await ensureReady();
      const c = await client();
      await wait(c.index(docUid).deleteDocuments({ filter: `documentId = ${quoteFilterValue(id)}` }));
      await wait(c.index(uid).deleteDocuments({ filter: `documentId = ${quoteFilterValue(id)}` }));
    },
    search,
    async clear() {
      await ensureReady();
      const c = await client();
      await wait(c.index(docUid).deleteAllDocuments());
      await wait(c.index(uid).deleteAllDocuments());
    },
    rebuild,
    async health(): Promise<EngineHealth> {
      const c = await client();
      await c.health();
      await ensureReady();
      const r = await c.multiSearch({ queries: [{ indexUid: docUid, q: '', page: 1, hitsPerPage: 0 }] });
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
    undated: filters.undated,
    partyIds: filters.partyIds,
    partyRole: filters.partyRoles,
    eventIds: filters.eventIds,
    storyIds: filters.storyIds,
    requestIds: filters.requestIds,
    documentIds: filters.documentIds,
    access: { userId: req.viewer?.userId ?? '', role: req.viewer?.role ?? '', now: (req.now ?? new Date()).getTime() },
  };
}


/**
 * The query as the document index can answer it: phrases become their words (the record holds
 * distinct words, no positions; the pages check the phrase), excluded phrases are left to the pages.
 */
function documentLevel(query: Query): Query {
  return {
    terms: query.terms.flatMap((n): QueryNode[] => (n.kind === 'term' ? [n] : n.words.map((w) => ({ kind: 'term', text: w, prefix: false, last: false })))),
    excluded: query.excluded.filter((n) => n.kind === 'term'),
  };
}

/** `documentId IN [...]` / `NOT IN [...]` over escaped ids; an empty IN matches nothing. */
function idFilter(op: 'IN' | 'NOT IN', ids: string[]): string {
  if (ids.length === 0) return op === 'IN' ? 'documentId IN []' : 'documentId NOT IN []';
  return `documentId ${op} [${ids.map(quoteFilterValue).join(', ')}]`;
}
