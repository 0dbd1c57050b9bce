/**
 * When the request clock starts, stops and is extended: day 0 off a closed day or capped by routing,
 * a clarification that restarts it, fee notices that pause it, and whether a notice of extension
 * came in time. Each says what it assumed in `assumptions`.
 */
import { addCalendarDays, addPeriod, compareDates, describeDate, type WorkingCalendar } from './calendar';
import { checkDate } from './deadlines.input';
import type { ClockStop, DeadlineReport } from './deadlines.types';
import type { JurisdictionRules, Period } from './rules';

/** Day 0: receipt, moved off a closed day if the rules say so, capped by the routing rule (US). */
export function startOfClock(rules: JurisdictionRules, calendar: WorkingCalendar, receipt: string, routed: string | undefined, assumptions: string[]): string {
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
export function applyClarification(rules: JurisdictionRules, start: string, stops: ClockStop[], assumptions: string[]): string {
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
export function feePauses(rules: JurisdictionRules, calendar: WorkingCalendar, stops: ClockStop[], assumptions: string[]): Array<{ from: string; to: string }> {
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

export function judgeExtension(
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
export function skipPauses(calendar: WorkingCalendar, date: string, day0: string, period: Period, pauses: Array<{ from: string; to: string }>): string {
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
