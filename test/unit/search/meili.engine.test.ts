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
    expect(r.named('updateSettings')).toHaveLength(3);
  });

  it('upsertDocument — writes the pages, then drops pages past the last one, escaping the id', async () => {
    const r = recordingClient();
    const engine = createMeiliEngine({ client: r.client, indexPrefix: 'k', pageTexts: texts });
    await engine.upsertDocument({ ...DOC, id: 'doc_"x\\' });
    const add = r.named('addDocuments')[0]?.args as [string, Array<{ id: string }>, unknown];
    expect(add[0]).toBe('k_pages');
    expect(add[1].map((d) => d.id)).toEqual([expect.stringMatching(/_h1$/), expect.stringMatching(/_h2$/)]);
    expect(r.named('deleteDocuments')[0]?.args).toEqual(['k_pages', { filter: ['documentId = "doc_\\"x\\\\"', 'pageNumber > 2'] }]);
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
    expect(r.named('deleteDocuments')[0]?.args).toEqual(['k_pages', { filter: 'documentId = "a\\" OR documentId EXISTS OR \\"b"' }]);
    expect(r.named('deleteAllDocuments')).toHaveLength(1);
  });

  it('search — one distinct query with filters, access, facets and sort, then each document\'s best pages', async () => {
    const r = recordingClient({
      search: (queries) =>
        queries.map((q) => {
          if (q.distinct && q.hitsPerPage === 0) return { hits: [], totalHits: String(q.filter).includes('"ocr"') ? 1 : 2 };
          if (q.distinct) {
            return {
              hits: [{ documentId: 'doc_a', title: 'A', mediaType: 'application/pdf', documentDate: '2018-09-28' }, { documentId: 'doc_b', title: 'B', mediaType: 'text/plain' }],
              totalHits: 42,
              facetDistribution: { mediaType: { 'text/plain': 1, 'application/pdf': 1 }, partyIds: { p2: 1, p1: 3 } },
            };
          }
          return String(q.filter).includes('doc_a') ? { hits: [{ pageNumber: 2 }, { pageNumber: 5 }], totalHits: 7 } : { hits: [{ pageNumber: 1 }], totalHits: 1 };
        }),
    });
    const engine = createMeiliEngine({ client: r.client, indexPrefix: 'k', pageTexts: texts });
    const result = await engine.search({
      query: 'personfølsome Ålborg',
      filters: { mediaType: ['application/pdf'], partyRoles: [{ role: 'sender', partyId: 'p"1' }], dateFrom: '2018' },
      sort: 'date_desc',
      page: 2,
      perPage: 10,
      facets: ['mediaType', 'method', 'partyIds'],
      viewer: { userId: 'u7', role: 'researcher' },
      now: new Date(1_000),
    });

    const [first, second] = r.named('multiSearch').map((c) => c.args[0] as Array<MeiliSearchParams & { indexUid: string }>);
    const access = '(accessLevel = "newsroom" OR (accessLevel = "embargoed" AND embargoUntil <= 1000) OR allowedUserIds = "u7")';
    const filter = ['mediaType = "application/pdf"', 'dateNum >= 20180101', 'parties_sender = "p\\"1"', access];
    expect(first?.[0]).toEqual({
      indexUid: 'k_pages',
      q: 'personfoelsome aalborg',
      matchingStrategy: 'all',
      filter,
      distinct: 'documentId',
      page: 2,
      hitsPerPage: 10,
      attributesToRetrieve: ['documentId', 'title', 'mediaType', 'documentDate'],
      facets: ['mediaType', 'partyIds'],
      sort: ['dateNum:desc'],
    });
    expect(first?.slice(1).map((q) => q.filter?.at(-1))).toEqual(['method = "text"', 'method = "ocr"']);
    expect(second?.map((q) => q.filter?.at(-1))).toEqual(['documentId = "doc_a"', 'documentId = "doc_b"']);
    expect(second?.[0]).toMatchObject({ page: 1, hitsPerPage: 3, attributesToRetrieve: ['pageNumber'] });

    expect(result.total).toBe(42);
    expect(result.hits.map((h) => [h.documentId, h.matchingPages, h.pages.map((p) => p.number)])).toEqual([['doc_a', 7, [2, 5]], ['doc_b', 1, [1]]]);
    expect(result.hits[0]?.pages[0]?.snippet).toBe('doc_a side 2: <mark>Personfølsomme</mark> data i <mark>Ålborg</mark>');
    expect(result.facets).toEqual({
      mediaType: [{ value: 'application/pdf', count: 1 }, { value: 'text/plain', count: 1 }],
      partyIds: [{ value: 'p1', count: 3 }, { value: 'p2', count: 1 }],
      method: [{ value: 'text', count: 2 }, { value: 'ocr', count: 1 }],
    });
    expect(result.terms).toEqual(['personfoelsome', 'aalborg', 'personfoelsomme']);
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
    expect((r.named('multiSearch')[0]?.args[0] as MeiliSearchParams[])[0]?.filter).toEqual([]);
  });

  it('rebuild — builds a second index, swaps it in, drops the old one', async () => {
    const r = recordingClient({ fail: (m) => (m === 'deleteIndex' ? { code: 'index_not_found', message: 'none' } : null) });
    const engine = createMeiliEngine({ client: r.client, indexPrefix: 'k', pageTexts: texts });
    const progress: number[] = [];
    const result = await engine.rebuild({ total: 2, documents: () => [DOC, { ...DOC, id: 'doc_b' }] }, (p) => progress.push(p.done));
    expect(result).toEqual({ done: 2, total: 2, pages: 4 });
    expect(r.calls.map((c) => `${c.method}:${String(c.args[0])}`)).toEqual([
      'createIndex:k_pages', 'updateSettings:k_pages',
      'deleteIndex:k_pages_build', 'createIndex:k_pages_build', 'updateSettings:k_pages_build',
      'addDocuments:k_pages_build',
      'swapIndexes:[object Object]', 'deleteIndex:k_pages_build',
    ]);
    expect(r.named('swapIndexes')[0]?.args[0]).toEqual([{ indexes: ['k_pages', 'k_pages_build'] }]);
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
