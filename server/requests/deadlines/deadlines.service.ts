/**
 * Turns a request's dates into its statutory and guidance deadlines, using only the jurisdiction's
 * rules file and the working-day calendar. Pure: same input, same report; no clock, no database.
 *
 * Every deadline counts from a dated event (receipt, the decision letter's date, the day we got
 * it, our appeal, the appeal answer, a promised date) or from another deadline (the end of the
 * answer period); the report says which, so a journalist can see why a date is what it is.
 */
import { AppError } from '../../errors';
import {
  addPeriod, addCalendarDays, compareDates, createCalendar, daysInMonth, describeDate, type WorkingCalendar,
} from './calendar';
import {
  getRules, DEFAULT_JURISDICTION, type DeadlineEvent, type DeadlineRule, type JurisdictionRules, type Period,
} from './rules';
import { calendarSpecFor, publishedAssumptions } from './published';

export interface ClockStop {
  /** `clarification`: the clock starts again when it is answered; `fee`: the days in between do not count. */
  kind: 'clarification' | 'fee';
  /** the day the authority asked (or gave the fees notice). */
  from: string;
  /** the day the clarification or the fee reached the authority; open while missing. */
  to?: string | null;
}

export interface DeadlineInput {
  /** jurisdiction code, e.g. "DK" (the default), "UK", "UK-SCT", "US", "DE", "SE", "NO", "EU". */
  jurisdiction?: string;
  /** the authority's seat, where the rules let it choose the holidays (a German Land: "NW"; an EU institution: "EP"). */
  region?: string;
  /** the day the request was sent (YYYY-MM-DD). */
  sent: string;
  /** the day the authority received it; assumed to be `sent` when missing. */
  received?: string;
  /** US: the day the proper component received it, when the request was routed. */
  routed?: string;
  /** US: expedited processing was asked for. */
  expedited?: boolean;
  clockStops?: ClockStop[];
  /** the authority announced an extension or a delay (in Denmark: a notice under § 36, stk. 2). */
  extended?: boolean;
  /** the day of that notice; without it the notice is taken to have come in time. */
  extendedOn?: string;
  /** the date the authority promised a decision by, in its notice. */
  promised?: string;
  /** the date on the decision letter; appeal deadlines are computed only when it is given. */
  decided?: string;
  /** the day we received the decision; assumed to be `decided` when missing. */
  decisionReceived?: string;
  /** the day our appeal (complaint, review request, confirmatory application) was lodged. */
  appealed?: string;
  /** the date of the appeal body's answer, and the day we received it. */
  appealDecided?: string;
  appealDecisionReceived?: string;
}

export type DeadlineGroup = 'response' | 'extension' | 'escalation' | 'appeal';
export type Awaits = 'decision' | 'answer' | 'appeal' | 'appeal_decision';

export interface Deadline {
  key: string;
  /** English name; `nameDa` is the Danish one for the interface. */
  name: string;
  nameDa?: string;
  date: string;
  /** a sentence saying how the date was reached, e.g. "7 working days from receipt (…)". */
  rule: string;
  source: string;
  /** what the date counts from: `received`/`sent` (day 0), or a later event. */
  basis: 'received' | 'sent' | 'decided' | 'appealed' | 'appeal_decided' | 'promised' | 'period_end';
  /** the day the period counts from and what that day is, in words ("the date on the decision letter"). */
  from: { date: string; what: string; whatDa: string };
  /** `statutory`: overdue by law once passed; `guidance`: late by guidance or practice only. */
  binding: 'statutory' | 'guidance';
  group: DeadlineGroup;
  /** the appeal step it belongs to (1 = first appeal). */
  stage: number | null;
  awaits: Awaits;
  confidence: 'confirmed' | 'secondary' | 'unconfirmed';
}

