import { Router } from 'express';
import { viewerOf } from '../../auth/viewer';
import { parse } from '../../http/validate';
import type { TimelineService } from '../pages/timeline.service';
import { body, enumParam, param } from '../shared/input';
import { presentStory } from '../stories/stories.presenter';
import { itemBody, listQuery, storyCreate, storyUpdate } from '../stories/stories.schema';
import type { StoriesService } from '../stories/stories.service';
import { STORY_ITEM_TYPES } from '../stories/stories.types';

/** JSON API of stories: list, create, read, change (including access), delete, items, timeline. */
export function storiesApi(deps: { stories: StoriesService; timeline: TimelineService }): Router {
  const { stories, timeline } = deps;
  const r = Router();

  r.get('/api/stories', (req, res) => {
    const q = parse(listQuery, req.query);
    const list = stories.list(viewerOf(res), q.limit, q.page);
    res.json({ total: list.total, page: q.page, stories: list.stories.map((s) => presentStory(s, { documents: s.documents, events: s.events })) });
  });

  r.post('/api/stories', (req, res) => {
    const viewer = viewerOf(res);
    const s = stories.create(viewer, parse(storyCreate, body(req)));
    res.status(201).location(`/api/stories/${s.id}`).json(presentStory(s, { users: stories.namedUsers(viewer, s.id) }));
  });

  r.get('/api/stories/:id', (req, res) => {
    const viewer = viewerOf(res);
    const s = stories.get(viewer, param(req, 'id'));
    res.json({
      ...presentStory(s, { users: stories.namedUsers(viewer, s.id) }),
      items: { documents: stories.documentIds(viewer, s.id), parties: stories.itemIds(s.id, 'party'), requests: stories.requestIds(viewer, s.id) },
    });
  });

  r.get('/api/stories/:id/timeline', (req, res) => {
    res.json(timeline.build(viewerOf(res), param(req, 'id')));
  });

  r.patch('/api/stories/:id', (req, res) => {
    const viewer = viewerOf(res);
    const s = stories.update(viewer, param(req, 'id'), parse(storyUpdate, body(req)));
    res.json(presentStory(s, { users: stories.namedUsers(viewer, s.id) }));
  });

  r.delete('/api/stories/:id', (req, res) => {
    stories.delete(viewerOf(res), param(req, 'id'));
    res.status(204).end();
  });

  r.post('/api/stories/:id/items', (req, res) => {
    const b = parse(itemBody, body(req));
    const { added } = stories.addItem(viewerOf(res), param(req, 'id'), b.type, b.id);
    res.status(added ? 201 : 200).json({ added, type: b.type, id: b.id });
  });

  r.delete('/api/stories/:id/items/:type/:itemId', (req, res) => {
    stories.removeItem(viewerOf(res), param(req, 'id'), enumParam(req, 'type', STORY_ITEM_TYPES), param(req, 'itemId'));
    res.status(204).end();
  });

  return r;
}
