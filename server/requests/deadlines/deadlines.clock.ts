/**
 * When the request clock starts, stops and is extended: day 0 off a closed day or capped by routing,
 * a clarification that restarts it, fee notices that pause it, and whether a notice of extension
 * came in time. Each says what it assumed in `assumptions`, in English and Danish (Danish only
 * where the rules file gives its own text in Danish too).
 */
import { addCalendarDays, addPeriod, compareDates, describeDate, describeDateDa, type WorkingCalendar } from './calendar';
import { capitalise, checkDate } from './deadlines.input';
import type { ClockStop, DeadlineReport, Sentences } from './deadlines.types';
import type { JurisdictionRules, Period } from './rules';

/** A date opening a Danish sentence: "Lørdag den 4. maj 2024". */
const dayDa = (date: string): string => capitalise(describeDateDa(date));

/** Day 0: receipt, moved off a closed day if the rules say so, capped by the routing rule (US). */
export function startOfClock(rules: JurisdictionRules, calendar: WorkingCalendar, receipt: string, routed: string | undefined, assumptions: Sentences): string {
  let start = receipt;
  const closed = calendar.closedReason(receipt);
  const closedDa = calendar.closedReason(receipt, 'da');
  const { citation, otherReading, otherReadingDa } = rules.clock;
  if (closed && rules.clock.nonWorkingReceipt === 'next_working_day') {
    start = calendar.nextWorkingDay(receipt);
    assumptions.say(
      `${describeDate(receipt)} is not a working day (${closed}), so the clock runs from ${describeDate(start)} (${citation}).`,
      `${dayDa(receipt)} er ikke en arbejdsdag (${closedDa}), så fristen løber fra ${describeDateDa(start)} (${citation}).`,
    );
  } else if (closed && otherReading) {
    assumptions.say(
      `${describeDate(receipt)} is not a working day (${closed}). We count from it as the day of receipt (${citation}). ${otherReading}`,
      otherReadingDa ? `${dayDa(receipt)} er ikke en arbejdsdag (${closedDa}). Vi regner den som modtagelsesdag og tæller fra den (${citation}). ${otherReadingDa}` : null,
    );
  }
  const cap = rules.clock.routingCap;
  if (routed && cap) {
    const latest = addPeriod(calendar, start, cap.period, false);
    if (compareDates(routed, latest) <= 0) {
      assumptions.say(
        `The right office received the request on ${describeDate(routed)}, so the clock runs from then (${cap.citation}).`,
        `Det rette kontor modtog anmodningen ${describeDateDa(routed)}, så fristen løber fra den dag (${cap.citation}).`,
      );
      return routed;
    }
    assumptions.say(
      `The right office received the request on ${describeDate(routed)}, but the clock started at the latest on ${describeDate(latest)}: ${cap.text} (${cap.citation})`,
      cap.textDa ? `Det rette kontor modtog anmodningen ${describeDateDa(routed)}, men fristen begyndte senest at løbe ${describeDateDa(latest)}: ${cap.textDa} (${cap.citation})` : null,
    );
    return latest;
  }
  return start;
}

/** A clarification restarts the clock from the day the answer arrived (the latest one counts). */
export function applyClarification(rules: JurisdictionRules, start: string, stops: ClockStop[], assumptions: Sentences): string {
  const clar = stops.filter((s) => s.kind === 'clarification');
  if (clar.length === 0) return start;
  const rule = rules.clock.stops.clarification;
  if (!rule) {
    assumptions.say(
      `${rules.law.name} has no rule that stops the clock for a clarification, so it was not stopped.`,
      `${rules.law.name} har ingen regel om, at fristen stilles i bero, mens myndigheden venter på en præcisering, så fristen løber videre.`,
    );
    return start;
  }
  let day = start;
  for (const s of clar) {
    checkDate(s.from, 'the date clarification was asked for');
    if (!s.to) {
      assumptions.say(
        `The authority asked for clarification on ${describeDate(s.from)}; until it has the answer the clock stands still and no answer deadline runs (${rule.citation}). Enter the day the clarification arrived to see the new dates.`,
        `Myndigheden bad om en præcisering ${describeDateDa(s.from)}; indtil myndigheden har fået svar, står fristen stille, og ingen svarfrist løber (${rule.citation}). Indtast den dag, præciseringen kom, for at se de nye datoer.`,
      );
      continue;
    }
    const to = checkDate(s.to, 'the date the clarification arrived');
    if (compareDates(to, day) > 0) day = to;
  }
  if (day !== start) {
    assumptions.say(
      `${rule.text} The clarification arrived on ${describeDate(day)}, so the clock runs from that day (${rule.citation}).`,
      rule.textDa ? `${rule.textDa} Præciseringen kom ${describeDateDa(day)}, så fristen løber fra den dag (${rule.citation}).` : null,
    );
  }
  return day;
}

