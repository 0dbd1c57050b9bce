import { Router } from 'express';
import { viewerOf } from '../../auth/viewer';
import { parse } from '../../http/validate';
import { presentLinks } from '../links/links.presenter';
import { changeRelationBody, changeRoleBody, linkDocumentBody, linkEventBody, linkPartyBody, linkStoryBody } from '../links/links.schema';
import type { LinksService } from '../links/links.service';
import { DOCUMENT_PARTY_ROLES, DOCUMENT_RELATIONS } from '../links/links.types';
import { presentPartySummary } from '../parties/parties.presenter';
import { body, enumParam, param } from '../shared/input';

/**
 * JSON API of a document's links. Linking what is already linked answers 200 with added: false
 * (idempotent, so scripts can re-run); a new link answers 201.
 */
export function linksApi(deps: { links: LinksService }): Router {
  const { links } = deps;
  const r = Router();
  const id = (req: Parameters<typeof param>[0]) => param(req, 'id');

  r.get('/api/documents/:id/links', (req, res) => {
    res.json(presentLinks(links.forDocument(viewerOf(res), id(req))));
  });

  r.post('/api/documents/:id/parties', (req, res) => {
    const b = parse(linkPartyBody, body(req));
    const out = links.linkParty(viewerOf(res), id(req), { partyId: b.partyId, name: b.name, kind: b.kind, role: b.role });
    res.status(out.added ? 201 : 200).json({ added: out.added, partyCreated: out.partyCreated, role: out.role, party: presentPartySummary(out.party) });
  });

  r.patch('/api/documents/:id/parties/:partyId/:role', (req, res) => {
    const from = enumParam(req, 'role', DOCUMENT_PARTY_ROLES);
    const { role } = parse(changeRoleBody, body(req));
    links.changePartyRole(viewerOf(res), id(req), param(req, 'partyId'), from, role);
    res.json(presentLinks(links.forDocument(viewerOf(res), id(req))));
  });

  r.delete('/api/documents/:id/parties/:partyId/:role', (req, res) => {
    links.unlinkParty(viewerOf(res), id(req), param(req, 'partyId'), enumParam(req, 'role', DOCUMENT_PARTY_ROLES));
    res.status(204).end();
  });

  r.post('/api/documents/:id/events', (req, res) => {
    const b = parse(linkEventBody, body(req));
    const out = links.linkEvent(viewerOf(res), id(req), { eventId: b.eventId, title: b.title, date: b.date, storyId: b.storyId });
    res.status(out.added ? 201 : 200).json(out);
  });

  r.delete('/api/documents/:id/events/:eventId', (req, res) => {
    links.unlinkEvent(viewerOf(res), id(req), param(req, 'eventId'));
    res.status(204).end();
  });

  r.post('/api/documents/:id/documents', (req, res) => {
    const b = parse(linkDocumentBody, body(req));
    const out = links.linkDocument(viewerOf(res), id(req), b.documentId, b.relation);
    res.status(out.added ? 201 : 200).json(out);
  });

  r.patch('/api/documents/:id/documents/:otherId/:relation', (req, res) => {
    const from = enumParam(req, 'relation', DOCUMENT_RELATIONS);
    const { relation } = parse(changeRelationBody, body(req));
    links.changeRelation(viewerOf(res), id(req), param(req, 'otherId'), from, relation);
    res.json(presentLinks(links.forDocument(viewerOf(res), id(req))));
  });

  r.delete('/api/documents/:id/documents/:otherId/:relation', (req, res) => {
    links.unlinkDocument(viewerOf(res), id(req), param(req, 'otherId'), enumParam(req, 'relation', DOCUMENT_RELATIONS));
    res.status(204).end();
  });

  r.post('/api/documents/:id/stories', (req, res) => {
    const { storyId } = parse(linkStoryBody, body(req));
    const { added } = links.addToStory(viewerOf(res), id(req), storyId);
    res.status(added ? 201 : 200).json({ added, storyId });
  });

  r.delete('/api/documents/:id/stories/:storyId', (req, res) => {
    links.removeFromStory(viewerOf(res), id(req), param(req, 'storyId'));
    res.status(204).end();
  });

  return r;
}
