import type { PartyRecord, PartySummary } from './parties.types';

/** JSON shapes of parties (stable field names, links for clients). */
export function presentPartySummary(p: PartySummary & { matched?: string; documentCount?: number; parentId?: string | null }) {
  return {
    id: p.id,
    kind: p.kind,
    name: p.name,
    shortName: p.shortName,
    ...(p.matched !== undefined ? { matched: p.matched } : {}),
    ...(p.documentCount !== undefined ? { documentCount: p.documentCount } : {}),
    ...(p.parentId !== undefined ? { parentId: p.parentId } : {}),
    links: { self: `/api/parties/${p.id}`, html: `/parties/${p.id}` },
  };
}

export function presentParty(p: PartyRecord) {
  return {
    id: p.id,
    kind: p.kind,
    name: p.name,
    shortName: p.shortName,
    aliases: p.aliases,
    parentId: p.parentId,
    notes: p.notes,
    identifiers: p.identifiers,
    email: p.email,
    postalAddress: p.postalAddress,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    links: { self: `/api/parties/${p.id}`, html: `/parties/${p.id}` },
  };
}
