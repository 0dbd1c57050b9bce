import { z } from 'zod';
import { email, postalAddress } from '../../story';
import { CHANNELS, CLOCK_STOP_KINDS, DOCUMENT_ROLES, EXEMPTION_DECISIONS, LOG_KINDS, REQUEST_STATUSES } from './requests.types';

/**
 * Inputs of the request routes, for JSON bodies and HTML forms alike. Forms send "" for an empty
 * field, JSON may send null: both mean "not given". Days are checked by the service (`checkDay`),
 * which names the field and the expected form in its message.
 */
const first = (v: unknown) => (Array.isArray(v) && v.length === 1 ? v[0] : v);
const blankToUndefined = (v: unknown) => {
  const x = first(v);
  return x === '' || x === null ? undefined : x;
};

const text = (field: string, max: number) =>
  z.string({ error: `${field} must be text` }).max(max, `${field} is longer than ${max.toLocaleString('en')} characters`);

/** Optional text where "" is a value (clears the field) and null means the same. */
const optText = (field: string, max: number) =>
  z.preprocess((v) => (first(v) === null ? '' : first(v)), text(field, max).optional());

/** Optional value where "" and null mean "none": the result is `null` (clear) or the value. */
const clearable = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (first(v) === '' ? null : first(v)), schema.nullable().optional());

const day = (field: string) => clearable(z.string({ error: `${field} must be a date written as YYYY-MM-DD` }).max(40, `${field} must be a date written as YYYY-MM-DD`));
const id = (field: string) => z.string({ error: `${field} must be an id` }).trim().min(1, `${field} is missing`).max(100, `${field} is not a known id`);

const fields = {
  authorityId: z.preprocess(first, id('authorityId')),
  subject: z.preprocess(first, text('subject', 500).trim().min(1, 'subject: say what the request is about')),
  body: optText('body', 50_000),
  jurisdiction: z.preprocess(blankToUndefined, z.string({ error: 'jurisdiction must be a code such as DK' }).trim().max(10, 'jurisdiction must be a code such as DK').optional()),
  law: z.preprocess(blankToUndefined, text('law', 200).trim().optional()),
  channel: clearable(z.enum(CHANNELS, { error: `channel must be one of ${CHANNELS.join(', ')}` })),
  sentDate: day('sentDate'),
  receivedDate: day('receivedDate'),
  /** the authority's seat, where the rules let it choose the holidays (a German Land: "NW"). */
  region: clearable(z.string({ error: 'region must be a code such as NW' }).trim().max(3, 'region must be a code such as NW')),
  /** US: the day the proper component received a routed request. */
  routedDate: day('routedDate'),
  expedited: z.preprocess(blankToUndefined, z.union([z.boolean(), z.enum(['1', '0', 'true', 'false', 'on'])], { error: 'expedited: use true or false' })
    .transform((v) => v === true || v === '1' || v === 'true' || v === 'on').optional()),
  ourReference: optText('ourReference', 200),
  authorityReference: optText('authorityReference', 200),
  storyId: clearable(id('storyId')),
  notes: optText('notes', 20_000),
};

export const createRequestBody = z.object({
  ...fields,
  status: z.preprocess(blankToUndefined, z.enum(['draft', 'sent'], { error: 'a new request is either draft or sent' }).optional()),
});
export type CreateRequestInput = z.infer<typeof createRequestBody>;

export const updateRequestBody = z.object({
  ...fields,
  authorityId: z.preprocess(blankToUndefined, id('authorityId').optional()),
  subject: z.preprocess(blankToUndefined, text('subject', 500).trim().min(1, 'subject: say what the request is about').optional()),
});
export type UpdateRequestInput = z.infer<typeof updateRequestBody>;

export const statusBody = z.object({
  status: z.preprocess(first, z.enum(REQUEST_STATUSES, { error: `status must be one of ${REQUEST_STATUSES.join(', ')}` })),
  date: day('date'),
  note: optText('note', 2000),
  receivedDate: day('receivedDate'),
  /** for a decision or an appeal decision: the day we received the letter (`date` is the letter's date). */
  receivedOn: day('receivedOn'),
  /** for a notice of extension or delay: the date the authority promised a decision by. */
  promisedDate: day('promisedDate'),
});
export type StatusInput = z.infer<typeof statusBody>;

export const logBody = z.object({
  kind: z.preprocess(first, z.enum(LOG_KINDS, { error: `kind must be one of ${LOG_KINDS.join(', ')}` })),
  date: day('date'),
  summary: optText('summary', 500),
  body: optText('body', 20_000),
  /** Role of uploaded documents; by default "response" for received letters. */
  role: z.preprocess(blankToUndefined, z.enum(DOCUMENT_ROLES, { error: `role must be one of ${DOCUMENT_ROLES.join(', ')}` }).optional()),
  /** Overrides what uploaded documents inherit: a story / party id, or "none". */
  storyId: z.preprocess(blankToUndefined, id('storyId').optional()),
  senderId: z.preprocess(blankToUndefined, id('senderId').optional()),
});
export type LogInput = z.infer<typeof logBody>;

export const linkDocumentBody = z.object({
  documentId: z.preprocess(first, id('documentId')),
  role: z.preprocess(blankToUndefined, z.enum(DOCUMENT_ROLES, { error: `role must be one of ${DOCUMENT_ROLES.join(', ')}` }).default('response')),
});

const flag = z.preprocess(blankToUndefined, z.enum(['1', '0', 'true', 'false', 'on'], { error: 'use 1 or 0' }).optional())
  .transform((v) => v === '1' || v === 'true' || v === 'on');

