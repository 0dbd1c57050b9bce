import type { Viewer } from './viewer';

/**
 * THE access rule of Kilde — every read path (pages, API, search hits, snippets, facet counts,
 * suggestions, downloads, page images, exports, quote checks, permanent links) goes through here.
 *
 * - newsroom: every signed-in user.
 * - restricted: admins and the named users in `document_access` / `story_access` (source protection).
 * - embargoed: nobody but admins and named users until `embargo_until` has passed; then newsroom.
 *
 * Admins see everything: they manage access and must be able to fix it.
 */
export interface Guarded {
  id: string;
  accessLevel: 'newsroom' | 'restricted' | 'embargoed';
  embargoUntil: string | null;
}

export function isOpenToNewsroom(item: Guarded, now: Date): boolean {
  if (item.accessLevel === 'newsroom') return true;
  if (item.accessLevel === 'embargoed') return item.embargoUntil !== null && item.embargoUntil <= now.toISOString();
  return false;
}

/** `named` answers whether the viewer is on the item's list of named users. */
export function canRead(viewer: Viewer, item: Guarded, now: Date, named: (itemId: string, userId: string) => boolean): boolean {
  if (viewer.role === 'admin') return true;
  if (isOpenToNewsroom(item, now)) return true;
  return named(item.id, viewer.userId);
}

/**
 * The same rule as a SQL condition over a table alias, for list queries, so counts and pagination
 * stay right. Parameters are named (`@access_user`, `@access_now`): merge them in.
 */
function accessSql(viewer: Viewer, now: Date, alias: string, named: { table: string; column: string }): { sql: string; params: Record<string, string> } {
  if (viewer.role === 'admin') return { sql: '1', params: {} };
  return {
    sql: `(${alias}.access_level = 'newsroom'
      OR (${alias}.access_level = 'embargoed' AND ${alias}.embargo_until IS NOT NULL AND ${alias}.embargo_until <= @access_now)
      OR EXISTS (SELECT 1 FROM ${named.table} na WHERE na.${named.column} = ${alias}.id AND na.user_id = @access_user))`,
    params: { access_user: viewer.userId, access_now: now.toISOString() },
  };
}

/** Documents (named users in `document_access`). */
export const documentAccessSql = (viewer: Viewer, now: Date, alias = 'd') =>
  accessSql(viewer, now, alias, { table: 'document_access', column: 'document_id' });

/** Stories (named users in `story_access`). */
export const storyAccessSql = (viewer: Viewer, now: Date, alias = 's') =>
  accessSql(viewer, now, alias, { table: 'story_access', column: 'story_id' });
