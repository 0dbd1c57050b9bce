import { Router } from 'express';
import { mayManage } from '../../auth/permissions';
import { canWrite, viewerOf } from '../../auth/viewer';
import { parse } from '../../http/validate';
import { eventCreate, eventPartyRole, eventUpdate, fromForm, listQuery } from '../events/events.schema';
import type { EventsService } from '../events/events.service';
import { EVENT_PARTY_ROLES } from '../events/events.types';
import type { EventPageService } from '../pages/event-page';
import type { PartiesService } from '../parties/parties.service';
import { enumParam, param } from '../shared/input';
import type { StoriesService } from '../stories/stories.service';

/** Pages of events: the list with a create form, an event's page with its parties and documents. */
export function eventsWeb(deps: { events: EventsService; page: EventPageService; parties: PartiesService; stories: StoriesService }): Router {
  const { events, page, parties, stories } = deps;
  const r = Router();

  r.get('/events', (req, res) => {
    const viewer = viewerOf(res);
    const q = parse(listQuery, req.query);
    const list = events.list(viewer, { storyId: q.story, q: q.q }, q.limit, q.page);
    res.render('events/list', { title: res.locals.t('event.listHeading'), list, q, canWrite: canWrite(viewer), storyOptions: stories.pickList(viewer) });
  });

  r.post('/events', (req, res) => {
    const e = events.create(viewerOf(res), parse(eventCreate, fromForm(req.body ?? {})));
    res.redirect(303, `/events/${e.id}`);
  });

  r.get('/events/:id', (req, res) => {
    const viewer = viewerOf(res);
    const p = page.build(viewer, param(req, 'id'));
    res.render('events/show', {
      title: p.event.title,
      p,
      roles: EVENT_PARTY_ROLES,
      canWrite: canWrite(viewer),
      canManage: mayManage(viewer, p.event),
      storyOptions: stories.pickList(viewer),
      partyOptions: parties.list(viewer, {}, 1000, 1).parties,
    });
  });

  r.post('/events/:id', (req, res) => {
    const id = param(req, 'id');
    events.update(viewerOf(res), id, parse(eventUpdate, fromForm(req.body ?? {})));
    res.redirect(303, `/events/${id}`);
  });

  r.post('/events/:id/delete', (req, res) => {
    const e = events.delete(viewerOf(res), param(req, 'id'));
    res.redirect(303, e.storyId ? `/stories/${e.storyId}` : '/events');
  });

  r.post('/events/:id/parties', (req, res) => {
    const id = param(req, 'id');
    const b = (req.body ?? {}) as Record<string, unknown>;
    events.addParty(viewerOf(res), id, typeof b.partyId === 'string' ? b.partyId : '', parse(eventPartyRole, b.role));
    res.redirect(303, `/events/${id}`);
  });

  r.post('/events/:id/parties/:partyId/:role/delete', (req, res) => {
    const id = param(req, 'id');
    events.removeParty(viewerOf(res), id, param(req, 'partyId'), enumParam(req, 'role', EVENT_PARTY_ROLES));
    res.redirect(303, `/events/${id}`);
  });

  return r;
}
