import { presentEventSummary } from '../events/events.presenter';
import { presentPartySummary } from '../parties/parties.presenter';
import { presentStorySummary } from '../stories/stories.presenter';
import type { DocumentLinks, LinkedDocument } from './links.types';

/** JSON shape of a document's links. */
const doc = (d: LinkedDocument) => ({ ...d, links: { self: `/api/documents/${d.id}`, html: `/documents/${d.id}` } });

export function presentLinks(l: DocumentLinks) {
  return {
    documentId: l.documentId,
    parties: l.parties.map((p) => ({ role: p.role, party: presentPartySummary(p.party) })),
    events: l.events.map(presentEventSummary),
    documents: {
      outgoing: l.documents.outgoing.map((x) => ({ relation: x.relation, document: doc(x.document) })),
      incoming: l.documents.incoming.map((x) => ({ relation: x.relation, document: doc(x.document) })),
    },
    stories: l.stories.map(presentStorySummary),
  };
}
