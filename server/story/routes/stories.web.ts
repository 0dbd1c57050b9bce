import { Router, type Response } from 'express';
import type { z } from 'zod';
import { canWrite, viewerOf, type Viewer } from '../../auth/viewer';
import { fieldProblem, formRefusal, type FieldProblem } from '../../http/field-problem';
import type { AppError } from '../../lib/errors';
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

  /** The list with its create form: empty, or as typed with the refusal beside its field. */
  const listPage = (res: Response, viewer: Viewer, q: ListQuery, typed: TypedStory | null, problem: FieldProblem<StoryField> | null) => {
    res.render('stories/list', { title: res.locals.t('story.listHeading'), list: stories.list(viewer, q.limit, q.page), q, canWrite: canWrite(viewer), accessLevels: ACCESS_LEVELS, typed, problem });
  };

  r.get('/stories', (req, res) => {
    listPage(res, viewerOf(res), parse(listQuery, req.query), null, null);
  });

  r.post('/stories', (req, res) => {
    const viewer = viewerOf(res);
    try {
      const s = stories.create(viewer, parse(storyCreate, fromForm(req.body ?? {})));
      res.redirect(303, `/stories/${s.id}`);
    } catch (err) {
      // A refused field gives the form back as typed (no JavaScript needed), the refusal beside it.
      const e = formRefusal(err);
      if (!e) throw err;
      res.status(e.status);
      listPage(res, viewer, parse(listQuery, {}), typedStory(req.body), storyProblem(res, e));
    }
  });

  /** A story's page; its edit form open and as typed, the refusal beside its field, after a refused edit. */
  const showPage = (res: Response, viewer: Viewer, id: string, typed: TypedStory | null, problem: FieldProblem<StoryField> | null) => {
    const tl = timeline.build(viewer, id);
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
      typed,
      problem,
    });
  };

  r.get('/stories/:id', (req, res) => {
    showPage(res, viewerOf(res), param(req, 'id'), null, null);
  });

  r.post('/stories/:id', (req, res) => {
    const viewer = viewerOf(res);
    const id = param(req, 'id');
    try {
      stories.update(viewer, id, parse(storyUpdate, fromForm(req.body ?? {})));
      res.redirect(303, `/stories/${id}`);
    } catch (err) {
      const e = formRefusal(err);
      if (!e) throw err;
      res.status(e.status);
      showPage(res, viewer, id, typedStory(req.body), storyProblem(res, e));
    }
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

type ListQuery = z.infer<typeof listQuery>;
/** The story form's fields as typed, in the shape the form partial fills itself from. */
type TypedStory = { title: string; description: string; accessLevel: string; embargoUntil: string; usersText: string };

/** The form partial's labels, so a refusal names the field as the reader sees it. */
const LABELS = { title: 'story.title', description: 'story.description', accessLevel: 'story.access', embargoUntil: 'story.embargoUntil', users: 'story.users' } as const;
type StoryField = keyof typeof LABELS;

function typedStory(body: unknown): TypedStory {
  const b = (body ?? {}) as Record<string, unknown>;
  const str = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : '');
  return { title: str('title'), description: str('description'), accessLevel: str('accessLevel'), embargoUntil: str('embargoUntil'), usersText: str('users') };
}

/**
 * The refused field of the story form (create or edit), named by its label: zod's path or the
 * field the service names. The embargo's end gets one plain sentence whatever was wrong with it:
 * missing, or not a date.
 */
function storyProblem(res: Response, e: AppError): FieldProblem<StoryField> {
  const problem = fieldProblem(res, e, LABELS);
  if (problem.field !== 'embargoUntil') return problem;
  const t = res.locals.t as (key: string) => string;
  return { field: problem.field, text: `${t(LABELS.embargoUntil)}: ${t('story.embargoNeeded')}`, lang: res.locals.lang as string };
}
