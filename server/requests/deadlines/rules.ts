/**
 * The deadline rules live in `rules/<code>.json`, one file per jurisdiction, so that lawyers and
 * editors can check them against the sources cited inside. They are imported statically (tsc then
 * copies them to dist/) and validated with zod on first use; a bad file fails loudly at start-up.
 */
import { z } from 'zod';
import { AppError } from '../../errors';
import { parseIsoDate, weekdayIndex } from './calendar';
import dk from './rules/dk.json';
import dkMol from './rules/dk-mol.json';
import dkFvl from './rules/dk-fvl.json';
import ukEir from './rules/uk-eir.json';
import uk from './rules/uk.json';
import ukSct from './rules/uk-sct.json';
import us from './rules/us.json';
import de from './rules/de.json';
import se from './rules/se.json';
import no from './rules/no.json';
import eu from './rules/eu.json';

export const DEFAULT_JURISDICTION = 'DK';

const text = z.string().trim().min(1);
// Every file may explain itself; `$comment` and `notes` are kept for readers and ignored by code.
const commented = { $comment: text.optional(), notes: text.optional() };
const sourced = { citation: text, source: text, ...commented };

const periodSchema = z.strictObject({
  amount: z.number().int().nonnegative(),
  unit: z.enum(['working_days', 'calendar_days', 'weeks', 'months', 'years']),
});

/**
 * The dated events of a request a period can count from:
 * - receipt: day 0 of the request clock (after a move off a closed day, a routing cap or a
 *   clarification restart, as the rules file says);
 * - decision_dated / decision_received: the date on the authority's decision letter / the day we got it;
 * - appeal_lodged: the day our appeal (complaint, review request) reached the authority;
 * - appeal_decided_dated / appeal_decided_received: the appeal answer's date / the day we got it;
 * - promised: the date the authority promised in its notice of delay (a period of 0 days).
 */
export const EVENTS = [
  'receipt', 'decision_dated', 'decision_received', 'appeal_lodged', 'appeal_decided_dated', 'appeal_decided_received', 'promised',
] as const;
export type DeadlineEvent = (typeof EVENTS)[number];

const ruleKey = z.string().regex(/^[a-z][a-z0-9_]*$/);

/**
 * Where a period starts. One event, or another rule's date (`rule`), or both with `combine`:
 * - `later`: the later of the two (FOISA s.20(5): the end of the answer period, or a late answer);
 * - `event_else_rule`: the event when it happened, otherwise the rule's date (FOISA s.47(4)).
 */
const fromSchema = z.strictObject({
  event: z.enum(EVENTS).optional(),
  rule: ruleKey.optional(),
  combine: z.enum(['later', 'event_else_rule']).optional(),
}).refine((f) => f.event || f.rule, 'from needs an event or a rule')
  .refine((f) => !(f.event && f.rule) || f.combine, 'from with both an event and a rule needs combine');

/**
 * What meets a deadline: `decision` (the authority decides), `answer` (a decision, or a lawful
 * notice of extension or delay given in time), `appeal` (we appeal after the event it counts
 * from), `appeal_decision` (the appeal body answers).
 */
const awaitsSchema = z.enum(['decision', 'answer', 'appeal', 'appeal_decision']);

/** One computable deadline. `binding: guidance` marks soft targets ("should", guidance, practice). */
const ruleSchema = z.strictObject({
  key: ruleKey,
  name: text,
  nameDa: text.optional(),
  period: periodSchema,
  binding: z.enum(['statutory', 'guidance']),
  from: fromSchema.default({ event: 'receipt' }),
  awaits: awaitsSchema.optional(),
  /** For calendar periods: a deadline ending on a closed day moves to the next working day. */
  rollForward: z.boolean().default(false),
  /** Stated in the rule sentence, e.g. "if the decision is final". */
  condition: text.optional(),
  /** Shown only when the request asks for it (US expedited processing). */
  onlyIf: z.enum(['expedited']).optional(),
  /** Secondary or unconfirmed research; the interface says so. */
  confidence: z.enum(['confirmed', 'secondary', 'unconfirmed']).default('confirmed'),
  /**
   * A letter sent by post counts as notified some days after posting unless it arrived later
   * (VwVfG § 41 Abs. 2). The rule still counts from the day the letter arrived — never later than
   * the law's day, so on the safe side — and the report gives the law's date beside it.
   */
  deemedNotice: z.strictObject({
    /** days after posting; the entry with the latest `from` on or before the posting day applies. */
    days: z.array(z.strictObject({ from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), amount: z.number().int().positive() })).min(1),
    /** the letter it applies to, as it reads in a sentence: "a decision sent by post". */
    applies: text,
    ...sourced,
  }).optional(),
  ...sourced,
});

const describedSchema = z.strictObject({ text, ...sourced });
/** `required: null` means the research found no rule either way. */
const lateNoticeSchema = z.strictObject({ required: z.boolean().nullable(), text, ...sourced });

