/**
 * The contract every search engine fulfils (embedded SQLite FTS5, Meilisearch). The database is the
 * source of truth: an engine only ever holds what `upsertDocument` gave it, can be emptied and rebuilt
 * from the database at any time, and must answer the same query the same way as every other engine
 * (one contract test suite, test/contract/search-engine.contract.test.ts, runs against each).
 *
 * A query matches DOCUMENTS: every word (phrase, prefix, typo) must stand somewhere in the
 * document, not necessarily on one page; a phrase must stand on one page; an excluded word or
 * phrase anywhere in the document excludes it. Answers are pages: each hit carries its best pages
 * (those holding the most of the query's words) with snippets, and the numbers of all its matching
 * pages. Documents holding every word on one page rank above those whose words are spread out.
 * Each engine's header comment says how its index expresses this.
 *
 * The index records carry their document's metadata (type, language, date, parties by role,
 * events, stories, FOI request, access), so filters, facets and the access rule need no join with
 * Kilde's tables at query time. A page's searchable text is its document's title, its own text and
 * the names of the linked parties.
 *
 * Access is part of every query (DESIGN principle 5): an engine filters by `SearchRequest.viewer`
 * inside the search itself, so totals, facet counts and snippets never count or show a document the
 * viewer may not read. The rule is server/auth/access.ts's: admins see everything; newsroom
 * documents are open; embargoed ones open once `embargoUntil <= now`; restricted and embargoed ones
 * are open to the users named on them (`allowedUserIds`).
 */
export const PARTY_ROLES = ['sender', 'recipient', 'cc', 'mentioned', 'subject'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

export interface IndexedPage {
  number: number;
  text: string;
  method: 'text' | 'ocr';
}

export interface IndexedParty {
  id: string;
  role: PartyRole;
  /** The party's name, short name and aliases: searchable, so "STAR" finds what STAR sent. */
  names?: string[];
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
  /**
   * The access of the document's whole family (it and every container it sits in: an e-mail's
   * attachment, a zip's entry), folded into one by server/auth/access.ts `familyAccess`, so an
   * engine's one-level filter never shows a child of a restricted container.
   */
  accessLevel: 'newsroom' | 'restricted' | 'embargoed';
  embargoUntil: string | null;
  /** Users who may read the document even when it is restricted: named on every closed link of the family. */
  allowedUserIds: string[];
  /** Parties linked to the document, one entry per role (a party can be sender and subject). */
  parties?: IndexedParty[];
  eventIds?: string[];
  storyIds?: string[];
  /**
   * The FOI requests the document belongs to (the request letter, a response, correspondence): one
   * document can answer several requests. Filtered and faceted as `requestIds` / `requestId`.
   */
  requestIds?: string[];
  pages: IndexedPage[];
}

export interface SearchFilters {
  mediaType?: string[];
  language?: string[];
  /** Pages extracted this way (a document matches through its pages of that method). */
  method?: Array<'text' | 'ocr'>;
  /** Inclusive bounds, YYYY, YYYY-MM or YYYY-MM-DD; a document without a date uses its upload day. */
  dateFrom?: string;
  dateTo?: string;
  /**
   * 'include': the date range keeps every document without a date of its own (it has no date to
   * compare), instead of judging it by its upload day. The search page counts what the range left
   * out with it, so undated documents are never dropped without a word.
   */
  undated?: 'include';
  /** Linked to any of these parties, in any role. */
  partyIds?: string[];
  /** Linked in the given role: the same role ORs its parties, different roles must all hold. */
  partyRoles?: Array<{ role: PartyRole; partyId: string }>;
  eventIds?: string[];
  storyIds?: string[];
  requestIds?: string[];
  /** Only these documents (at most 1,000): does a saved search match the documents just indexed? */
  documentIds?: string[];
}

export type SearchSort = 'relevance' | 'date_desc' | 'date_asc';

export const FACETS = [
  'mediaType', 'language', 'method', 'partyIds',
  'parties_sender', 'parties_recipient', 'parties_cc', 'parties_mentioned', 'parties_subject',
  'eventIds', 'storyIds', 'requestId',
] as const;
export type FacetName = (typeof FACETS)[number];

/** Who is searching: the engine applies the access rule for this user. */
export interface SearchViewer {
  userId: string;
  role: string;
}

export interface SearchRequest {
  query: string;
  filters?: SearchFilters;
  sort?: SearchSort;
  /** 1-based page of results. */
  page?: number;
  perPage?: number;
  /** Best pages shown per document. */
  pagesPerDocument?: number;
  /** Facets to count for this query (documents per value, with the filters applied). */
  facets?: readonly FacetName[];
  /**
   * Who is searching. Without a viewer the engine answers as for a user with no named access:
   * newsroom documents and embargoes that have passed only.
   */
  viewer?: SearchViewer;
  /** The clock's now, for embargoes (defaults to the current time). */
  now?: Date;
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
  /**
   * How many pages of the document match: those whose text holds every word and phrase of the
   * query when it has such pages, else those holding at least one (words spread over pages). 0 when
   * the words stand only in the title or the parties' names: `pages` then holds the first page.
   */
  matchingPages: number;
  /** Those pages' numbers in page order ("matches on pages 1, 3"), at most the first 50. */
  matchingPageNumbers?: number[];
  /** The best pages: those holding the most of the query's words, then the first. */
  pages: SearchHitPage[];
}

export interface FacetCount {
  value: string;
  /** Documents with this value that match the query and filters. */
  count: number;
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
  /** Per requested facet, values by count (descending), then value; at most 100 per facet. */
  facets: Partial<Record<FacetName, FacetCount[]>>;
}

export interface EngineHealth {
  engine: string;
  ok: boolean;
  detail?: string;
  documents?: number;
}

/** Where a rebuild reads from: the database, document by document. */
export interface RebuildSource {
  /** Documents the rebuild will visit (for progress). */
  total: number;
  /** Every document to index, current state; ids that vanished meanwhile are skipped by the source. */
  documents(): Iterable<IndexedDocument> | AsyncIterable<IndexedDocument>;
}

export interface RebuildProgress {
  done: number;
  total: number;
  pages: number;
}

export interface SearchEngine {
  readonly name: 'embedded' | 'meilisearch';
  /** Creates indexes and settings; safe to call on every start. */
  init(): Promise<void>;
  /** Replaces everything the index holds for this document. */
  upsertDocument(doc: IndexedDocument): Promise<void>;
  removeDocument(id: string): Promise<void>;
  search(req: SearchRequest): Promise<SearchResult>;
  /** Empties the index. */
  clear(): Promise<void>;
  /**
   * Builds a new index beside the live one from `source` and swaps it in at the end: searches keep
   * answering from the old index until the swap, which is the only moment search is unavailable.
   */
  rebuild(source: RebuildSource, onProgress?: (p: RebuildProgress) => void): Promise<RebuildProgress>;
  health(): Promise<EngineHealth>;
  /**
   * One short step of index upkeep, for idle moments; resolves true while more remains. The
   * embedded engine merges the FTS5 segments that one-document writes leave behind: at 100k pages,
   * two-word searches took p95 52 ms over 7 segments and 37 ms over 2.
   */
  compact?(): Promise<boolean>;
}

/** The searchable names of a document's parties, each once. */
export function partyNames(doc: Pick<IndexedDocument, 'parties'>): string {
  const names = new Set<string>();
  for (const p of doc.parties ?? []) for (const n of p.names ?? []) if (typeof n === 'string' && n.trim()) names.add(n.trim());
  return [...names].join('\n');
}
