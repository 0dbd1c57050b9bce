import type { IndexedDocument } from '../../../search/engine';
import type { MeiliClientApi, MeiliEnqueued, MeiliSearchParams, MeiliSearchResponse, MeiliTask } from '../../../search/meilisearch/client';
import { createMeiliEngine, MeiliTaskFailed } from '../../../search/meilisearch/meili.engine';
import { toMeiliQuery } from '../../../search/meilisearch/query';
import { MEILI_SETTINGS, recordId, toRecords } from '../../../search/meilisearch/records';
import { parseQuery } from '../../../search/query/parse';

/**
 * The Meilisearch engine's mapping, without a server: a recording stand-in for the official
 * client answers each call, and the tests read what the engine asked Meilisearch to do. (The
 * contract suite runs the same engine against a real Meilisearch when MEILI_URL is set.)
 */
type Call = { method: string; args: unknown[] };

function recordingClient(opts: {
  search?: (queries: Array<MeiliSearchParams & { indexUid: string }>) => MeiliSearchResponse[];
  fail?: (method: string, args: unknown[]) => MeiliTask['error'] | null;
} = {}) {
  const calls: Call[] = [];
  let uid = 0;
  const enqueue = (method: string, args: unknown[]): MeiliEnqueued => {
    calls.push({ method, args });
    const error = opts.fail?.(method, args) ?? null;
    const task: MeiliTask = { uid: ++uid, status: error ? 'failed' : 'succeeded', type: method, error };
    return { waitTask: async () => task };
  };
  const client: MeiliClientApi = {
    index: (name) => ({
      updateSettings: (s) => enqueue('updateSettings', [name, s]),
      addDocuments: (d, o) => enqueue('addDocuments', [name, d, o]),
      deleteDocuments: (p) => enqueue('deleteDocuments', [name, p]),
      deleteAllDocuments: () => enqueue('deleteAllDocuments', [name]),
    }),
    getRawIndex: async (name) => ({ uid: name, primaryKey: 'id' }),
    createIndex: (name, o) => enqueue('createIndex', [name, o]),
    deleteIndex: (name) => enqueue('deleteIndex', [name]),
    swapIndexes: (p) => enqueue('swapIndexes', [p]),
    multiSearch: async ({ queries }) => {
      calls.push({ method: 'multiSearch', args: [queries] });
      return { results: opts.search?.(queries) ?? queries.map(() => ({ hits: [], totalHits: 0 })) };
    },
    health: async () => ({ status: 'available' }),
  };
  return { client, calls, named: (m: string) => calls.filter((c) => c.method === m) };
}

const DOC: IndexedDocument = {
  id: 'doc_abc',
  title: 'Brev fra Ålborg',
  filename: 'brev.pdf',
  mediaType: 'application/pdf',
  language: 'da',
  documentDate: '2018-09',
  createdAt: '2024-01-02T03:04:05.000Z',
  accessLevel: 'embargoed',
  embargoUntil: '2026-01-01T00:00:00.000Z',
  allowedUserIds: ['u1', 'u1'],
  parties: [{ id: 'p_star', role: 'sender', names: ['Styrelsen for Arbejdsmarked og Rekruttering', 'STAR'] }, { id: 'p_kl', role: 'recipient', names: ['KL'] }, { id: 'p_star', role: 'subject', names: ['STAR'] }],
  eventIds: ['e1'],
  storyIds: ['s1'],
  requestIds: ['r1', 'r2', 'r1'],
  pages: [
    { number: 1, method: 'text', text: 'Personfølsomme data — København, "Ålborg"!' },
    { number: 2, method: 'ocr', text: 'Side to' },
  ],
};

const texts = (id: string, ns: number[]) => new Map(ns.map((n) => [n, `${id} side ${n}: Personfølsomme data i Ålborg`]));