/** A legal basis for refusing documents, for exemption records (e.g. offentlighedsloven § 23). */
const exemptionSchema = z.strictObject({
  key: z.string().regex(/^[a-z0-9_]+$/),
  /** how it is cited in answers: "§ 23, stk. 1, nr. 1". */
  ref: text,
  name: text,
  nameDa: text.optional(),
  /** other spellings found in answers, matched after normalising spaces ("§23 stk 1 nr 1"). */
  aliases: z.array(text).default([]),
  source: text,
});

const correctionSchema = z.strictObject({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  action: z.enum(['add', 'remove']),
  name: text,
  source: text,
  notes: text.optional(),
});

const regionCode = z.string().regex(/^[A-Z0-9]{1,3}$/);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * One year's closed weekdays as published. `primary`: the decision or the institution's own page
 * was read; `secondary`: someone else's copy, reported but not counted with. `readThrough`: the
 * copy could be read only up to this day; later days follow the pattern.
 */
const publishedListSchema = z.strictObject({
  source: text,
  confidence: z.enum(['primary', 'secondary']),
  closed: z.record(isoDate, text),
  readThrough: isoDate.optional(),
  notes: text.optional(),
});

const rulesSchema = z.strictObject({
  $comment: text.optional(),
  code: z.string().regex(/^[A-Z]{2}(-[A-Z]{2,3})?$/),
  name: text,
  nameDa: text.optional(),
  language: z.string().regex(/^[a-z]{2}$/),
  law: z.strictObject({ name: text, nameEn: text, citation: text, source: text, ...commented }),
  calendar: z.strictObject({
    country: z.string().regex(/^[A-Z]{2}$/).optional(),
    regions: z.array(z.string().regex(/^[A-Z0-9]{1,3}$/)).optional(),
    /** subdivisions a request may name (the authority's seat; for the EU, the institution); its holidays then apply. */
    regionChoice: z.record(regionCode, text).optional(),
    regionNote: text.optional(),
    types: z.array(z.enum(['public', 'bank', 'optional', 'school', 'observance'])).min(1),
    extraClosed: z.array(z.strictObject({ rule: text, name: text, source: text, notes: text.optional() })),
    corrections: z.array(correctionSchema).default([]),
    /**
     * Where the closed days are fixed year by year in published lists (the EU institutions'
     * decisions), per subdivision of `regionChoice` (there: the institution) and year. Primary lists
     * replace the usual pattern for their year; secondary ones are only reported. A deadline in a
     * year without a primary list is counted with the pattern, and the report says so.
     */
    published: z.strictObject({
      /** the subdivision whose lists apply when a request names none. */
      default: regionCode,
      lists: z.record(regionCode, z.record(z.string().regex(/^\d{4}$/), publishedListSchema)),
      /** a subdivision without lists of its own counts with another's primary lists. */
      uses: z.record(regionCode, regionCode).default({}),
      /** what was not found for a subdivision, said in every report for it. */
      missing: z.record(regionCode, text).default({}),
      unpublished: text,
    }).optional(),
    source: text,
    ...commented,
  }),
  clock: z.strictObject({
    /** the event day 0 stands for, as it reads in a sentence: "receipt", "registration". */
    countsFrom: text,
    text,
    /** `next_working_day`: a request arriving on a closed day counts as received on the next working day. */
    nonWorkingReceipt: z.enum(['same_day', 'next_working_day']),
    /** The reading not taken, shown to the user when it would give another date. */
    otherReading: text.optional(),
    /** Clock stops the law knows: clarification restarts the clock, a fee notice pauses it. */
    stops: z.strictObject({
      clarification: z.strictObject({ effect: z.literal('restart'), text, ...sourced }).optional(),
      fee: z.strictObject({ effect: z.literal('pause'), text, ...sourced }).optional(),
    }).default({}),
    /** US: the clock starts at the latest this long after receipt by any designated component. */
    routingCap: z.strictObject({ period: periodSchema, text, ...sourced }).optional(),
    ...sourced,
  }),
  promptly: describedSchema.nullable(),
  response: z.array(ruleSchema),
  lateNotice: lateNoticeSchema.nullable(),
  extension: z.strictObject({
    /**
     * `none`: the law has no extension; a notice of delay changes no deadline.
     * `by_notice`: the authority may take longer by telling the requester, within `noticeBefore`.
     */
    kind: z.enum(['none', 'by_notice']),
    /** the rule whose date the notice must come before; null when the law sets no time. */
    noticeBefore: ruleKey.nullable(),
    /** the notice must give reasons. */
    reasonsRequired: z.boolean(),
    /** the time added, as the law states it; null when there is no formal extension. */
    extra: periodSchema.nullable(),
    condition: text.nullable(),
    /** how and when the requester must be told; null when the law says nothing. */
    notice: text.nullable(),
    text,
    /** deadlines once a lawful extension or notice was given; periods count from `from`. */
    deadlines: z.array(ruleSchema),
    ...sourced,
  }).refine((e) => e.kind === 'by_notice' || e.deadlines.length === 0, 'an extension of kind none has no deadlines'),
  escalations: z.array(ruleSchema),
  appeals: z.array(
    z.strictObject({
      stage: z.number().int().positive(),
      body: text,
      bodyDa: text.optional(),
      text,
      deadlines: z.array(ruleSchema),
      ...sourced,
    }),
  ),
  exemptions: z.array(exemptionSchema).default([]),
});

