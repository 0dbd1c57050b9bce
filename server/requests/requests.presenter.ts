import type { RequestDeadline, RequestDeadlines } from './core/requests.deadlines';
import { presentExemption, presentStop } from './requests.law.routes';
import type { Overview } from './core/requests.service';
import type { RequestView } from './core/requests.service';
import type { LinkedDocument, LogEntry, RequestSummary, StatusChange } from './core/requests.types';

/** The JSON shapes of requests in the API (stable field names, links for clients). */
export function presentRequest(r: RequestSummary) {
  return {
    id: r.id,
    subject: r.subject,
    body: r.body,
    authorityId: r.authorityId,
    authority: r.authority,
    jurisdiction: r.jurisdiction,
    region: r.region ?? null,
    law: r.law,
    channel: r.channel,
    sentDate: r.sentDate,
    receivedDate: r.receivedDate,
    routedDate: r.routedDate ?? null,
    expedited: r.expedited ?? false,
    ourReference: r.ourReference,
    authorityReference: r.authorityReference,
    storyId: r.storyId,
    story: r.story,
    notes: r.notes,
    status: r.status,
    statusDate: r.statusDate,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    links: { self: `/api/requests/${r.id}`, html: `/requests/${r.id}` },
  };
}

export function presentChange(c: StatusChange) {
  return { id: c.id, from: c.fromStatus, to: c.toStatus, date: c.date, receivedOn: c.receivedOn ?? null, promisedDate: c.promisedDate ?? null, note: c.note, changedBy: c.changedBy, changedByName: c.changedByName, changedAt: c.changedAt };
}

export function presentLogEntry(e: LogEntry) {
  return { id: e.id, kind: e.kind, date: e.date, summary: e.summary, body: e.body, createdBy: e.createdBy, createdByName: e.createdByName, createdAt: e.createdAt };
}

export function presentLinkedDocument(d: LinkedDocument) {
  return {
    id: d.documentId, title: d.title, filename: d.filename, status: d.status, documentDate: d.documentDate, role: d.role,
    logEntryId: d.logEntryId, linkedAt: d.linkedAt, links: { self: `/api/documents/${d.documentId}`, html: `/documents/${d.documentId}` },
  };
}

export function presentDeadline(d: RequestDeadline) {
  return {
    key: d.key, name: d.name, nameDa: d.nameDa ?? null, date: d.date, rule: d.rule, ruleDa: d.ruleDa ?? null, source: d.source, basis: d.basis,
    binding: d.binding, group: d.group, state: d.state, daysLeft: d.daysLeft, metOn: d.metOn,
    from: d.from, stage: d.stage, awaits: d.awaits, confidence: d.confidence,
  };
}

export function presentDeadlines(dl: RequestDeadlines, today: string) {
  return {
    today,
    problem: dl.problem,
    jurisdiction: dl.report?.jurisdiction ?? null,
    start: dl.report?.start ?? null,
    answerDue: dl.answerDue ? { key: dl.answerDue.key, date: dl.answerDue.date, state: dl.answerDue.state } : null,
    appealDue: dl.appealDue ? { key: dl.appealDue.key, date: dl.appealDue.date, state: dl.appealDue.state } : null,
    appealAnswerDue: dl.appealAnswerDue ? { key: dl.appealAnswerDue.key, date: dl.appealAnswerDue.date, state: dl.appealAnswerDue.state } : null,
    region: dl.report?.region ?? null,
    extension: dl.report?.extension ?? null,
    deadlines: dl.deadlines.map(presentDeadline),
    assumptions: dl.report?.assumptions ?? [],
    assumptionsDa: dl.report?.assumptionsDa ?? [],
    notes: dl.report?.notes ?? [],
    notesDa: dl.report?.notesDa ?? [],
  };
}

export function presentView(v: RequestView) {
  return {
    ...presentRequest(v.request),
    history: v.history.map(presentChange),
    log: v.log.map(presentLogEntry),
    documents: v.documents.map(presentLinkedDocument),
    deadlines: presentDeadlines(v.deadlines, v.today),
    clockStops: (v.clockStops ?? []).map(presentStop),
    exemptions: (v.exemptions ?? []).map(presentExemption),
    appealBody: v.directory?.appealBodyKey ? { key: v.directory.appealBodyKey, name: v.directory.appealBodyName } : null,
  };
}

export function presentOverview(o: Overview) {
  return {
    today: o.today,
    groupBy: o.groupBy,
    counts: o.counts,
    buckets: Object.fromEntries(Object.entries(o.buckets).map(([bucket, groups]) => [
      bucket,
      groups.map((g) => ({
        key: g.key || null,
        label: g.label,
        requests: g.items.map((i) => ({
          ...presentRequest(i.request),
          deadline: i.deadline ? { key: i.deadline.key, name: i.deadline.name, date: i.deadline.date, state: i.deadline.state, daysLeft: i.deadline.daysLeft } : null,
        })),
      })),
    ])),
  };
}
