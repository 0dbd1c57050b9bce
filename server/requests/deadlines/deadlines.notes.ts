/** The report's sentences beyond the dates: the law's reading of a posted letter, and the duties without a date. */
import { addCalendarDays, addPeriod, compareDates, describeDate, type WorkingCalendar } from './calendar';
import { sentences, type Deadline, type Sentences } from './deadlines.types';
import type { DeadlineEvent, DeadlineRule, JurisdictionRules } from './rules';

/**
 * The law's reading where a posted letter counts as notified some days after posting (VwVfG § 41
 * Abs. 2): the later of that day and the day it arrived. We take the date on the letter as the day
 * of posting — it cannot have been posted earlier, so the law's day is never earlier than ours —
 * and do not move a notification day that falls on a closed day (the text moves periods, not this day).
 */
export function deemedNoticeNote(rule: DeadlineRule, shown: Deadline, events: Partial<Record<DeadlineEvent, string>>, calendar: WorkingCalendar): string | null {
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

/** The duties without a date, in English and (where the rules file gives its text in Danish) Danish. */
export function notesFor(rules: JurisdictionRules, extended: boolean, decided: boolean): Sentences {
  const notes = sentences();
  const described = (n: { text: string; textDa?: string; citation: string }) => notes.say(`${n.text} (${n.citation})`, n.textDa ? `${n.textDa} (${n.citation})` : null);
  for (const n of [rules.promptly, rules.lateNotice]) if (n !== null) described(n);
  const ext = rules.extension;
  notes.say(
    `${extended ? 'Extension' : 'If the authority needs more time'}: ${ext.text} (${ext.citation})`,
    ext.textDa ? `${extended ? 'Forlængelse' : 'Hvis myndigheden har brug for mere tid'}: ${ext.textDa} (${ext.citation})` : null,
  );
  for (const s of [rules.clock.stops.clarification, rules.clock.stops.fee]) if (s !== undefined) described(s);
  if (decided) {
    for (const appeal of rules.appeals) {
      notes.say(
        `Appeal, step ${appeal.stage} — ${appeal.body}: ${appeal.text} (${appeal.citation})`,
        appeal.bodyDa && appeal.textDa ? `Klage, trin ${appeal.stage} — ${appeal.bodyDa}: ${appeal.textDa} (${appeal.citation})` : null,
      );
    }
  }
  return notes;
}
