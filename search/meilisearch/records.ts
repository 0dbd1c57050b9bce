import { foldDanish } from '../text/danish';
import { recordDateNum } from '../dates';
import { partyNames, PARTY_ROLES, type IndexedDocument, type PartyRole } from '../engine';
import { FILTERABLE_ATTRIBUTES } from './filter';

/**
 * How a document becomes Meilisearch records: one per page, carrying the document's metadata so
 * filters, facets and the access rule need nothing else at query time (DESIGN, Search).
 *
 * Searchable text is Kilde's folded text (search/text/danish.ts), reduced to words separated by single
 * spaces: both engines then see the same words in the same positions whatever Meilisearch's own
 * tokenizer would make of punctuation, and queries are folded the same way. Snippets never come
 * from here: they are built from the original text in the database, as on the embedded engine.
 */
export type RoleAttribute = `parties_${PartyRole}`;

export interface PageRecord extends Record<RoleAttribute, string[]> {
  id: string;
  documentId: string;
  pageNumber: number;
  title: string;
  titleFolded: string;
  /** The linked parties' names, folded. */
  partiesFolded: string;
  textFolded: string;
  mediaType: string;
  language: string | null;
  method: 'text' | 'ocr';
  documentDate: string | null;
  dateNum: number;
  partyIds: string[];
  eventIds: string[];
  storyIds: string[];
  /** The document's FOI requests (an array; named in the singular as the facet is). */
  requestId: string[];
  accessLevel: IndexedDocument['accessLevel'];
  /** Milliseconds since the epoch (filters compare numbers), or null. */
  embargoUntil: number | null;
  allowedUserIds: string[];
}

export const MEILI_SETTINGS = {
  searchableAttributes: ['titleFolded', 'partiesFolded', 'textFolded'],
  displayedAttributes: ['id', 'documentId', 'pageNumber', 'title', 'mediaType', 'documentDate'],
  filterableAttributes: [...FILTERABLE_ATTRIBUTES],
  sortableAttributes: ['dateNum'],
  // `sort` first: "sort by date" means by date, relevance only breaking ties (as on the embedded
  // engine); without a sort parameter the rule does nothing. `typo` before the rest: exact matches
  // rank above typo matches. Last, newer documents first, as the embedded engine breaks its ties.
  rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness', 'dateNum:desc'],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 }, disableOnWords: [], disableOnAttributes: [] },
  faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { '*': 'count' } },
  // Totals stay exact up to here (Meilisearch's default of 1,000 would cap them).
  pagination: { maxTotalHits: 100_000 },
  stopWords: [],
  synonyms: {},
} as const;

const NOT_WORD = /[^\p{L}\p{N}]+/u;
const SAFE_ID = /^[A-Za-z0-9_-]{1,400}$/;

/** Folded words joined by single spaces: the text Meilisearch indexes. */
export function foldedWords(text: string): string {
  return foldDanish(text).split(NOT_WORD).filter(Boolean).join(' ');
}

/**
 * Record ids may hold only letters, digits, `-` and `_`. Kilde's ids do; any other id is written
 * in hex. The two forms end differently (`-p<n>` / `_h<n>`), so they can never collide.
 */
export function recordId(documentId: string, pageNumber: number): string {
  if (SAFE_ID.test(documentId)) return `${documentId}-p${pageNumber}`;
  return `${Buffer.from(documentId, 'utf8').toString('hex').slice(0, 400)}_h${pageNumber}`;
}

export function toRecords(doc: IndexedDocument): PageRecord[] {
  const titleFolded = foldedWords(doc.title);
  const byRole = Object.fromEntries(PARTY_ROLES.map((role) => [`parties_${role}`, [] as string[]])) as Record<RoleAttribute, string[]>;
  const partyIds = new Set<string>();
  for (const p of doc.parties ?? []) {
    partyIds.add(p.id);
    const list = byRole[`parties_${p.role}`];
    if (list && !list.includes(p.id)) list.push(p.id);
  }
  const embargo = doc.embargoUntil ? Date.parse(doc.embargoUntil) : NaN;
  const shared = {
    documentId: doc.id,
    title: doc.title,
    titleFolded,
    partiesFolded: foldedWords(partyNames(doc)),
    mediaType: doc.mediaType,
    language: doc.language,
    documentDate: doc.documentDate,
    dateNum: recordDateNum(doc.documentDate, doc.createdAt),
    partyIds: [...partyIds],
    ...byRole,
    eventIds: [...new Set(doc.eventIds ?? [])],
    storyIds: [...new Set(doc.storyIds ?? [])],
    requestId: [...new Set(doc.requestIds ?? [])],
    accessLevel: doc.accessLevel,
    embargoUntil: Number.isFinite(embargo) ? embargo : null,
    allowedUserIds: [...new Set(doc.allowedUserIds)],
  };
  return doc.pages.map((page) => ({
    id: recordId(doc.id, page.number),
    pageNumber: page.number,
    textFolded: foldedWords(page.text),
    method: page.method,
    ...shared,
  }));
}

/**
 * The document-level record, beside the page records (index `<prefix>_docs`): a query must match
 * DOCUMENTS — every word somewhere in the document — and Meilisearch matches a record, so each
 * document has one record holding all its words. Meilisearch indexes only the first 65,535
 * positions of a field, so the record holds the document's DISTINCT words (in order of first
 * occurrence: a 1,000-page document has some tens of thousands) in up to `DOC_WORD_FIELDS` fields
 * of at most `WORDS_PER_FIELD` words; words past that (over 480,000 distinct words) are not
 * indexed at the document level. Phrases need positions and are checked on the page records.
 */
export const DOC_WORD_FIELDS = 8;
export const WORDS_PER_FIELD = 60_000;
const WORD_FIELDS = Array.from({ length: DOC_WORD_FIELDS }, (_, i) => `words_${i}`);

export interface DocRecord extends Omit<PageRecord, 'pageNumber' | 'textFolded' | 'method'> {
  /** The methods of the document's pages (the method filter and facet at the document level). */
  method: Array<'text' | 'ocr'>;
  [field: `words_${number}`]: string;
}

export const MEILI_DOC_SETTINGS = {
  ...MEILI_SETTINGS,
  searchableAttributes: ['titleFolded', 'partiesFolded', ...WORD_FIELDS],
  displayedAttributes: ['id', 'documentId', 'title', 'mediaType', 'documentDate'],
} as const;

export function toDocumentRecord(doc: IndexedDocument): DocRecord | null {
  const pages = toRecords(doc);
  const first = pages[0];
  if (!first) return null;
  const { pageNumber: _n, textFolded: _t, method: _m, ...shared } = first;
  const seen = new Set<string>();
  const words: string[] = [];
  for (const p of pages) {
    for (const w of p.textFolded.split(' ')) {
      if (w && !seen.has(w)) {
        seen.add(w);
        words.push(w);
      }
    }
  }
  const record = { ...shared, id: recordId(doc.id, 0), method: [...new Set(pages.map((p) => p.method))] } as DocRecord;
  for (let i = 0; i < DOC_WORD_FIELDS; i++) record[`words_${i}`] = words.slice(i * WORDS_PER_FIELD, (i + 1) * WORDS_PER_FIELD).join(' ');
  return record;
}
