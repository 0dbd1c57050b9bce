/**
 * The deadline rules live in `rules/<code>.json`, one file per jurisdiction, so that lawyers and
 * editors can check them against the sources cited inside. They are imported statically (tsc then
 * copies them to dist/) and validated with zod on first use; a bad file fails loudly at start-up.
 */
import { z } from 'zod';
import { AppError } from '../../errors';
import dk from './rules/dk.json';
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
  amount: z.number().int().positive(),
  unit: z.enum(['working_days', 'calendar_days', 'weeks', 'months', 'years']),
});

/** One computable deadline. `binding: guidance` marks soft targets ("should", guidance, practice). */
const ruleSchema = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]*$/),
  name: text,
  nameDa: text.optional(),
  period: periodSchema,
  binding: z.enum(['statutory', 'guidance']),
  /** For calendar periods: a deadline ending on a closed day moves to the next working day. */
  rollForward: z.boolean().default(false),
  /** Stated in the rule sentence, e.g. "if the decision is final". */
  condition: text.optional(),
  ...sourced,
});

const describedSchema = z.strictObject({ text, ...sourced });
/** `required: null` means the research found no rule either way. */
const lateNoticeSchema = z.strictObject({ required: z.boolean().nullable(), text, ...sourced });

const rulesSchema = z.strictObject({
  $comment: text.optional(),
  code: z.string().regex(/^[A-Z]{2}(-[A-Z]{2,3})?$/),
  name: text,
  language: z.string().regex(/^[a-z]{2}$/),
  law: z.strictObject({ name: text, nameEn: text, citation: text, source: text, ...commented }),
  calendar: z.strictObject({
    country: z.string().regex(/^[A-Z]{2}$/).optional(),
    regions: z.array(z.string().regex(/^[A-Z0-9]{1,3}$/)).optional(),
    types: z.array(z.enum(['public', 'bank', 'optional', 'school', 'observance'])).min(1),
    extraClosed: z.array(z.strictObject({ rule: text, name: text, source: text, notes: text.optional() })),
    source: text,
    ...commented,
  }),
  clock: z.strictObject({
    /** the event day 0 stands for, as it reads in a sentence: "receipt", "registration". */
    countsFrom: text,
    text,
    /** `next_working_day`: a request arriving on a closed day counts as received on the next working day. */
    nonWorkingReceipt: z.enum(['same_day', 'next_working_day']),
    ...sourced,
  }),
  promptly: describedSchema.nullable(),
  response: z.array(ruleSchema),
  lateNotice: lateNoticeSchema.nullable(),
  extension: z.strictObject({
    /** the time added, as the law states it; null when there is no formal extension. */
    extra: periodSchema.nullable(),
    condition: text.nullable(),
    /** how and when the requester must be told; null when the law says nothing. */
    notice: text.nullable(),
    text,
    /** total periods from day 0, computed only when the request is marked as extended. */
    deadlines: z.array(ruleSchema),
    ...sourced,
  }),
  escalations: z.array(ruleSchema),
  appeals: z.array(
    z.strictObject({
      stage: z.number().int().positive(),
      body: text,
      text,
      /** Counted from the decision date; empty when no deadline exists or it runs from a later step. */
      deadlines: z.array(ruleSchema),
      ...sourced,
    }),
  ),
});

export type Period = z.infer<typeof periodSchema>;
export type DeadlineRule = z.infer<typeof ruleSchema>;
export type JurisdictionRules = z.infer<typeof rulesSchema>;

export interface JurisdictionSummary {
  code: string;
  name: string;
  law: string;
  citation: string;
  language: string;
  isDefault: boolean;
}

const RAW: Record<string, unknown> = { dk, uk, 'uk-sct': ukSct, us, de, se, no, eu };

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
  return deepFreeze(rules);
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
      code: r.code, name: r.name, law: r.law.name, citation: r.law.citation, language: r.language,
      isDefault: r.code === DEFAULT_JURISDICTION,
    }))
    .sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name));
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
