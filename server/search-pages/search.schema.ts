import { z } from 'zod';
import { firstValue, givenValue } from '../http/validate';
import { isDate } from '../../search/dates';
import { PARTY_ROLES, type SearchFilters, type SearchRequest } from '../../search/engine';

/**
 * The search URL captures the whole search (bookmarkable, shareable): q, page, sort and every
 * filter, each list as a repeated parameter (`type=a&type=b`). Bad values are refused with a message;
 * a malformed *query text* never is (it is searched as words). Ids are opaque text to the engines,
 * which escape or bind them, so hostile values simply match nothing.
 *
 * The document-language filter is `language`, because `lang` switches the interface language.
 */
const MAX_VALUES = 20;
/**
 * A repeated parameter as a list. Past 20 values the query parser gives an object keyed 0, 1, …
 * instead of an array: read as the list it is, so the count is what is refused.
 */
const toList = (v: unknown) => {
  if (v === undefined || v === '') return undefined;
  const list = Array.isArray(v) ? v : typeof v === 'object' && v !== null && Object.keys(v).every((k) => /^\d+$/.test(k)) ? Object.values(v) : [v];
  return list.filter((x) => x !== '');
};
const list = z.preprocess(toList, z.array(z.string().max(200, 'a filter value is longer than 200 characters')).max(MAX_VALUES, `at most ${MAX_VALUES} values per filter`).optional());
const DATE_FORMS = 'dates look like 2018-09-28, 2018-09 or 2018';
/** A day, month or year that exists (2018-13-45 is refused here, not by the engine mid-search). */
const isoDay = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, DATE_FORMS).refine((v) => isDate(v), DATE_FORMS);

const MAX_QUERY_CHARS = 1000;

export const searchQuery = z.object({
  q: z.preprocess((v) => givenValue(v) ?? '', z.string().max(MAX_QUERY_CHARS, 'the query is longer than 1,000 characters')),
  page: z.preprocess(givenValue, z.coerce.number({ error: 'page must be a whole number' }).int('page must be a whole number').min(1, 'page starts at 1').max(1000).default(1)),
  perPage: z.preprocess(givenValue, z.coerce.number().int().min(1).max(100).default(20)),
  sort: z.preprocess(givenValue, z.enum(['relevance', 'date_desc', 'date_asc']).default('relevance')),
  type: list,
  language: list,
  method: z.preprocess(toList, z.array(z.enum(['text', 'ocr'])).max(2).optional()),
  from: z.preprocess(givenValue, isoDay.optional()),
  to: z.preprocess(givenValue, isoDay.optional()),
  /** `include`: the date range keeps documents without a date (else it judges them by their upload day). */
  undated: z.preprocess(givenValue, z.enum(['include'], { message: 'undated is "include" or left out' }).optional()),
  party: list,
  sender: list,
  recipient: list,
  cc: list,
  mentioned: list,
  subject: list,
  event: list,
  story: list,
  request: list,
});

export type SearchQuery = z.infer<typeof searchQuery>;

/**
 * The search page's reading of its address: a field that cannot be read (a date that does not
 * exist, a query over the limit) is left out — an overlong query is cut — and named in `problems`,
 * so the page answers with the rest of the search and the field's message instead of an error
 * page that loses what was typed. `typed` keeps the refused values for the form. Throws only when
 * even the rest cannot be read.
 */
export function readSearchPage(query: Record<string, unknown>): { q: SearchQuery; problems: Array<{ field: string; message: string }>; typed: Record<string, string> } {
  const asked = searchQuery.safeParse(query);
  if (asked.success) return { q: asked.data, problems: [], typed: {} };
  const problems = asked.error.issues.map((i) => ({ field: String(i.path[0] ?? ''), message: i.message }));
  const bad = new Set(problems.map((p) => p.field));
  const typed: Record<string, string> = {};
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(query)) {
    if (!bad.has(k)) rest[k] = v;
    else if (typeof firstValue(v) === 'string') typed[k] = (firstValue(v) as string).slice(0, MAX_QUERY_CHARS);
  }
  if (bad.has('q') && typed.q !== undefined) rest.q = typed.q;
  return { q: searchQuery.parse(rest), problems, typed };
}

/** Parameters that hold lists, in the order URLs write them. */
export const LIST_PARAMS = ['type', 'language', 'method', 'party', ...PARTY_ROLES, 'event', 'story', 'request'] as const;
export type ListParam = (typeof LIST_PARAMS)[number];

export function toFilters(q: SearchQuery): SearchFilters {
  const partyRoles = PARTY_ROLES.flatMap((role) => (q[role] ?? []).map((partyId) => ({ role, partyId })));
  return {
    mediaType: q.type,
    language: q.language,
    method: q.method,
    dateFrom: q.from,
    dateTo: q.to,
    undated: q.from || q.to ? q.undated : undefined,
    partyIds: q.party,
    partyRoles: partyRoles.length > 0 ? partyRoles : undefined,
    eventIds: q.event,
    storyIds: q.story,
    requestIds: q.request,
  };
}

export function toSearchRequest(q: SearchQuery): SearchRequest {
  return { query: q.q, page: q.page, perPage: q.perPage, sort: q.sort, filters: toFilters(q) };
}
