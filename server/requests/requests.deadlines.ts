import { isAppError } from '../errors';
import { computeDeadlines, getRules, type Deadline, type DeadlineReport, type JurisdictionRules } from './deadlines';
import { daysBetween } from './requests.dates';
import { APPEALABLE, DECISION_STATUSES } from './requests.status';
import type { RequestRecord, StatusChange } from './requests.types';

/**
 * A request's deadlines as the deadline engine computes them from its dates, each judged against
 * what happened (the status history) and today:
 * - met / late: the awaited event happened on or before / after the date;
 * - due / overdue: it has not happened and the date is today or later / has passed;
 * - closed: it can no longer happen (the request was withdrawn, or fully granted for appeals).
 *
 * What each group awaits: response rules wait for a decision or, because the law lets an authority
 * answer with a notice of delay, an extension notice; extension and escalation rules wait for a
 * decision; appeal rules wait for our appeal.
 */
export type DeadlineState = 'met' | 'late' | 'due' | 'overdue' | 'closed';
export type DeadlineGroup = 'response' | 'extension' | 'escalation' | 'appeal';

export interface RequestDeadline extends Deadline {
  group: DeadlineGroup;
  state: DeadlineState;
  /** calendar days from today to the date (negative once passed). */
  daysLeft: number;
  /** the day the awaited event happened, when it did. */
  metOn: string | null;
}

export interface RequestDeadlines {
  report: DeadlineReport | null;
  deadlines: RequestDeadline[];
  /** The date the answer is due: the last response rule, or the first extension rule once extended. */
  answerDue: RequestDeadline | null;
  /** Our earliest appeal deadline against the latest decision. */
  appealDue: RequestDeadline | null;
  /** Why there are no deadlines (not sent yet) or why they could not be computed (inconsistent dates). */
  problem: string | null;
  firstDecision: StatusChange | null;
}

export function evaluateDeadlines(req: RequestRecord, history: StatusChange[], today: string): RequestDeadlines {
  const none = (problem: string, firstDecision: StatusChange | null = null): RequestDeadlines =>
    ({ report: null, deadlines: [], answerDue: null, appealDue: null, problem, firstDecision });
  const firstDecision = history.find((h) => DECISION_STATUSES.includes(h.toStatus)) ?? null;
  if (!req.sentDate || req.status === 'draft') return none('The request has not been sent, so no deadline runs yet.');

  const extendedOn = history.find((h) => h.toStatus === 'extended')?.date ?? null;
  const withdrawnOn = history.find((h) => h.toStatus === 'withdrawn')?.date ?? null;
  // The appeal clock runs from the latest decision (or appeal decision) one can still appeal against.
  let lastDecisionIndex = -1;
  history.forEach((h, i) => {
    if (DECISION_STATUSES.includes(h.toStatus) || h.toStatus === 'appeal_decided') lastDecisionIndex = i;
  });
  const lastDecision = lastDecisionIndex >= 0 ? history[lastDecisionIndex] : null;
  const appealable = lastDecision !== null && APPEALABLE.includes(lastDecision.toStatus);
  const appealedOn = lastDecision ? history.slice(lastDecisionIndex + 1).find((h) => h.toStatus === 'appealed')?.date ?? null : null;

  let report: DeadlineReport;
  let rules: JurisdictionRules;
  try {
    rules = getRules(req.jurisdiction);
    report = computeDeadlines({
      jurisdiction: req.jurisdiction,
      sent: req.sentDate,
      received: req.receivedDate ?? undefined,
      extended: extendedOn !== null,
      decided: appealable ? lastDecision.date : undefined,
    });
  } catch (err) {
    if (isAppError(err)) return none(err.message, firstDecision);
    throw err;
  }

  const groupOf = new Map<string, DeadlineGroup>();
  rules.response.forEach((r) => groupOf.set(r.key, 'response'));
  rules.extension.deadlines.forEach((r) => groupOf.set(r.key, 'extension'));
  rules.escalations.forEach((r) => groupOf.set(r.key, 'escalation'));
  rules.appeals.forEach((a) => a.deadlines.forEach((r) => groupOf.set(r.key, 'appeal')));

  const deadlines = report.deadlines.map((d): RequestDeadline => {
    const group = groupOf.get(d.key) ?? (d.basis === 'decided' ? 'appeal' : 'response');
    let metOn: string | null;
    if (group === 'appeal') metOn = appealedOn;
    else if (group === 'response') metOn = earliest(firstDecision?.date ?? null, extendedOn);
    else metOn = firstDecision?.date ?? null;
    return { ...d, group, metOn, state: stateOf(d.date, metOn, withdrawnOn, today), daysLeft: daysBetween(today, d.date) };
  });

  const responses = deadlines.filter((d) => d.group === 'response');
  const extensions = deadlines.filter((d) => d.group === 'extension');
  const answerDue = extendedOn !== null && extensions.length > 0 ? extensions[0] : responses[responses.length - 1] ?? null;
  const appealDue = deadlines.find((d) => d.group === 'appeal') ?? null;
  return { report, deadlines, answerDue, appealDue, problem: null, firstDecision };
}

function stateOf(date: string, metOn: string | null, withdrawnOn: string | null, today: string): DeadlineState {
  if (metOn) return metOn <= date ? 'met' : 'late';
  if (withdrawnOn) return 'closed';
  return date >= today ? 'due' : 'overdue';
}

function earliest(a: string | null, b: string | null): string | null {
  if (a && b) return a < b ? a : b;
  return a ?? b;
}