describe('Meilisearch records', () => {
  it('toRecords — one record per page — carries folded words and the document metadata', () => {
    const [first, second] = toRecords(DOC);
    expect(first).toMatchObject({
      id: 'doc_abc-p1',
      documentId: 'doc_abc',
      pageNumber: 1,
      title: 'Brev fra Ålborg',
      titleFolded: 'brev fra aalborg',
      partiesFolded: 'styrelsen for arbejdsmarked og rekruttering star kl',
      textFolded: 'personfoelsomme data koebenhavn aalborg',
      mediaType: 'application/pdf',
      language: 'da',
      method: 'text',
      dateNum: 20180901,
      partyIds: ['p_star', 'p_kl'],
      parties_sender: ['p_star'],
      parties_recipient: ['p_kl'],
      parties_subject: ['p_star'],
      parties_cc: [],
      eventIds: ['e1'],
      storyIds: ['s1'],
      requestId: ['r1', 'r2'],
      accessLevel: 'embargoed',
      embargoUntil: Date.parse('2026-01-01T00:00:00.000Z'),
      allowedUserIds: ['u1'],
    });
    expect(second).toMatchObject({ id: 'doc_abc-p2', method: 'ocr', textFolded: 'side to' });
  });

  it('recordId — ids Meilisearch would refuse — are written in hex and never collide with safe ones', () => {
    expect(recordId('doc_x-1', 3)).toBe('doc_x-1-p3');
    expect(recordId('a b', 3)).toBe('612062_h3');
    expect(recordId('æ"', 1)).toMatch(/^[0-9a-f]+_h1$/);
    expect(recordId('612062_h3', 1)).toBe('612062_h3-p1');
  });

  it('settings — search folded text, filter and facet every attribute, sort first, Meilisearch typo defaults', () => {
    expect(MEILI_SETTINGS.searchableAttributes).toEqual(['titleFolded', 'partiesFolded', 'textFolded']);
    expect(MEILI_SETTINGS.filterableAttributes).toEqual(expect.arrayContaining(['documentId', 'pageNumber', 'mediaType', 'partyIds', 'parties_sender', 'accessLevel', 'allowedUserIds', 'embargoUntil', 'dateNum']));
    expect(MEILI_SETTINGS.rankingRules[0]).toBe('sort');
    expect(MEILI_SETTINGS.rankingRules.at(-1)).toBe('dateNum:desc');
    expect(MEILI_SETTINGS.typoTolerance).toMatchObject({ enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } });
    expect(MEILI_SETTINGS.displayedAttributes).not.toContain('textFolded');
  });
});

describe('toMeiliQuery', () => {
  it.each([
    ['words and the last word typed', 'Personfølsomme Ålborg', 'personfoelsomme aalborg'],
    ['a trailing space — no prefix', 'skat moms ', 'skat moms '],
    ['a prefix term — moved last', 'skat* moms ', 'moms skat'],
    ['the last word wins over an earlier prefix', 'skat* moms', 'skat moms'],
    ['phrase and exclusions', '"Aarhus Kommune" -moms -"e mail" ', '"aarhus kommune" -moms -"e mail" '],
    ['hostile syntax becomes words (">" ends the input: no prefix)', '" OR 1=1 -- <script>', 'or 1 1 script '],
  ])('%s', (_name, input, expected) => {
    expect(toMeiliQuery(parseQuery(input))).toBe(expected);
  });

  it('nothing searchable — is null, so no empty placeholder search lists everything', () => {
    expect(toMeiliQuery(parseQuery(''))).toBeNull();
    expect(toMeiliQuery(parseQuery('-skat'))).toBeNull();
    expect(toMeiliQuery(parseQuery('"" *'))).toBeNull();
  });

  it('hand-made nodes with quotes — still cannot write Meilisearch syntax', () => {
    const q = toMeiliQuery({ terms: [{ kind: 'term', text: 'a"b-c', prefix: false, last: false }, { kind: 'phrase', words: ['x"', 'y'] }], excluded: [{ kind: 'term', text: '"-', prefix: false, last: false }] });
    expect(q).toBe('a b c "x y" ');
  });
});

