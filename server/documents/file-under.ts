import type { Viewer } from '../auth/viewer';
import type { StoryArea } from '../links';
import type { RequestsArea } from '../requests';

/**
 * What the viewer may file documents under — their readable stories and FOI requests — for the
 * bulk form of the documents list and the upload page (each area answers under the access rule).
 */
export function fileUnderChoices(viewer: Viewer, story: StoryArea | undefined, requests: RequestsArea | undefined) {
  return {
    stories: story ? story.stories.pickList(viewer) : [],
    requests: requests
      ? requests.service.list(viewer, {}, 1, 300).requests.map((q) => ({ id: q.id, label: `${q.subject}${q.authority ? ` — ${q.authority.name}` : ''}` }))
      : [],
  };
}
