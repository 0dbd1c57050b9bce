import { Router } from 'express';
import { viewerOf, type Viewer } from '../auth/viewer';
import type { DocumentsService } from '../documents/documents.service';
import type { StoryArea } from '../story';
import type { RequestsArea } from '../requests';
import { requestViewHelpers } from '../requests/requests.web';
import { BUCKETS } from '../requests/core/requests.overview';

/**
 * The front page as a desk: what needs me (my requests' deadlines overdue and due this week), my
 * open requests, recent stories and recent documents — each only what the viewer may read.
 */
export interface HomeDeps {
  documents: DocumentsService;
  story?: StoryArea;
  requests?: RequestsArea;
}

export function homeWeb(deps: HomeDeps): Router {
  const r = Router();
  r.get('/', (_req, res) => {
    const viewer = viewerOf(res);
    const { documents: recent, total } = deps.documents.recent(viewer, 1, 8);
    res.render('home', { title: res.locals.t('home.title'), recent, total, ...desk(deps, viewer), ...requestViewHelpers(res) });
  });
  return r;
}

function desk(deps: HomeDeps, viewer: Viewer) {
  const stories = deps.story ? deps.story.stories.list(viewer, 5, 1).stories : [];
  if (!deps.requests) return { due: [], mine: [], stories, today: null };
  // Mine: requests I filed; a newsroom without per-person requests still sees what is due.
  const overview = deps.requests.service.overview(viewer, { createdBy: viewer.userId }, 'none');
  const flat = (b: keyof typeof overview.buckets) => overview.buckets[b].flatMap((g) => g.items);
  const due = [...flat('overdue'), ...flat('due_this_week'), ...flat('appealable')].slice(0, 8);
  // Every request not closed is open, the overdue and due ones too (they lead, in the overview's order).
  const mine = BUCKETS.filter((b) => b !== 'closed').flatMap(flat).slice(0, 8);
  return { due, mine, stories, today: overview.today };
}