/**
 * What the notice of extension or delay does here:
 * - none: no notice was entered;
 * - lawful: the law allows it and it came in time; the extension deadlines apply;
 * - not_allowed: the law has no extension; the answer deadline stands;
 * - too_late: the notice came after the day it had to come by; the answer deadline stands.
 */
export type ExtensionState = 'none' | 'lawful' | 'not_allowed' | 'too_late';

export interface DeadlineReport {
  jurisdiction: { code: string; name: string; law: string; citation: string };
  /** the holiday calendar used: the jurisdiction's, or that of the region entered. */
  region: string | null;
  /** day 0 of the request clock: receipt (moved where the rules say so). */
  start: string;
  /** sorted by date; ties keep the order of the rules file. */
  deadlines: Deadline[];
  extension: { state: ExtensionState; explanation: string | null };
  /** what we assumed about the input, in sentences a journalist can check. */
  assumptions: string[];
  /** duties without a date: act promptly, warn of delays, how to appeal. */
  notes: string[];
}

const calendars = new Map<string, WorkingCalendar>();

/** The working-day calendar of a jurisdiction (and, where the rules allow, a region of it). */
export function calendarFor(code: string = DEFAULT_JURISDICTION, region?: string | null): WorkingCalendar {
  const rules = getRules(code);
  const chosen = region && rules.calendar.regionChoice?.[region] ? region : null;
  const cacheKey = `${rules.code}/${chosen ?? ''}`;
  let calendar = calendars.get(cacheKey);
  if (!calendar) {
    calendar = createCalendar(calendarSpecFor(rules, chosen));
    calendars.set(cacheKey, calendar);
  }
  return calendar;
}

const EVENT_WORDS: Record<DeadlineEvent, [string, string, Deadline['basis']]> = {
  receipt: ['receipt', 'modtagelsen', 'received'],
  decision_dated: ['the date on the decision letter', 'afgørelsens dato', 'decided'],
  decision_received: ['the day the decision was received', 'den dag, afgørelsen blev modtaget', 'decided'],
  appeal_lodged: ['the day the appeal was lodged', 'den dag, klagen blev indgivet', 'appealed'],
  appeal_decided_dated: ['the date on the appeal decision', 'klageafgørelsens dato', 'appeal_decided'],
  appeal_decided_received: ['the day the appeal decision was received', 'den dag, klageafgørelsen blev modtaget', 'appeal_decided'],
  promised: ['the date the authority promised', 'den dato, myndigheden lovede', 'promised'],
};

