import type { AuditLog } from '../../auth/audit';
import type { Viewer } from '../../auth/viewer';
import type { Db } from '../../db/connection';
import { AppError } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import { newId } from '../../lib/ids';
import type { OutboxRepository } from '../../../search/outbox.repository';
import { DEFAULT_JURISDICTION, getRules } from '../deadlines';
import { assertCanWrite, visibleDocuments, visibleRequests, visibleStories } from './requests.access';
import { evaluateDeadlines, type RequestDeadlines } from './requests.deadlines';
import { checkDay, todayOf } from './requests.dates';
import { BUCKETS, byUrgency, classify, groupItems, type Bucket, type GroupBy, type OverviewGroup, type OverviewItem } from './requests.overview';
import type { ListFilter, RequestFields, RequestsRepository } from './requests.repository';
import type { CreateRequestInput, StatusInput, UpdateRequestInput } from './requests.schema';
import { assertTransition } from './requests.status';
import type { DirectoryEntry, LawRepository } from './requests.law.repository';
import type { ClockStopRecord, ExemptionRecord, LinkedDocument, LogEntry, RequestStatus, RequestSummary, StatusChange } from './requests.types';

/** The rules of requests: what may be stored, which status may follow which, and who may do it. */
export interface RequestView {
  request: RequestSummary;
  history: StatusChange[];
  log: LogEntry[];
  documents: LinkedDocument[];
  deadlines: RequestDeadlines;
  clockStops?: ClockStopRecord[];
  /** the authority's list of documents: decisions and legal bases (suggested ones included). */
  exemptions?: ExemptionRecord[];
  /** the authority in the FOI directory, with the body that hears complaints about it. */
  directory?: DirectoryEntry | null;
  today: string;
}

export interface Overview {
  today: string;
  groupBy: GroupBy;
  counts: Record<Bucket, number>;
  buckets: Record<Bucket, OverviewGroup[]>;
}

/** A region is kept only where the rules let a request choose one (a German Land); unknown codes are a 400. */
function regionOf(jurisdiction: string, region: string | null | undefined): string | null {
  if (!region) return null;
  const code = region.trim().toUpperCase();
  const choice = getRules(jurisdiction).calendar.regionChoice;
  if (!choice) throw AppError.invalid(`region: ${getRules(jurisdiction).name} has one holiday calendar; leave the region empty.`);
  if (!choice[code]) throw AppError.invalid(`region: "${code}" is not one of ${Object.keys(choice).join(', ')}.`);
  return code;
}

/** The law a request is made under when the journalist names none. */
export function defaultLaw(jurisdiction: string): string {
  const rules = getRules(jurisdiction);
  return rules.code === 'DK' ? 'offentlighedsloven' : rules.law.name;
}

