import type { SearchFilters } from '../engine';

/**
 * Turns typed filters into a SQL condition over `search_docs d` / `search_rows r` with named
 * parameters only: no user value is ever spliced into the SQL text.
 */
export function buildFilterSql(filters: SearchFilters = {}): { sql: string; params: Record<string, string> } {
  const parts: string[] = [];
  const params: Record<string, string> = {};
  const inList = (column: string, name: string, values: string[] | undefined) => {
    if (!values || values.length === 0) return;
    const keys = values.map((v, i) => {
      params[`${name}${i}`] = v;
      return `@${name}${i}`;
    });
    parts.push(`${column} IN (${keys.join(', ')})`);
  };
  inList('d.media_type', 'mt', filters.mediaType);
  inList('d.language', 'lang', filters.language);
  inList('r.method', 'method', filters.method);
  if (filters.dateFrom) {
    params.dateFrom = filters.dateFrom;
    parts.push('d.sort_date >= @dateFrom');
  }
  if (filters.dateTo) {
    // "2018-10" as an upper bound includes the whole of October.
    params.dateTo = `${filters.dateTo}\uffff`;
    parts.push('d.sort_date <= @dateTo');
  }
  return { sql: parts.length > 0 ? parts.join(' AND ') : '1', params };
}
