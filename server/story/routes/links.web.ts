import { Router, type Request } from 'express';
import { z } from 'zod';
import { viewerOf } from '../../auth/viewer';
import { AppError } from '../../lib/errors';
import { parse } from '../../http/validate';
import { partyRole, relation } from '../links/links.schema';
import type { LinksService } from '../links/links.service';
import { DOCUMENT_PARTY_ROLES, DOCUMENT_RELATIONS } from '../links/links.types';
import { PARTY_KINDS } from '../parties/parties.types';
import { enumParam, param, suggestionId } from '../shared/input';
import { acceptBody, fromForm as acceptFromForm } from '../suggestions/suggestions.schema';
import type { SuggestionsService } from '../suggestions/suggestions.service';

/**
 * The document page's link forms (no JavaScript needed): each posts here and comes back to the
 * page's "Links" section. A party or event name that matches nothing asks once whether to create
 * it; a name shared by several parties asks which one.
 * The section itself is assembled by pages/document-links.ts.
 */
const field = (b: unknown, k: string): string => {
  const v = (b as Record<string, unknown> | undefined)?.[k];
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
};

export function linksWeb(deps: { links: LinksService; suggestions: SuggestionsService }): Router {
  const { links, suggestions } = deps;
  const r = Router();
  const back = (id: string) => `/documents/${id}#links`;
  const docId = (req: Request) => param(req, 'id');

  r.post('/documents/:id/links/parties', (req, res) => {
    const viewer = viewerOf(res);
    const id = docId(req);
    const role = parse(partyRole, field(req.body, 'role'));
    const partyId = field(req.body, 'partyId').trim();
    const name = field(req.body, 'party').trim();
    const kindRaw = field(req.body, 'kind');
    const kind = kindRaw ? parse(z.enum(PARTY_KINDS, { error: () => `kind must be one of: ${PARTY_KINDS.join(', ')}` }), kindRaw) : undefined;
    if (!partyId) {
      if (!name) throw AppError.invalid('Type the name of a party.');
      const found = links.resolvePartyName(name);
      if ((found.kind === 'none' && !kind) || found.kind === 'many') {
        const document = links.document(viewer, id);
        return res.render('links/confirm-party', {
          title: name,
          document,
          name: name.slice(0, 300),
          role,
          kinds: PARTY_KINDS,
          candidates: found.kind === 'many' ? found.parties : [],
        });
      }
    }
    links.linkParty(viewer, id, { partyId: partyId || undefined, name, kind, role });
    res.redirect(303, back(id));
  });

  r.post('/documents/:id/links/parties/:partyId/:role/role', (req, res) => {
    const id = docId(req);
    const to = parse(partyRole, field(req.body, 'role'));
    links.changePartyRole(viewerOf(res), id, param(req, 'partyId'), enumParam(req, 'role', DOCUMENT_PARTY_ROLES), to);
    res.redirect(303, back(id));
  });

  r.post('/documents/:id/links/parties/:partyId/:role/delete', (req, res) => {
    const id = docId(req);
    links.unlinkParty(viewerOf(res), id, param(req, 'partyId'), enumParam(req, 'role', DOCUMENT_PARTY_ROLES));
    res.redirect(303, back(id));
  });

  r.post('/documents/:id/links/events', (req, res) => {
    const viewer = viewerOf(res);
    const id = docId(req);
    let eventId = field(req.body, 'eventId').trim();
    const title = field(req.body, 'event').trim();
    const date = field(req.body, 'date').trim();
    const storyId = field(req.body, 'storyId').trim();
    if (!eventId && !title) throw AppError.invalid('Type the title of an event.');
    if (!eventId && !date) {
      // A title alone links the one event of that title; otherwise ask for a date or a choice.
      const found = links.resolveEventTitle(viewer, title);
      if (found.kind !== 'one') {
        return res.render('links/confirm-event', { title, document: links.document(viewer, id), name: title.slice(0, 300), storyId, candidates: found.kind === 'many' ? found.events : [] });
      }
      eventId = found.event.id;
    }
    links.linkEvent(viewer, id, eventId ? { eventId } : { title, date, storyId: storyId || null });
    res.redirect(303, back(id));
  });

  r.post('/documents/:id/links/events/:eventId/delete', (req, res) => {
    const id = docId(req);
    links.unlinkEvent(viewerOf(res), id, param(req, 'eventId'));
    res.redirect(303, back(id));
  });

  r.post('/documents/:id/links/documents', (req, res) => {
    const id = docId(req);
    links.linkDocument(viewerOf(res), id, field(req.body, 'documentId'), parse(relation, field(req.body, 'relation')));
    res.redirect(303, back(id));
  });

  r.post('/documents/:id/links/documents/:otherId/:relation/relation', (req, res) => {
    const id = docId(req);
    links.changeRelation(viewerOf(res), id, param(req, 'otherId'), enumParam(req, 'relation', DOCUMENT_RELATIONS), parse(relation, field(req.body, 'relation')));
    res.redirect(303, back(id));
  });

  r.post('/documents/:id/links/documents/:otherId/:relation/delete', (req, res) => {
    const id = docId(req);
    links.unlinkDocument(viewerOf(res), id, param(req, 'otherId'), enumParam(req, 'relation', DOCUMENT_RELATIONS));
    res.redirect(303, back(id));
  });

  r.post('/documents/:id/links/stories', (req, res) => {
    const id = docId(req);
    links.addToStory(viewerOf(res), id, field(req.body, 'storyId').trim());
    res.redirect(303, back(id));
  });

  r.post('/documents/:id/links/stories/:storyId/delete', (req, res) => {
    const id = docId(req);
    links.removeFromStory(viewerOf(res), id, param(req, 'storyId'));
    res.redirect(303, back(id));
  });

  const sid = (req: Request) => {
    const parsed = suggestionId.safeParse(param(req, 'sid'));
    if (!parsed.success) throw AppError.notFound('This suggestion');
    return parsed.data;
  };

  r.post('/documents/:id/suggestions/scan', (req, res) => {
    const id = docId(req);
    suggestions.rescan(viewerOf(res), id);
    res.redirect(303, back(id));
  });

  r.post('/documents/:id/suggestions/:sid/accept', (req, res) => {
    const id = docId(req);
    suggestions.accept(viewerOf(res), id, sid(req), parse(acceptBody, acceptFromForm(req.body ?? {})));
    res.redirect(303, back(id));
  });

  r.post('/documents/:id/suggestions/:sid/dismiss', (req, res) => {
    const id = docId(req);
    suggestions.dismiss(viewerOf(res), id, sid(req));
    res.redirect(303, back(id));
  });

  return r;
}