export function computeDeadlines(input: DeadlineInput): DeadlineReport {
  const rules = getRules(input.jurisdiction?.trim() || DEFAULT_JURISDICTION);
  const region = input.region?.trim() ? input.region.trim().toUpperCase() : null;
  if (region && !rules.calendar.regionChoice?.[region]) {
    const known = Object.entries(rules.calendar.regionChoice ?? {}).map(([c, n]) => `${c} (${n})`).join(', ');
    throw AppError.invalid(known
      ? `"${region}" is not a region of ${rules.name}. Choose one of: ${known}.`
      : `${rules.name} uses one holiday calendar; a region cannot be chosen.`);
  }
  const calendar = calendarFor(rules.code, region);
  const opt = (v: string | undefined | null, what: string) => (v === undefined || v === null || v === '' ? undefined : checkDate(v, what));
  const sent = checkDate(input.sent, 'the date the request was sent');
  const received = opt(input.received, 'the date the request was received');
  const routed = opt(input.routed, 'the date the right office received the request');
  const extendedOn = opt(input.extendedOn, 'the date of the notice of extension');
  const promised = opt(input.promised, 'the date the authority promised');
  const decided = opt(input.decided, 'the date of the decision');
  const decisionReceived = opt(input.decisionReceived, 'the date the decision was received');
  const appealed = opt(input.appealed, 'the date of the appeal');
  const appealDecided = opt(input.appealDecided, 'the date of the appeal decision');
  const appealDecisionReceived = opt(input.appealDecisionReceived, 'the date the appeal decision was received');
  const assumptions: string[] = [];

  if (received && compareDates(received, sent) < 0) {
    throw AppError.invalid(`The request cannot have been received (${describeDate(received)}) before it was sent (${describeDate(sent)}).`);
  }
  const receipt = received ?? sent;
  if (!received) {
    assumptions.push(`No receipt date was given, so we assume the authority received the request the day it was sent, ${describeDate(sent)}.`);
  }
  if (decided && compareDates(decided, receipt) < 0) {
    throw AppError.invalid(`The decision (${describeDate(decided)}) cannot come before the request was received (${describeDate(receipt)}).`);
  }
  if (decided && decisionReceived && compareDates(decisionReceived, decided) < 0) {
    throw AppError.invalid(`The decision cannot have been received (${describeDate(decisionReceived)}) before the date on it (${describeDate(decided)}).`);
  }
  if (routed && compareDates(routed, receipt) < 0) {
    throw AppError.invalid(`The right office cannot have received the request (${describeDate(routed)}) before it was first received (${describeDate(receipt)}).`);
  }

  const start = startOfClock(rules, calendar, receipt, routed, assumptions);
  const stops = input.clockStops ?? [];
  const restarted = applyClarification(rules, start, stops, assumptions);
  const feeDays = feePauses(rules, calendar, stops, assumptions);
  // While a clarification or a fee the law knows is awaited, the clock stands still: the answer
  // deadlines have no date yet (they are not overdue either) and appear again once the stop ends.
  const held = stops.some((s) => !s.to && rules.clock.stops[s.kind] !== undefined);
  if (rules.clock.countsFrom !== 'receipt') {
    assumptions.push(`The clock runs from ${rules.clock.countsFrom}; we take the receipt date as the date of ${rules.clock.countsFrom}.`);
  }

  // The dated events, as far as they happened.
  const decisionGot = decided ? decisionReceived ?? decided : undefined;
  if (decided && !decisionReceived && usesEvent(rules, 'decision_received')) {
    assumptions.push(`No date of receipt was given for the decision, so we assume it arrived the day it is dated, ${describeDate(decided)}.`);
  }
  const appealGot = appealDecided ? appealDecisionReceived ?? appealDecided : undefined;
  const events: Partial<Record<DeadlineEvent, string>> = {
    receipt: held ? undefined : restarted,
    decision_dated: decided,
    decision_received: decisionGot,
    appeal_lodged: appealed,
    appeal_decided_dated: appealDecided,
    appeal_decided_received: appealGot,
    promised,
  };

  const extension = judgeExtension(rules, calendar, restarted, input.extended === true || extendedOn !== undefined, extendedOn, feeDays);
  if (extension.explanation) assumptions.push(extension.explanation);
  if (extension.state !== 'lawful') delete events.promised;

  const computed = new Map<string, Deadline>();
  const groups: Array<[DeadlineGroup, DeadlineRule[], number | null]> = [
    ['response', rules.response, null],
    ['extension', extension.state === 'lawful' ? rules.extension.deadlines : [], null],
    ['escalation', rules.escalations, null],
    ...rules.appeals.map((a): [DeadlineGroup, DeadlineRule[], number] => ['appeal', a.deadlines, a.stage]),
  ];
  // Rules may count from other rules, so compute in passes until nothing more can be resolved.
  const pending = groups.flatMap(([group, list, stage]) => list.map((rule) => ({ group, rule, stage })));
  for (let progress = true; progress; ) {
    progress = false;
    for (const item of pending) {
      if (computed.has(item.rule.key)) continue;
      if (item.rule.onlyIf === 'expedited' && !input.expedited) continue;
      const from = resolveFrom(item.rule, events, computed, received !== undefined);
      if (from === 'wait') continue;
      if (from === null) continue;
      computed.set(item.rule.key, toDeadline(item.rule, item.group, item.stage, from, calendar, rules, feeDays));
      progress = true;
    }
  }
  const order = pending.map((p) => p.rule.key);
  const deadlines = [...computed.values()].sort((a, b) => compareDates(a.date, b.date) || order.indexOf(a.key) - order.indexOf(b.key));
  for (const { rule } of pending) {
    const d = computed.get(rule.key);
    if (d && rule.deemedNotice) {
      const note = deemedNoticeNote(rule, d, events, calendar);
      if (note) assumptions.push(note);
    }
  }

  if (!decided) assumptions.push('Appeal deadlines appear once you enter the date of the decision.');
  const lastDay = deadlines.reduce((last, d) => (compareDates(d.date, last) > 0 ? d.date : last), restarted);
  assumptions.push(...publishedAssumptions(rules, region, calendar, restarted, lastDay));

  return {
    jurisdiction: { code: rules.code, name: rules.name, law: rules.law.name, citation: rules.law.citation },
    region,
    start: restarted,
    deadlines,
    extension,
    assumptions,
    notes: notesFor(rules, extension.state === 'lawful', decided !== undefined),
  };
}