describe('Meilisearch engine', () => {
  it('init — creates the index with its settings and waits; an existing index is fine', async () => {
    const r = recordingClient({ fail: (m) => (m === 'createIndex' ? { code: 'index_already_exists', message: 'exists' } : null) });
    const engine = createMeiliEngine({ client: r.client, indexPrefix: 'kilde', pageTexts: texts });
    await engine.init();
    expect(r.named('createIndex')[0]?.args).toEqual(['kilde_pages', { primaryKey: 'id' }]);
    expect(r.named('updateSettings')[0]?.args).toEqual(['kilde_pages', MEILI_SETTINGS]);
  });

  it('a failed task — surfaces as an error with its code, and init is tried again next time', async () => {
    let fail = true;
    const r = recordingClient({ fail: (m) => (m === 'updateSettings' && fail ? { code: 'invalid_settings', message: 'bad' } : null) });
    const engine = createMeiliEngine({ client: r.client, indexPrefix: 'kilde', pageTexts: texts });
    await expect(engine.init()).rejects.toThrow(MeiliTaskFailed);
    await expect(engine.upsertDocument(DOC)).rejects.toThrow(/invalid_settings: bad/);
    fail = false;
    await engine.upsertDocument(DOC);
    expect(r.named('updateSettings').filter((c) => c.args[0] === 'kilde_pages')).toHaveLength(3);
    expect(r.named('updateSettings').filter((c) => c.args[0] === 'kilde_docs')).toHaveLength(1);
  });

  it('upsertDocument — writes the pages, then drops pages past the last one, escaping the id', async () => {
    const r = recordingClient();
    const engine = createMeiliEngine({ client: r.client, indexPrefix: 'k', pageTexts: texts });
    await engine.upsertDocument({ ...DOC, id: 'doc_"x\\' });
    const add = r.named('addDocuments')[0]?.args as [string, Array<{ id: string }>, unknown];
    expect(add[0]).toBe('k_pages');
    expect(add[1].map((d) => d.id)).toEqual([expect.stringMatching(/_h1$/), expect.stringMatching(/_h2$/)]);
    expect(r.named('deleteDocuments')[0]?.args).toEqual(['k_pages', { filter: ['documentId = "doc_\\"x\\\\"', 'pageNumber > 2'] }]);
    // The document-level record (all its words, for words on different pages) is written last.
    expect(r.named('addDocuments')[1]?.args[0]).toBe('k_docs');
    expect((r.named('addDocuments')[1]?.args[1] as Array<{ documentId: string }>)[0]?.documentId).toBe('doc_"x\\');
  });

  it('upsertDocument — a failed addition — throws, so the outbox keeps the row', async () => {
    const r = recordingClient({ fail: (m) => (m === 'addDocuments' ? { code: 'payload_too_large', message: 'too big' } : null) });
    const engine = createMeiliEngine({ client: r.client, indexPrefix: 'k', pageTexts: texts });
    await expect(engine.upsertDocument(DOC)).rejects.toThrow(/payload_too_large/);
  });

  it('removeDocument and clear — delete by escaped filter / everything', async () => {
    const r = recordingClient();
    const engine = createMeiliEngine({ client: r.client, indexPrefix: 'k', pageTexts: texts });
    await engine.removeDocument('a" OR documentId EXISTS OR "b');
    await engine.clear();
    expect(r.named('deleteDocuments').map((c) => c.args)).toEqual([
      ['k_docs', { filter: 'documentId = "a\\" OR documentId EXISTS OR \\"b"' }],
      ['k_pages', { filter: 'documentId = "a\\" OR documentId EXISTS OR \\"b"' }],
    ]);
    expect(r.named('deleteAllDocuments')).toHaveLength(2);
  });

  it('search — documents from the document index, same-page documents first, each document\'s best pages', async () => {
    const doc = (id: string) => ({ documentId: id, title: id.toUpperCase(), mediaType: 'application/pdf', documentDate: '2018-09-28' });
    const r = recordingClient({
      search: (queries) =>
        queries.map((q) => {
          if (q.indexUid === 'k_docs' && q.limit !== undefined) return { hits: [doc('doc_a')], totalHits: 1 };
          if (q.indexUid === 'k_docs') {
            return {
              hits: [doc('doc_a'), doc('doc_b')],
              totalHits: 42,
              facetDistribution: { mediaType: { 'text/plain': 1, 'application/pdf': 1 }, partyIds: { p2: 1, p1: 3 }, method: { text: 2, ocr: 1 } },
            };
          }
          if (q.q === '"e mail" ') return { hits: [], totalHits: 0 }; // no document holds the excluded phrase
          if (q.distinct) return { hits: [doc('doc_b')], totalHits: 1 }; // every word on one page: doc_b only
          // Per document and word: doc_a holds "personfølsome" on pages 1 and 3, "Ålborg" on page 3.
          const a = String(q.filter).includes('doc_a');
          if (q.q === 'personfoelsome ') return a ? { hits: [{ pageNumber: 1 }, { pageNumber: 3 }], totalHits: 2 } : { hits: [{ pageNumber: 4 }], totalHits: 1 };
          return a ? { hits: [{ pageNumber: 3 }], totalHits: 1 } : { hits: [{ pageNumber: 4 }], totalHits: 1 };
        }),
    });
    const engine = createMeiliEngine({ client: r.client, indexPrefix: 'k', pageTexts: texts });
    const result = await engine.search({
      query: 'personfølsome Ålborg -"e mail"',
      filters: { mediaType: ['application/pdf'], partyRoles: [{ role: 'sender', partyId: 'p"1' }], dateFrom: '2018' },
      perPage: 10,
      facets: ['mediaType', 'method', 'partyIds'],
      viewer: { userId: 'u7', role: 'researcher' },
      now: new Date(1_000),
    });

    const searches = r.named('multiSearch').map((c) => c.args[0] as Array<MeiliSearchParams & { indexUid: string }>);
    const access = '(accessLevel = "newsroom" OR (accessLevel = "embargoed" AND embargoUntil <= 1000) OR allowedUserIds = "u7")';
    const filter = ['mediaType = "application/pdf"', 'dateNum >= 20180101', 'parties_sender = "p\\"1"', access];
    // 1. the excluded phrase's documents, from the pages (none here: no filter added).
    expect(searches[0]).toEqual([expect.objectContaining({ indexUid: 'k_pages', q: '"e mail" ', distinct: 'documentId', filter })]);
    // 2. the main query on the document index (words anywhere in the document) and the same-page query.
    expect(searches[1]?.[0]).toEqual({
      indexUid: 'k_docs',
      q: 'personfoelsome aalborg ',
      matchingStrategy: 'all',
      filter,
      page: 1,
      hitsPerPage: 10,
      attributesToRetrieve: ['documentId', 'title', 'mediaType', 'documentDate'],
      facets: ['mediaType', 'method', 'partyIds'],
    });
    // The page-level rules read the page's text: the title and parties stand in every page record.
    expect(searches[1]?.[1]).toMatchObject({ indexUid: 'k_pages', q: 'personfoelsome aalborg -"e mail" ', distinct: 'documentId', matchingStrategy: 'all', attributesToSearchOn: ['textFolded'] });
    // 3. the rest of the first page from the document index, without the same-page documents.
    expect(searches[2]?.[0]).toMatchObject({ indexUid: 'k_docs', offset: 0, limit: 9, filter: [...filter, 'documentId NOT IN ["doc_b"]'] });
    // 4. per shown document and word, its pages.
    expect(searches[3]?.map((q) => [q.q, q.filter?.at(-1)])).toEqual([
      ['personfoelsome ', 'documentId = "doc_b"'], ['aalborg ', 'documentId = "doc_b"'],
      ['personfoelsome ', 'documentId = "doc_a"'], ['aalborg ', 'documentId = "doc_a"'],
    ]);
    expect(searches[3]?.every((q) => q.attributesToSearchOn?.join() === 'textFolded')).toBe(true);

    expect(result.total).toBe(42);
    expect(result.hits.map((h) => [h.documentId, h.matchingPages, h.matchingPageNumbers, h.pages.map((p) => p.number)])).toEqual([
      ['doc_b', 1, [4], [4]],
      ['doc_a', 1, [3], [3]], // page 3 holds both words: the document answers with it
    ]);
    expect(result.hits[1]?.pages[0]?.snippet).toBe('doc_a side 3: <mark>Personfølsomme</mark> data i <mark>Ålborg</mark>');
    expect(result.facets).toEqual({
      mediaType: [{ value: 'application/pdf', count: 1 }, { value: 'text/plain', count: 1 }],
      method: [{ value: 'text', count: 2 }, { value: 'ocr', count: 1 }],
      partyIds: [{ value: 'p1', count: 3 }, { value: 'p2', count: 1 }],
    });
  });

  it('search — words found in the title or parties only — the document, answered with its first page and no page count', async () => {
    const r = recordingClient({
      search: (queries) =>
        queries.map((q) => (q.indexUid === 'k_docs' ? { hits: [{ documentId: 'doc_t', title: 'Kastrup', mediaType: 'application/pdf', documentDate: null }], totalHits: 1 } : { hits: [], totalHits: 0 })),
    });
    const engine = createMeiliEngine({ client: r.client, indexPrefix: 'k', pageTexts: (id, ns) => new Map(ns.filter((n) => n === 1).map((n) => [n, `${id} side ${n}`])) });
    const result = await engine.search({ query: 'kastrup ', viewer: { userId: 'u1', role: 'editor' } });
    expect(result.hits.map((h) => [h.documentId, h.matchingPages, h.matchingPageNumbers, h.pages.map((p) => p.number)])).toEqual([['doc_t', 0, [], [1]]]);
    // Without a first page (nothing extracted), no page at all.
    const none = createMeiliEngine({ client: r.client, indexPrefix: 'k', pageTexts: () => new Map() });
    expect((await none.search({ query: 'kastrup ', viewer: { userId: 'u1', role: 'editor' } })).hits[0]?.pages).toEqual([]);
  });

  it('search — a phrase — must stand on a page: its documents restrict the document query', async () => {
    const r = recordingClient({
      search: (queries) => queries.map((q) => (q.indexUid === 'k_pages' && q.q === '"personfoelsomme data" ' ? { hits: [{ documentId: 'doc_x' }], totalHits: 1 } : { hits: [], totalHits: 0 })),
    });
    const engine = createMeiliEngine({ client: r.client, indexPrefix: 'k', pageTexts: texts });
    await engine.search({ query: '"personfølsomme data"', sort: 'date_desc', viewer: { userId: 'u1', role: 'admin' } });
    const [ids, main] = r.named('multiSearch').map((c) => c.args[0] as Array<MeiliSearchParams & { indexUid: string }>);
    expect(ids?.[0]).toMatchObject({ indexUid: 'k_pages', q: '"personfoelsomme data" ' });
    expect(main).toHaveLength(1); // sorted by date: no same-page query
    expect(main?.[0]).toMatchObject({ indexUid: 'k_docs', q: 'personfoelsomme data ', filter: ['documentId IN ["doc_x"]'], sort: ['dateNum:desc'] });
  });

  it('search — nothing searchable — asks Meilisearch nothing', async () => {
    const r = recordingClient();
    const engine = createMeiliEngine({ client: r.client, indexPrefix: 'k', pageTexts: texts });
    const result = await engine.search({ query: '-skat', facets: ['language'] });
    expect(result).toMatchObject({ total: 0, hits: [], facets: { language: [] } });
    expect(r.calls).toEqual([]);
  });

  it('search — an admin — gets no access filter', async () => {
    const r = recordingClient();
    const engine = createMeiliEngine({ client: r.client, indexPrefix: 'k', pageTexts: texts });
    await engine.search({ query: 'skat ', viewer: { userId: 'u1', role: 'admin' } });
    expect((r.named('multiSearch')[0]?.args[0] as MeiliSearchParams[])[0]).toMatchObject({ indexUid: 'k_docs', filter: [] });
  });

  it('rebuild — builds a second index, swaps it in, drops the old one', async () => {
    const r = recordingClient({ fail: (m) => (m === 'deleteIndex' ? { code: 'index_not_found', message: 'none' } : null) });
    const engine = createMeiliEngine({ client: r.client, indexPrefix: 'k', pageTexts: texts });
    const progress: number[] = [];
    const result = await engine.rebuild({ total: 2, documents: () => [DOC, { ...DOC, id: 'doc_b' }] }, (p) => progress.push(p.done));
    expect(result).toEqual({ done: 2, total: 2, pages: 4 });
    expect(r.calls.map((c) => `${c.method}:${String(c.args[0])}`)).toEqual([
      'createIndex:k_pages', 'updateSettings:k_pages', 'createIndex:k_docs', 'updateSettings:k_docs',
      'deleteIndex:k_pages_build', 'deleteIndex:k_docs_build',
      'createIndex:k_pages_build', 'updateSettings:k_pages_build', 'createIndex:k_docs_build', 'updateSettings:k_docs_build',
      'addDocuments:k_pages_build', 'addDocuments:k_docs_build',
      'swapIndexes:[object Object],[object Object]', 'deleteIndex:k_pages_build', 'deleteIndex:k_docs_build',
    ]);
    expect(r.named('swapIndexes')[0]?.args[0]).toEqual([{ indexes: ['k_pages', 'k_pages_build'] }, { indexes: ['k_docs', 'k_docs_build'] }]);
    const docRecords = r.named('addDocuments')[1]?.args[1] as Array<Record<string, unknown>>;
    expect(docRecords.map((d) => [d.id, d.method, d.words_0])).toEqual([
      ['doc_abc-p0', ['text', 'ocr'], 'personfoelsomme data koebenhavn aalborg side to'],
      ['doc_b-p0', ['text', 'ocr'], 'personfoelsomme data koebenhavn aalborg side to'],
    ]);
    expect(progress.at(-1)).toBe(2);
  });

  it('health — unreachable Meilisearch — rejects, and the client is loaded lazily once', async () => {
    let loads = 0;
    const engine = createMeiliEngine({
      client: async () => {
        loads++;
        throw new Error('connect ECONNREFUSED');
      },
      indexPrefix: 'k',
      pageTexts: texts,
    });
    await expect(engine.health()).rejects.toThrow(/ECONNREFUSED/);
    await expect(engine.health()).rejects.toThrow(/ECONNREFUSED/);
    expect(loads).toBe(2);
  });
});
