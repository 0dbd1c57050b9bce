/**
 * Builds Meilisearch filter expressions from a typed filter. Returns an array of expressions, which
 * Meilisearch ANDs; the values of one array field are ORed inside one expression (`attr IN [...]`).
 *
 * Every value is written as a double-quoted string escaped the way Meilisearch's filter parser reads
 * it (crates/filter-parser, `quoted_by` then `unescaper::unescape`): `\"` is a quote and `\\` a
 * backslash. Escaping both means a value can neither end its string early nor smuggle an escape
 * sequence, so quotes, backslashes, AND, OR, TO, =, parentheses or brackets inside a value are only
 * characters of that value. Numbers are formatted by us from validated integers.
 *
 * Dates are filtered on `dateNum`, the record's date as the number YYYYMMDD (search/dates.ts).
 */
import { AppError } from '../../server/lib/errors';
import { dateNum } from '../dates';
import { PARTY_ROLES, type PartyRole } from '../engine';

export { dateNum, PARTY_ROLES, type PartyRole };

/** Every attribute Kilde filters on: the index's `filterableAttributes`, and the allow-list here. */
export const FILTERABLE_ATTRIBUTES = [
  'documentId', 'pageNumber', 'mediaType', 'language', 'method', 'dateNum', 'partyIds',
  ...PARTY_ROLES.map((role) => `parties_${role}` as const),
  'eventIds', 'storyIds', 'requestId', 'accessLevel', 'allowedUserIds', 'embargoUntil',
  // Only for `IS NULL`: a date range that keeps the documents without a date of their own.
  'documentDate',
] as const;
const ALLOWED = new Set<string>(FILTERABLE_ATTRIBUTES);

export interface MeiliFilterInput {
  mediaType?: string[];
  language?: string[];
  method?: string[];
  /** YYYY, YYYY-MM or YYYY-MM-DD, inclusive: "2024" from 1 January, to 31 December. */
  dateFrom?: string;
  dateTo?: string;
  /** 'include': the date range keeps the records without a date of their own (search/engine.ts). */
  undated?: 'include';
  /** Any role. */
  partyIds?: string[];
  /** Same role: any of the parties (OR); different roles: all must hold (AND), "from A to B". */
  partyRole?: { role: string; partyId: string }[];
  eventIds?: string[];
  storyIds?: string[];
  requestIds?: string[];
  /** Only these documents (an empty list matches none). */
  documentIds?: string[];
  /**
   * Who is searching. Without it no access filter is added: callers must always pass it for users
   * (the engine passes an empty `userId` for a search without a viewer). `now` is in the unit the
   * records' `embargoUntil` uses (milliseconds since the epoch).
   */
  access?: { userId: string; role: string; now: number };
}

/** A value as a Meilisearch filter string literal. */
export function quoteFilterValue(value: string): string {
  if (typeof value !== 'string') throw AppError.invalid('A filter value must be text.');
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function buildMeiliFilter(f: MeiliFilterInput): string[] {
  const out: string[] = [];
  const anyOf = (attribute: string, values: string[] | undefined) => {
    const unique = [...new Set(values ?? [])];
    if (unique.length === 0) return; // an empty selection is no filter, as in a facet list
    out.push(unique.length === 1
      ? `${filterAttribute(attribute)} = ${quoteFilterValue(unique[0] as string)}`
      : `${filterAttribute(attribute)} IN [${unique.map(quoteFilterValue).join(', ')}]`);
  };

  if (f.documentIds !== undefined) {
    const ids = [...new Set(f.documentIds)].slice(0, 1000);
    out.push(ids.length > 0 ? `${filterAttribute('documentId')} IN [${ids.map(quoteFilterValue).join(', ')}]` : `${filterAttribute('documentId')} IN []`);
  }
  anyOf('mediaType', f.mediaType);
  anyOf('language', f.language);
  anyOf('method', f.method);
  const dates: string[] = [];
  if (f.dateFrom !== undefined && f.dateFrom !== '') dates.push(`${filterAttribute('dateNum')} >= ${dateNum(f.dateFrom, 'from')}`);
  if (f.dateTo !== undefined && f.dateTo !== '') dates.push(`${filterAttribute('dateNum')} <= ${dateNum(f.dateTo, 'to')}`);
  if (dates.length > 0 && f.undated === 'include') out.push(`(${filterAttribute('documentDate')} IS NULL OR (${dates.join(' AND ')}))`);
  else out.push(...dates);
  anyOf('partyIds', f.partyIds);

  const byRole = new Map<PartyRole, string[]>();
  for (const { role, partyId } of f.partyRole ?? []) {
    if (!(PARTY_ROLES as readonly string[]).includes(role)) throw AppError.invalid(`Unknown party role: ${String(role)}.`);
    const ids = byRole.get(role as PartyRole) ?? [];
    ids.push(partyId);
    byRole.set(role as PartyRole, ids);
  }
  for (const [role, ids] of byRole) anyOf(`parties_${role}`, ids);

  anyOf('eventIds', f.eventIds);
  anyOf('storyIds', f.storyIds);
  anyOf('requestId', f.requestIds);
  if (f.access) out.push(...accessFilter(f.access));
  return out;
}

/**
 * What a user may see, the rule of server/auth/access.ts: newsroom records; embargoed ones whose
 * embargo has passed; restricted and embargoed ones the user is named on. Admins see everything.
 * Records store `embargoUntil` as milliseconds or null, and null never compares as <= a number.
 */
function accessFilter(access: { userId: string; role: string; now: number }): string[] {
  if (access.role === 'admin') return [];
  if (!Number.isFinite(access.now)) throw new Error('access.now must be a finite number.');
  const now = Math.floor(access.now);
  const level = filterAttribute('accessLevel');
  const until = filterAttribute('embargoUntil');
  const named = access.userId === '' ? '' : ` OR ${filterAttribute('allowedUserIds')} = ${quoteFilterValue(access.userId)}`;
  return [`(${level} = "newsroom" OR (${level} = "embargoed" AND ${until} <= ${now})${named})`];
}

/** Attribute names are ours, never a user's; an unknown one is a programming error. */
export function filterAttribute(name: string): string {
  if (!ALLOWED.has(name)) throw new Error(`Not a filterable attribute: ${name}`);
  return name;
}