export function createRequestsService(deps: {
  db: Db; requests: RequestsRepository; outbox: OutboxRepository; audit: AuditLog; clock: Clock; law: LawRepository;
  /** reads the aktliste of the request's answers into suggestions (requests.law.service). */
  suggestFromAnswers?: (viewer: Viewer, req: RequestSummary) => void;
}) {
  const { db, requests: repo, outbox, audit, clock, law } = deps;
  const stopsOf = (id: string) => law.stops(id).map((s) => ({ kind: s.kind, from: s.from, to: s.to }));
  const today = () => todayOf(clock);

  function get(viewer: Viewer, id: string): RequestSummary {
    const r = repo.get(id, visibleRequests(viewer, clock.now()));
    if (!r) throw AppError.notFound('This request');
    return r;
  }

  function authorityOf(id: string) {
    const party = repo.party(id);
    if (!party) throw AppError.notFound('This authority');
    return party;
  }

  function storyOf(viewer: Viewer, id: string | null | undefined): string | null {
    if (!id) return null;
    const story = repo.story(id, visibleStories(viewer, clock.now()));
    if (!story) throw AppError.notFound('This story');
    return story.id;
  }

  /** Days the journalist typed: real, not in the future, received not before sent. */
  function checkDates(sent: string | null, received: string | null, history: StatusChange[] = []): void {
    const now = today();
    if (sent && sent > now) throw AppError.invalid(`sentDate ${sent} is in the future; record the request as a draft until it is sent.`);
    if (received && received > now) throw AppError.invalid(`receivedDate ${received} is in the future.`);
    if (received && !sent) throw AppError.invalid('receivedDate needs a sentDate: the authority cannot receive a request before it is sent.');
    if (sent && received && received < sent) throw AppError.invalid(`receivedDate ${received} is before sentDate ${sent}: the authority cannot receive the request before it was sent.`);
    // The authority cannot have answered (or acknowledged) a request before it had it.
    const answered = history.filter((h) => !['draft', 'sent', 'withdrawn'].includes(h.toStatus)).map((h) => h.date).sort()[0];
    const start = received ?? sent;
    if (answered && start && start > answered) {
      throw AppError.invalid(`${received ? 'receivedDate' : 'sentDate'} ${start} is after the first answer recorded (${answered}); correct the status history first.`);
    }
  }

  const day = (v: string | null | undefined, field: string): string | null | undefined =>
    v === undefined ? undefined : v === null ? null : checkDay(v, field);

  function create(viewer: Viewer, input: CreateRequestInput): RequestSummary {
    assertCanWrite(viewer);
    const jurisdiction = getRules(input.jurisdiction || DEFAULT_JURISDICTION).code;
    const sentDate = day(input.sentDate, 'sentDate') ?? null;
    const receivedDate = day(input.receivedDate, 'receivedDate') ?? null;
    checkDates(sentDate, receivedDate);
    const status: RequestStatus = input.status ?? (sentDate ? 'sent' : 'draft');
    if (status === 'sent' && !sentDate) throw AppError.invalid('sentDate: give the day the request was sent, or save it as a draft.');
    authorityOf(input.authorityId);
    const fields: RequestFields = {
      id: newId('req'),
      authorityId: input.authorityId,
      subject: input.subject,
      body: input.body ?? '',
      jurisdiction,
      region: regionOf(jurisdiction, input.region ?? null),
      law: input.law || defaultLaw(jurisdiction),
      channel: input.channel ?? null,
      sentDate,
      receivedDate,
      routedDate: day(input.routedDate, 'routedDate') ?? null,
      expedited: input.expedited ?? false,
      ourReference: input.ourReference?.trim() ?? '',
      authorityReference: input.authorityReference?.trim() ?? '',
      storyId: storyOf(viewer, input.storyId),
      notes: input.notes ?? '',
    };
    const now = clock.now().toISOString();
    const statusDate = status === 'sent' ? sentDate! : today();
    db.transaction(() => {
      repo.insert(fields, status, statusDate, viewer.userId, now);
      repo.addStatus({ requestId: fields.id, fromStatus: null, toStatus: status, date: statusDate, receivedOn: null, promisedDate: null, note: '', changedBy: viewer.userId, changedByName: viewer.name, changedAt: now });
      repo.moveStoryItem(fields.id, null, fields.storyId, now);
      audit.record(viewer, { action: 'create', entityType: 'request', entityId: fields.id, summary: fields.subject, after: { ...fields, status } });
    })();
    return get(viewer, fields.id);
  }

  function update(viewer: Viewer, id: string, input: UpdateRequestInput): RequestSummary {
    assertCanWrite(viewer);
    const before = get(viewer, id);
    const jurisdiction = input.jurisdiction ? getRules(input.jurisdiction).code : before.jurisdiction;
    // A law left at the old jurisdiction's default follows the jurisdiction.
    const lawFollows = input.law === undefined && jurisdiction !== before.jurisdiction && before.law === defaultLaw(before.jurisdiction);
    const sentDate = day(input.sentDate, 'sentDate');
    const receivedDate = day(input.receivedDate, 'receivedDate');
    const next: RequestFields = {
      id,
      authorityId: input.authorityId ?? before.authorityId,
      subject: input.subject ?? before.subject,
      body: input.body ?? before.body,
      jurisdiction,
      region: regionOf(jurisdiction, input.region === undefined ? (jurisdiction === before.jurisdiction ? before.region : null) : input.region),
      law: input.law ?? (lawFollows ? defaultLaw(jurisdiction) : before.law),
      channel: input.channel === undefined ? before.channel : input.channel,
      sentDate: sentDate === undefined ? before.sentDate : sentDate,
      receivedDate: receivedDate === undefined ? before.receivedDate : receivedDate,
      routedDate: input.routedDate === undefined ? before.routedDate ?? null : day(input.routedDate, 'routedDate') ?? null,
      expedited: input.expedited ?? before.expedited ?? false,
      ourReference: input.ourReference?.trim() ?? before.ourReference,
      authorityReference: input.authorityReference?.trim() ?? before.authorityReference,
      storyId: input.storyId === undefined ? before.storyId : storyOf(viewer, input.storyId),
      notes: input.notes ?? before.notes,
    };
    if (!next.authorityId) throw AppError.invalid('authorityId: choose the authority the request went to.');
    if (input.authorityId) authorityOf(input.authorityId);
    checkDates(next.sentDate, next.receivedDate, repo.history(id));
    if (!next.sentDate && before.status !== 'draft') throw AppError.invalid(`sentDate cannot be removed from a request that is ${before.status}.`);
    const now = clock.now().toISOString();
    db.transaction(() => {
      repo.update(next, now);
      if (next.storyId !== before.storyId) repo.moveStoryItem(id, before.storyId, next.storyId, now);
      audit.record(viewer, { action: 'update', entityType: 'request', entityId: id, summary: next.subject, before: strip(before), after: next });
      // The index carries each document's requests and stories; a moved request moves them too.
      if (next.storyId !== before.storyId) for (const doc of repo.documentIdsOf(id)) outbox.add(doc, 'upsert', now);
    })();
    return get(viewer, id);
  }

  function remove(viewer: Viewer, id: string): void {
    assertCanWrite(viewer);
    const before = get(viewer, id);
    const now = clock.now().toISOString();
    db.transaction(() => {
      const docs = repo.documentIdsOf(id);
      repo.delete(id);
      for (const doc of docs) outbox.add(doc, 'upsert', now);
      audit.record(viewer, { action: 'delete', entityType: 'request', entityId: id, summary: before.subject, before: strip(before) });
    })();
  }

  function changeStatus(viewer: Viewer, id: string, input: StatusInput): { request: RequestSummary; change: StatusChange } {
    assertCanWrite(viewer);
    const req = get(viewer, id);
    assertTransition(req.status, input.status);
    const now = today();
    const date = day(input.date, 'date') ?? now;
    if (date > now) throw AppError.invalid(`date ${date} is in the future; record the change on the day it happens.`);
    const history = repo.history(id);
    const previous = [...history].reverse().find((h) => h.toStatus !== 'draft');
    if (input.status !== 'sent') {
      if (req.sentDate && date < req.sentDate) throw AppError.invalid(`date ${date} is before the request was sent (${req.sentDate}).`);
      if (previous && date < previous.date) {
        throw AppError.invalid(`date ${date} is before the previous change (${previous.toStatus}, ${previous.date}); changes are recorded in the order they happened.`);
      }
    }
    const sentDate = input.status === 'sent' ? (input.date ? date : req.sentDate ?? date) : req.sentDate;
    const receivedDate = day(input.receivedDate, 'receivedDate') ?? req.receivedDate;
    checkDates(sentDate, receivedDate, [...history, { toStatus: input.status, date } as StatusChange]);
    const at = clock.now().toISOString();
    const receivedOn = day(input.receivedOn, 'receivedOn') ?? null;
    if (receivedOn && !['granted', 'partly_granted', 'refused', 'no_documents', 'appeal_decided', 'extended', 'acknowledged'].includes(input.status)) {
      throw AppError.invalid('receivedOn is the day a letter from the authority arrived; it belongs to a decision, an appeal decision or a notice.');
    }
    if (receivedOn && receivedOn < date) throw AppError.invalid(`receivedOn ${receivedOn} is before the date on the letter (${date}).`);
    if (receivedOn && receivedOn > now) throw AppError.invalid(`receivedOn ${receivedOn} is in the future.`);
    const promisedDate = day(input.promisedDate, 'promisedDate') ?? null;
    if (promisedDate && input.status !== 'extended') throw AppError.invalid('promisedDate belongs to a notice of extension or delay (status "extended").');
    if (promisedDate && promisedDate < date) throw AppError.invalid(`promisedDate ${promisedDate} is before the notice itself (${date}).`);
    const change: Omit<StatusChange, 'id'> = {
      requestId: id, fromStatus: req.status, toStatus: input.status, date, receivedOn, promisedDate, note: input.note?.trim() ?? '',
      changedBy: viewer.userId, changedByName: viewer.name, changedAt: at,
    };
    let changeId = 0;
    db.transaction(() => {
      if (sentDate !== req.sentDate || receivedDate !== req.receivedDate) repo.update({ ...strip(req), sentDate, receivedDate }, at);
      changeId = repo.addStatus(change);
      repo.setStatus(id, input.status, date, at);
      audit.record(viewer, {
        action: 'update', entityType: 'request', entityId: id, summary: `status ${req.status} → ${input.status}`,
        before: { status: req.status }, after: { status: input.status, date, note: change.note },
      });
    })();
    return { request: get(viewer, id), change: { id: changeId, ...change } };
  }

  /** The status history of a request the viewer may read (its decisions, with the day each arrived). */
  function history(viewer: Viewer, id: string): StatusChange[] {
    get(viewer, id);
    return repo.history(id);
  }

  function view(viewer: Viewer, id: string): RequestView {
    const request = get(viewer, id);
    const history = repo.history(id);
    const t = today();
    deps.suggestFromAnswers?.(viewer, request);
    const clockStops = law.stops(id);
    return {
      request,
      history,
      log: repo.log(id),
      documents: repo.documents(id, visibleDocuments(viewer, clock.now())),
      deadlines: evaluateDeadlines(request, history, t, clockStops.map((s) => ({ kind: s.kind, from: s.from, to: s.to }))),
      clockStops,
      exemptions: law.exemptions(id),
      directory: request.authorityId ? law.directoryOfParty(request.authorityId) : null,
      today: t,
    };
  }

  function list(viewer: Viewer, filter: ListFilter, page = 1, perPage = 100): { requests: RequestSummary[]; total: number } {
    const visible = visibleRequests(viewer, clock.now());
    return { requests: repo.list(visible, filter, perPage, (page - 1) * perPage), total: repo.count(visible, filter) };
  }

  function overview(viewer: Viewer, filter: ListFilter, groupBy: GroupBy, noneLabel = '—'): Overview {
    const t = today();
    const all = repo.list(visibleRequests(viewer, clock.now()), filter);
    const histories = repo.histories(all.map((r) => r.id));
    const stops = law.stopsOf(all.map((r) => r.id));
    const items: OverviewItem[] = all.map((request) => {
      const c = classify(request, evaluateDeadlines(request, histories.get(request.id) ?? [], t, (stops.get(request.id) ?? []).map((s) => ({ kind: s.kind, from: s.from, to: s.to }))), t);
      return { request, bucket: c.bucket, deadline: c.deadline };
    });
    const counts = Object.fromEntries(BUCKETS.map((b) => [b, 0])) as Record<Bucket, number>;
    const buckets = Object.fromEntries(BUCKETS.map((b) => {
      const inBucket = items.filter((i) => i.bucket === b).sort(byUrgency);
      counts[b] = inBucket.length;
      return [b, groupItems(inBucket, groupBy, noneLabel)];
    })) as Record<Bucket, OverviewGroup[]>;
    return { today: t, groupBy, counts, buckets };
  }

  return {
    get,
    view,
    history,
    list,
    overview,
    create,
    update,
    remove,
    changeStatus,
    deadlines(viewer: Viewer, id: string): RequestDeadlines {
      const request = get(viewer, id);
      return evaluateDeadlines(request, repo.history(id), today(), stopsOf(id));
    },
    /** For pickers: authorities first, then every other party. */
    parties: () => repo.parties(),
    stories: (viewer: Viewer) => repo.stories(visibleStories(viewer, clock.now())),
    today,
  };
}

/** The stored fields of a summary (drops the joined names). */
function strip(r: RequestSummary): RequestFields {
  const { authority: _a, story: _s, status: _st, statusDate: _sd, createdAt: _c, updatedAt: _u, createdBy: _cb, ...fields } = r;
  return { ...fields, region: r.region ?? null, routedDate: r.routedDate ?? null, expedited: r.expedited ?? false };
}

export type RequestsService = ReturnType<typeof createRequestsService>;
