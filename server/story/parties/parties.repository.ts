import type { Db } from '../../db/connection';
import type { AccessSql } from '../shared/guards';
import type { PartyKind, PartyLinkCounts, PartyRecord, PartySummary } from './parties.types';

/** All SQL about parties, their aliases and the moves a merge makes. */
interface PartyRow {
  id: string;
  kind: PartyKind;
  name: string;
  short_name: string | null;
  parent_id: string | null;
  notes: string;
  identifiers: string;
  email: string | null;
  postal_address: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export type NewParty = Pick<PartyRecord, 'id' | 'kind' | 'name' | 'shortName' | 'parentId' | 'notes' | 'identifiers'> & Partial<Pick<PartyRecord, 'email' | 'postalAddress'>> & { createdBy: string | null };


export function createPartiesRepository(db: Db) {
  const byId = db.prepare<[string], PartyRow>('SELECT * FROM parties WHERE id = ?');
  const aliasesOf = db.prepare<[string], { alias: string }>('SELECT alias FROM party_aliases WHERE party_id = ? ORDER BY alias COLLATE NOCASE');

  const toRecord = (r: PartyRow): PartyRecord => ({
    id: r.id,
    kind: r.kind,
    name: r.name,
    shortName: r.short_name,
    parentId: r.parent_id,
    notes: r.notes,
    identifiers: JSON.parse(r.identifiers) as Record<string, string>,
    aliases: aliasesOf.all(r.id).map((a) => a.alias),
    email: r.email ?? null,
    postalAddress: r.postal_address ?? null,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });
  const toSummary = (r: Pick<PartyRow, 'id' | 'kind' | 'name' | 'short_name'>): PartySummary => ({ id: r.id, kind: r.kind, name: r.name, shortName: r.short_name });

  return {
    get(id: string): PartyRecord | null {
      const row = byId.get(id);
      return row ? toRecord(row) : null;
    },

    summaries(ids: string[]): Map<string, PartySummary> {
      const out = new Map<string, PartySummary>();
      if (ids.length === 0) return out;
      const rows = db.prepare(`SELECT id, kind, name, short_name FROM parties WHERE id IN (${ids.map(() => '?').join(',')})`).all(...ids) as PartyRow[];
      for (const r of rows) out.set(r.id, toSummary(r));
      return out;
    },

    insert(p: NewParty, now: string): void {
      db.prepare(
        `INSERT INTO parties (id, kind, name, short_name, parent_id, notes, identifiers, email, postal_address, created_by, created_at, updated_at)
         VALUES (@id, @kind, @name, @shortName, @parentId, @notes, @identifiers, @email, @postalAddress, @createdBy, @now, @now)`,
      ).run({ ...p, identifiers: JSON.stringify(p.identifiers), email: p.email ?? null, postalAddress: p.postalAddress ?? null, now });
    },

    /** Fields left out (e-mail, postal address) keep their value. */
    update(id: string, p: Omit<NewParty, 'id' | 'createdBy'>, now: string): void {
      db.prepare(
        `UPDATE parties SET kind = @kind, name = @name, short_name = @shortName, parent_id = @parentId, notes = @notes,
           identifiers = @identifiers,
           email = CASE WHEN @keepEmail THEN email ELSE @email END,
           postal_address = CASE WHEN @keepPostal THEN postal_address ELSE @postalAddress END,
           updated_at = @now WHERE id = @id`,
      ).run({
        ...p, identifiers: JSON.stringify(p.identifiers), now, id,
        email: p.email ?? null, keepEmail: p.email === undefined ? 1 : 0,
        postalAddress: p.postalAddress ?? null, keepPostal: p.postalAddress === undefined ? 1 : 0,
      });
    },

    setAliases(id: string, aliases: string[]): void {
      db.prepare('DELETE FROM party_aliases WHERE party_id = ?').run(id);
      const insert = db.prepare('INSERT OR IGNORE INTO party_aliases (party_id, alias) VALUES (?, ?)');
      for (const a of aliases) insert.run(id, a);
    },

    delete(id: string): void {
      db.prepare('DELETE FROM parties WHERE id = ?').run(id);
    },

    /** Every party with its names, for matching in text and for type-ahead (a newsroom has thousands, not millions). */
    allNames(): Array<PartySummary & { aliases: string[] }> {
      const aliases = new Map<string, string[]>();
      for (const a of db.prepare('SELECT party_id, alias FROM party_aliases').all() as Array<{ party_id: string; alias: string }>) {
        const list = aliases.get(a.party_id) ?? [];
        list.push(a.alias);
        aliases.set(a.party_id, list);
      }
      return (db.prepare('SELECT id, kind, name, short_name FROM parties').all() as PartyRow[]).map((r) => ({ ...toSummary(r), aliases: aliases.get(r.id) ?? [] }));
    },

    /** Document counts only count documents the viewer may read (`access`): a count must not reveal a restricted one. */
    list(filter: { kind?: PartyKind; ids?: string[] }, limit: number, offset: number, access: AccessSql): { parties: Array<PartySummary & { parentId: string | null; documentCount: number }>; total: number } {
      const where: string[] = [];
      const params: Record<string, unknown> = { ...access.params };
      if (filter.kind) {
        where.push('p.kind = @kind');
        params.kind = filter.kind;
      }
      if (filter.ids) {
        if (filter.ids.length === 0) return { parties: [], total: 0 };
        where.push(`p.id IN (SELECT value FROM json_each(@ids))`);
        params.ids = JSON.stringify(filter.ids);
      }
      const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const total = db.prepare(`SELECT COUNT(*) FROM parties p ${w}`).pluck().get(Object.fromEntries(Object.entries(params).filter(([k]) => !k.startsWith('access_')))) as number;
      const rows = db
        .prepare(
          `SELECT p.id, p.kind, p.name, p.short_name, p.parent_id,
             (SELECT COUNT(DISTINCT dp.document_id) FROM document_parties dp JOIN documents d ON d.id = dp.document_id WHERE dp.party_id = p.id AND ${access.sql}) AS n
           FROM parties p ${w} ORDER BY p.name COLLATE NOCASE, p.id LIMIT @limit OFFSET @offset`,
        )
        .all({ ...params, limit, offset }) as Array<PartyRow & { n: number }>;
      return { parties: rows.map((r) => ({ ...toSummary(r), parentId: r.parent_id, documentCount: r.n })), total };
    },

    children(id: string): PartySummary[] {
      return (db.prepare('SELECT id, kind, name, short_name FROM parties WHERE parent_id = ? ORDER BY name COLLATE NOCASE').all(id) as PartyRow[]).map(toSummary);
    },

    /** The chain of parents above a party, nearest first (stops on a cycle, which writes refuse). */
    ancestors(id: string): PartySummary[] {
      const out: PartySummary[] = [];
      const seen = new Set<string>([id]);
      let row = byId.get(id);
      while (row?.parent_id && !seen.has(row.parent_id)) {
        seen.add(row.parent_id);
        row = byId.get(row.parent_id);
        if (row) out.push(toSummary(row));
      }
      return out;
    },

    /**
     * Links to the party. With `access`, each kind counts only what the viewer may read: document
     * links of readable documents, links of readable events, readable stories. Without it, all.
     */
    linkCounts(id: string, access?: { documents: AccessSql; events: AccessSql; stories: AccessSql }): PartyLinkCounts {
      const count = (sql: string, cond?: AccessSql) => db.prepare(cond ? `${sql} AND ${cond.sql}` : sql).pluck().get({ ...(cond?.params ?? {}), id }) as number;
      return {
        documents: count('SELECT COUNT(*) FROM document_parties dp JOIN documents d ON d.id = dp.document_id WHERE dp.party_id = @id', access?.documents),
        events: count('SELECT COUNT(*) FROM event_parties ep JOIN events e ON e.id = ep.event_id WHERE ep.party_id = @id', access?.events),
        stories: count("SELECT COUNT(*) FROM story_items i JOIN stories s ON s.id = i.story_id WHERE i.item_type = 'party' AND i.item_id = @id", access?.stories),
        children: count('SELECT COUNT(*) FROM parties WHERE parent_id = @id'),
      };
    },

    documentIds(id: string): string[] {
      return db.prepare('SELECT DISTINCT document_id FROM document_parties WHERE party_id = ?').pluck().all(id) as string[];
    },

    /**
     * Moves everything of `fromId` to `intoId` and deletes `fromId`. A link both parties already
     * had collapses into one. The caller wraps this in a transaction with the audit entry.
     */
    merge(fromId: string, intoId: string, now: string): void {
      db.prepare('INSERT OR IGNORE INTO document_parties (document_id, party_id, role, created_by, created_at) SELECT document_id, ?, role, created_by, created_at FROM document_parties WHERE party_id = ?').run(intoId, fromId);
      db.prepare('INSERT OR IGNORE INTO event_parties (event_id, party_id, role) SELECT event_id, ?, role FROM event_parties WHERE party_id = ?').run(intoId, fromId);
      db.prepare("INSERT OR IGNORE INTO story_items (story_id, item_type, item_id, added_at) SELECT story_id, 'party', ?, added_at FROM story_items WHERE item_type = 'party' AND item_id = ?").run(intoId, fromId);
      db.prepare("DELETE FROM story_items WHERE item_type = 'party' AND item_id = ?").run(fromId);
      db.prepare('INSERT OR IGNORE INTO party_aliases (party_id, alias) SELECT ?, alias FROM party_aliases WHERE party_id = ?').run(intoId, fromId);
      db.prepare('UPDATE parties SET parent_id = ? WHERE parent_id = ? AND id <> ?').run(intoId, fromId, intoId);
      // Suggestions naming the merged party now name the survivor; a decided one keeps its decision.
      db.prepare("UPDATE OR IGNORE suggestions SET value = ? WHERE kind = 'party_mention' AND value = ?").run(intoId, fromId);
      db.prepare("DELETE FROM suggestions WHERE kind = 'party_mention' AND value = ?").run(fromId);
      db.prepare('UPDATE parties SET updated_at = ? WHERE id = ?').run(now, intoId);
      db.prepare('DELETE FROM parties WHERE id = ?').run(fromId);
    },
  };
}

export type PartiesRepository = ReturnType<typeof createPartiesRepository>;
