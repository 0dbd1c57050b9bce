import { documentAccessSql, storyAccessSql } from '../../auth/access';
import { canWrite, type Viewer } from '../../auth/viewer';
import { AppError } from '../../lib/errors';
import type { SqlCondition } from './requests.repository';

/**
 * How the access rule applies to requests. A request belongs to its story: whoever may not read
 * the story (restricted, embargoed) does not see the request either — not in lists, counts, the
 * calendar or an authority's record. A request without a story is open to the newsroom. Documents
 * linked to a request keep their own access level.
 */
export function visibleRequests(viewer: Viewer, now: Date): SqlCondition {
  return storyAccessSql(viewer, now, 's');
}

export function visibleStories(viewer: Viewer, now: Date): SqlCondition {
  return storyAccessSql(viewer, now, 's');
}

export function visibleDocuments(viewer: Viewer, now: Date): SqlCondition {
  return documentAccessSql(viewer, now, 'd');
}

export function assertCanWrite(viewer: Viewer): void {
  if (!canWrite(viewer)) throw new AppError('forbidden', 'Your role may read requests but not change them.');
}
