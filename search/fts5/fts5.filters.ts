import { AppError } from '../../server/lib/errors';
import { dateNum } from '../dates';
import { PARTY_ROLES, type PartyRole, type SearchFilters, type SearchViewer } from '../engine';
import { ACCESS, valueKey, type DocSnapshot } from './fts5.docs';

/**
 * Turns typed filters and the viewer into a test of one document, by key, over the in-memory
 * document table (fts5.docs.ts). The same meaning as search/meilisearch/filter.ts, so both engines
 * filter alike. (The extraction method is a page's, not a document's: the engine filters it on the
 * page rowids.) Every document the test passes exists: a key with no document fails it.
 */
export type DocTest = (key: number) => boolean;

export interface FilterInput {
  filters?: SearchFilters;
  viewer: SearchViewer | undefined;
  now: Date;
  /** The keys of documents by id (those indexed). */
  keysOf(ids: string[]): number[];
}

export function compileFilter(s: DocSnapshot, { filters = {}, viewer, now, keysOf }: FilterInput): DocTest {
  const tests: DocTest[] = [];
  const text = (values: string[] | undefined): string[] => {
    const unique = [...new Set(values ?? [])];
    for (const v of unique) if (typeof v !== 'string') throw AppError.invalid('A filter value must be text.');
    return unique;
  };
  const strings = (values: string[]): Set<number> => new Set(values.map((v) => s.stringIds.get(v) ?? -2));
  // Linked to any of these values of a kind (party, party:<role>, event, story, request).
  const linked = (kind: string, values: string[] | undefined) => {
    const wanted = text(values);
    if (wanted.length === 0) return;
    const vids = new Set<number>();
    for (const v of wanted) {
      const vid = s.valueIds.get(valueKey(kind, v));
      if (vid !== undefined) vids.add(vid);
    }
    tests.push((key) => (s.links[key] ?? []).some((vid) => vids.has(vid)));
  };

  if (filters.documentIds !== undefined) {
    const keys = new Set(keysOf(text(filters.documentIds).slice(0, 1000)));
    tests.push((key) => keys.has(key));
  }
  const media = text(filters.mediaType);
  if (media.length > 0) {
    const ids = strings(media);
    tests.push((key) => ids.has(s.media[key] as number));
  }
  const languages = text(filters.language);
  if (languages.length > 0) {
    const ids = strings(languages);
    tests.push((key) => ids.has(s.language[key] as number));
  }
  const from = filters.dateFrom ? dateNum(filters.dateFrom, 'from') : null;
  const to = filters.dateTo ? dateNum(filters.dateTo, 'to') : null;
  if (from !== null || to !== null) {
    const inRange = (key: number) => {
      const d = s.dateNum[key] as number;
      return (from === null || d >= from) && (to === null || d <= to);
    };
    tests.push(filters.undated === 'include' ? (key) => s.undated[key] === 1 || inRange(key) : inRange);
  }
  linked('party', filters.partyIds);
  const byRole = new Map<PartyRole, string[]>();
  for (const { role, partyId } of filters.partyRoles ?? []) {
    if (!(PARTY_ROLES as readonly string[]).includes(role)) throw AppError.invalid(`Unknown party role: ${String(role)}.`);
    byRole.set(role, [...(byRole.get(role) ?? []), partyId]);
  }
  for (const [role, ids] of byRole) linked(`party:${role}`, ids);
  linked('event', filters.eventIds);
  linked('story', filters.storyIds);
  linked('request', filters.requestIds);

  const readable = accessTest(s, viewer, now);
  return (key) => key < s.size && s.access[key] !== ACCESS.none && readable(key) && tests.every((test) => test(key));
}

/**
 * server/auth/access.ts's rule over the engine's own copy (the named readers are `user` links):
 * admins read everything; newsroom documents are open; embargoed ones once the embargo has ended
 * (compared as ISO text, as stored); anything else only by the users named on it. No viewer: only
 * what is open to the whole newsroom.
 */
function accessTest(s: DocSnapshot, viewer: SearchViewer | undefined, now: Date): DocTest {
  if (viewer?.role === 'admin') return () => true;
  const nowIso = now.toISOString();
  const reader = viewer ? s.valueIds.get(valueKey('user', String(viewer.userId))) : undefined;
  return (key) => {
    const access = s.access[key];
    if (access === ACCESS.newsroom) return true;
    if (access === ACCESS.embargoed) {
      const until = s.embargo.get(key);
      if (until !== undefined && until <= nowIso) return true;
    }
    return reader !== undefined && (s.links[key] ?? []).includes(reader);
  };
}
