/**
 * Turns a request's dates into its statutory and guidance deadlines, using only the jurisdiction's
 * rules file and the working-day calendar. Pure: same input, same report; no clock, no database.
 */
import { AppError } from '../../errors';
import {
  addPeriod, compareDates, createCalendar, daysInMonth, describeDate, type WorkingCalendar,
} from './calendar';
import { getRules, DEFAULT_JURISDICTION, type DeadlineRule, type JurisdictionRules, type Period } from './rules';

export interface DeadlineInput {
  /** jurisdiction code, e.g. "DK" (the default), "UK", "UK-SCT", "US", "DE", "SE", "NO", "EU". */
  jurisdiction?: string;
  /** the day the request was sent (YYYY-MM-DD). */
  sent: string;
  /** the day the authority received it; assumed to be `sent` when missing. */
  received?: string;
  /** the authority has announced an extension (or, in Denmark, a justified overrun). */
  extended?: boolean;
  /** the day the decision was received; appeal deadlines are computed only when it is given. */
  decided?: string;
}

export interface Deadline {
  key: string;
  /** English name; `nameDa` is the Danish one for the interface. */
  name: string;
  nameDa?: string;
  date: string;
  /** a sentence saying how the date was reached, e.g. "7 working days from receipt (…)". */
  rule: string;
  source: string;
  basis: 'received' | 'sent' | 'decided';
  /** `statutory`: overdue by law once passed; `guidance`: late by guidance or practice only. */
  binding: 'statutory' | 'guidance';
}

export interface DeadlineReport {
  jurisdiction: { code: string; name: string; law: string; citation: string };
  /** day 0 of the request clock: receipt (moved to a working day where the rules say so). */
  start: string;
  /** sorted by date; ties keep the order of the rules file. */
  deadlines: Deadline[];
  /** what we assumed about the input, in sentences a journalist can check. */
  assumptions: string[];
  /** duties without a date: act promptly, warn of delays, how to appeal. */
  notes: string[];
}

const calendars = new Map<string, WorkingCalendar>();

/** The working-day calendar of a jurisdiction, e.g. for "due in N working days" views. */
export function calendarFor(code: string = DEFAULT_JURISDICTION): WorkingCalendar {
  const rules = getRules(code);
  let calendar = calendars.get(rules.code);
  if (!calendar) {
    calendar = createCalendar(rules.calendar);
    calendars.set(rules.code, calendar);
  }
  return calendar;
}

export function computeDeadlines(input: DeadlineInput): DeadlineReport {
  const rules = getRules(input.jurisdiction?.trim() || DEFAULT_JURISDICTION);
  const calendar = calendarFor(rules.code);
  const sent = checkDate(input.sent, 'the date the request was sent');
  const received = input.received === undefined || input.received === ''
    ? undefined : checkDate(input.received, 'the date the request was received');
  const decided = input.decided === undefined || input.decided === ''
    ? undefined : checkDate(input.decided, 'the date of the decision');
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

  let start = receipt;
  const closed = calendar.closedReason(receipt);
  if (closed && rules.clock.nonWorkingReceipt === 'next_working_day') {
    start = calendar.nextWorkingDay(receipt);
    assumptions.push(`${describeDate(receipt)} is not a working day (${closed}), so the clock runs from ${describeDate(start)} (${rules.clock.citation}).`);
  }
  if (rules.clock.countsFrom !== 'receipt') {
    assumptions.push(`The clock runs from ${rules.clock.countsFrom}; we take the receipt date as the date of ${rules.clock.countsFrom}.`);
  }

  const requestBasis = received ? 'received' : 'sent';
  const compute = (rule: DeadlineRule, day0: string, basis: Deadline['basis']): Deadline =>
    toDeadline(rule, day0, basis, calendar, basis === 'decided' ? 'the decision' : rules.clock.countsFrom);

  const deadlines = [
    ...rules.response.map((r) => compute(r, start, requestBasis)),
    ...(input.extended ? rules.extension.deadlines.map((r) => compute(r, start, requestBasis)) : []),
    ...rules.escalations.map((r) => compute(r, start, requestBasis)),
    ...(decided ? rules.appeals.flatMap((a) => a.deadlines.map((r) => compute(r, decided, 'decided'))) : []),
  ];
  // Array.prototype.sort is stable, so deadlines on the same day keep the rules file's order.
  deadlines.sort((a, b) => compareDates(a.date, b.date));

  if (input.extended && rules.extension.deadlines.length === 0) {
    assumptions.push(`${rules.law.name} has no extension, so the deadlines are unchanged.`);
  }
  if (!decided) assumptions.push('Appeal deadlines appear once you enter the date you received the decision.');

  return {
    jurisdiction: { code: rules.code, name: rules.name, law: rules.law.name, citation: rules.law.citation },
    start,
    deadlines,
    assumptions,
    notes: notesFor(rules, input.extended === true, decided !== undefined),
  };
}

function toDeadline(
  rule: DeadlineRule, day0: string, basis: Deadline['basis'], calendar: WorkingCalendar, fromText: string,
): Deadline {
  const unshifted = addPeriod(calendar, day0, rule.period, false);
  const date = rule.rollForward ? calendar.nextWorkingDay(unshifted) : unshifted;
  let sentence = `${describePeriod(rule.period)} from ${fromText} (${rule.citation})`;
  if (rule.condition) sentence += `, ${rule.condition}`;
  if (basis === 'sent') sentence += `; ${fromText} assumed on the day the request was sent`;
  if (date !== unshifted) {
    sentence += `; ${describeDate(unshifted)} is not a working day (${calendar.closedReason(unshifted)}), so it moves to ${describeDate(date)}`;
  }
  if (rule.binding === 'guidance') sentence += ' — guidance, not a legal limit';
  return {
    key: rule.key,
    name: rule.name,
    ...(rule.nameDa ? { nameDa: rule.nameDa } : {}),
    date,
    rule: sentence,
    source: rule.source,
    basis,
    binding: rule.binding,
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
