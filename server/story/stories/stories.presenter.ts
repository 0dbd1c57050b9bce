import type { NamedUser, StoryRecord, StorySummary } from './stories.types';

/** JSON shapes of stories. */
export function presentStorySummary(s: StorySummary) {
  return { id: s.id, title: s.title, accessLevel: s.accessLevel, links: { self: `/api/stories/${s.id}`, html: `/stories/${s.id}` } };
}

export function presentStory(s: StoryRecord, extra: { users?: NamedUser[]; documents?: number; events?: number } = {}) {
  return {
    id: s.id,
    title: s.title,
    description: s.description,
    accessLevel: s.accessLevel,
    embargoUntil: s.embargoUntil,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    ...(extra.users ? { users: extra.users.map((u) => ({ id: u.id, username: u.username, displayName: u.displayName })) } : {}),
    ...(extra.documents !== undefined ? { documentCount: extra.documents } : {}),
    ...(extra.events !== undefined ? { eventCount: extra.events } : {}),
    links: { self: `/api/stories/${s.id}`, html: `/stories/${s.id}`, timeline: `/api/stories/${s.id}/timeline` },
  };
}
