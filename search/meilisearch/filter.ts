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
 * Dates are filtered on `dateNum`, the record's date as the number YYYYMMDD (2024-03-07 → 20240307):
 * Meilisearch compares numbers with <, >= and TO but not date strings, and YYYYMMDD sorts like the date.
 */
import { AppError } from '../../server/errors';

export const PARTY_ROLES = ['sender', 'recipient', 'cc', 'mentioned', 'subject'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

/** Every attribute Kilde filters on: the index's `filterableAttributes`, and the allow-list here. */
export const FILTERABLE_ATTRIBUTES = [
  'documentId', 'mediaType', 'language', 'method', 'dateNum', 'partyIds',
  ...PARTY_ROLES.map((role) => `parties_${role}` as const),
  'eventIds', 'storyIds', 'requestId', 'accessLevel', 'allowedUserIds', 'embargoUntil',
] as const;
const ALLOWED = new Set<string>(FILTERABLE_ATTRIBUTES);

export interface MeiliFilterInput {
  mediaType?: string[];
  language?: string[];
  method?: string[];
  /** YYYY, YYYY-MM or YYYY-MM-DD, inclusive: "2024" from 1 January, to 31 December. */
  dateFrom?: string;
  dateTo?: string;
  /** Any role. */
  partyIds?: string[];
  /** Same role: any of the parties (OR); different roles: all must hold (AND), "from A to B". */
  partyRole?: { role: string; partyId: string }[];
  eventIds?: string[];
  storyIds?: string[];
  requestIds?: string[];
  /**
   * Who is searching. Without it no access filter is added: callers must always pass it for users.
   * `now` is in the unit the records' `embargoUntil` uses (milliseconds since the epoch).
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

  anyOf('mediaType', f.mediaType);
  anyOf('language', f.language);
  anyOf('method', f.method);
  if (f.dateFrom !== undefined && f.dateFrom !== '') out.push(`${filterAttribute('dateNum')} >= ${dateNum(f.dateFrom, 'from')}`);
  if (f.dateTo !== undefined && f.dateTo !== '') out.push(`${filterAttribute('dateNum')} <= ${dateNum(f.dateTo, 'to')}`);
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
 * What a user may see: newsroom records, and restricted ones they are listed on; nothing under
 * embargo. Admins see everything. A record without an embargo may carry no `embargoUntil`, null, or 0.
 */
function accessFilter(access: { userId: string; role: string; now: number }): string[] {
  if (access.role === 'admin') return [];
  if (!Number.isFinite(access.now)) throw new Error('access.now must be a finite number.');
  const now = Math.floor(access.now);
  const level = filterAttribute('accessLevel');
  const until = filterAttribute('embargoUntil');
  return [
    `(${level} = "newsroom" OR (${level} = "restricted" AND ${filterAttribute('allowedUserIds')} = ${quoteFilterValue(access.userId)}))`,
    `(${until} NOT EXISTS OR ${until} IS NULL OR ${until} <= ${now})`,
  ];
}

/** Attribute names are ours, never a user's; an unknown one is a programming error. */
export function filterAttribute(name: string): string {
  if (!ALLOWED.has(name)) throw new Error(`Not a filterable attribute: ${name}`);
  return name;
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** YYYYMMDD for a date bound; a partial date is widened to its first (from) or last (to) day. */
export function dateNum(value: string, bound: 'from' | 'to'): number {
  const m = typeof value === 'string' ? DATE.exec(value.trim()) : null;
  if (!m) throw AppError.invalid(`Not a date: ${String(value)}. Use YYYY-MM-DD.`);
  const year = Number(m[1]);
  const month = m[2] === undefined ? (bound === 'from' ? 1 : 12) : Number(m[2]);
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = m[3] === undefined ? (bound === 'from' ? 1 : lastDay) : Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > lastDay) throw AppError.invalid(`Not a date: ${value}.`);
  return year * 10_000 + month * 100 + day;
}
