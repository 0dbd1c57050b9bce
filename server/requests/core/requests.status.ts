import { AppError } from '../../lib/errors';
import type { RequestStatus } from './requests.types';

/**
 * The life of a request as a state machine. The legal moves follow the procedure, not the screen:
 * a request is sent before it can be answered, refused before it can be appealed, appealed before
 * the appeal can be decided. After an appeal is decided the authority decides again (a new
 * decision) or we go on to the next appeal body (e.g. the Ombudsman). Withdrawn is final; so is a
 * full grant — nothing is left to ask for.
 */
const DECISIONS = ['granted', 'partly_granted', 'refused', 'no_documents'] as const satisfies readonly RequestStatus[];

export const TRANSITIONS: Readonly<Record<RequestStatus, readonly RequestStatus[]>> = {
  draft: ['sent', 'withdrawn'],
  // Silence can be appealed where the law says so (FOISA s.20(5)(a), offentleglova § 32 deemed refusal,
  // Regulation 1049/2001 art. 7(4), US constructive exhaustion), so an unanswered request may be appealed.
  sent: ['acknowledged', 'extended', ...DECISIONS, 'appealed', 'withdrawn'],
  acknowledged: ['extended', ...DECISIONS, 'appealed', 'withdrawn'],
  extended: [...DECISIONS, 'appealed', 'withdrawn'],
  granted: [],
  partly_granted: ['appealed', 'withdrawn'],
  refused: ['appealed', 'withdrawn'],
  no_documents: ['appealed', 'withdrawn'],
  appealed: ['appeal_decided', 'withdrawn'],
  appeal_decided: ['appealed', ...DECISIONS, 'withdrawn'],
  withdrawn: [],
};

/** Statuses in which the authority owes us an answer. */
export const AWAITING_ANSWER: readonly RequestStatus[] = ['sent', 'acknowledged', 'extended'];
/** Decisions of the authority (the day of the latest one starts the appeal clock). */
export const DECISION_STATUSES: readonly RequestStatus[] = DECISIONS;
/** Decisions one can appeal against. */
export const APPEALABLE: readonly RequestStatus[] = ['partly_granted', 'refused', 'no_documents', 'appeal_decided'];
/** Nothing more will happen: the request leaves the overview and the calendar. */
export const CLOSED: readonly RequestStatus[] = ['granted', 'withdrawn'];

export const STATUS_LABELS: Readonly<Record<RequestStatus, { en: string; da: string }>> = {
  draft: { en: 'draft', da: 'kladde' },
  sent: { en: 'sent', da: 'sendt' },
  acknowledged: { en: 'acknowledged', da: 'kvitteret' },
  extended: { en: 'extended', da: 'forlænget' },
  granted: { en: 'granted', da: 'imødekommet' },
  partly_granted: { en: 'partly granted', da: 'delvist imødekommet' },
  refused: { en: 'refused', da: 'afslået' },
  no_documents: { en: 'no documents', da: 'ingen dokumenter' },
  appealed: { en: 'appealed', da: 'påklaget' },
  appeal_decided: { en: 'appeal decided', da: 'klage afgjort' },
  withdrawn: { en: 'withdrawn', da: 'trukket tilbage' },
};

export function canTransition(from: RequestStatus, to: RequestStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Throws a 400 naming both states and what is possible instead. */
export function assertTransition(from: RequestStatus, to: RequestStatus): void {
  if (canTransition(from, to)) return;
  const label = (s: RequestStatus) => `"${STATUS_LABELS[s].en}" (${s})`;
  const next = TRANSITIONS[from];
  const why =
    from === to ? `The request is already ${label(from)}.`
    : `A request cannot go from ${label(from)} to ${label(to)}.`;
  const instead = next.length === 0
    ? ` ${label(from)} is final.`
    : ` From ${label(from)} it can go to: ${next.map((s) => s).join(', ')}.`;
  throw new AppError('validation_failed', `${why}${instead}`, { from, to, allowed: next });
}
