import type { Viewer } from '../auth/viewer';
import type { AccessLevel } from './documents.types';

// What filing needs of the areas it files under, so that documents depends on neither.
/** The story area (server/story): the stories the viewer may read. */
export interface StoryPicker {
  stories: { pickList(viewer: Viewer): Array<{ id: string; title: string; accessLevel: AccessLevel }> };
}
/** The FOI requests (server/requests): those the viewer may read. */
export interface RequestPicker {
  service: { list(viewer: Viewer, filter: Record<string, never>, page: number, perPage: number): { requests: Array<{ id: string; subject: string; authority: { name: string } | null }> } };
}

/**
 * What the viewer may file documents under — their readable stories and FOI requests — for the
 * bulk form of the documents list and the upload page (each area answers under the access rule).
 */
export function fileUnderChoices(viewer: Viewer, story: StoryPicker | undefined, requests: RequestPicker | undefined) {
  return {
    stories: story ? story.stories.pickList(viewer) : [],
    requests: requests
      ? requests.service.list(viewer, {}, 1, 300).requests.map((q) => ({ id: q.id, label: `${q.subject}${q.authority ? ` — ${q.authority.name}` : ''}` }))
      : [],
  };
}
