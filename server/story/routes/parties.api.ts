import { Router } from 'express';
import { viewerOf } from '../../auth/viewer';
import { parse } from '../../http/validate';
import { presentEventSummary } from '../events/events.presenter';
import type { PartyPageService } from '../pages/party-page';
import { presentParty, presentPartySummary } from '../parties/parties.presenter';
import { listQuery, mergeBody, partyCreate, partyUpdate } from '../parties/parties.schema';
import type { PartiesService } from '../parties/parties.service';
import { body, forceQuery, param } from '../shared/input';
import { presentStorySummary } from '../stories/stories.presenter';

/** JSON API of parties: list and type-ahead, create, read, change, merge, delete. */
export function partiesApi(deps: { parties: PartiesService; page: PartyPageService }): Router {
  const { parties, page } = deps;
  const r = Router();

  r.get('/api/parties', (req, res) => {
    const viewer = viewerOf(res);
    const q = parse(listQuery, req.query);
    if (q.q?.trim()) {
      // Type-ahead: ranked by how well the name matches (prefix of name or alias first).
      const found = parties.suggest(q.q, q.limit, q.kind);
      return res.json({ total: found.length, parties: found.map(presentPartySummary) });
    }
    const list = parties.list(viewer, { kind: q.kind }, q.limit, q.page);
    res.json({ total: list.total, page: q.page, parties: list.parties.map(presentPartySummary) });
  });

  r.post('/api/parties', (req, res) => {
    const party = parties.create(viewerOf(res), parse(partyCreate, body(req)));
    res.status(201).location(`/api/parties/${party.id}`).json(presentParty(party));
  });

  r.get('/api/parties/:id', (req, res) => {
    const p = page.build(viewerOf(res), param(req, 'id'));
    res.json({
      ...presentParty(p.party),
      ancestors: p.ancestors.map(presentPartySummary),
      children: p.children.map(presentPartySummary),
      documents: Object.fromEntries(Object.entries(p.documentsByRole).map(([role, docs]) => [role, docs.map((d) => ({ ...d, links: { self: `/api/documents/${d.id}`, html: `/documents/${d.id}` } }))])),
      events: p.events.map((e) => ({ ...presentEventSummary(e), roles: e.roles })),
      stories: p.stories.map(presentStorySummary),
      counts: p.counts,
    });
  });

  r.patch('/api/parties/:id', (req, res) => {
    res.json(presentParty(parties.update(viewerOf(res), param(req, 'id'), parse(partyUpdate, body(req)))));
  });

  r.delete('/api/parties/:id', (req, res) => {
    const { force } = parse(forceQuery, req.query);
    parties.delete(viewerOf(res), param(req, 'id'), force);
    res.status(204).end();
  });

  r.post('/api/parties/:id/merge', (req, res) => {
    const { into } = parse(mergeBody, body(req));
    res.json(presentParty(parties.merge(viewerOf(res), param(req, 'id'), into)));
  });

  return r;
}
