import { Router } from 'express';
import { viewerOf } from '../../auth/viewer';
import { parse } from '../../http/validate';
import { presentEvent, presentEventSummary } from '../events/events.presenter';
import { eventCreate, eventPartyBody, eventUpdate, listQuery } from '../events/events.schema';
import type { EventsService } from '../events/events.service';
import { EVENT_PARTY_ROLES } from '../events/events.types';
import type { EventPageService } from '../pages/event-page';
import { presentPartySummary } from '../parties/parties.presenter';
import { body, enumParam, param } from '../shared/input';

/** JSON API of events: list and type-ahead, create, read, change, delete, and their parties. */
export function eventsApi(deps: { events: EventsService; page: EventPageService }): Router {
  const { events, page } = deps;
  const r = Router();

  r.get('/api/events', (req, res) => {
    const viewer = viewerOf(res);
    const q = parse(listQuery, req.query);
    if (q.q?.trim() && !q.story) {
      const found = events.suggest(viewer, q.q, q.limit);
      return res.json({ total: found.length, events: found.map(presentEventSummary) });
    }
    const list = events.list(viewer, { storyId: q.story, q: q.q }, q.limit, q.page);
    res.json({ total: list.total, page: q.page, events: list.events.map(presentEventSummary) });
  });

  r.post('/api/events', (req, res) => {
    const viewer = viewerOf(res);
    const e = events.create(viewer, parse(eventCreate, body(req)));
    res.status(201).location(`/api/events/${e.id}`).json(presentEvent(e, events.parties(viewer, e.id)));
  });

  r.get('/api/events/:id', (req, res) => {
    const p = page.build(viewerOf(res), param(req, 'id'));
    res.json({
      ...presentEvent(p.event, p.parties),
      story: p.story,
      documents: p.documents.map((d) => ({
        id: d.id,
        title: d.title,
        documentDate: d.documentDate,
        datePrecision: d.datePrecision,
        parties: Object.fromEntries(Object.entries(d.parties).map(([role, list]) => [role, list.map(presentPartySummary)])),
        links: { self: `/api/documents/${d.id}`, html: `/documents/${d.id}` },
      })),
    });
  });

  r.patch('/api/events/:id', (req, res) => {
    const viewer = viewerOf(res);
    const e = events.update(viewer, param(req, 'id'), parse(eventUpdate, body(req)));
    res.json(presentEvent(e, events.parties(viewer, e.id)));
  });

  r.delete('/api/events/:id', (req, res) => {
    events.delete(viewerOf(res), param(req, 'id'));
    res.status(204).end();
  });

  r.post('/api/events/:id/parties', (req, res) => {
    const viewer = viewerOf(res);
    const b = parse(eventPartyBody, body(req));
    const { added } = events.addParty(viewer, param(req, 'id'), b.partyId, b.role);
    res.status(added ? 201 : 200).json({ added, parties: events.parties(viewer, param(req, 'id')).map((p) => ({ role: p.role, party: presentPartySummary(p.party) })) });
  });

  r.delete('/api/events/:id/parties/:partyId/:role', (req, res) => {
    events.removeParty(viewerOf(res), param(req, 'id'), param(req, 'partyId'), enumParam(req, 'role', EVENT_PARTY_ROLES));
    res.status(204).end();
  });

  return r;
}