/**
 * The law's reading where a posted letter counts as notified some days after posting (VwVfG § 41
 * Abs. 2): the later of that day and the day it arrived. We take the date on the letter as the day
 * of posting — it cannot have been posted earlier, so the law's day is never earlier than ours —
 * and do not move a notification day that falls on a closed day (the text moves periods, not this day).
 */
function deemedNoticeNote(rule: DeadlineRule, shown: Deadline, events: Partial<Record<DeadlineEvent, string>>, calendar: WorkingCalendar): string | null {
  const deemed = rule.deemedNotice;
  const posted = rule.from.event === 'appeal_decided_received' ? events.appeal_decided_dated : events.decision_dated;
  const arrived = rule.from.event ? events[rule.from.event] : undefined;
  if (!deemed || !posted || !arrived) return null;
  const entry = [...deemed.days].sort((a, b) => compareDates(a.from, b.from)).filter((e) => compareDates(e.from, posted) <= 0).pop();
  if (!entry) return null;
  const notified = addCalendarDays(posted, entry.amount);
  if (compareDates(notified, arrived) <= 0) return null;
  const unshifted = addPeriod(calendar, notified, rule.period, false);
  const lawDate = rule.rollForward ? calendar.nextWorkingDay(unshifted) : unshifted;
  if (lawDate === shown.date) return null;
  return `If ${deemed.applies}: posted on ${describeDate(posted)} (we take the date on the letter as the day of posting), it counts as notified on `
    + `${describeDate(notified)}, the ${ordinal(entry.amount)} day after posting, as it arrived before then (${deemed.citation}). Counted from that day, `
    + `"${rule.name}" is ${describeDate(lawDate)}. We show ${describeDate(shown.date)}, counted from the day it arrived, ${describeDate(arrived)}: `
    + 'never later than the law\'s date, and the right one if the letter was handed over or served with a record of the day of delivery.';
}

