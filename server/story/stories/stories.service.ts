import type { AuditLog } from '../../auth/audit';
import { assertMayManage, keepNamed, mayAddRequestToStory, mayManage } from '../../auth/permissions';
import type { Viewer } from '../../auth/viewer';
import type { Db } from '../../db/connection';
import { AppError } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import { newId } from '../../lib/ids';
import type { PartiesService } from '../parties/parties.service';
import type { Guards } from '../shared/guards';
import { isId } from '../shared/input';
import type { Reindex, Writes } from '../shared/writes';
import type { StoriesRepository } from './stories.repository';
import type { StoryCreate, StoryUpdate } from './stories.schema';
import type { NamedUser, StoryItemType, StoryRecord } from './stories.types';

/**
 * The rules of stories: who may read them (newsroom, restricted to named users, embargoed until a
 * time), who may change that or delete a story (its creator, editors, admins — see
 * server/auth/permissions.ts), what they hold, and keeping the search index's story ids right when
 * that changes. Every item added or removed must be readable by the writer; one that is not is
 * answered exactly like one that does not exist.
 */
export function createStoriesService(deps: { db: Db; stories: StoriesRepository; parties: PartiesService; guards: Guards; reindex: Reindex; writes: Writes; audit: AuditLog; clock: Clock }) {
  const { db, stories, parties, guards, reindex, writes, audit, clock } = deps;
  const now = () => clock.now().toISOString();

  /** The story if it exists and the viewer may read it; 404 otherwise (existence is not revealed). */
  function get(viewer: Viewer, id: string): StoryRecord {
    const s = isId('story', id) ? stories.get(id) : null;
    if (!s || !guards.canReadStory(viewer, s)) throw AppError.notFound('This story');
    return s;
  }

  function resolveUsers(keys: string[]): NamedUser[] {
    const found = stories.findUsers(keys);
    const missing = keys.filter((k) => !found.has(k));
    if (missing.length) throw AppError.invalid(`Unknown user(s): ${missing.slice(0, 5).join(', ')}.`, { field: 'users' });
    return [...new Map([...found.values()].map((u) => [u.id, u])).values()];
  }

  function checkAccess(level: StoryRecord['accessLevel'], embargoUntil: string | null): void {
    if (level === 'embargoed' && !embargoUntil) throw AppError.invalid('An embargoed story needs embargoUntil (when it opens to the newsroom).', { field: 'embargoUntil' });
  }

  /** Only users that exist can be named (a creator's account may have been removed). */
  const existing = (ids: Array<string | null>) => ids.filter((id): id is string => id !== null && stories.findUsers([id]).size > 0);

  /** A request the viewer may read (404 for unreadable and nonexistent alike), with its story. */
  function readableRequest(viewer: Viewer, id: string): { storyId: string | null } {
    const r = stories.requestScope(id);
    if (!r || (r.storyId !== null && !guards.readableStory(viewer, r.storyId))) throw AppError.notFound('This FOI request');
    return r;
  }

  const service = {
    get,

    create(viewer: Viewer, input: StoryCreate): StoryRecord {
      guards.requireWrite(viewer);
      const accessLevel = input.accessLevel ?? 'newsroom';
      const embargoUntil = accessLevel === 'embargoed' ? input.embargoUntil ?? null : null;
      checkAccess(accessLevel, embargoUntil);
      const named = resolveUsers(input.users ?? []);
      const id = newId('sto');
      db.transaction(() => {
        stories.insert({ id, title: input.title, description: input.description ?? '', accessLevel, embargoUntil, createdBy: viewer.userId }, now());
        // Whoever closes a story keeps reading it.
        const ids = keepNamed(accessLevel, named.map((u) => u.id), existing([viewer.userId]));
        stories.setNamedUsers(id, ids);
        audit.record(viewer, { action: 'create', entityType: 'story', entityId: id, summary: input.title, after: { ...stories.get(id), users: ids } });
      })();
      return stories.get(id)!;
    },

    update(viewer: Viewer, id: string, patch: StoryUpdate): StoryRecord {
      guards.requireWrite(viewer);
      const before = get(viewer, id);
      const accessLevel = patch.accessLevel ?? before.accessLevel;
      const embargoUntil = accessLevel === 'embargoed' ? (patch.embargoUntil === undefined ? before.embargoUntil : patch.embargoUntil) : null;
      checkAccess(accessLevel, embargoUntil);
      const current = stories.namedUsers(id).map((u) => u.id);
      const requested = patch.users === undefined ? current : resolveUsers(patch.users).map((u) => u.id);
      const sameUsers = requested.length === current.length && requested.every((u) => current.includes(u));
      const accessChanged = accessLevel !== before.accessLevel || embargoUntil !== before.embargoUntil || !sameUsers;
      // Changing who may read a story is for its creator, editors and admins; the creator (and
      // whoever makes the change) stays named on a story that is not open to the newsroom.
      if (accessChanged) assertMayManage(viewer, before, 'this story');
      const named = accessChanged ? keepNamed(accessLevel, requested, existing([before.createdBy, viewer.userId])) : null;
      writes.update(viewer, { entityType: 'story', entityId: id, summary: patch.title ?? before.title }, {
        apply: () => {
          stories.update(id, { title: patch.title ?? before.title, description: patch.description === undefined ? before.description : patch.description ?? '', accessLevel, embargoUntil }, now());
          if (named) stories.setNamedUsers(id, named);
        },
        // The documents' index records carry story titles for facets.
        documentIds: () => (patch.title !== undefined && patch.title !== before.title ? stories.documentIds(id) : null),
        before: () => ({ ...before, users: stories.namedUsers(id) }),
        after: () => stories.get(id),
      });
      return stories.get(id)!;
    },

    delete(viewer: Viewer, id: string): StoryRecord {
      guards.requireWrite(viewer);
      const story = get(viewer, id);
      assertMayManage(viewer, story, 'this story');
      writes.delete(viewer, { entityType: 'story', entityId: id, summary: story.title }, story, {
        documentIds: () => stories.documentIds(id),
        remove: () => {
          // The story's events are its chronology and share its access: left without it they would
          // open to the whole newsroom, so they go with it. Documents stay; only their links go.
          const events = stories.deleteEvents(id);
          stories.delete(id);
          return { events };
        },
      });
      return story;
    },

    list(viewer: Viewer, limit: number, page: number) {
      return stories.list(guards.storySql(viewer), guards.docSql(viewer), guards.eventSql(viewer), limit, (page - 1) * limit);
    },

    pickList: (viewer: Viewer) => stories.summaries(guards.storySql(viewer)),
    namedUsers: (viewer: Viewer, id: string) => stories.namedUsers(get(viewer, id).id),
    storiesOf: (viewer: Viewer, type: StoryItemType, itemId: string) => stories.storiesOf(type, itemId, guards.storySql(viewer)),

    /**
     * Adds a document, party or FOI request; the item must exist and be readable (404 otherwise).
     * A request of a story not open to the newsroom stays in that story (it would show to others).
     */
    addItem(viewer: Viewer, storyId: string, type: StoryItemType, itemId: string): { added: boolean } {
      guards.requireWrite(viewer);
      const story = get(viewer, storyId);
      if (type === 'document') guards.document(viewer, itemId);
      if (type === 'party') parties.get(itemId);
      if (type === 'request') {
        const { storyId: home } = readableRequest(viewer, itemId);
        if (!mayAddRequestToStory(home ? guards.readableStory(viewer, home) : null, storyId, clock.now())) {
          throw new AppError('forbidden', 'This FOI request belongs to a story that is not open to the newsroom; it can only be listed in that story.');
        }
      }
      let added = false;
      db.transaction(() => {
        added = stories.addItem(storyId, type, itemId, now());
        if (!added) return;
        if (type === 'document') reindex([itemId]);
        audit.record(viewer, { action: 'link', entityType: 'story', entityId: storyId, summary: `${type} ${itemId} → ${story.title}`, after: { type, id: itemId } });
      })();
      return { added };
    },

    removeItem(viewer: Viewer, storyId: string, type: StoryItemType, itemId: string): void {
      guards.requireWrite(viewer);
      const story = get(viewer, storyId);
      // An item the viewer may not read answers like an item that is not there.
      const readable = type === 'document' ? guards.documentReadable(viewer, itemId) : type === 'request' ? stories.readableRequestIds([itemId], guards.requestSql(viewer)).length > 0 : true;
      if (!readable) throw AppError.notFound('This item of the story');
      db.transaction(() => {
        if (!stories.removeItem(storyId, type, itemId)) throw AppError.notFound('This item of the story');
        if (type === 'document') reindex([itemId]);
        audit.record(viewer, { action: 'unlink', entityType: 'story', entityId: storyId, summary: `${type} ${itemId} ✕ ${story.title}`, before: { type, id: itemId } });
      })();
    },

    itemIds: (storyId: string, type: StoryItemType) => stories.itemIds(storyId, type),
    /** The story's FOI requests the viewer may read. */
    requestIds: (viewer: Viewer, storyId: string) => stories.readableRequestIds(stories.itemIds(get(viewer, storyId).id, 'request'), guards.requestSql(viewer)),
    /** May the viewer change who reads this story, or delete it? (For pages: show the controls.) */
    mayManage: (viewer: Viewer, story: StoryRecord) => mayManage(viewer, story),
    /** The story's documents the viewer may read (never the ids of restricted ones). */
    documentIds: (viewer: Viewer, storyId: string) => stories.readableDocumentIds(get(viewer, storyId).id, guards.docSql(viewer)),
    findByTitle: (title: string) => stories.findByTitle(title),
  };
  return service;
}

export type StoriesService = ReturnType<typeof createStoriesService>;
