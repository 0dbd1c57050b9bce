/**
 * The contract every search engine fulfils (embedded SQLite FTS5, Meilisearch). The database is the
 * source of truth: an engine only ever holds what `upsertDocument` gave it, can be emptied and rebuilt
 * from the database at any time, and must answer the same query the same way as every other engine
 * (one contract test suite runs against each).
 *
 * The index holds one record per page carrying its document's metadata, so filters and facets need
 * no join at query time. Results group pages by document.
 */
export interface IndexedPage {
  number: number;
  text: string;
  method: 'text' | 'ocr';
}

export interface IndexedDocument {
  id: string;
  title: string;
  filename: string;
  mediaType: string;
  language: string | null;
  /** ISO date (YYYY-MM-DD, or YYYY-MM / YYYY with lower precision) or null. */
  documentDate: string | null;
  createdAt: string;
  accessLevel: 'newsroom' | 'restricted' | 'embargoed';
  embargoUntil: string | null;
  allowedUserIds: string[];
  pages: IndexedPage[];
}

export interface SearchFilters {
  mediaType?: string[];
  language?: string[];
  method?: Array<'text' | 'ocr'>;
  dateFrom?: string;
  dateTo?: string;
}

export type SearchSort = 'relevance' | 'date_desc' | 'date_asc';

export interface SearchRequest {
  query: string;
  filters?: SearchFilters;
  sort?: SearchSort;
  /** 1-based page of results. */
  page?: number;
  perPage?: number;
  /** Best pages shown per document. */
  pagesPerDocument?: number;
}

export interface SearchHitPage {
  number: number;
  /** HTML: escaped text with <mark> around matches. */
  snippet: string;
}

export interface SearchHit {
  documentId: string;
  title: string;
  mediaType: string;
  documentDate: string | null;
  /** How many pages of the document match. */
  matchingPages: number;
  pages: SearchHitPage[];
}

export interface SearchResult {
  /** Documents matching (not pages). */
  total: number;
  page: number;
  perPage: number;
  hits: SearchHit[];
  tookMs: number;
  /** The query's words after folding, for highlighting on the document page. */
  terms: string[];
}

export interface EngineHealth {
  engine: string;
  ok: boolean;
  detail?: string;
  documents?: number;
}

export interface SearchEngine {
  readonly name: 'embedded' | 'meilisearch';
  /** Creates indexes and settings; safe to call on every start. */
  init(): Promise<void>;
  /** Replaces everything the index holds for this document. */
  upsertDocument(doc: IndexedDocument): Promise<void>;
  removeDocument(id: string): Promise<void>;
  search(req: SearchRequest): Promise<SearchResult>;
  /** Empties the index (before a rebuild). */
  clear(): Promise<void>;
  health(): Promise<EngineHealth>;
}
