import type { Viewer } from '../auth/viewer';
import { AppError } from '../lib/errors';
import type { Clock } from '../lib/clock';
import { calendarFor, getRules } from './deadlines';
import { compareDates } from './deadlines/calendar';
import { visibleRequests } from './core/requests.access';
import { evaluateDeadlines } from './core/requests.deadlines';
import { daysBetween, todayOf } from './core/requests.dates';
import type { BasisCount, LawRepository } from './core/requests.law.repository';
import type { RequestsRepository } from './core/requests.repository';
import { AWAITING_ANSWER, DECISION_STATUSES } from './core/requests.status';
import type { PartyRef, RequestStatus } from './core/requests.types';

/**
 * An authority's record with the newsroom's requests: the figures a newsroom quotes when an
 * authority stalls. Only requests that were sent count, and only those the viewer may see.
 *
 * - days to answer: from receipt (or sending, when receipt is unknown) to the first decision, in
 *   calendar days and in the jurisdiction's working days; the median is over answered requests;
 * - on time: the first decision came by the answer date (the legal deadline, or the extension
 *   deadline once the authority extended); the share is over answered requests plus unanswered
 *   ones already overdue — an authority does not look punctual by never answering;
 * - refusals: requests whose latest decision is a refusal (partly granted counted apart).
 */
export interface AuthorityRecordRequest {
  id: string;
  subject: string;
  status: RequestStatus;
  sentDate: string;
  answerDue: string | null;
  answeredOn: string | null;
  daysToAnswer: number | null;
  workingDaysToAnswer: number | null;
  onTime: boolean | null;
  outcome: RequestStatus | null;
}

export interface AuthorityRecord {
  authority: PartyRef;
  asOf: string;
  requests: AuthorityRecordRequest[];
  figures: {
    sent: number;
    open: number;
    answered: number;
    overdueOpen: number;
    answeredOnTime: number;
    /** answeredOnTime / (answered + overdueOpen), 0–1; null when nothing is due yet. */
    onTimeShare: number | null;
    medianDaysToAnswer: number | null;
    medianWorkingDaysToAnswer: number | null;
    granted: number;
    partlyGranted: number;
    refused: number;
    noDocuments: number;
    /** refused / decided (decided = requests with at least one decision). */
    refusalShare: number | null;
    appealed: number;
  };
  /**
   * Documents refused (or partly refused) per legal basis, from the accepted records of the lists
   * of documents: "refused 14 documents under § 23". `ref` and names come from the rules files.
   */
  refusalsByBasis: Array<BasisCount & { ref: string; name: string; nameDa: string }>;
  /** the body that hears complaints about this authority, from the FOI directory. */
  appealBody: { key: string; name: string } | null;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function workingDaysBetween(jurisdiction: string, from: string, to: string): number | null {
  try {
    const cal = calendarFor(getRules(jurisdiction).code);
    let n = 0;
    for (let day = from; compareDates(day, to) < 0; ) {
      day = cal.addWorkingDays(day, 1);
      if (compareDates(day, to) <= 0) n++;
      if (n > 5000) break;
    }
    return n;
  } catch {
    return null;
  }
}

export function createAuthorityRecord(deps: { requests: RequestsRepository; law: LawRepository; clock: Clock }) {
  const { requests: repo, law, clock } = deps;

  return function authorityRecord(partyId: string, viewer: Viewer): AuthorityRecord {
    const authority = repo.party(partyId);
    if (!authority) throw AppError.notFound('This party');
    const today = todayOf(clock);
    const list = repo.list(visibleRequests(viewer, clock.now()), { authorityId: partyId })
      .filter((r) => r.sentDate && r.status !== 'draft');
    const histories = repo.histories(list.map((r) => r.id));
    const stops = law.stopsOf(list.map((r) => r.id));

    const rows: AuthorityRecordRequest[] = list.map((r) => {
      const history = histories.get(r.id) ?? [];
      const dl = evaluateDeadlines(r, history, today, stops.get(r.id)?.map((s) => ({ kind: s.kind, from: s.from, to: s.to })));
      const answeredOn = dl.firstDecision?.date ?? null;
      const start = r.receivedDate ?? r.sentDate!;
      const decisions = history.filter((h) => DECISION_STATUSES.includes(h.toStatus));
      const due = dl.answerDue?.date ?? null;
      return {
        id: r.id,
        subject: r.subject,
        status: r.status,
        sentDate: r.sentDate!,
        answerDue: due,
        answeredOn,
        daysToAnswer: answeredOn ? Math.max(0, daysBetween(start, answeredOn)) : null,
        workingDaysToAnswer: answeredOn ? workingDaysBetween(r.jurisdiction, start, answeredOn) : null,
        onTime: answeredOn ? (due ? answeredOn <= due : null) : due && due < today && AWAITING_ANSWER.includes(r.status) ? false : null,
        outcome: decisions.length ? decisions[decisions.length - 1].toStatus : null,
      };
    });

    const answered = rows.filter((r) => r.answeredOn);
    const overdueOpen = rows.filter((r) => !r.answeredOn && r.onTime === false).length;
    const answeredOnTime = answered.filter((r) => r.onTime === true).length;
    const judged = answered.filter((r) => r.onTime !== null).length + overdueOpen;
    const count = (s: RequestStatus) => rows.filter((r) => r.outcome === s).length;
    const decided = rows.filter((r) => r.outcome).length;
    const dir = law.directoryOfParty(partyId);
    const refusalsByBasis = law.basisCounts(list.map((r) => r.id)).map((c) => {
      const basis = list.map((r) => r.jurisdiction).flatMap((j) => { try { return getRules(j).exemptions; } catch { return []; } }).find((e) => e.key === c.basis);
      return { ...c, ref: basis?.ref ?? c.basis, name: basis?.name ?? c.basis, nameDa: basis?.nameDa ?? basis?.name ?? c.basis };
    });
    return {
      authority,
      asOf: today,
      refusalsByBasis,
      appealBody: dir?.appealBodyKey && dir.appealBodyName ? { key: dir.appealBodyKey, name: dir.appealBodyName } : null,
      requests: rows,
      figures: {
        sent: rows.length,
        open: rows.filter((r) => AWAITING_ANSWER.includes(r.status)).length,
        answered: answered.length,
        overdueOpen,
        answeredOnTime,
        onTimeShare: judged ? answeredOnTime / judged : null,
        medianDaysToAnswer: median(answered.map((r) => r.daysToAnswer!)),
        medianWorkingDaysToAnswer: median(answered.map((r) => r.workingDaysToAnswer).filter((n): n is number => n !== null)),
        granted: count('granted'),
        partlyGranted: count('partly_granted'),
        refused: count('refused'),
        noDocuments: count('no_documents'),
        refusalShare: decided ? count('refused') / decided : null,
        appealed: rows.filter((r) => (histories.get(r.id) ?? []).some((h) => h.toStatus === 'appealed')).length,
      },
    };
  };
}

export type AuthorityRecordFn = ReturnType<typeof createAuthorityRecord>;
