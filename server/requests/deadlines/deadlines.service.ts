/**
 * Turns a request's dates into its statutory and guidance deadlines, using only the jurisdiction's
 * rules file and the working-day calendar. Pure: same input, same report; no clock, no database.
 *
 * Every deadline counts from a dated event (receipt, the decision letter's date, the day we got
 * it, our appeal, the appeal answer, a promised date) or from another deadline (the end of the
 * answer period); the report says which, so a journalist can see why a date is what it is.
 */
import { AppError } from '../../lib/errors';
import { compareDates, createCalendar, describeDate, describeDateDa, type WorkingCalendar } from './calendar';
import { applyClarification, feePauses, judgeExtension, startOfClock } from './deadlines.clock';
import { resolveFrom, toDeadline } from './deadlines.from-rule';
import { checkDate } from './deadlines.input';
import { deemedNoticeNote, notesFor } from './deadlines.notes';
import { sentences, type Deadline, type DeadlineGroup, type DeadlineInput, type DeadlineReport } from './deadlines.types';
import { getRules, DEFAULT_JURISDICTION, type DeadlineEvent, type DeadlineRule, type JurisdictionRules } from './rules';
import { calendarSpecFor, publishedAssumptions } from './published';

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
  const assumptions = sentences();

  if (received && compareDates(received, sent) < 0) {
    throw AppError.invalid(`The request cannot have been received (${describeDate(received)}) before it was sent (${describeDate(sent)}).`);
  }
  const receipt = received ?? sent;
  if (!received) {
    assumptions.say(
      `No receipt date was given, so we assume the authority received the request the day it was sent, ${describeDate(sent)}.`,
      `Der er ikke angivet en modtagelsesdato, så vi antager, at myndigheden modtog anmodningen den dag, den blev sendt, ${describeDateDa(sent)}.`,
    );
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
    // `countsFrom` is the rules file's English word ("registration"): no Danish sentence.
    assumptions.say(`The clock runs from ${rules.clock.countsFrom}; we take the receipt date as the date of ${rules.clock.countsFrom}.`, null);
  }

  // The dated events, as far as they happened.
  const decisionGot = decided ? decisionReceived ?? decided : undefined;
  if (decided && !decisionReceived && usesEvent(rules, 'decision_received')) {
    assumptions.say(
      `No date of receipt was given for the decision, so we assume it arrived the day it is dated, ${describeDate(decided)}.`,
      `Der er ikke angivet, hvornår afgørelsen blev modtaget, så vi antager, at den kom den dag, den er dateret, ${describeDateDa(decided)}.`,
    );
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
  if (extension.explanation) assumptions.say(extension.explanation, extension.explanationDa);
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
      if (note) assumptions.say(note, null); // the rules files with a deemed notice (DE) have no Danish
    }
  }

  if (!decided) assumptions.say('Appeal deadlines appear once you enter the date of the decision.', 'Klagefristerne vises, når du indtaster datoen for afgørelsen.');
  const lastDay = deadlines.reduce((last, d) => (compareDates(d.date, last) > 0 ? d.date : last), restarted);
  for (const said of publishedAssumptions(rules, region, calendar, restarted, lastDay)) assumptions.say(said, null); // the EU's lists are described in English

  const notes = notesFor(rules, extension.state === 'lawful', decided !== undefined);
  return {
    jurisdiction: { code: rules.code, name: rules.name, nameDa: rules.nameDa ?? rules.name, law: rules.law.name, citation: rules.law.citation },
    region,
    start: restarted,
    deadlines,
    extension,
    assumptions: assumptions.en,
    assumptionsDa: assumptions.da,
    notes: notes.en,
    notesDa: notes.da,
  };
}

function usesEvent(rules: JurisdictionRules, event: DeadlineEvent): boolean {
  return rules.appeals.some((a) => a.deadlines.some((d) => d.from.event === event));
}
