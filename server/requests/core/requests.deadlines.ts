import { isAppError } from '../../lib/errors';
import { computeDeadlines, type ClockStop, type Deadline, type DeadlineReport } from '../deadlines';
import { daysBetween } from './requests.dates';
import { APPEALABLE, DECISION_STATUSES } from './requests.status';
import type { RequestRecord, StatusChange } from './requests.types';

/**
 * A request's deadlines as the deadline engine computes them from its dates, each judged against
 * what happened (the status history) and today:
 * - met / late: the awaited event happened on or before / after the date;
 * - due / overdue: it has not happened and the date is today or later / has passed;
 * - closed: it can no longer happen (the request was withdrawn or granted).
 *
 * What each deadline awaits is in the rules file (`awaits`): a decision; an answer (a decision, or
 * a notice of extension or delay — but only one the law allows and that came in time); our appeal
 * after the event it counts from; or the appeal body's answer.
 */
export type DeadlineState = 'met' | 'late' | 'due' | 'overdue' | 'closed';
export type { DeadlineGroup } from '../deadlines/deadlines.types';

export interface RequestDeadline extends Deadline {
  state: DeadlineState;
  /** calendar days from today to the date (negative once passed). */
  daysLeft: number;
  /** the day the awaited event happened, when it did. */
  metOn: string | null;
}

export interface RequestDeadlines {
  report: DeadlineReport | null;
  deadlines: RequestDeadline[];
  /** The date the answer is due: the legal answer deadline, or — after a lawful extension — the promised or extended date. */
  answerDue: RequestDeadline | null;
  /** Our earliest open appeal deadline against the latest decision (or the latest appeal decision). */
  appealDue: RequestDeadline | null;
  /** The appeal body's (or the authority's, for a review) deadline to answer our appeal. */
  appealAnswerDue: RequestDeadline | null;
  /** Why there are no deadlines (not sent yet) or why they could not be computed (inconsistent dates). */
  problem: string | null;
  firstDecision: StatusChange | null;
}

/** The dated events of a history, as the engine and the judging below need them. */
function eventsOf(history: StatusChange[]) {
  const firstDecision = history.find((h) => DECISION_STATUSES.includes(h.toStatus)) ?? null;
  const extension = history.find((h) => h.toStatus === 'extended') ?? null;
  const withdrawn = history.find((h) => h.toStatus === 'withdrawn') ?? null;
  const granted = [...history].reverse().find((h) => DECISION_STATUSES.includes(h.toStatus))?.toStatus === 'granted';
  let decisionIndex = -1;
  history.forEach((h, i) => { if (DECISION_STATUSES.includes(h.toStatus)) decisionIndex = i; });
  const decision = decisionIndex >= 0 ? history[decisionIndex] : null;
  const appealIndex = history.findIndex((h, i) => i > decisionIndex && h.toStatus === 'appealed');
  const appeal = appealIndex >= 0 ? history[appealIndex] : null;
  const appealDecidedIndex = appealIndex >= 0 ? history.findIndex((h, i) => i > appealIndex && h.toStatus === 'appeal_decided') : -1;
  const appealDecided = appealDecidedIndex >= 0 ? history[appealDecidedIndex] : null;
  const nextAppeal = appealDecidedIndex >= 0 ? history.find((h, i) => i > appealDecidedIndex && h.toStatus === 'appealed') ?? null : null;
  const nextAppealDecided = nextAppeal ? history.find((h, i) => i > history.indexOf(nextAppeal) && h.toStatus === 'appeal_decided') ?? null : null;
  return { firstDecision, extension, withdrawn, granted, decision, appeal, appealDecided, nextAppeal, nextAppealDecided };
}

export function evaluateDeadlines(req: RequestRecord, history: StatusChange[], today: string, clockStops: ClockStop[] = []): RequestDeadlines {
  const ev = eventsOf(history);
  const none = (problem: string): RequestDeadlines =>
    ({ report: null, deadlines: [], answerDue: null, appealDue: null, appealAnswerDue: null, problem, firstDecision: ev.firstDecision });
  if (!req.sentDate || req.status === 'draft') return none('The request has not been sent, so no deadline runs yet.');

  const appealable = ev.decision !== null && APPEALABLE.includes(ev.decision.toStatus);
  let report: DeadlineReport;
  try {
    report = computeDeadlines({
      jurisdiction: req.jurisdiction,
      region: req.region ?? undefined,
      sent: req.sentDate,
      received: req.receivedDate ?? undefined,
      routed: req.routedDate ?? undefined,
      expedited: req.expedited,
      clockStops,
      extended: ev.extension !== null,
      extendedOn: ev.extension?.date,
      promised: ev.extension?.promisedDate ?? undefined,
      decided: appealable ? ev.decision!.date : undefined,
      decisionReceived: appealable ? ev.decision!.receivedOn ?? undefined : undefined,
      appealed: ev.appeal?.date,
      appealDecided: ev.appealDecided?.date,
      appealDecisionReceived: ev.appealDecided?.receivedOn ?? undefined,
    });
  } catch (err) {
    if (isAppError(err)) return none(err.message);
    throw err;
  }

  const lawfulNotice = report.extension.state === 'lawful' ? ev.extension?.date ?? null : null;
  const deadlines = report.deadlines.map((d): RequestDeadline => {
    // A deadline counting from an appeal decision (or from a later stage's period) awaits the next appeal.
    const later = d.basis === 'appeal_decided' || (d.basis === 'period_end' && (d.stage ?? 1) > 1);
    let metOn: string | null;
    switch (d.awaits) {
      case 'answer': metOn = earliest(ev.firstDecision?.date ?? null, lawfulNotice); break;
      case 'decision': metOn = ev.firstDecision?.date ?? null; break;
      case 'appeal': metOn = (later ? ev.nextAppeal : ev.appeal)?.date ?? null; break;
      case 'appeal_decision': metOn = (later ? ev.nextAppealDecided : ev.appealDecided)?.date ?? null; break;
    }
    const closed = ev.withdrawn !== null || (ev.granted && (d.awaits === 'appeal' || d.awaits === 'appeal_decision'));
    return { ...d, metOn, state: stateOf(d.date, metOn, closed, today), daysLeft: daysBetween(today, d.date) };
  });

  const responses = deadlines.filter((d) => d.group === 'response' && d.awaits === 'answer');
  const legal = responses.find((d) => d.key === 'response') ?? responses[responses.length - 1] ?? null;
  const extensions = deadlines.filter((d) => d.group === 'extension');
  const answerDue = report.extension.state === 'lawful' && extensions.length > 0
    ? extensions.find((d) => d.key === 'promised') ?? extensions[0]
    : legal;
  const open = (d: RequestDeadline) => d.state === 'due' || d.state === 'overdue';
  const ours = deadlines.filter((d) => d.group === 'appeal' && d.awaits === 'appeal');
  const appealDue = ours.find(open) ?? ours[0] ?? null;
  const theirs = deadlines.filter((d) => d.group === 'appeal' && d.awaits === 'appeal_decision');
  const appealAnswerDue = theirs.find((d) => open(d) && d.binding === 'statutory') ?? theirs.find(open) ?? null;
  return { report, deadlines, answerDue, appealDue, appealAnswerDue, problem: null, firstDecision: ev.firstDecision };
}

function stateOf(date: string, metOn: string | null, closed: boolean, today: string): DeadlineState {
  if (metOn) return metOn <= date ? 'met' : 'late';
  if (closed) return 'closed';
  return date >= today ? 'due' : 'overdue';
}

function earliest(a: string | null, b: string | null): string | null {
  if (a && b) return a < b ? a : b;
  return a ?? b;
}
