import type { Viewer } from '../../auth/viewer';
import type { DocumentRecord } from '../../documents/documents.types';
import type { EventsService } from '../events/events.service';
import type { EventPartyRole, EventSummary } from '../events/events.types';
import type { LinksService } from '../links/links.service';
import type { DocumentPartyRole } from '../links/links.types';
import type { PartiesService } from '../parties/parties.service';
import type { PartySummary } from '../parties/parties.types';
import { compareDated, type Dated } from '../shared/chronology';
import type { StoriesService } from '../stories/stories.service';
import type { StoryRecord } from '../stories/stories.types';

/**
 * A story's chronology: its events and its dated documents in order (see shared/chronology.ts for the
 * rule), each document under the event(s) it is linked to, each with who sent it to whom. A
 * document linked to an event of the story belongs to the story's timeline even if it was not
 * added to the story itself. Documents without a date are listed apart, at the end.
 */
export interface TimelineDocument {
  id: string;
  title: string;
  date: string | null;
  precision: DocumentRecord['datePrecision'];
  status: DocumentRecord['status'];
  parties: Record<DocumentPartyRole, PartySummary[]>;
}

export interface TimelineEvent extends EventSummary {
  description: string;
  parties: Record<EventPartyRole, PartySummary[]>;
}

export type TimelineEntry = { kind: 'event'; event: TimelineEvent; documents: TimelineDocument[] } | { kind: 'document'; document: TimelineDocument };

export interface Timeline {
  story: StoryRecord;
  entries: TimelineEntry[];
  undated: TimelineDocument[];
}

export function createTimelineService(deps: { stories: StoriesService; events: EventsService; links: LinksService; parties: PartiesService }) {
  const { stories, events, links, parties } = deps;

  return {
    build(viewer: Viewer, storyId: string): Timeline {
      const story = stories.get(viewer, storyId);
      const storyEvents = events.list(viewer, { storyId }, 100_000, 1).events;
      const underEvent = new Map<string, string[]>();
      for (const l of links.documentsOfEvents(viewer, storyEvents.map((e) => e.id))) {
        underEvent.set(l.eventId, [...(underEvent.get(l.eventId) ?? []), l.documentId]);
      }
      const placed = new Set([...underEvent.values()].flat());
      const own = links.readableDocuments(viewer, stories.itemIds(storyId, 'document'));
      const docs = links.documentRecords([...new Set([...placed, ...own])]);
      const partyLinks = links.partiesOfDocuments([...docs.keys()]);
      const eventParties = new Map(storyEvents.map((e) => [e.id, events.partyLinks(e.id)]));
      const names = parties.summaries([...new Set([...[...partyLinks.values()].flat().map((l) => l.partyId), ...[...eventParties.values()].flat().map((l) => l.partyId)])]);

      const byRole = <R extends string>(roles: readonly R[], list: Array<{ partyId: string; role: R }>): Record<R, PartySummary[]> => {
        const out = Object.fromEntries(roles.map((r) => [r, [] as PartySummary[]])) as Record<R, PartySummary[]>;
        for (const l of list) if (names.has(l.partyId)) out[l.role].push(names.get(l.partyId)!);
        return out;
      };
      const timelineDoc = (id: string): TimelineDocument | null => {
        const d = docs.get(id);
        if (!d) return null;
        return { id, title: d.title, date: d.documentDate, precision: d.datePrecision, status: d.status, parties: byRole(['sender', 'recipient', 'cc', 'mentioned', 'subject'] as const, partyLinks.get(id) ?? []) };
      };
      const asDated = (d: TimelineDocument): Dated => ({ kind: 'document', date: d.date, precision: d.precision, title: d.title, id: d.id });
      const sortDocs = (list: TimelineDocument[]) => list.sort((a, b) => compareDated(asDated(a), asDated(b)));

      const entries: Array<TimelineEntry & { key: Dated }> = [];
      for (const e of storyEvents) {
        const full = events.record(e.id);
        const documentsOf = sortDocs((underEvent.get(e.id) ?? []).map(timelineDoc).filter((d): d is TimelineDocument => d !== null));
        entries.push({
          kind: 'event',
          event: { ...e, description: full?.description ?? '', parties: byRole(['actor', 'target'] as const, eventParties.get(e.id) ?? []) },
          documents: documentsOf,
          key: { kind: 'event', date: e.date, precision: e.precision, endDate: e.endDate, title: e.title, id: e.id },
        });
      }
      const undated: TimelineDocument[] = [];
      for (const id of own) {
        if (placed.has(id)) continue;
        const d = timelineDoc(id);
        if (!d) continue;
        if (d.date) entries.push({ kind: 'document', document: d, key: asDated(d) });
        else undated.push(d);
      }
      entries.sort((a, b) => compareDated(a.key, b.key));
      return { story, entries: entries.map(({ key: _key, ...e }) => e as TimelineEntry), undated: undated.sort((a, b) => a.title.localeCompare(b.title, 'da')) };
    },
  };
}

export type TimelineService = ReturnType<typeof createTimelineService>;