export type Period = z.infer<typeof periodSchema>;
export type DeadlineRule = z.infer<typeof ruleSchema>;
export type JurisdictionRules = z.infer<typeof rulesSchema>;
export type ExemptionBasis = z.infer<typeof exemptionSchema>;
export type PublishedList = z.infer<typeof publishedListSchema>;

export interface JurisdictionSummary {
  code: string;
  name: string;
  nameDa: string;
  /** subdivisions whose holidays apply when the request names the authority's seat. */
  regions: Record<string, string> | null;
  law: string;
  citation: string;
  language: string;
  isDefault: boolean;
}

const RAW: Record<string, unknown> = { dk, 'dk-mol': dkMol, 'dk-fvl': dkFvl, uk, 'uk-eir': ukEir, 'uk-sct': ukSct, us, de, se, no, eu };

let loaded: ReadonlyMap<string, JurisdictionRules> | undefined;

function parseFile(file: string, raw: unknown): JurisdictionRules {
  const result = rulesSchema.safeParse(raw);
  if (!result.success) {
    throw new Error(`deadline rules ${file}.json are invalid: ${z.prettifyError(result.error)}`);
  }
  const rules = result.data;
  if (rules.code.toLowerCase() !== file) throw new Error(`deadline rules ${file}.json declare code ${rules.code}`);
  const keys = [
    ...rules.response, ...rules.extension.deadlines, ...rules.escalations, ...rules.appeals.flatMap((a) => a.deadlines),
  ].map((r) => r.key);
  const twice = keys.find((k, i) => keys.indexOf(k) !== i);
  if (twice) throw new Error(`deadline rules ${file}.json use the key "${twice}" twice`);
  const all = [...rules.response, ...rules.extension.deadlines, ...rules.escalations, ...rules.appeals.flatMap((a) => a.deadlines)];
  for (const r of all) {
    if (r.from.rule && !keys.includes(r.from.rule)) throw new Error(`deadline rules ${file}.json: "${r.key}" counts from the unknown rule "${r.from.rule}"`);
    if (r.deemedNotice && r.from.event !== 'decision_received' && r.from.event !== 'appeal_decided_received') {
      throw new Error(`deadline rules ${file}.json: "${r.key}" has deemedNotice but does not count from a letter's receipt`);
    }
  }
  checkPublished(file, rules);
  if (rules.extension.noticeBefore && !keys.includes(rules.extension.noticeBefore)) {
    throw new Error(`deadline rules ${file}.json: the extension notice refers to the unknown rule "${rules.extension.noticeBefore}"`);
  }
  return deepFreeze(rules);
}

/** Published lists name known subdivisions, and each day lies in its year and on a weekday. */
function checkPublished(file: string, rules: JurisdictionRules): void {
  const published = rules.calendar.published;
  if (!published) return;
  const known = rules.calendar.regionChoice ?? {};
  const codes = [published.default, ...Object.keys(published.lists), ...Object.entries(published.uses).flat(), ...Object.keys(published.missing)];
  const unknown = codes.find((c) => !Object.hasOwn(known, c));
  if (unknown) throw new Error(`deadline rules ${file}.json: the published lists name "${unknown}", which is not in regionChoice`);
  for (const [code, years] of Object.entries(published.lists)) {
    for (const [year, list] of Object.entries(years)) {
      for (const day of [...Object.keys(list.closed), ...(list.readThrough ? [list.readThrough] : [])]) {
        if (!parseIsoDate(day) || !day.startsWith(`${year}-`)) throw new Error(`deadline rules ${file}.json: ${code} ${year} lists ${day}, not a day of ${year}`);
      }
      const weekend = Object.keys(list.closed).find((d) => weekdayIndex(d) >= 5);
      if (weekend) throw new Error(`deadline rules ${file}.json: ${code} ${year} lists ${weekend}, a weekend day`);
    }
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

function all(): ReadonlyMap<string, JurisdictionRules> {
  loaded ??= new Map(Object.entries(RAW).map(([file, raw]) => [file.toUpperCase(), parseFile(file, raw)]));
  return loaded;
}

/** Jurisdictions for pickers: the default (Denmark) first, then by name. */
export function listJurisdictions(): JurisdictionSummary[] {
  return [...all().values()]
    .map((r) => ({
      code: r.code, name: r.name, nameDa: r.nameDa ?? r.name, law: r.law.name, citation: r.law.citation, language: r.language,
      isDefault: r.code === DEFAULT_JURISDICTION, regions: r.calendar.regionChoice ?? null,
    }))
    .sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name) || a.code.localeCompare(b.code));
}

/** Rules for a code such as "DK" or "uk-sct" (case-insensitive); unknown codes are a user error. */
export function getRules(code: string = DEFAULT_JURISDICTION): JurisdictionRules {
  const rules = all().get(code.trim().toUpperCase());
  if (!rules) {
    const known = listJurisdictions().map((j) => `${j.code} (${j.name})`).join(', ');
    throw AppError.invalid(`We have no deadline rules for "${code}". Choose one of: ${known}.`);
  }
  return rules;
}
