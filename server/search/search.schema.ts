import { z } from 'zod';
import type { SearchRequest } from '../../search/engine';

/**
 * The search URL captures the whole search (bookmarkable, shareable): q, page, sort and filters.
 * Bad values are refused with a message; a malformed *query text* never is (it is searched as words).
 */
const list = z.preprocess((v) => (v === undefined || v === '' ? undefined : Array.isArray(v) ? v : [v]), z.array(z.string().max(200)).max(20).optional());
const first = (v: unknown) => (Array.isArray(v) ? v[0] : v === '' ? undefined : v);
const isoDay = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'dates look like 2018-09-28, 2018-09 or 2018');

export const searchQuery = z.object({
  q: z.preprocess((v) => first(v) ?? '', z.string().max(1000, 'the query is longer than 1,000 characters')),
  page: z.preprocess(first, z.coerce.number().int('page must be a whole number').min(1, 'page starts at 1').max(1000).default(1)),
  perPage: z.preprocess(first, z.coerce.number().int().min(1).max(100).default(20)),
  sort: z.preprocess(first, z.enum(['relevance', 'date_desc', 'date_asc']).default('relevance')),
  type: list,
  lang: list,
  method: z.preprocess((v) => (v === undefined || v === '' ? undefined : Array.isArray(v) ? v : [v]), z.array(z.enum(['text', 'ocr'])).optional()),
  from: z.preprocess(first, isoDay.optional()),
  to: z.preprocess(first, isoDay.optional()),
});

export type SearchQuery = z.infer<typeof searchQuery>;

export function toSearchRequest(q: SearchQuery): SearchRequest {
  return {
    query: q.q,
    page: q.page,
    perPage: q.perPage,
    sort: q.sort,
    filters: { mediaType: q.type, language: q.lang, method: q.method, dateFrom: q.from, dateTo: q.to },
  };
}
