/**
 * One rule of the rules file made a deadline: the day it counts from (a dated event or another
 * rule's date), its date, and the sentence that says how the date was reached.
 */
import { addPeriod, compareDates, describeDate, describeDateDa, type WorkingCalendar } from './calendar';
import { skipPauses } from './deadlines.clock';
import { capitalise } from './deadlines.input';
import type { Awaits, Deadline, DeadlineGroup } from './deadlines.types';
import type { DeadlineEvent, DeadlineRule, JurisdictionRules, Period } from './rules';

const EVENT_WORDS: Record<DeadlineEvent, [string, string, Deadline['basis']]> = {
  receipt: ['receipt', 'modtagelsen', 'received'],
  decision_dated: ['the date on the decision letter', 'afgørelsens dato', 'decided'],
  decision_received: ['the day the decision was received', 'den dag, afgørelsen blev modtaget', 'decided'],
  appeal_lodged: ['the day the appeal was lodged', 'den dag, klagen blev indgivet', 'appealed'],
  appeal_decided_dated: ['the date on the appeal decision', 'klageafgørelsens dato', 'appeal_decided'],
  appeal_decided_received: ['the day the appeal decision was received', 'den dag, klageafgørelsen blev modtaget', 'appeal_decided'],
  promised: ['the date the authority promised', 'den dato, myndigheden lovede', 'promised'],
};

export interface ResolvedFrom { date: string; what: string; whatDa: string; basis: Deadline['basis'] }

/** The day a rule counts from, 'wait' while a rule it refers to is not computed, null when it never applies. */
export function resolveFrom(rule: DeadlineRule, events: Partial<Record<DeadlineEvent, string>>, computed: Map<string, Deadline>, receivedKnown: boolean): ResolvedFrom | 'wait' | null {
  const { event, rule: ruleKey, combine } = rule.from;
  const ev = event ? events[event] : undefined;
  const fromEvent = (e: DeadlineEvent, date: string): ResolvedFrom => ({
    date, what: EVENT_WORDS[e][0], whatDa: EVENT_WORDS[e][1],
    basis: e === 'receipt' ? (receivedKnown ? 'received' : 'sent') : EVENT_WORDS[e][2],
  });
  if (!ruleKey) return event && ev ? fromEvent(event, ev) : null;
  const other = computed.get(ruleKey);
  const fromRule = (d: Deadline): ResolvedFrom => ({
    date: d.date, what: `the end of the period "${d.name}"`, whatDa: `udløbet af fristen "${d.nameDa ?? d.name}"`, basis: 'period_end',
  });
  if (!event) return other ? fromRule(other) : 'wait';
  if (combine === 'event_else_rule') {
    if (ev) return fromEvent(event, ev);
    return other ? fromRule(other) : 'wait';
  }
  // later: the rule's date, or the event when it came after it.
  if (!other) return 'wait';
  if (ev && compareDates(ev, other.date) > 0) return fromEvent(event, ev);
  return fromRule(other);
}

