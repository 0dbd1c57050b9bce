import type { Viewer } from '../../auth/viewer';
import type { EventsService } from '../events/events.service';
import type { EventPartyRole, EventSummary } from '../events/events.types';
import type { LinksService } from '../links/links.service';
import { DOCUMENT_PARTY_ROLES, linkedDocument, type DocumentPartyRole, type LinkedDocument } from '../links/links.types';
import type { PartiesService } from '../parties/parties.service';
import type { PartyLinkCounts, PartyRecord, PartySummary } from '../parties/parties.types';
import type { StoriesService } from '../stories/stories.service';
import type { StorySummary } from '../stories/stories.types';

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

export function createPartyPage(deps: { parties: PartiesService; links: LinksService; events: EventsService; stories: StoriesService }) {
  const { parties, links, events, stories } = deps;
  return {
    build(viewer: Viewer, id: string): PartyPage {
      const party = parties.get(id);
      const rows = links.documentsOfParty(viewer, id);
      const docs = links.documentRecords([...new Set(rows.map((r) => r.documentId))]);
      const documentsByRole = Object.fromEntries(DOCUMENT_PARTY_ROLES.map((r) => [r, [] as LinkedDocument[]])) as Record<DocumentPartyRole, LinkedDocument[]>;
      for (const r of rows) {
        const d = docs.get(r.documentId);
        if (d) documentsByRole[r.role].push(linkedDocument(d));
      }
      const evs = events.list(viewer, { partyId: id }, 1000, 1).events.map((e) => ({
        ...e,
        roles: events.partyLinks(e.id).filter((p) => p.partyId === id).map((p) => p.role),
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
