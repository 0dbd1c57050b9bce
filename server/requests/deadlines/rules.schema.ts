/**
 * The schema of a jurisdiction's rules file (`rules/<code>.json`): its law, holiday calendar,
 * request clock, deadlines, extension, appeals and legal bases for refusal.
 */
import { z } from 'zod';
import { commented, periodSchema, ruleKey, ruleSchema, sourced, text } from './rules.deadline-schema';

/** `textDa`: the same text in Danish, shown on Danish pages (English, marked as such, where it is missing). */
const describedSchema = z.strictObject({ text, textDa: text.optional(), ...sourced });
/** `required: null` means the research found no rule either way. */
const lateNoticeSchema = z.strictObject({ required: z.boolean().nullable(), text, textDa: text.optional(), ...sourced });

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

export const rulesSchema = z.strictObject({
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
    /** the same subdivisions' names in Danish, where they differ (the EU institutions). */
    regionChoiceDa: z.record(regionCode, text).optional(),
    regionNote: text.optional(),
    types: z.array(z.enum(['public', 'bank', 'optional', 'school', 'observance'])).min(1),
    extraClosed: z.array(z.strictObject({ rule: text, name: text, nameDa: text.optional(), source: text, notes: text.optional() })),
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
    otherReadingDa: text.optional(),
    /** Clock stops the law knows: clarification restarts the clock, a fee notice pauses it. */
    stops: z.strictObject({
      clarification: z.strictObject({ effect: z.literal('restart'), text, textDa: text.optional(), ...sourced }).optional(),
      fee: z.strictObject({ effect: z.literal('pause'), text, textDa: text.optional(), ...sourced }).optional(),
    }).default({}),
    /** US: the clock starts at the latest this long after receipt by any designated component. */
    routingCap: z.strictObject({ period: periodSchema, text, textDa: text.optional(), ...sourced }).optional(),
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
    textDa: text.optional(),
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
      textDa: text.optional(),
      deadlines: z.array(ruleSchema),
      ...sourced,
    }),
  ),
  exemptions: z.array(exemptionSchema).default([]),
});

export type JurisdictionRules = z.infer<typeof rulesSchema>;
export type ExemptionBasis = z.infer<typeof exemptionSchema>;
export type PublishedList = z.infer<typeof publishedListSchema>;
