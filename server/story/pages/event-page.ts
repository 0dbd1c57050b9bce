import type { Viewer } from '../../auth/viewer';
import type { EventsService } from '../events/events.service';
import type { EventParty, EventRecord } from '../events/events.types';
import type { LinksService } from '../links/links.service';
import { DOCUMENT_PARTY_ROLES, linkedDocument, type DocumentPartyRole, type LinkedDocument } from '../links/links.types';
import type { PartiesService } from '../parties/parties.service';
import type { PartySummary } from '../parties/parties.types';
import { compareDated } from '../shared/chronology';
import type { StoriesService } from '../stories/stories.service';
import type { StorySummary } from '../stories/stories.types';

/** An event's page: the event, its story, its parties, and its documents in date order with who sent them to whom. */
export interface EventPage {
  event: EventRecord;
  story: StorySummary | null;
  parties: EventParty[];
  documents: Array<LinkedDocument & { parties: Record<DocumentPartyRole, PartySummary[]> }>;
}

export function createEventPage(deps: { events: EventsService; links: LinksService; parties: PartiesService; stories: StoriesService }) {
  const { events, links, parties, stories } = deps;
  return {
    build(viewer: Viewer, id: string): EventPage {
      const event = events.get(viewer, id);
      const story = event.storyId ? stories.get(viewer, event.storyId) : null;
      const ids = links.documentsOfEvents(viewer, [id]).map((l) => l.documentId);
      const docs = links.documentRecords(ids);
      const partyLinks = links.partiesOfDocuments(ids);
      const names = parties.summaries([...new Set([...partyLinks.values()].flat().map((l) => l.partyId))]);
      const list = ids.flatMap((docId) => {
        const d = docs.get(docId);
        if (!d) return [];
        const byRole = Object.fromEntries(DOCUMENT_PARTY_ROLES.map((r) => [r, [] as PartySummary[]])) as Record<DocumentPartyRole, PartySummary[]>;
        for (const l of partyLinks.get(docId) ?? []) if (names.has(l.partyId)) byRole[l.role].push(names.get(l.partyId)!);
        return [{ ...linkedDocument(d), parties: byRole }];
      });
      list.sort((a, b) => compareDated({ kind: 'document', date: a.documentDate, precision: a.datePrecision, title: a.title, id: a.id }, { kind: 'document', date: b.documentDate, precision: b.datePrecision, title: b.title, id: b.id }));
      return {
        event,
        story: story ? { id: story.id, title: story.title, accessLevel: story.accessLevel } : null,
        parties: events.parties(viewer, id),
        documents: list,
      };
    },
  };
}

export type EventPageService = ReturnType<typeof createEventPage>;
