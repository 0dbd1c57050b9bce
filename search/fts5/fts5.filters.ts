import { AppError } from '../../server/errors';
import { dateNum } from '../dates';
import { PARTY_ROLES, type PartyRole, type SearchFilters, type SearchViewer } from '../engine';

/**
 * Turns typed filters and the viewer into a SQL condition over `search_docs d`, per document, with
 * named parameters only: no user value is ever spliced into the SQL text. The same meaning as
 * search/meilisearch/filter.ts, so both engines filter alike. (The extraction method is a page's,
 * not a document's: the engine filters it on the page rowids.)
 */
export interface FilterSql {
  sql: string;
  params: Record<string, string | number>;
}

export function buildFilterSql(filters: SearchFilters = {}, viewer: SearchViewer | undefined, now: Date): FilterSql {
  const parts: string[] = [];
  const params: Record<string, string | number> = {};
  let n = 0;
  const list = (values: string[]): string =>
    values
      .map((v) => {
        if (typeof v !== 'string') throw AppError.invalid('A filter value must be text.');
        const key = `f${n++}`;
        params[key] = v;
        return `@${key}`;
      })
      .join(', ');
  const unique = (values: string[] | undefined): string[] => [...new Set(values ?? [])];
  const inList = (column: string, values: string[] | undefined) => {
    const u = unique(values);
    if (u.length > 0) parts.push(`${column} IN (${list(u)})`);
  };
  const linked = (kind: string, values: string[] | undefined) => {
    const u = unique(values);
    if (u.length === 0) return;
    const k = `f${n++}`;
    params[k] = kind;
    parts.push(`EXISTS (SELECT 1 FROM search_links l WHERE l.doc_key = d.doc_key AND l.vid IN (SELECT vid FROM search_values WHERE kind = @${k} AND value IN (${list(u)})))`);
  };

  if (filters.documentIds !== undefined) {
    const ids = unique(filters.documentIds).slice(0, 1000);
    parts.push(ids.length > 0 ? `d.document_id IN (${list(ids)})` : '0');
  }
  inList('d.media_type', filters.mediaType);
  inList('d.language', filters.language);
  const dates: string[] = [];
  if (filters.dateFrom) {
    params.dateFrom = dateNum(filters.dateFrom, 'from');
    dates.push('d.date_num >= @dateFrom');
  }
  if (filters.dateTo) {
    params.dateTo = dateNum(filters.dateTo, 'to');
    dates.push('d.date_num <= @dateTo');
  }
  if (dates.length > 0) {
    parts.push(filters.undated === 'include' ? `(d.document_date IS NULL OR d.document_date = '' OR (${dates.join(' AND ')}))` : dates.join(' AND '));
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

  const access = accessSql(viewer, now);
  if (access) {
    parts.push(access.sql);
    Object.assign(params, access.params);
  }
  return { sql: parts.length > 0 ? parts.join(' AND ') : '1', params };
}

/**
 * server/auth/access.ts's rule over the engine's own tables (the named readers are `user` links).
 * No viewer: only what is open to the whole newsroom.
 */
function accessSql(viewer: SearchViewer | undefined, now: Date): FilterSql | null {
  if (viewer?.role === 'admin') return null;
  const open = `d.access_level = 'newsroom' OR (d.access_level = 'embargoed' AND d.embargo_until IS NOT NULL AND d.embargo_until <= @access_now)`;
  const params: Record<string, string> = { access_now: now.toISOString() };
  if (!viewer) return { sql: `(${open})`, params };
  params.access_user = String(viewer.userId);
  return {
    sql: `(${open} OR EXISTS (SELECT 1 FROM search_links l WHERE l.doc_key = d.doc_key
      AND l.vid = (SELECT vid FROM search_values WHERE kind = 'user' AND value = @access_user)))`,
    params,
  };
}
