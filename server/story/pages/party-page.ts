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

/**
 * An authority's record with the newsroom's FOI requests (views/requests/authority-record.ejs shows
 * it). The requests area computes it; this page only needs to know whether any request is in it.
 */
export interface PartyFoiRecord {
  requests: readonly unknown[];
}

/**
 * The record of a party as the viewer may see it (only their visible requests), or null when there
 * is none. A port: the requests area builds on this one, so the composition root hands it in.
 */
export type AuthorityRecordPort = (partyId: string, viewer: Viewer) => PartyFoiRecord | null;

/** The page in the browser: with the FOI record, for an authority or any party requests went to. */
export interface PartyWebPage extends PartyPage {
  foiRecord: PartyFoiRecord | null;
}

export function createPartyPage(deps: { parties: PartiesService; links: LinksService; events: EventsService; stories: StoriesService; authorityRecord?: AuthorityRecordPort }) {
  const { parties, links, events, stories, authorityRecord } = deps;

  function build(viewer: Viewer, id: string): PartyPage {
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
  }

  function foiRecordOf(viewer: Viewer, party: PartyRecord): PartyFoiRecord | null {
    const record = authorityRecord?.(party.id, viewer) ?? null;
    return record && (party.kind === 'authority' || record.requests.length > 0) ? record : null;
  }

  return {
    /** What the JSON API gives. */
    build,
    /** What the page in the browser shows. */
    buildWithFoiRecord(viewer: Viewer, id: string): PartyWebPage {
      const page = build(viewer, id);
      return { ...page, foiRecord: foiRecordOf(viewer, page.party) };
    },
  };
}

export type PartyPageService = ReturnType<typeof createPartyPage>;
