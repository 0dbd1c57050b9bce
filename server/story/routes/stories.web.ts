import { Router } from 'express';
import { canWrite, viewerOf } from '../../auth/viewer';
import { parse } from '../../http/validate';
import type { TimelineService } from '../pages/timeline.service';
import type { PartiesService } from '../parties/parties.service';
import { enumParam, param } from '../shared/input';
import { fromForm, itemBody, listQuery, storyCreate, storyUpdate } from '../stories/stories.schema';
import type { StoriesService } from '../stories/stories.service';
import { ACCESS_LEVELS, STORY_ITEM_TYPES } from '../stories/stories.types';

/** Pages of stories: the list with a create form, a story's page with its printable timeline. */
export function storiesWeb(deps: { stories: StoriesService; timeline: TimelineService; parties: PartiesService }): Router {
  const { stories, timeline, parties } = deps;
  const r = Router();

  r.get('/stories', (req, res) => {
    const viewer = viewerOf(res);
    const q = parse(listQuery, req.query);
    res.render('stories/list', { title: 'Stories', list: stories.list(viewer, q.limit, q.page), q, canWrite: canWrite(viewer), accessLevels: ACCESS_LEVELS });
  });

  r.post('/stories', (req, res) => {
    const s = stories.create(viewerOf(res), parse(storyCreate, fromForm(req.body ?? {})));
    res.redirect(303, `/stories/${s.id}`);
  });

  r.get('/stories/:id', (req, res) => {
    const viewer = viewerOf(res);
    const tl = timeline.build(viewer, param(req, 'id'));
    const partyIds = stories.itemIds(tl.story.id, 'party');
    res.render('stories/show', {
      title: tl.story.title,
      tl,
      users: stories.namedUsers(viewer, tl.story.id),
      storyParties: [...parties.summaries(partyIds).values()],
      partyOptions: parties.list(viewer, {}, 1000, 1).parties,
      canWrite: canWrite(viewer),
      canManage: stories.mayManage(viewer, tl.story),
      accessLevels: ACCESS_LEVELS,
    });
  });

  r.post('/stories/:id', (req, res) => {
    const id = param(req, 'id');
    stories.update(viewerOf(res), id, parse(storyUpdate, fromForm(req.body ?? {})));
    res.redirect(303, `/stories/${id}`);
  });

  r.post('/stories/:id/delete', (req, res) => {
    stories.delete(viewerOf(res), param(req, 'id'));
    res.redirect(303, '/stories');
  });

  r.post('/stories/:id/items', (req, res) => {
    const id = param(req, 'id');
    const b = parse(itemBody, req.body ?? {});
    stories.addItem(viewerOf(res), id, b.type, b.id);
    res.redirect(303, `/stories/${id}`);
  });

  r.post('/stories/:id/items/:type/:itemId/delete', (req, res) => {
    const id = param(req, 'id');
    stories.removeItem(viewerOf(res), id, enumParam(req, 'type', STORY_ITEM_TYPES), param(req, 'itemId'));
    res.redirect(303, `/stories/${id}`);
  });

  return r;
}
