import { z } from 'zod';
import { firstValue, optionalChoice, optionalString } from '../http/validate';

/** Inputs of the document routes. */

const ACCESS_LEVELS = ['newsroom', 'restricted', 'embargoed'] as const;

/**
 * An embargo end as people and scripts write it — `2026-12-01`, `2026-12-01T06:00` (a form's
 * datetime-local, read as UTC like the page shows it), `2026-12-01T06:00:00Z`, `…+02:00` — turned
 * into the one stored form, `Date#toISOString()`. Years outside 1970–9999 and days a month does
 * not have are refused: a year past 9999 would be stored as "+010000-…" and compare as text before
 * today, opening the embargo at once.
 */
const EMBARGO_FORM = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export function embargoInstant(message = 'embargoUntil must be a date and time, e.g. 2026-12-01T06:00:00Z (years 1970–9999)') {
  return z
    .string()
    .max(40, message)
    .transform((value, ctx) => {
      const m = EMBARGO_FORM.exec(value.trim());
      const [, y, mo, d, h, mi] = m ?? [];
      const hasTime = h !== undefined;
      const text = m ? `${y}-${mo}-${d}T${hasTime ? `${h}:${mi}${m[6] ? `:${m[6]}` : ''}` : '00:00'}${m[7] ?? 'Z'}` : '';
      const ms = m ? Date.parse(text) : NaN;
      const year = Number(y);
      // The calendar day must exist as written (Date.parse rolls 31 February into March).
      const day = m ? new Date(Date.UTC(year, Number(mo) - 1, Number(d))) : null;
      const dayExists = day !== null && day.getUTCFullYear() === year && day.getUTCMonth() === Number(mo) - 1 && day.getUTCDate() === Number(d);
      if (!m || !Number.isFinite(ms) || year < 1970 || !dayExists || Number(h ?? 0) > 23 || Number(mi ?? 0) > 59) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message });
        return z.NEVER;
      }
      const iso = new Date(ms).toISOString();
      if (!/^\d{4}-/.test(iso)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message });
        return z.NEVER;
      }
      return iso;
    });
}

/**
 * `users` as a form or multipart field: user names or ids separated by commas (or spaces); a
 * repeated field or a JSON array is read as the same list.
 */
const userList = z
  .preprocess(
    (v) => (Array.isArray(v) && v.length <= 200 && v.every((x) => typeof x === 'string') ? v.join(',') : v),
    z.string().max(5000, 'users is longer than 5,000 characters'),
  )
  .transform((v: string) => [...new Set(v.split(/[,\s]+/).map((u) => u.trim()).filter(Boolean))])
  .pipe(z.array(z.string().max(64, 'a user name or id is longer than 64 characters')).max(200, 'at most 200 users'));

/**
 * Access chosen at upload (API multipart fields, the upload page, a request log entry): set before
 * the document is stored, extracted or indexed. Absent means newsroom, as before.
 */
export const uploadAccessFields = z.object({
  access: optionalString.pipe(z.enum(ACCESS_LEVELS, { message: 'access must be newsroom, restricted or embargoed' }).optional()),
  users: userList.optional(),
  embargoUntil: optionalString
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : v))
    .pipe(embargoInstant().optional()),
});
export type UploadAccessFields = z.infer<typeof uploadAccessFields>;

export const uploadFields = z
  .object({
    title: optionalString.pipe(z.string().max(500, 'title is longer than 500 characters').optional()),
    date: optionalString,
    notes: optionalString.pipe(z.string().max(20_000, 'notes are longer than 20,000 characters').optional()),
  })
  .merge(uploadAccessFields);

export const documentId = z.string().regex(/^doc_[A-Za-z0-9_-]{10,40}$/, 'not a document id');

export const extractBody = z.object({
  password: z.string().max(1000).optional(),
});

export const listQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  perPage: z.coerce.number().int().min(1).max(200).default(50),
});

