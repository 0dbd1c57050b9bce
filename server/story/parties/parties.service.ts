import { foldDanish } from '../../../search/text/danish';
import type { AuditLog } from '../../auth/audit';
import type { Viewer } from '../../auth/viewer';
import type { Db } from '../../db/connection';
import { AppError } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import { newId } from '../../lib/ids';
import type { Guards } from '../shared/guards';
import { isId } from '../shared/input';
import type { Reindex } from '../shared/writes';
import type { PartiesRepository } from './parties.repository';
import type { PartyCreate, PartyUpdate } from './parties.schema';
import type { PartyKind, PartyLinkCounts, PartyRecord, PartySummary } from './parties.types';

/**
 * The rules of parties: names and aliases, the parent tree without cycles, merging two records of
 * the same body, and deleting only with confirmation when something links to it. Every change that
 * alters what a linked document's index record says (a name, a short name, an alias, a merge, a
 * delete) writes an outbox row for each linked document in the same transaction.
 */
export function createPartiesService(deps: { db: Db; parties: PartiesRepository; guards: Guards; reindex: Reindex; audit: AuditLog; clock: Clock }) {
  const { db, parties, guards, reindex, audit, clock } = deps;
  const now = () => clock.now().toISOString();

  function get(id: string): PartyRecord {
    const p = isId('party', id) ? parties.get(id) : null;
    if (!p) throw AppError.notFound('This party');
    return p;
  }

  function checkParent(id: string | null, parentId: string | null | undefined): void {
    if (parentId === null || parentId === undefined) return; // '' names no party: 404 below, never written
    if (!isId('party', parentId) || !parties.get(parentId)) throw AppError.notFound('The parent party');
    if (id === null) return;
    if (parentId === id) throw AppError.invalid('A party cannot be its own parent.');
    if (parties.ancestors(parentId).some((a) => a.id === id)) {
      throw AppError.invalid('That parent would make a cycle: it is already placed under this party.');
    }
  }

  /** Aliases without duplicates of the name, the short name or each other (folded comparison). */
  function tidyAliases(aliases: string[], name: string, shortName: string | null): string[] {
    const seen = new Set([foldDanish(name), ...(shortName ? [foldDanish(shortName)] : [])]);
    const out: string[] = [];
    for (const a of aliases) {
      const f = foldDanish(a);
      if (seen.has(f)) continue;
      seen.add(f);
      out.push(a);
    }
    return out;
  }

  const namesOf = (p: Pick<PartyRecord, 'name' | 'shortName' | 'aliases'>) => JSON.stringify([p.name, p.shortName, [...p.aliases].sort()]);

  /** Links to the party that the viewer may see: readable documents, events and stories only. */
  const visibleCounts = (viewer: Viewer, id: string) => parties.linkCounts(id, { documents: guards.docSql(viewer), events: guards.eventSql(viewer), stories: guards.storySql(viewer) });

  /** True when something the viewer may not read links to the party. */
  function usedOutOfSight(viewer: Viewer, id: string): boolean {
    const all = parties.linkCounts(id);
    const seen = visibleCounts(viewer, id);
    return all.documents !== seen.documents || all.events !== seen.events || all.stories !== seen.stories;
  }

  /**
   * Merging and deleting change (or remove) every link to the party, including links on documents,
   * events and stories the actor cannot read. Rather than change what they may not see — or leave
   * the party half-merged, half-deleted — both are refused when such links exist: someone who can
   * read all of it (an admin) does it. The refusal says only that such material exists, no numbers.
   */
  function refuseIfOutOfSight(viewer: Viewer, id: string, action: 'merge' | 'delete'): void {
    if (usedOutOfSight(viewer, id)) {
      throw new AppError('forbidden', `This party is also used in material you cannot read, so you may not ${action} it. Ask someone who can read all of it (an admin).`);
    }
  }

  const service = {
    get,

    create(viewer: Viewer, input: PartyCreate): PartyRecord {
      guards.requireWrite(viewer);
      checkParent(null, input.parentId);
      const id = newId('pty');
      const shortName = input.shortName?.trim() || null;
      db.transaction(() => {
        parties.insert(
          { id, kind: input.kind, name: input.name, shortName, parentId: input.parentId ?? null, notes: input.notes ?? '', identifiers: input.identifiers ?? {}, email: input.email ?? null, postalAddress: input.postalAddress ?? null, createdBy: viewer.userId },
          now(),
        );
        parties.setAliases(id, tidyAliases(input.aliases ?? [], input.name, shortName));
        audit.record(viewer, { action: 'create', entityType: 'party', entityId: id, summary: input.name, after: parties.get(id) });
      })();
      return get(id);
    },

    update(viewer: Viewer, id: string, patch: PartyUpdate): PartyRecord {
      guards.requireWrite(viewer);
      const before = get(id);
      if (patch.parentId !== undefined) checkParent(id, patch.parentId);
      const next = {
        kind: patch.kind ?? before.kind,
        name: patch.name ?? before.name,
        shortName: patch.shortName === undefined ? before.shortName : patch.shortName?.trim() || null,
        parentId: patch.parentId === undefined ? before.parentId : patch.parentId,
        notes: patch.notes === undefined ? before.notes : patch.notes ?? '',
        identifiers: patch.identifiers ?? before.identifiers,
        email: patch.email === undefined ? before.email : patch.email,
        postalAddress: patch.postalAddress === undefined ? before.postalAddress : patch.postalAddress,
      };
      const aliases = tidyAliases(patch.aliases ?? before.aliases, next.name, next.shortName);
      db.transaction(() => {
        parties.update(id, next, now());
        parties.setAliases(id, aliases);
        const after = parties.get(id)!;
        // A renamed party must be found under its new name: every linked document is reindexed.
        if (namesOf(before) !== namesOf(after)) reindex(parties.documentIds(id));
        audit.record(viewer, { action: 'update', entityType: 'party', entityId: id, summary: after.name, before, after });
      })();
      return get(id);
    },

    addAlias(viewer: Viewer, id: string, alias: string): PartyRecord {
      const p = get(id);
      return service.update(viewer, id, { aliases: [...p.aliases, alias] });
    },

    removeAlias(viewer: Viewer, id: string, alias: string): PartyRecord {
      const p = get(id);
      if (!p.aliases.includes(alias)) throw AppError.notFound('This alias');
      return service.update(viewer, id, { aliases: p.aliases.filter((a) => a !== alias) });
    },

    /** Counts of what links to the party, counting only what the viewer may read. */
    linkCounts(viewer: Viewer, id: string): PartyLinkCounts {
      get(id);
      return visibleCounts(viewer, id);
    },

    /** Whether material the viewer cannot read links to the party (merge and delete are then refused). */
    usedOutOfSight(viewer: Viewer, id: string): boolean {
      get(id);
      return usedOutOfSight(viewer, id);
    },

    /** Deleting a party that something links to needs `force` (the links go with it). */
    delete(viewer: Viewer, id: string, force: boolean): { party: PartyRecord; counts: PartyLinkCounts } {
      guards.requireWrite(viewer);
      const party = get(id);
      refuseIfOutOfSight(viewer, id, 'delete');
      // Nothing is out of sight here, so what the viewer sees is every link.
      const counts = visibleCounts(viewer, id);
      const linked = counts.documents + counts.events + counts.stories + counts.children;
      if (linked > 0 && !force) {
        throw new AppError(
          'conflict',
          `This party is linked to ${counts.documents} document link(s), ${counts.events} event(s), ${counts.stories} stor(ies) and has ${counts.children} sub-part(ies). Delete with force to remove the links too.`,
          { counts },
        );
      }
      db.transaction(() => {
        reindex(parties.documentIds(id));
        parties.delete(id);
        audit.record(viewer, { action: 'delete', entityType: 'party', entityId: id, summary: party.name, before: { ...party, counts } });
      })();
      return { party, counts };
    },

    /**
     * Merges `fromId` into `intoId`: links, sub-parties and aliases move over, the merged party's
     * name and short name become aliases of the survivor, and the merged party is deleted.
     */
    merge(viewer: Viewer, fromId: string, intoId: string): PartyRecord {
      guards.requireWrite(viewer);
      const from = get(fromId);
      if (!isId('party', intoId) || !parties.get(intoId)) throw AppError.notFound('The party to merge into');
      if (fromId === intoId) throw AppError.invalid('A party cannot be merged into itself.');
      const into = get(intoId);
      // Only the merged party's links move; the survivor's stay where they are.
      refuseIfOutOfSight(viewer, fromId, 'merge');
      db.transaction(() => {
        const affected = new Set([...parties.documentIds(fromId), ...parties.documentIds(intoId)]);
        // The survivor must not end up under itself: it takes the merged party's place in the tree.
        const parentId = into.parentId === fromId ? (from.parentId === intoId ? null : from.parentId) : into.parentId;
        const notes = [into.notes, from.notes ? `Merged from ${from.name}: ${from.notes}` : ''].filter(Boolean).join('\n\n');
        parties.merge(fromId, intoId, now());
        const aliases = tidyAliases([...into.aliases, from.name, ...(from.shortName ? [from.shortName] : []), ...from.aliases], into.name, into.shortName);
        parties.update(intoId, { kind: into.kind, name: into.name, shortName: into.shortName, parentId, notes, identifiers: { ...from.identifiers, ...into.identifiers }, email: into.email ?? from.email, postalAddress: into.postalAddress ?? from.postalAddress }, now());
        parties.setAliases(intoId, aliases);
        reindex(affected);
        audit.record(viewer, { action: 'merge', entityType: 'party', entityId: intoId, summary: `${from.name} → ${into.name}`, before: { from, into }, after: parties.get(intoId) });
      })();
      return get(intoId);
    },

    /** Type-ahead: names, short names and aliases, Danish-folded; prefix matches first. */
    suggest(q: string, limit = 10, kind?: PartyKind): Array<PartySummary & { matched: string }> {
      const fq = foldDanish(q.trim());
      const scored: Array<{ p: PartySummary; matched: string; score: number }> = [];
      for (const p of parties.allNames()) {
        if (kind && p.kind !== kind) continue;
        let best: { matched: string; score: number } | null = null;
        for (const [n, bonus] of [[p.name, 0], ...(p.shortName ? [[p.shortName, 0]] : []), ...p.aliases.map((a) => [a, 1])] as Array<[string, number]>) {
          const f = foldDanish(n);
          const score = !fq ? 3 : f === fq ? 0 : f.startsWith(fq) ? 1 + bonus : f.split(/[^\p{L}\p{N}]+/u).some((w) => w.startsWith(fq)) ? 2 + bonus : f.includes(fq) ? 4 : -1;
          if (score >= 0 && (!best || score < best.score)) best = { matched: n, score };
        }
        if (best) scored.push({ p, ...best });
      }
      scored.sort((a, b) => a.score - b.score || a.p.name.localeCompare(b.p.name, 'da'));
      return scored.slice(0, limit).map((s) => ({ ...s.p, matched: s.matched }));
    },

    /** Parties whose name, short name or an alias is exactly this (folded). */
    byExactName(name: string): PartySummary[] {
      const f = foldDanish(name.trim());
      if (!f) return [];
      return parties.allNames().filter((p) => [p.name, p.shortName ?? '', ...p.aliases].some((n) => foldDanish(n) === f));
    },

    list(viewer: Viewer, filter: { q?: string; kind?: PartyKind }, limit: number, page: number) {
      const ids = filter.q?.trim() ? service.suggest(filter.q, 10_000, filter.kind).map((p) => p.id) : undefined;
      return parties.list({ kind: filter.kind, ids }, limit, (page - 1) * limit, guards.docSql(viewer));
    },

    children: (id: string) => parties.children(id),
    ancestors: (id: string) => parties.ancestors(id),
    summaries: (ids: string[]) => parties.summaries(ids),
    /** Every party with its names and aliases (the text scan looks for all of them). */
    allNames: () => parties.allNames(),
  };
  return service;
}

export type PartiesService = ReturnType<typeof createPartiesService>;
