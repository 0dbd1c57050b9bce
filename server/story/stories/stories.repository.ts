import type { Db } from '../../db/connection';
import type { AccessLevel } from '../../documents/documents.types';
import type { AccessSql } from '../shared/guards';
import type { NamedUser, StoryItemType, StoryRecord, StorySummary } from './stories.types';

/** All SQL about stories, their items and their named readers. */
interface StoryRow {
  id: string;
  title: string;
  description: string;
  access_level: AccessLevel;
  embargo_until: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}


const toRecord = (r: StoryRow): StoryRecord => ({
  id: r.id,
  title: r.title,
  description: r.description,
  accessLevel: r.access_level,
  embargoUntil: r.embargo_until,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function createStoriesRepository(db: Db) {
  const byId = db.prepare<[string], StoryRow>('SELECT * FROM stories WHERE id = ?');

  return {
    get(id: string): StoryRecord | null {
      const row = byId.get(id);
      return row ? toRecord(row) : null;
    },

    insert(s: Omit<StoryRecord, 'createdAt' | 'updatedAt'>, now: string): void {
      db.prepare(
        `INSERT INTO stories (id, title, description, access_level, embargo_until, created_by, created_at, updated_at)
         VALUES (@id, @title, @description, @accessLevel, @embargoUntil, @createdBy, @now, @now)`,
      ).run({ ...s, now });
    },

    update(id: string, s: Pick<StoryRecord, 'title' | 'description' | 'accessLevel' | 'embargoUntil'>, now: string): void {
      db.prepare('UPDATE stories SET title = @title, description = @description, access_level = @accessLevel, embargo_until = @embargoUntil, updated_at = @now WHERE id = @id').run({ ...s, now, id });
    },

    delete(id: string): void {
      db.prepare('DELETE FROM stories WHERE id = ?').run(id);
    },

    /** Deletes the story's events; returns what they were, for the audit entry. */
    deleteEvents(storyId: string): Array<{ id: string; title: string; event_date: string }> {
      const rows = db.prepare('SELECT id, title, event_date FROM events WHERE story_id = ?').all(storyId) as Array<{ id: string; title: string; event_date: string }>;
      db.prepare('DELETE FROM events WHERE story_id = ?').run(storyId);
      return rows;
    },

    /** Readable stories; their counts count only documents (`docAccess`) and events (`eventAccess`) the viewer may read. */
    list(access: AccessSql, docAccess: AccessSql, eventAccess: AccessSql, limit: number, offset: number): { stories: Array<StoryRecord & { documents: number; events: number }>; total: number } {
      const total = db.prepare(`SELECT COUNT(*) FROM stories s WHERE ${access.sql}`).pluck().get(access.params) as number;
      const rows = db
        .prepare(
          `SELECT s.*,
             (SELECT COUNT(*) FROM story_items i JOIN documents d ON d.id = i.item_id
               WHERE i.story_id = s.id AND i.item_type = 'document' AND ${docAccess.sql}) AS n_docs,
             (SELECT COUNT(*) FROM events e WHERE e.story_id = s.id AND ${eventAccess.sql}) AS n_events
           FROM stories s WHERE ${access.sql} ORDER BY s.updated_at DESC, s.id LIMIT @limit OFFSET @offset`,
        )
        .all({ ...access.params, ...docAccess.params, ...eventAccess.params, limit, offset }) as Array<StoryRow & { n_docs: number; n_events: number }>;
      return { stories: rows.map((r) => ({ ...toRecord(r), documents: r.n_docs, events: r.n_events })), total };
    },

    /** Stories the viewer may read, for pick lists. */
    summaries(access: AccessSql, limit = 500): StorySummary[] {
      return (db.prepare(`SELECT s.id, s.title, s.access_level FROM stories s WHERE ${access.sql} ORDER BY s.title COLLATE NOCASE LIMIT @limit`).all({ ...access.params, limit }) as StoryRow[]).map((r) => ({
        id: r.id,
        title: r.title,
        accessLevel: r.access_level,
      }));
    },

    findByTitle(title: string): StoryRecord | null {
      const row = db.prepare<[string], StoryRow>('SELECT * FROM stories WHERE title = ? ORDER BY created_at LIMIT 1').get(title);
      return row ? toRecord(row) : null;
    },

    itemIds(storyId: string, type: StoryItemType): string[] {
      return db.prepare('SELECT item_id FROM story_items WHERE story_id = ? AND item_type = ? ORDER BY added_at, item_id').pluck().all(storyId, type) as string[];
    },

    /** The story's own documents that the viewer may read (`access` over documents d). */
    readableDocumentIds(storyId: string, access: AccessSql): string[] {
      return db
        .prepare(
          `SELECT i.item_id FROM story_items i JOIN documents d ON d.id = i.item_id
           WHERE i.story_id = @storyId AND i.item_type = 'document' AND ${access.sql} ORDER BY i.added_at, i.item_id`,
        )
        .pluck()
        .all({ ...access.params, storyId }) as string[];
    },

    /** True when the item was added (false: it was already there). */
    addItem(storyId: string, type: StoryItemType, itemId: string, now: string): boolean {
      return db.prepare('INSERT OR IGNORE INTO story_items (story_id, item_type, item_id, added_at) VALUES (?, ?, ?, ?)').run(storyId, type, itemId, now).changes > 0;
    },

    removeItem(storyId: string, type: StoryItemType, itemId: string): boolean {
      return db.prepare('DELETE FROM story_items WHERE story_id = ? AND item_type = ? AND item_id = ?').run(storyId, type, itemId).changes > 0;
    },

    /** Stories (readable by the viewer) that hold an item. */
    storiesOf(type: StoryItemType, itemId: string, access: AccessSql): StorySummary[] {
      return (
        db
          .prepare(
            `SELECT s.id, s.title, s.access_level FROM story_items i JOIN stories s ON s.id = i.story_id
             WHERE i.item_type = @type AND i.item_id = @itemId AND ${access.sql} ORDER BY s.title COLLATE NOCASE`,
          )
          .all({ ...access.params, type, itemId }) as StoryRow[]
      ).map((r) => ({ id: r.id, title: r.title, accessLevel: r.access_level }));
    },

    /** Every document the story reaches: its own items and the documents of its events. */
    documentIds(storyId: string): string[] {
      return db
        .prepare(
          `SELECT item_id FROM story_items WHERE story_id = @id AND item_type = 'document'
           UNION SELECT de.document_id FROM document_events de JOIN events e ON e.id = de.event_id WHERE e.story_id = @id`,
        )
        .pluck()
        .all({ id: storyId }) as string[];
    },

    namedUsers(storyId: string): NamedUser[] {
      return db
        .prepare('SELECT u.id, u.username, u.display_name AS displayName FROM story_access a JOIN users u ON u.id = a.user_id WHERE a.story_id = ? ORDER BY u.username')
        .all(storyId) as NamedUser[];
    },

    setNamedUsers(storyId: string, userIds: string[]): void {
      db.prepare('DELETE FROM story_access WHERE story_id = ?').run(storyId);
      const insert = db.prepare('INSERT OR IGNORE INTO story_access (story_id, user_id) VALUES (?, ?)');
      for (const u of userIds) insert.run(storyId, u);
    },

    /** Users by id or user name; the caller reports the ones not found. */
    findUsers(keys: string[]): Map<string, NamedUser> {
      const out = new Map<string, NamedUser>();
      const q = db.prepare<[string, string], NamedUser>('SELECT id, username, display_name AS displayName FROM users WHERE id = ? OR username = ? COLLATE NOCASE');
      for (const k of keys) {
        const u = q.get(k, k);
        if (u) out.set(k, u);
      }
      return out;
    },

    /** The story an FOI request belongs to (its access follows it); null when there is no such request. */
    requestScope(id: string): { storyId: string | null } | null {
      return (db.prepare('SELECT story_id AS storyId FROM requests WHERE id = ?').get(id) as { storyId: string | null } | undefined) ?? null;
    },

    /** The FOI requests among these ids that the viewer may read (`access` over requests r), in the given order. */
    readableRequestIds(ids: string[], access: AccessSql): string[] {
      if (ids.length === 0) return [];
      const ok = new Set(db.prepare(`SELECT r.id FROM requests r WHERE r.id IN (SELECT value FROM json_each(@ids)) AND ${access.sql}`).pluck().all({ ...access.params, ids: JSON.stringify(ids) }) as string[]);
      return ids.filter((id) => ok.has(id));
    },
  };
}

export type StoriesRepository = ReturnType<typeof createStoriesRepository>;
