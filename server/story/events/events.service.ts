import { foldDanish } from '../../../search/text/danish';
import type { AuditLog } from '../../auth/audit';
import { assertMayManage } from '../../auth/permissions';
import type { Viewer } from '../../auth/viewer';
import type { Db } from '../../db/connection';
import { AppError } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import { parsePartialDate } from '../../lib/dates';
import { newId } from '../../lib/ids';
import type { PartiesService } from '../parties/parties.service';
import { periodStart } from '../shared/chronology';
import type { Guards } from '../shared/guards';
import { isId } from '../shared/input';
import type { Writes } from '../shared/writes';
import type { StoriesService } from '../stories/stories.service';
import type { EventsRepository } from './events.repository';
import type { EventCreate, EventUpdate } from './events.schema';
import type { EventParty, EventPartyRole, EventRecord, EventSummary } from './events.types';

/**
 * The rules of events: dates as precise as known (day, month or year), an end not before the
 * start, at most one story (whose access the event shares; an event made from a document shares
 * that document's too — server/auth/follows.ts), parties as actors or targets. Moving an event to
 * another story changes who may read it, so that and deleting are for its creator, editors and
 * admins (server/auth/permissions.ts).
 */
export function createEventsService(deps: { db: Db; events: EventsRepository; parties: PartiesService; stories: StoriesService; guards: Guards; writes: Writes; audit: AuditLog; clock: Clock }) {
  const { db, events, parties, stories, guards, writes, audit, clock } = deps;
  const now = () => clock.now().toISOString();

  /** The event if it exists and the viewer may read it; 404 otherwise (existence is not revealed). */
  function get(viewer: Viewer, id: string, what = 'This event'): EventRecord {
    const e = isId('event', id) ? events.get(id) : null;
    if (!e || !guards.canReadEvent(viewer, e)) throw AppError.notFound(what);
    return e;
  }

  function dates(date: string, endDate: string | null | undefined) {
    const start = parsePartialDate(date, 'date');
    const end = endDate ? parsePartialDate(endDate, 'endDate') : null;
    if (end && periodStart(end.value) < periodStart(start.value)) throw AppError.invalid('endDate is before the date.');
    return { date: start.value, precision: start.precision, endDate: end?.value ?? null };
  }

  const checkParty = (partyId: string) => void parties.get(partyId);

  const service = {
    get,

    /** `sourceDocumentId`: the document the event was made from (the caller has checked it is readable). */
    create(viewer: Viewer, input: EventCreate, sourceDocumentId: string | null = null): EventRecord {
      guards.requireWrite(viewer);
      const d = dates(input.date, input.endDate);
      if (input.storyId != null) stories.get(viewer, input.storyId);
      for (const p of input.parties ?? []) checkParty(p.partyId);
      const id = newId('evt');
      db.transaction(() => {
        events.insert({ id, title: input.title, ...d, description: input.description ?? '', storyId: input.storyId ?? null, sourceDocumentId, createdBy: viewer.userId }, now());
        for (const p of input.parties ?? []) events.addParty(id, p.partyId, p.role);
        audit.record(viewer, { action: 'create', entityType: 'event', entityId: id, summary: input.title, after: { ...events.get(id), parties: events.parties(id) } });
      })();
      return events.get(id)!;
    },

    update(viewer: Viewer, id: string, patch: EventUpdate): EventRecord {
      guards.requireWrite(viewer);
      const before = get(viewer, id);
      const d = dates(patch.date ?? before.date, patch.endDate === undefined ? before.endDate : patch.endDate);
      const storyId = patch.storyId === undefined ? before.storyId : patch.storyId;
      if (storyId !== before.storyId) {
        // The event takes its new story's access: that is an access change.
        assertMayManage(viewer, before, 'this event');
        if (storyId != null) stories.get(viewer, storyId);
      }
      writes.update(viewer, { entityType: 'event', entityId: id, summary: patch.title ?? before.title }, {
        apply: () => events.update(id, { title: patch.title ?? before.title, ...d, description: patch.description === undefined ? before.description : patch.description ?? '', storyId }, now()),
        // Index records carry event ids and titles and the stories reached through events.
        documentIds: () => (patch.title !== undefined || storyId !== before.storyId || d.date !== before.date ? events.documentIds(id) : null),
        before: () => before,
        after: () => events.get(id),
      });
      return events.get(id)!;
    },

    delete(viewer: Viewer, id: string): EventRecord {
      guards.requireWrite(viewer);
      const event = get(viewer, id);
      assertMayManage(viewer, event, 'this event');
      writes.delete(viewer, { entityType: 'event', entityId: id, summary: event.title }, event, {
        documentIds: () => events.documentIds(id),
        remove: () => {
          events.delete(id);
          return { parties: events.parties(id) };
        },
      });
      return event;
    },

    parties(viewer: Viewer, id: string): EventParty[] {
      get(viewer, id);
      const links = events.parties(id);
      const summaries = parties.summaries(links.map((l) => l.partyId));
      return links.flatMap((l) => (summaries.has(l.partyId) ? [{ party: summaries.get(l.partyId)!, role: l.role }] : []));
    },

    addParty(viewer: Viewer, id: string, partyId: string, role: EventPartyRole): { added: boolean } {
      guards.requireWrite(viewer);
      const event = get(viewer, id);
      checkParty(partyId);
      let added = false;
      db.transaction(() => {
        added = events.addParty(id, partyId, role);
        if (added) audit.record(viewer, { action: 'link', entityType: 'event', entityId: id, summary: `${role} ${partyId} → ${event.title}`, after: { partyId, role } });
      })();
      return { added };
    },

    removeParty(viewer: Viewer, id: string, partyId: string, role: EventPartyRole): void {
      guards.requireWrite(viewer);
      const event = get(viewer, id);
      db.transaction(() => {
        if (!events.removeParty(id, partyId, role)) throw AppError.notFound('This party link of the event');
        audit.record(viewer, { action: 'unlink', entityType: 'event', entityId: id, summary: `${role} ${partyId} ✕ ${event.title}`, before: { partyId, role } });
      })();
    },

    list(viewer: Viewer, filter: { storyId?: string; partyId?: string; documentId?: string; date?: string; q?: string }, limit: number, page: number) {
      const ids = filter.q?.trim() ? service.suggest(viewer, filter.q, 10_000).map((e) => e.id) : undefined;
      return events.list(guards.eventSql(viewer), { ...filter, ids }, limit, (page - 1) * limit);
    },

    /** Type-ahead on titles (Danish-folded), prefix matches first, newest first among equals. */
    suggest(viewer: Viewer, q: string, limit = 10): EventSummary[] {
      const fq = foldDanish(q.trim());
      const all = events.titles(guards.eventSql(viewer));
      if (!fq) return all.slice(0, limit);
      const scored = all.flatMap((e) => {
        const f = foldDanish(e.title);
        const score = f.startsWith(fq) ? 0 : f.split(/[^\p{L}\p{N}]+/u).some((w) => w.startsWith(fq)) ? 1 : f.includes(fq) ? 2 : -1;
        return score < 0 ? [] : [{ e, score }];
      });
      return scored.sort((a, b) => a.score - b.score).slice(0, limit).map((s) => s.e);
    },

    byExactTitle(viewer: Viewer, title: string): EventSummary[] {
      const f = foldDanish(title.trim());
      return events.titles(guards.eventSql(viewer)).filter((e) => foldDanish(e.title) === f);
    },

    findByTitle: (title: string, storyId: string | null) => events.findByTitle(title, storyId),

    // For pages over events the caller already listed through `list` (so the viewer may read them).
    /** The full record, description included. */
    record: (id: string) => events.get(id),
    /** The event's parties by id and role. */
    partyLinks: (id: string) => events.parties(id),
  };
  return service;
}

export type EventsService = ReturnType<typeof createEventsService>;
