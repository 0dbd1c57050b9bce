/**
 * The schema of one deadline of a rules file: its period, what it counts from and what meets it,
 * and the parts every rules file shares (texts with their citation and source).
 */
import { z } from 'zod';

export const text = z.string().trim().min(1);
// Every file may explain itself; `$comment` and `notes` are kept for readers and ignored by code.
export const commented = { $comment: text.optional(), notes: text.optional() };
export const sourced = { citation: text, source: text, ...commented };

export const periodSchema = z.strictObject({
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

export const ruleKey = z.string().regex(/^[a-z][a-z0-9_]*$/);

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
export const ruleSchema = z.strictObject({
  key: ruleKey,
  name: text,
  nameDa: text.optional(),
  period: periodSchema,
  binding: z.enum(['statutory', 'guidance']),
  from: fromSchema.default({ event: 'receipt' }),
  awaits: awaitsSchema.optional(),
  /** For calendar periods: a deadline ending on a closed day moves to the next working day. */
  rollForward: z.boolean().default(false),
  /** Stated in the rule sentence, e.g. "if the decision is final"; `conditionDa` in the Danish one. */
  condition: text.optional(),
  conditionDa: text.optional(),
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

export type Period = z.infer<typeof periodSchema>;
export type DeadlineRule = z.infer<typeof ruleSchema>;
