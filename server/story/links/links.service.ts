import type { AuditAction, AuditLog } from '../../auth/audit';
import type { Viewer } from '../../auth/viewer';
import type { Db } from '../../db/connection';
import type { DocumentsService } from '../../documents/documents.service';
import { AppError } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import type { EventsService } from '../events/events.service';
import type { EventSummary } from '../events/events.types';
import type { PartiesService } from '../parties/parties.service';
import type { PartyKind, PartySummary } from '../parties/parties.types';
import type { Guards } from '../shared/guards';
import { idFromInput } from '../shared/input';
import type { Reindex } from '../shared/writes';
import type { StoriesService } from '../stories/stories.service';
import type { LinksRepository } from './links.repository';
import { linkedDocument, type DocumentLinks, type DocumentPartyRole, type DocumentRelation } from './links.types';

/**
 * Linking documents into their story: to parties with a role, to events, to other documents with a
 * relation, and to stories. Each change is audited and writes the document's outbox row in the
 * same transaction, so search filters by party, event and story follow every click.
 */
export type PartyResolution = { kind: 'one'; party: PartySummary } | { kind: 'none'; name: string } | { kind: 'many'; parties: PartySummary[] };

export function createLinksService(deps: {
  db: Db;
  links: LinksRepository;
  /** Only its viewer-less reads, of documents already checked here (`guards`) or filtered by the access rule. */
  documents: Pick<DocumentsService, 'unchecked'>;
  parties: PartiesService;
  events: EventsService;
  stories: StoriesService;
  guards: Guards;
  reindex: Reindex;
  audit: AuditLog;
  clock: Clock;
}) {
  const { db, links, documents, parties, events, stories, guards, reindex, audit, clock } = deps;
  const now = () => clock.now().toISOString();

  function record(viewer: Viewer, documentId: string, action: AuditAction, summary: string, change: { before?: unknown; after?: unknown }) {
    audit.record(viewer, { action, entityType: 'document', entityId: documentId, summary, ...change });
  }

  /** A typed name → the party it names (name, short name or alias), none, or several. */
  function resolvePartyName(name: string): PartyResolution {
    const found = parties.byExactName(name);
    if (found.length === 1) return { kind: 'one', party: found[0] };
    if (found.length > 1) return { kind: 'many', parties: found };
    return { kind: 'none', name: name.trim() };
  }

  const service = {
    resolvePartyName,
    /** A typed event title → the visible event of that title, none, or several. */
    resolveEventTitle(viewer: Viewer, title: string): { kind: 'one'; event: EventSummary } | { kind: 'none' } | { kind: 'many'; events: EventSummary[] } {
      const found = events.byExactTitle(viewer, title);
      return found.length === 1 ? { kind: 'one', event: found[0] } : found.length > 1 ? { kind: 'many', events: found } : { kind: 'none' };
    },
    /** The document if the viewer may read it (404 otherwise). */
    document: (viewer: Viewer, documentId: string) => guards.document(viewer, documentId),

    forDocument(viewer: Viewer, documentId: string): DocumentLinks {
      guards.document(viewer, documentId);
      const partyLinks = links.documentParties(documentId);
      const summaries = parties.summaries(partyLinks.map((l) => l.partyId));
      const eventIds = links.documentEventIds(documentId);
      const { outgoing, incoming } = links.documentLinks(documentId);
      const others = documents.unchecked.getMany([...outgoing, ...incoming].map((l) => l.documentId));
      const visible = (id: string) => {
        const d = others.get(id);
        return d && guards.canReadDocument(viewer, d) ? d : null;
      };
      return {
        documentId,
        parties: partyLinks.flatMap((l) => (summaries.has(l.partyId) ? [{ party: summaries.get(l.partyId)!, role: l.role }] : [])),
        events: eventIds.length ? events.list(viewer, { documentId }, 500, 1).events : [],
        documents: {
          outgoing: outgoing.flatMap((l) => (visible(l.documentId) ? [{ document: linkedDocument(visible(l.documentId)!), relation: l.relation }] : [])),
          incoming: incoming.flatMap((l) => (visible(l.documentId) ? [{ document: linkedDocument(visible(l.documentId)!), relation: l.relation }] : [])),
        },
        stories: stories.storiesOf(viewer, 'document', documentId),
      };
    },

    /**
     * Links a party by id or by name. A name matching no party creates it when `kind` is given;
     * without `kind` the answer is 404 naming what to send, and several matches are a 409.
     */
    linkParty(viewer: Viewer, documentId: string, input: { partyId?: string; name?: string | null; kind?: PartyKind; role: DocumentPartyRole }): { party: PartySummary; role: DocumentPartyRole; added: boolean; partyCreated: boolean } {
      guards.requireWrite(viewer);
      const doc = guards.document(viewer, documentId);
      let party: PartySummary;
      let partyCreated = false;
      if (input.partyId) {
        party = parties.get(input.partyId);
      } else {
        const r = resolvePartyName(input.name ?? '');
        if (r.kind === 'many') throw new AppError('conflict', `Several parties are called "${input.name}": choose one by id.`, { candidates: r.parties });
        if (r.kind === 'one') party = r.party;
        else if (!input.kind) throw new AppError('not_found', `No party is called "${r.name.slice(0, 100)}". Send kind (authority, organisation, company or person) to create it.`);
        else {
          party = parties.create(viewer, { kind: input.kind, name: r.name });
          partyCreated = true;
        }
      }
      let added = false;
      db.transaction(() => {
        added = links.addDocumentParty(documentId, party.id, input.role, viewer.userId, now());
        if (!added) return;
        reindex([documentId]);
        record(viewer, documentId, 'link', `${input.role}: ${party.name} → ${doc.title}`, { after: { partyId: party.id, role: input.role } });
      })();
      return { party: { id: party.id, kind: party.kind, name: party.name, shortName: party.shortName }, role: input.role, added, partyCreated };
    },

    changePartyRole(viewer: Viewer, documentId: string, partyId: string, from: DocumentPartyRole, to: DocumentPartyRole): void {
      guards.requireWrite(viewer);
      const doc = guards.document(viewer, documentId);
      if (!links.hasDocumentParty(documentId, partyId, from)) throw AppError.notFound('This party link');
      if (from === to) return;
      db.transaction(() => {
        links.removeDocumentParty(documentId, partyId, from);
        links.addDocumentParty(documentId, partyId, to, viewer.userId, now());
        reindex([documentId]);
        record(viewer, documentId, 'update', `${from} → ${to}: ${partyId} on ${doc.title}`, { before: { partyId, role: from }, after: { partyId, role: to } });
      })();
    },

    unlinkParty(viewer: Viewer, documentId: string, partyId: string, role: DocumentPartyRole): void {
      guards.requireWrite(viewer);
      const doc = guards.document(viewer, documentId);
      db.transaction(() => {
        if (!links.removeDocumentParty(documentId, partyId, role)) throw AppError.notFound('This party link');
        reindex([documentId]);
        record(viewer, documentId, 'unlink', `${role}: ${partyId} ✕ ${doc.title}`, { before: { partyId, role } });
      })();
    },

    /**
     * Links an event by id, by its exact title, or creates it from title and date. `fromDocument`
     * (a date suggestion, titled after the document) makes a created event follow this document's
     * access, so its title never reaches anyone who may not read the document.
     */
    linkEvent(viewer: Viewer, documentId: string, input: { eventId?: string; title?: string | null; date?: string; storyId?: string | null; fromDocument?: boolean }): { eventId: string; added: boolean; eventCreated: boolean } {
      guards.requireWrite(viewer);
      const doc = guards.document(viewer, documentId);
      let eventId: string;
      let eventCreated = false;
      if (input.eventId) eventId = events.get(viewer, input.eventId).id;
      else {
        const found = events.byExactTitle(viewer, input.title ?? '');
        if (found.length > 1 && !input.date) throw new AppError('conflict', `Several events are called "${input.title}": choose one by id.`, { candidates: found });
        const same = found.filter((e) => !input.date || e.date === input.date.trim());
        if (same.length === 1) eventId = same[0].id;
        else if (!input.date) throw new AppError('not_found', `No event is called "${(input.title ?? '').slice(0, 100)}". Send its date (2018-09-28, 2018-09 or 2018) to create it.`);
        else {
          eventId = events.create(viewer, { title: input.title!, date: input.date, storyId: input.storyId ?? null }, input.fromDocument ? documentId : null).id;
          eventCreated = true;
        }
      }
      let added = false;
      db.transaction(() => {
        added = links.addDocumentEvent(documentId, eventId, now());
        if (!added) return;
        reindex([documentId]);
        record(viewer, documentId, 'link', `event ${eventId} → ${doc.title}`, { after: { eventId } });
      })();
      return { eventId, added, eventCreated };
    },

    unlinkEvent(viewer: Viewer, documentId: string, eventId: string): void {
      guards.requireWrite(viewer);
      const doc = guards.document(viewer, documentId);
      // An event the viewer may not read answers like a link that does not exist.
      events.get(viewer, eventId, 'This event link');
      db.transaction(() => {
        if (!links.removeDocumentEvent(documentId, eventId)) throw AppError.notFound('This event link');
        reindex([documentId]);
        record(viewer, documentId, 'unlink', `event ${eventId} ✕ ${doc.title}`, { before: { eventId } });
      })();
    },

    /** "This document is a reply to / an attachment of / a version of that one." */
    linkDocument(viewer: Viewer, documentId: string, other: string, relation: DocumentRelation): { documentId: string; relation: DocumentRelation; added: boolean } {
      guards.requireWrite(viewer);
      const doc = guards.document(viewer, documentId);
      const otherId = idFromInput('document', other);
      if (otherId === documentId) throw AppError.invalid('A document cannot be linked to itself.');
      guards.document(viewer, otherId, 'The other document');
      // A reply to its own reply, or an attachment of its own attachment, is a mistake.
      if (links.hasDocumentLink(otherId, documentId, relation)) throw AppError.invalid(`That document is already linked the other way (${relation}); the link would make a cycle.`);
      let added = false;
      db.transaction(() => {
        added = links.addDocumentLink(documentId, otherId, relation, now());
        if (!added) return;
        reindex([documentId, otherId]);
        record(viewer, documentId, 'link', `${doc.title}: ${relation} ${otherId}`, { after: { documentId: otherId, relation } });
      })();
      return { documentId: otherId, relation, added };
    },

    changeRelation(viewer: Viewer, documentId: string, otherId: string, from: DocumentRelation, to: DocumentRelation): void {
      guards.requireWrite(viewer);
      guards.document(viewer, documentId);
      // The other document unreadable, or no such link: the same answer.
      if (!guards.documentReadable(viewer, otherId) || !links.hasDocumentLink(documentId, otherId, from)) throw AppError.notFound('This document link');
      if (from === to) return;
      if (links.hasDocumentLink(otherId, documentId, to)) throw AppError.invalid(`That document is already linked the other way (${to}); the link would make a cycle.`);
      db.transaction(() => {
        links.removeDocumentLink(documentId, otherId, from);
        links.addDocumentLink(documentId, otherId, to, now());
        reindex([documentId, otherId]);
        record(viewer, documentId, 'update', `${from} → ${to}: ${otherId}`, { before: { documentId: otherId, relation: from }, after: { documentId: otherId, relation: to } });
      })();
    },

    unlinkDocument(viewer: Viewer, documentId: string, otherId: string, relation: DocumentRelation): void {
      guards.requireWrite(viewer);
      guards.document(viewer, documentId);
      db.transaction(() => {
        if (!guards.documentReadable(viewer, otherId) || !links.removeDocumentLink(documentId, otherId, relation)) throw AppError.notFound('This document link');
        reindex([documentId, otherId]);
        record(viewer, documentId, 'unlink', `${relation} ${otherId}`, { before: { documentId: otherId, relation } });
      })();
    },

    /** Readable documents linked to a party, with the role; ordered by document date. */
    documentsOfParty: (viewer: Viewer, partyId: string) => links.documentsOfParty(partyId, guards.docSql(viewer)),
    /** Readable documents linked to any of these events. */
    documentsOfEvents: (viewer: Viewer, eventIds: string[]) => links.documentsOfEvents(eventIds, guards.docSql(viewer)),
    /** The readable ones among these documents. */
    readableDocuments: (viewer: Viewer, documentIds: string[]) => links.readable(documentIds, guards.docSql(viewer)),
    /** The records of documents the caller already read through the calls above. */
    documentRecords: (documentIds: string[]) => documents.unchecked.getMany(documentIds),
    /** Parties of documents the caller already read through the calls above, by document. */
    partiesOfDocuments: (documentIds: string[]) => links.partiesOfDocuments(documentIds),
    /** The parties linked to a document (the text scan skips them; it runs without a viewer). */
    partyIdsOf: (documentId: string) => links.documentParties(documentId).map((l) => l.partyId),

    addToStory: (viewer: Viewer, documentId: string, storyId: string) => stories.addItem(viewer, storyId, 'document', documentId),
    removeFromStory(viewer: Viewer, documentId: string, storyId: string): void {
      guards.document(viewer, documentId);
      stories.removeItem(viewer, storyId, 'document', documentId);
    },
  };
  return service;
}

export type LinksService = ReturnType<typeof createLinksService>;