export const listQuery = z.object({
  status: z.preprocess(
    (v) => (v === undefined || v === '' ? undefined : Array.isArray(v) ? v : String(v).split(',')),
    z.array(z.enum(REQUEST_STATUSES, { error: `status must be one of ${REQUEST_STATUSES.join(', ')}` })).max(20).optional(),
  ),
  story: z.preprocess(blankToUndefined, id('story').optional()),
  authority: z.preprocess(blankToUndefined, id('authority').optional()),
  mine: flag,
  groupBy: z.preprocess(blankToUndefined, z.enum(['none', 'story', 'authority'], { error: 'groupBy must be none, story or authority' }).default('none')),
  page: z.preprocess(blankToUndefined, z.coerce.number({ error: 'page must be a number' }).int().min(1).max(100_000).default(1)),
  perPage: z.preprocess(blankToUndefined, z.coerce.number({ error: 'perPage must be a number' }).int().min(1).max(500).default(100)),
});

export const calculatorQuery = z.object({
  jurisdiction: z.preprocess(blankToUndefined, z.string({ error: 'jurisdiction must be a code such as DK' }).max(10, 'jurisdiction must be a code such as DK').optional()),
  sent: z.preprocess(blankToUndefined, z.string({ error: 'sent must be a date written as YYYY-MM-DD' }).max(40).optional()),
  received: z.preprocess(blankToUndefined, z.string({ error: 'received must be a date written as YYYY-MM-DD' }).max(40).optional()),
  decided: z.preprocess(blankToUndefined, z.string({ error: 'decided must be a date written as YYYY-MM-DD' }).max(40).optional()),
  extended: flag,
  extendedOn: z.preprocess(blankToUndefined, z.string({ error: 'extendedOn must be a date written as YYYY-MM-DD' }).max(40).optional()),
  promised: z.preprocess(blankToUndefined, z.string({ error: 'promised must be a date written as YYYY-MM-DD' }).max(40).optional()),
  decisionReceived: z.preprocess(blankToUndefined, z.string({ error: 'decisionReceived must be a date written as YYYY-MM-DD' }).max(40).optional()),
  appealed: z.preprocess(blankToUndefined, z.string({ error: 'appealed must be a date written as YYYY-MM-DD' }).max(40).optional()),
  appealDecided: z.preprocess(blankToUndefined, z.string({ error: 'appealDecided must be a date written as YYYY-MM-DD' }).max(40).optional()),
  region: z.preprocess(blankToUndefined, z.string({ error: 'region must be a code such as NW' }).max(3, 'region must be a code such as NW').optional()),
  routed: z.preprocess(blankToUndefined, z.string({ error: 'routed must be a date written as YYYY-MM-DD' }).max(40).optional()),
  expedited: flag,
});

export const clockStopBody = z.object({
  kind: z.preprocess(first, z.enum(CLOCK_STOP_KINDS, { error: `kind must be one of ${CLOCK_STOP_KINDS.join(', ')}` })),
  from: z.preprocess(first, z.string({ error: 'from must be a date written as YYYY-MM-DD' }).max(40)),
  to: day('to'),
  note: optText('note', 2000),
});
export type ClockStopInput = z.infer<typeof clockStopBody>;

export const clockStopUpdateBody = z.object({ to: day('to'), note: optText('note', 2000) });

const bases = z.preprocess(
  (v) => (v === undefined || v === '' || v === null ? [] : Array.isArray(v) ? v : String(v).split(',').map((x) => x.trim()).filter(Boolean)),
  z.array(z.string().max(40, 'a legal basis is a key such as ofl_23')).max(20, 'at most 20 legal bases'),
);

export const exemptionBody = z.object({
  number: optText('number', 40),
  title: z.preprocess(first, text('title', 500).trim().min(1, 'title: name the document')),
  documentDate: day('documentDate'),
  decision: z.preprocess(first, z.enum(EXEMPTION_DECISIONS, { error: `decision must be one of ${EXEMPTION_DECISIONS.join(', ')}` })),
  bases,
  note: optText('note', 2000),
  documentId: clearable(id('documentId')),
});
export type ExemptionInput = z.infer<typeof exemptionBody>;

export const exemptionUpdateBody = exemptionBody.partial().extend({
  state: z.preprocess(blankToUndefined, z.enum(['accepted', 'dismissed'], { error: 'state must be accepted or dismissed' }).optional()),
  bases: bases.optional(),
});
export type ExemptionUpdate = z.infer<typeof exemptionUpdateBody>;

/** An entry of the directory; "" or null clears an address, a missing field keeps it (the same rules as a party's). */
export const directoryUpdateBody = z.object({
  name: z.preprocess(blankToUndefined, text('name', 300).trim().min(1).optional()),
  appealBodyKey: clearable(z.string({ error: 'appealBodyKey must be a directory key' }).max(100)),
  email,
  postalAddress,
});

export const letterQuery = z.object({
  lang: z.preprocess(blankToUndefined, z.enum(['da', 'en'], { error: 'lang must be da or en' }).optional()),
});

/**
 * The letter page's choice of the letter's language, `?letter=`: `?lang=` is the interface's
 * language on every page (and sticks as a cookie), so an English letter would turn a Danish
 * reader's whole interface English.
 */
export const letterPageQuery = z.object({
  letter: z.preprocess(blankToUndefined, z.enum(['da', 'en'], { error: 'letter must be da or en' }).optional()),
});

export const LETTER_KINDS = ['request', 'reminder', 'appeal'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];
export const letterKind = z.enum(LETTER_KINDS, { error: `the letter is one of ${LETTER_KINDS.join(', ')}` });

export const templateBody = z.object({
  body: z.preprocess(first, text('body', 20_000).trim().min(1, 'body: the template is empty')),
});

/** Ids in paths: anything else is a 404, not a 400 (an unknown id and a malformed one look alike). */
export const requestId = z.string().regex(/^req_[A-Za-z0-9_-]{10,40}$/);
