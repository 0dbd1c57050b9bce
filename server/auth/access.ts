import type { Viewer } from './viewer';

/**
 * THE access rule of Kilde — every read path (pages, API, search hits, snippets, facet counts,
 * suggestions, downloads, page images, exports, quote checks, permanent links) goes through here.
 *
 * - newsroom: every signed-in user.
 * - restricted: admins and the named users in `document_access` / `story_access` (source protection).
 * - embargoed: nobody but admins and named users until `embargo_until` has passed; then newsroom.
 * - a document inside a container (an e-mail's attachment, a zip's entry, at any depth) is readable
 *   only when it AND every ancestor are readable by the rule above.
 *
 * Descendants follow their container through "effective access computed through ancestors at read
 * time", not "access propagated to descendants on write": each document keeps only its own level
 * and named users, and the rule walks up the `parent_id` chain. Then no write can forget to
 * propagate (a child extracted after its container was restricted, a container restricted at
 * upload, an entry of an entry), a child's own restriction never gets overwritten when its
 * container is opened, and opening a container opens what was only closed because of it. The
 * search index is derived: it stores the family's access folded into one level (`familyAccess`),
 * and every access change re-indexes the whole family through the outbox.
 *
 * Admins see everything: they manage access and must be able to fix it.
 */
export type AccessLevel = 'newsroom' | 'restricted' | 'embargoed';

export interface Guarded {
  id: string;
  accessLevel: AccessLevel;
  embargoUntil: string | null;
  /** The containers a document sits in, nearest first (documents only; absent or [] at the top). */
  ancestors?: readonly Guarded[];
}

/** A stored embargo end: an ISO date-time with a four-digit year (`Date#toISOString()` writes them). */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export function embargoHasEnded(embargoUntil: string | null, now: Date): boolean {
  // A value that is not a plain instant (a year past 9999 is "+010000-…", which sorts before
  // "2026-…" as text) never ends: an unreadable embargo stays closed rather than opening at once.
  if (embargoUntil === null || !ISO_INSTANT.test(embargoUntil)) return false;
  const end = Date.parse(embargoUntil);
  return Number.isFinite(end) && end <= now.getTime();
}

export function isOpenToNewsroom(item: Pick<Guarded, 'accessLevel' | 'embargoUntil'>, now: Date): boolean {
  if (item.accessLevel === 'newsroom') return true;
  if (item.accessLevel === 'embargoed') return embargoHasEnded(item.embargoUntil, now);
  return false;
}

/** `named` answers whether the viewer is on the item's (or an ancestor's) list of named users. */
export function canRead(viewer: Viewer, item: Guarded, now: Date, named: (itemId: string, userId: string) => boolean): boolean {
  if (viewer.role === 'admin') return true;
  for (const g of [item, ...(item.ancestors ?? [])]) {
    if (!isOpenToNewsroom(g, now) && !named(g.id, viewer.userId)) return false;
  }
  return true;
}

/** One link of a family as the search index needs it: its own level, embargo end and named users. */
export interface AccessGate {
  accessLevel: AccessLevel;
  embargoUntil: string | null;
  userIds: readonly string[];
}

/**
 * A family's access (a document and its ancestors) folded into one level, for the search index,
 * whose records carry one level, one embargo end and one list of readers. Restricted wins over
 * embargoed over newsroom; readers are those named on every closed link; an embargo ends when the
 * last one does. Exact for one closed link (the usual case: a restricted e-mail and its
 * attachments); with several it can only be stricter than `canRead` (a user named on a restricted
 * attachment but not on its embargoed e-mail finds it by search only once named on both), never
 * looser. Associative: folding a deleted container into its children keeps their index records.
 */
export function familyAccess(gates: readonly AccessGate[]): AccessGate {
  let level: AccessLevel = 'newsroom';
  let latestEnd: string | null = null;
  let neverEnds = false;
  let users = null as Set<string> | null;
  for (const g of gates) {
    if (g.accessLevel === 'newsroom') continue;
    const named = new Set(g.userIds);
    users = users === null ? named : new Set([...users].filter((u: string) => named.has(u)));
    if (g.accessLevel === 'restricted') {
      level = 'restricted';
      continue;
    }
    if (level === 'newsroom') level = 'embargoed';
    // An embargo end that is not a plain instant never ends (see embargoHasEnded).
    const ms = g.embargoUntil !== null && ISO_INSTANT.test(g.embargoUntil) ? Date.parse(g.embargoUntil) : NaN;
    const end = Number.isFinite(ms) ? new Date(ms).toISOString() : null;
    if (end === null) neverEnds = true;
    else if (latestEnd === null || end > latestEnd) latestEnd = end;
  }
  return {
    accessLevel: level,
    embargoUntil: level === 'embargoed' && !neverEnds ? latestEnd : null,
    userIds: users ? [...users].sort() : [],
  };
}

/**
 * The same rule as a SQL condition over a table alias, for list queries, so counts and pagination
 * stay right. Parameters are named (`@access_user`, `@access_now`): merge them in. A null viewer is
 * someone named nowhere (what is open to the whole newsroom).
 */
function ownAccessSql(alias: string, named: { table: string; column: string }, withUser: boolean): string {
  return `(${alias}.access_level = 'newsroom'
      OR (${alias}.access_level = 'embargoed' AND ${alias}.embargo_until IS NOT NULL
          AND substr(${alias}.embargo_until, 1, 1) BETWEEN '0' AND '9' AND ${alias}.embargo_until <= @access_now)${withUser ? `
      OR EXISTS (SELECT 1 FROM ${named.table} na WHERE na.${named.column} = ${alias}.id AND na.user_id = @access_user)` : ''})`;
}

function accessParams(viewer: Viewer | null, now: Date): Record<string, string> {
  return viewer ? { access_user: viewer.userId, access_now: now.toISOString() } : { access_now: now.toISOString() };
}

/**
 * Documents (named users in `document_access`), with their ancestors: no container up the
 * `parent_id` chain may be closed to the viewer (UNION, not UNION ALL, so a cycle ends).
 */
export function documentAccessSql(viewer: Viewer | null, now: Date, alias = 'd'): { sql: string; params: Record<string, string> } {
  if (viewer?.role === 'admin') return { sql: '1', params: {} };
  const named = { table: 'document_access', column: 'document_id' };
  const up = `${alias}_up`;
  const anc = `${alias}_anc`;
  const step = `${alias}_step`;
  return {
    sql: `(${ownAccessSql(alias, named, viewer !== null)}
      AND (${alias}.parent_id IS NULL OR NOT EXISTS (
        WITH RECURSIVE ${up}(id) AS (SELECT ${alias}.parent_id UNION SELECT ${step}.parent_id FROM documents ${step} JOIN ${up} ON ${step}.id = ${up}.id WHERE ${step}.parent_id IS NOT NULL)
        SELECT 1 FROM ${up} JOIN documents ${anc} ON ${anc}.id = ${up}.id WHERE NOT ${ownAccessSql(anc, named, viewer !== null)})))`,
    params: accessParams(viewer, now),
  };
}

/** Stories (named users in `story_access`). */
export function storyAccessSql(viewer: Viewer, now: Date, alias = 's'): { sql: string; params: Record<string, string> } {
  if (viewer.role === 'admin') return { sql: '1', params: {} };
  return { sql: ownAccessSql(alias, { table: 'story_access', column: 'story_id' }, true), params: accessParams(viewer, now) };
}
