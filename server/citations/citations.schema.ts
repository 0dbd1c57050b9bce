import { z } from 'zod';
import { firstValue, givenValue } from '../http/validate';

/** Input of the citations routes, validated at the edge (a failure is a 400 naming the field). */
const id = z.string().min(1).max(100);
const pageNo = z.coerce.number().int().min(1).max(999_999);

export const pageParam = z.preprocess(firstValue, z.string().regex(/^[1-9][0-9]{0,5}$/, 'not a page number')).transform(Number);

export const quoteCreate = z.object({
  documentId: id,
  page: pageNo,
  text: z.string().max(5000).optional(),
  start: z.coerce.number().int().min(0).optional(),
  end: z.coerce.number().int().min(1).optional(),
}).refine((q) => (q.text?.trim() ?? '') !== '' || (q.start !== undefined && q.end !== undefined), { message: 'Give the quoted text, or its start and end offsets.' });

export const checkBody = z.object({ draft: z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string()) });

export const citationQuery = z.object({
  page: z.preprocess(givenValue, pageNo.optional()),
  lang: z.preprocess(firstValue, z.enum(['da', 'en']).optional()),
});

const expiry = z.preprocess(
  (v) => givenValue(v) ?? null,
  z.string().max(40).nullable().transform((s, ctx) => {
    if (s === null) return null;
    const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T23:59:59Z` : /Z|[+-]\d{2}:\d{2}$/.test(s) ? s : `${s}Z`);
    if (!Number.isFinite(t)) {
      ctx.addIssue({ code: 'custom', message: 'not a date and time' });
      return z.NEVER;
    }
    return new Date(t).toISOString();
  }),
);

export const shareCreate = z.object({
  documentId: id,
  page: z.preprocess((v) => givenValue(v) ?? null, pageNo.nullable()).optional(),
  expiresAt: expiry.optional(),
  confirm: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.coerce.number().int().min(1)).max(1000)).optional(),
});

/** A story or a selection; anything else is a search, read with the search page's schema (server/citations/http.ts). */
export const bundleQuery = z.object({
  story: z.preprocess(firstValue, id.optional()),
  ids: z.preprocess((v) => (v === undefined ? undefined : (Array.isArray(v) ? v : String(v).split(',')).map((s) => String(s).trim()).filter(Boolean)), z.array(id).max(500).optional()),
});
