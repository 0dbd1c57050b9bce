/**
 * The one file that loads the official `meilisearch` client, and the part of its API Kilde uses,
 * typed here so the rest of the engine (and its unit tests, which pass a recording stand-in) does
 * not depend on the package's own types.
 */
export interface MeiliTaskError {
  code?: string;
  message?: string;
}

export interface MeiliTask {
  uid: number;
  status: string;
  type?: string;
  error: MeiliTaskError | null;
}

/** What the client's write calls return: a promise of the enqueued task that can be awaited to its end. */
export interface MeiliEnqueued {
  waitTask(options?: { timeout?: number; interval?: number }): Promise<MeiliTask>;
}

export interface MeiliSearchParams {
  q?: string;
  filter?: string[];
  sort?: string[];
  facets?: string[];
  distinct?: string;
  page?: number;
  hitsPerPage?: number;
  offset?: number;
  limit?: number;
  attributesToRetrieve?: string[];
  /** Search these searchable attributes only (Meilisearch ≥ 1.3). */
  attributesToSearchOn?: string[];
  matchingStrategy?: 'all' | 'last' | 'frequency';
}

export interface MeiliSearchResponse {
  hits: Array<Record<string, unknown>>;
  totalHits?: number;
  facetDistribution?: Record<string, Record<string, number>>;
  processingTimeMs?: number;
}

export interface MeiliIndexApi {
  updateSettings(settings: Record<string, unknown>): MeiliEnqueued;
  addDocuments(documents: object[], options?: { primaryKey?: string }): MeiliEnqueued;
  deleteDocuments(params: { filter: string | string[] }): MeiliEnqueued;
  deleteAllDocuments(): MeiliEnqueued;
}

export interface MeiliClientApi {
  index(uid: string): MeiliIndexApi;
  getRawIndex(uid: string): Promise<{ uid: string; primaryKey?: string | null }>;
  createIndex(uid: string, options: { primaryKey: string }): MeiliEnqueued;
  deleteIndex(uid: string): MeiliEnqueued;
  swapIndexes(params: Array<{ indexes: [string, string] }>): MeiliEnqueued;
  multiSearch(params: { queries: Array<MeiliSearchParams & { indexUid: string }> }): Promise<{ results: MeiliSearchResponse[] }>;
  health(): Promise<{ status: string }>;
}

/**
 * The package is ESM-only and Kilde compiles to CommonJS. The build (module node16) keeps a written
 * `import()` as is, but ts-jest compiles tests with module commonjs and turns it into `require()`,
 * which cannot load an ES module under Jest. A function made at run time keeps a real dynamic
 * import in both (Jest runs with --experimental-vm-modules).
 */
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

export async function createMeiliClient(opts: { host: string; apiKey?: string; timeoutMs?: number }): Promise<MeiliClientApi> {
  const mod = (await importEsm('meilisearch')) as { Meilisearch: new (config: { host: string; apiKey?: string; timeout?: number }) => unknown };
  return new mod.Meilisearch({ host: opts.host, apiKey: opts.apiKey, timeout: opts.timeoutMs ?? 10_000 }) as MeiliClientApi;
}