/** Fee notices: the working days from the notice to the payment are not counted (closed pauses only). */
export function feePauses(rules: JurisdictionRules, calendar: WorkingCalendar, stops: ClockStop[], assumptions: Sentences): Array<{ from: string; to: string }> {
  const fees = stops.filter((s) => s.kind === 'fee');
  if (fees.length === 0) return [];
  const rule = rules.clock.stops.fee;
  if (!rule) {
    assumptions.say(
      `${rules.law.name} has no rule that pauses the clock for a fee, so it was not paused.`,
      `${rules.law.name} har ingen regel om, at fristen stilles i bero, mens et gebyr er ubetalt, så fristen løber videre.`,
    );
    return [];
  }
  const out: Array<{ from: string; to: string }> = [];
  for (const s of fees) {
    const from = checkDate(s.from, 'the date of the fees notice');
    if (!s.to) {
      assumptions.say(
        `A fees notice was given on ${describeDate(from)} and the fee is not paid yet; the clock stands still until it is, so the answer deadlines have no date yet (${rule.citation}). Enter the day the fee was received to see them.`,
        `Myndigheden gav besked om et gebyr ${describeDateDa(from)}, og gebyret er ikke betalt endnu; fristen står stille, indtil gebyret er betalt, så svarfristerne har endnu ingen dato (${rule.citation}). Indtast den dag, gebyret blev modtaget, for at se dem.`,
      );
      continue;
    }
    const to = checkDate(s.to, 'the date the fee was paid');
    out.push({ from, to });
    let n = 0;
    for (let d = from; compareDates(d, to) <= 0; d = addCalendarDays(d, 1)) if (calendar.isWorkingDay(d)) n++;
    assumptions.say(
      `${rule.text} ${n} working ${n === 1 ? 'day' : 'days'} from ${describeDate(from)} to ${describeDate(to)} are not counted (${rule.citation}).`,
      rule.textDa ? `${rule.textDa} ${n} ${n === 1 ? 'arbejdsdag' : 'arbejdsdage'} fra ${describeDateDa(from)} til ${describeDateDa(to)} tælles ikke med (${rule.citation}).` : null,
    );
  }
  return out;
}

export function judgeExtension(
  rules: JurisdictionRules, calendar: WorkingCalendar, start: string, extended: boolean, extendedOn: string | undefined,
  feeDays: Array<{ from: string; to: string }>,
): DeadlineReport['extension'] {
  if (!extended) return { state: 'none', explanation: null, explanationDa: null };
  const ext = rules.extension;
  if (ext.kind === 'none') {
    return {
      state: 'not_allowed',
      explanation: `${rules.law.name} allows no extension (${ext.citation}): a notice of delay does not move the answer deadline, and the request is overdue once it passes.`,
      explanationDa: `${rules.law.name} giver ikke mulighed for at forlænge fristen (${ext.citation}): en meddelelse om forsinkelse flytter ikke svarfristen, og svarfristen er overskredet, når den er udløbet.`,
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
          explanationDa: `Meddelelsen om fristforlængelse (${describeDateDa(extendedOn)}) kom efter ${describeDateDa(due)}, den sidste dag, den kunne gives (${ext.citation}), så den forlænger ikke fristen, og svarfristen er overskredet.`,
        };
      }
    }
  }
  return { state: 'lawful', explanation: null, explanationDa: null };
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