export const accessBody = z.object({
  level: z.enum(ACCESS_LEVELS),
  embargoUntil: z.string().datetime({ offset: true, message: 'embargoUntil must be an ISO date-time, e.g. 2026-12-01T06:00:00Z' })
    .pipe(embargoInstant('embargoUntil must be an ISO date-time, e.g. 2026-12-01T06:00:00Z, in the years 1970–9999'))
    .optional(),
  users: z.array(z.string().max(64)).max(200).default([]),
});

/** The HTML form: a datetime-local value and user names or ids as a comma-separated list. */
export const accessForm = z.object({
  level: z.enum(ACCESS_LEVELS),
  embargoUntil: optionalString
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : v))
    .pipe(embargoInstant().optional()),
  users: userList.optional(),
});

/** Comma-separated tags (a form field) or a JSON array. */
const tagList = z
  .preprocess(
    (v) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? v.join(',') : v),
    z.string().max(5000, 'tags are longer than 5,000 characters'),
  )
  .transform((v: string) => v.split(',').map((tag) => tag.trim().replace(/\s+/g, ' ')).filter(Boolean))
  .pipe(z.array(z.string().max(60, 'a tag is longer than 60 characters')).max(50, 'at most 50 tags'));

/** A language as an ISO 639-1 code ("da", "en"); empty means unknown. */
const languageCode = optionalString
  .transform((v) => (v === undefined ? undefined : v.trim().toLowerCase() === '' ? null : v.trim().toLowerCase()))
  .pipe(z.string().regex(/^[a-z]{2,3}$/, 'language must be a language code such as da or en').nullable().optional());

/**
 * The metadata editor (form or JSON): every field optional, an absent one is left as it is. An
 * empty date clears it; the date's precision follows how it is written (2018-09-28, 2018-09, 2018).
 */
export const metadataForm = z.object({
  title: optionalString.pipe(z.string().trim().min(1, 'title must not be empty').max(500, 'title is longer than 500 characters').optional()),
  date: optionalString,
  notes: optionalString.pipe(z.string().max(20_000, 'notes are longer than 20,000 characters').optional()),
  language: languageCode,
  tags: tagList.optional(),
});

export const BULK_ACTIONS = ['tag', 'story', 'request', 'access', 'delete'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** The documents list's bulk form: the ticked documents, one action and what it needs. */
/** A path on this site to go back to after a form; anything else (another site, `//host`) is dropped. */
const localReturn = z.preprocess(
  (v) => (typeof v === 'string' && /^\/(?![/\\])/.test(v) && v.length <= 2000 ? v : undefined),
  z.string().optional(),
);

export const bulkForm = z.object({
  returnTo: localReturn,
  ids: z
    .preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(z.string()).min(1, 'Tick at least one document.').max(200, 'at most 200 documents at once'))
    .pipe(z.array(documentId)),
  action: z.preprocess(firstValue, z.enum(BULK_ACTIONS, { message: 'Choose what to do with the ticked documents.' })),
  tags: tagList.optional(),
  storyId: optionalString,
  requestId: optionalString,
  role: optionalChoice.pipe(z.enum(['request', 'response', 'correspondence']).optional()),
  level: optionalChoice.pipe(z.enum(ACCESS_LEVELS).optional()),
  embargoUntil: optionalString
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : v))
    .pipe(embargoInstant().optional()),
  users: userList.optional(),
  confirm: optionalString,
});

export const documentListQuery = listQuery.extend({
  status: optionalString.pipe(z.enum(['queued', 'extracting', 'ready', 'failed', 'needs_password']).optional()).catch(undefined),
  type: optionalString.pipe(z.string().max(200).optional()).catch(undefined),
  access: optionalString.pipe(z.enum(ACCESS_LEVELS).optional()).catch(undefined),
  tag: optionalString.pipe(z.string().max(60).optional()).catch(undefined),
  q: optionalString.pipe(z.string().max(200).optional()).catch(undefined),
  mine: optionalString.catch(undefined),
  sort: optionalString.pipe(z.enum(['added_desc', 'added_asc', 'date_desc', 'date_asc', 'title']).optional()).catch(undefined),
});
