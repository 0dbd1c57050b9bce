import type { Statement } from 'better-sqlite3';
import type { FacetName, SearchResult } from '../engine';
import { sortFacet } from '../results';

/**
 * Facet counts over the documents of the current search (temp.kilde_hits, filled by the engine for
 * this query, with filters and access applied): documents per value, as Meilisearch counts them
 * with one record per document (`distinct`).
 */
const DOC_COLUMNS: Partial<Record<FacetName, 0 | 1>> = { mediaType: 0, language: 1 };

const LINK_KINDS: Partial<Record<FacetName, string>> = {
  partyIds: 'party',
  parties_sender: 'party:sender',
  parties_recipient: 'party:recipient',
  parties_cc: 'party:cc',
  parties_mentioned: 'party:mentioned',
  parties_subject: 'party:subject',
  eventIds: 'event',
  storyIds: 'story',
  requestId: 'request',
};

export function countFacets(wanted: readonly FacetName[], sql: (text: string) => Statement): SearchResult['facets'] {
  const out: SearchResult['facets'] = {};
  const facets = [...new Set(wanted)];

  const matched = sql('SELECT COUNT(*) FROM temp.kilde_hits').pluck().get() as number;
  const archive = (sql('SELECT MAX(doc_key) FROM search_docs').pluck().get() as number | null) ?? 0;
  const broad = matched * 4 >= archive;

  // The document's own fields in one pass, split by field here.
  const columns = facets.filter((f) => DOC_COLUMNS[f] !== undefined);
  if (columns.length > 0) {
    // When the search matched a good part of the archive, walking the documents' facet index (in
    // value order, probing the matches) beats sorting the matches by value: half the time at 100k
    // pages for a common word. For a narrow search, sorting its few matches is cheaper. (The `+`
    // keeps SQLite from looking the matches up by key, which would sort again.)
    const rows = sql(
      broad
        ? `SELECT d.media_type, d.language, COUNT(*) FROM search_docs d
           WHERE +d.doc_key IN (SELECT doc_key FROM temp.kilde_hits) GROUP BY 1, 2`
        : 'SELECT media_type, language, COUNT(*) FROM temp.kilde_hits GROUP BY 1, 2',
    )
      .raw()
      .all() as Array<[string, string | null, number]>;
    for (const f of columns) {
      const at = DOC_COLUMNS[f] as 0 | 1;
      const counts = new Map<string, number>();
      for (const r of rows) {
        const value = r[at];
        if (value !== null) counts.set(value, (counts.get(value) ?? 0) + r[2]);
      }
      out[f] = sortFacet(counts);
    }
  }

  if (facets.includes('method')) {
    const [text, ocr] = sql('SELECT COALESCE(SUM(methods & 1 > 0), 0), COALESCE(SUM(methods & 2 > 0), 0) FROM temp.kilde_hits').raw().get() as [number, number];
    out.method = sortFacet([['text', text], ['ocr', ocr]]);
  }

  const kinds = new Map<string, FacetName>();
  for (const f of facets) {
    const kind = LINK_KINDS[f];
    if (kind) kinds.set(kind, f);
  }
  if (kinds.size > 0) {
    // Group by the value's number first (cheap), then name the few values found.
    // As above: a broad search walks the links in value order, a narrow one sorts its own links.
    const counts = broad
      ? 'SELECT l.vid, COUNT(*) AS n FROM search_links l WHERE +l.doc_key IN (SELECT doc_key FROM temp.kilde_hits) GROUP BY l.vid'
      : 'SELECT l.vid, COUNT(*) AS n FROM temp.kilde_hits h CROSS JOIN search_links l ON l.doc_key = h.doc_key GROUP BY l.vid';
    const rows = sql(
      `WITH c AS (${counts})
       SELECT v.kind, v.value, c.n FROM c JOIN search_values v ON v.vid = c.vid
       WHERE v.kind IN (${[...kinds.keys()].map(() => '?').join(', ')})`,
    )
      .raw()
      .all(...kinds.keys()) as Array<[string, string, number]>;
    const byKind = new Map<string, Array<[string, number]>>();
    for (const [kind, value, count] of rows) {
      const list = byKind.get(kind) ?? [];
      list.push([value, count]);
      byKind.set(kind, list);
    }
    for (const [kind, facet] of kinds) out[facet] = sortFacet(byKind.get(kind) ?? []);
  }

  // Keep the order the caller asked in.
  const ordered: SearchResult['facets'] = {};
  for (const f of facets) if (out[f]) ordered[f] = out[f];
  return ordered;
}