export function toDeadline(
  rule: DeadlineRule, group: DeadlineGroup, stage: number | null, from: ResolvedFrom, calendar: WorkingCalendar,
  rules: JurisdictionRules, feeDays: Array<{ from: string; to: string }>,
): Deadline {
  let unshifted = addPeriod(calendar, from.date, rule.period, false);
  if (from.basis === 'received' || from.basis === 'sent') unshifted = skipPauses(calendar, unshifted, from.date, rule.period, feeDays);
  const date = rule.rollForward ? calendar.nextWorkingDay(unshifted) : unshifted;
  const fromText = from.basis === 'received' || from.basis === 'sent' ? rules.clock.countsFrom : from.what;
  let sentence = rule.period.amount === 0
    ? `${capitalise(fromText)} (${rule.citation})`
    : `${describePeriod(rule.period)} from ${fromText}, ${describeDate(from.date)} (${rule.citation})`;
  if (rule.condition) sentence += `, ${rule.condition}`;
  if (from.basis === 'sent') sentence += `; ${fromText} assumed on the day the request was sent`;
  if (date !== unshifted) {
    sentence += `; ${describeDate(unshifted)} is not a working day (${calendar.closedReason(unshifted)}), so it moves to ${describeDate(date)}`;
  }
  if (rule.binding === 'guidance') sentence += ' — guidance, not a legal limit';
  if (rule.confidence !== 'confirmed') sentence += ` (${rule.confidence === 'secondary' ? 'from a secondary source' : 'not confirmed'})`;
  const sentenceDa = danishSentence(rule, from, rules, calendar, unshifted, date);
  const awaits: Awaits = rule.awaits ?? (group === 'appeal' ? 'appeal' : group === 'response' ? 'answer' : 'decision');
  return {
    key: rule.key,
    name: rule.name,
    ...(rule.nameDa ? { nameDa: rule.nameDa } : {}),
    date,
    rule: sentence,
    ...(sentenceDa ? { ruleDa: sentenceDa } : {}),
    source: rule.source,
    basis: from.basis,
    from: { date: from.date, what: from.what, whatDa: from.whatDa },
    binding: rule.binding,
    group,
    stage,
    awaits,
    confidence: rule.confidence,
  };
}

const UNIT_NAMES: Record<Period['unit'], [string, string]> = {
  working_days: ['working day', 'working days'],
  calendar_days: ['calendar day', 'calendar days'],
  weeks: ['week', 'weeks'],
  months: ['month', 'months'],
  years: ['year', 'years'],
};

function describePeriod({ amount, unit }: Period): string {
  return `${amount} ${UNIT_NAMES[unit][amount === 1 ? 0 : 1]}`;
}

const UNIT_NAMES_DA: Record<Period['unit'], [string, string]> = {
  working_days: ['arbejdsdag', 'arbejdsdage'],
  calendar_days: ['kalenderdag', 'kalenderdage'],
  weeks: ['uge', 'uger'],
  months: ['måned', 'måneder'],
  years: ['år', 'år'],
};
/** The request clock's start (rules.clock.countsFrom) in Danish. */
const COUNTS_FROM_DA: Record<string, string> = { receipt: 'modtagelsen', registration: 'registreringen' };

/**
 * The rule's sentence in Danish, part for part as the English one; null when a part has no Danish
 * words (a condition the rules file gives in English only, a clock start not in COUNTS_FROM_DA),
 * and the page shows the English one, marked as English.
 */
function danishSentence(rule: DeadlineRule, from: ResolvedFrom, rules: JurisdictionRules, calendar: WorkingCalendar, unshifted: string, date: string): string | null {
  const clock = from.basis === 'received' || from.basis === 'sent';
  const fromText = clock ? COUNTS_FROM_DA[rules.clock.countsFrom] : from.whatDa;
  if (!fromText || (rule.condition && !rule.conditionDa)) return null;
  const { amount, unit } = rule.period;
  let sentence = amount === 0
    ? `${capitalise(fromText)} (${rule.citation})`
    : `${amount} ${UNIT_NAMES_DA[unit][amount === 1 ? 0 : 1]} fra ${fromText}, ${describeDateDa(from.date)} (${rule.citation})`;
  if (rule.conditionDa) sentence += `, ${rule.conditionDa}`;
  if (from.basis === 'sent') sentence += `; ${fromText} er antaget at være den dag, anmodningen blev sendt`;
  if (date !== unshifted) {
    sentence += `; ${describeDateDa(unshifted)} er ikke en arbejdsdag (${calendar.closedReason(unshifted, 'da')}), så fristen flyttes til ${describeDateDa(date)}`;
  }
  if (rule.binding === 'guidance') sentence += ' — vejledende, ikke en frist i loven';
  if (rule.confidence !== 'confirmed') sentence += ` (${rule.confidence === 'secondary' ? 'fra en sekundær kilde' : 'ikke bekræftet'})`;
  return sentence;
}
