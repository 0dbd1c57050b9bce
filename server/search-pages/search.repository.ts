import type { Statement } from 'better-sqlite3';
import { storyAccessSql } from '../auth/access';
import { eventAccessSql, requestAccessSql } from '../auth/follows';
import type { Viewer } from '../auth/viewer';
import type { Db } from '../db/connection';

/**
 * Names for the ids the search sidebar shows (parties, events, stories, FOI requests), under the
 * same access rule as everywhere: a story the viewer may not read, or an event or request of such a
 * story, gets no name, so a facet never reveals what a restricted story is called.
 */
export function createSearchLabels(db: Db) {
  // Prepared once per SQL text (the access rules give a few texts): every search asks for labels,
  // and preparing costs about as much as running these small lookups.
  const statements = new Map<string, Statement>();
  function lookup(sql: string, ids: string[], params: Record<string, string> = {}): Map<string, string> {
    const out = new Map<string, string>();
    if (ids.length === 0) return out;
    let st = statements.get(sql);
    if (!st) {
      st = db.prepare(sql).raw();
      if (statements.size < 64) statements.set(sql, st);
    }
    const rows = st.all({ ids: JSON.stringify([...new Set(ids)]), ...params }) as Array<[string, string]>;
    for (const [id, name] of rows) out.set(id, name);
    return out;
  }

  return {
    parties(ids: string[]): Map<string, string> {
      return lookup('SELECT p.id, p.name FROM parties p WHERE p.id IN (SELECT value FROM json_each(@ids))', ids);
    },
    stories(ids: string[], viewer: Viewer, now: Date): Map<string, string> {
      const access = storyAccessSql(viewer, now, 's');
      return lookup(`SELECT s.id, s.title FROM stories s WHERE s.id IN (SELECT value FROM json_each(@ids)) AND ${access.sql}`, ids, access.params);
    },
    events(ids: string[], viewer: Viewer, now: Date): Map<string, string> {
      // An event made from a document follows that document too: its title carries the document's.
      const access = eventAccessSql(viewer, now, 'e');
      return lookup(`SELECT e.id, e.title FROM events e WHERE e.id IN (SELECT value FROM json_each(@ids)) AND ${access.sql}`, ids, access.params);
    },
    requests(ids: string[], viewer: Viewer, now: Date): Map<string, string> {
      const access = requestAccessSql(viewer, now, 'r');
      // The subject, and our reference when there is one: subjects repeat ("Aktindsigt i …").
      return lookup(
        `SELECT r.id, r.subject || CASE WHEN r.our_reference <> '' THEN ' (' || r.our_reference || ')' ELSE '' END
         FROM requests r WHERE r.id IN (SELECT value FROM json_each(@ids)) AND ${access.sql}`,
        ids,
        access.params,
      );
    },
  };
}

export type SearchLabels = ReturnType<typeof createSearchLabels>;