function ordinal(n: number): string {
  return ['zeroth', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh'][n] ?? `${n}th`;
}

function usesEvent(rules: JurisdictionRules, event: DeadlineEvent): boolean {
  return rules.appeals.some((a) => a.deadlines.some((d) => d.from.event === event));
}

/** Day 0: receipt, moved off a closed day if the rules say so, capped by the routing rule (US). */
function startOfClock(rules: JurisdictionRules, calendar: WorkingCalendar, receipt: string, routed: string | undefined, assumptions: string[]): string {
  let start = receipt;
  const closed = calendar.closedReason(receipt);
  if (closed && rules.clock.nonWorkingReceipt === 'next_working_day') {
    start = calendar.nextWorkingDay(receipt);
    assumptions.push(`${describeDate(receipt)} is not a working day (${closed}), so the clock runs from ${describeDate(start)} (${rules.clock.citation}).`);
  } else if (closed && rules.clock.otherReading) {
    assumptions.push(`${describeDate(receipt)} is not a working day (${closed}). We count from it as the day of receipt (${rules.clock.citation}). ${rules.clock.otherReading}`);
  }
  const cap = rules.clock.routingCap;
  if (routed && cap) {
    const latest = addPeriod(calendar, start, cap.period, false);
    if (compareDates(routed, latest) <= 0) {
      assumptions.push(`The right office received the request on ${describeDate(routed)}, so the clock runs from then (${cap.citation}).`);
      return routed;
    }
    assumptions.push(`The right office received the request on ${describeDate(routed)}, but the clock started at the latest on ${describeDate(latest)}: ${cap.text} (${cap.citation})`);
    return latest;
  }
  return start;
}

/** A clarification restarts the clock from the day the answer arrived (the latest one counts). */
function applyClarification(rules: JurisdictionRules, start: string, stops: ClockStop[], assumptions: string[]): string {
  const clar = stops.filter((s) => s.kind === 'clarification');
  if (clar.length === 0) return start;
  const rule = rules.clock.stops.clarification;
  if (!rule) {
    assumptions.push(`${rules.law.name} has no rule that stops the clock for a clarification, so it was not stopped.`);
    return start;
  }
  let day = start;
  for (const s of clar) {
    checkDate(s.from, 'the date clarification was asked for');
    if (!s.to) {
      assumptions.push(`The authority asked for clarification on ${describeDate(s.from)}; until it has the answer the clock stands still and no answer deadline runs (${rule.citation}). Enter the day the clarification arrived to see the new dates.`);
      continue;
    }
    const to = checkDate(s.to, 'the date the clarification arrived');
    if (compareDates(to, day) > 0) day = to;
  }
  if (day !== start) assumptions.push(`${rule.text} The clarification arrived on ${describeDate(day)}, so the clock runs from that day (${rule.citation}).`);
  return day;
}

/** Fee notices: the working days from the notice to the payment are not counted (closed pauses only). */
function feePauses(rules: JurisdictionRules, calendar: WorkingCalendar, stops: ClockStop[], assumptions: string[]): Array<{ from: string; to: string }> {
  const fees = stops.filter((s) => s.kind === 'fee');
  if (fees.length === 0) return [];
  const rule = rules.clock.stops.fee;
  if (!rule) {
    assumptions.push(`${rules.law.name} has no rule that pauses the clock for a fee, so it was not paused.`);
    return [];
  }
  const out: Array<{ from: string; to: string }> = [];
  for (const s of fees) {
    const from = checkDate(s.from, 'the date of the fees notice');
    if (!s.to) {
      assumptions.push(`A fees notice was given on ${describeDate(from)} and the fee is not paid yet; the clock stands still until it is, so the answer deadlines have no date yet (${rule.citation}). Enter the day the fee was received to see them.`);
      continue;
    }
    const to = checkDate(s.to, 'the date the fee was paid');
    out.push({ from, to });
    let n = 0;
    for (let d = from; compareDates(d, to) <= 0; d = addCalendarDays(d, 1)) if (calendar.isWorkingDay(d)) n++;
    assumptions.push(`${rule.text} ${n} working ${n === 1 ? 'day' : 'days'} from ${describeDate(from)} to ${describeDate(to)} are not counted (${rule.citation}).`);
  }
  return out;
}

function judgeExtension(
  rules: JurisdictionRules, calendar: WorkingCalendar, start: string, extended: boolean, extendedOn: string | undefined,
  feeDays: Array<{ from: string; to: string }>,
): DeadlineReport['extension'] {
  if (!extended) return { state: 'none', explanation: null };
  const ext = rules.extension;
  if (ext.kind === 'none') {
    return {
      state: 'not_allowed',
      explanation: `${rules.law.name} allows no extension (${ext.citation}): a notice of delay does not move the answer deadline, and the request is overdue once it passes.`,
    };
  }
  if (ext.noticeBefore && extendedOn) {
    const rule = rules.response.find((r) => r.key === ext.noticeBefore);
    if (rule && rule.from.event === 'receipt' && !rule.from.rule) {
      const due = skipPauses(calendar, addPeriod(calendar, start, rule.period, rule.rollForward), start, rule.period, feeDays);
      if (compareDates(extendedOn, due) > 0) {
        return {
          state: 'too_late',
          explanation: `The notice of extension (${describeDate(extendedOn)}) came after ${describeDate(due)}, the last day to give it (${ext.citation}), so it does not extend the deadline and the request is overdue.`,
        };
      }
    }
  }
  return { state: 'lawful', explanation: null };
}

/** Working-day deadlines move by the working days a fee pause took out of the period. */
function skipPauses(calendar: WorkingCalendar, date: string, day0: string, period: Period, pauses: Array<{ from: string; to: string }>): string {
  if (period.unit !== 'working_days' || pauses.length === 0) return date;
  let end = date;
  for (const p of pauses) {
    if (compareDates(p.from, day0) < 0 || compareDates(p.from, end) > 0) continue;
    let n = 0;
    for (let d = p.from; compareDates(d, p.to) <= 0; d = addCalendarDays(d, 1)) if (calendar.isWorkingDay(d)) n++;
    end = calendar.addWorkingDays(end, n);
  }
  return end;
}

interface ResolvedFrom { date: string; what: string; whatDa: string; basis: Deadline['basis'] }

/** The day a rule counts from, 'wait' while a rule it refers to is not computed, null when it never applies. */
function resolveFrom(rule: DeadlineRule, events: Partial<Record<DeadlineEvent, string>>, computed: Map<string, Deadline>, receivedKnown: boolean): ResolvedFrom | 'wait' | null {
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

function toDeadline(
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
  const awaits: Awaits = rule.awaits ?? (group === 'appeal' ? 'appeal' : group === 'response' ? 'answer' : 'decision');
  return {
    key: rule.key,
    name: rule.name,
    ...(rule.nameDa ? { nameDa: rule.nameDa } : {}),
    date,
    rule: sentence,
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

function notesFor(rules: JurisdictionRules, extended: boolean, decided: boolean): string[] {
  const notes = [rules.promptly, rules.lateNotice]
    .filter((n) => n !== null)
    .map((n) => `${n.text} (${n.citation})`);
  notes.push(`${extended ? 'Extension' : 'If the authority needs more time'}: ${rules.extension.text} (${rules.extension.citation})`);
  const stops = [rules.clock.stops.clarification, rules.clock.stops.fee].filter((s) => s !== undefined);
  for (const s of stops) notes.push(`${s.text} (${s.citation})`);
  if (decided) {
    for (const appeal of rules.appeals) notes.push(`Appeal, step ${appeal.stage} — ${appeal.body}: ${appeal.text} (${appeal.citation})`);
  }
  return notes;
}

/** Validates one input date with a message that names the field and says what is wrong. */
function checkDate(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw AppError.invalid(`Please give ${what}.`);
  const s = value.trim();
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!match) throw AppError.invalid(`${capitalise(what)} must be written as YYYY-MM-DD, for example 2018-06-28; got "${s}".`);
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (m < 1 || m > 12) throw AppError.invalid(`${capitalise(what)}, ${s}, has no month ${m}.`);
  if (d < 1 || d > daysInMonth(y, m)) {
    throw AppError.invalid(`${capitalise(what)}, ${s}, does not exist: that month has ${daysInMonth(y, m)} days.`);
  }
  // The holiday data and the laws modelled here make no sense far outside the present.
  if (y < 1900 || y > 2199) throw AppError.invalid(`${capitalise(what)}, ${s}, must be between the years 1900 and 2199.`);
  return s;
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
