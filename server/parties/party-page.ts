import type { Viewer } from '../auth/viewer';
import type { DocumentsRepository } from '../documents/documents.repository';
import type { EventsRepository } from '../events/events.repository';
import type { EventPartyRole, EventSummary } from '../events/events.types';
import type { EventsService } from '../events/events.service';
import type { Guards } from '../links/guards';
import type { LinksRepository } from '../links/links.repository';
import { DOCUMENT_PARTY_ROLES, linkedDocument, type DocumentPartyRole, type LinkedDocument } from '../links/links.types';
import type { StoriesService } from '../stories/stories.service';
import type { StorySummary } from '../stories/stories.types';
import type { PartiesService } from './parties.service';
import type { PartyLinkCounts, PartyRecord, PartySummary } from './parties.types';

/**
 * Everything a party's page shows: where it sits in the tree, the documents it sent, received or
 * is mentioned in (only those the viewer may read), the events it acted in, its stories.
 * FOI requests to the party arrive with the requests issue.
 */
export interface PartyPage {
  party: PartyRecord;
  ancestors: PartySummary[];
  children: PartySummary[];
  documentsByRole: Record<DocumentPartyRole, LinkedDocument[]>;
  events: Array<EventSummary & { roles: EventPartyRole[] }>;
  stories: StorySummary[];
  counts: PartyLinkCounts;
}

export function createPartyPage(deps: { parties: PartiesService; links: LinksRepository; documents: DocumentsRepository; events: EventsService; eventsRepo: EventsRepository; stories: StoriesService; guards: Guards }) {
  const { parties, links, documents, events, eventsRepo, stories, guards } = deps;
  return {
    build(viewer: Viewer, id: string): PartyPage {
      const party = parties.get(id);
      const rows = links.documentsOfParty(id, guards.docSql(viewer));
      const docs = documents.getMany([...new Set(rows.map((r) => r.documentId))]);
      const documentsByRole = Object.fromEntries(DOCUMENT_PARTY_ROLES.map((r) => [r, [] as LinkedDocument[]])) as Record<DocumentPartyRole, LinkedDocument[]>;
      for (const r of rows) {
        const d = docs.get(r.documentId);
        if (d) documentsByRole[r.role].push(linkedDocument(d));
      }
      const evs = events.list(viewer, { partyId: id }, 1000, 1).events.map((e) => ({
        ...e,
        roles: eventsRepo.parties(e.id).filter((p) => p.partyId === id).map((p) => p.role),
      }));
      return {
        party,
        ancestors: parties.ancestors(id),
        children: parties.children(id),
        documentsByRole,
        events: evs,
        stories: stories.storiesOf(viewer, 'party', id),
        counts: parties.linkCounts(viewer, id),
      };
    },
  };
}

export type PartyPageService = ReturnType<typeof createPartyPage>;
