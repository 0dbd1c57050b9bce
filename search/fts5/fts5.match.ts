import type { Query, QueryNode, TermNode } from '../query/ast';
import { toFtsMatch, type Alternative } from '../query/fts5';

/**
 * The FTS5 MATCH strings one search needs, all compiled by search/query/fts5.ts:
 *
 * - `match`: what the query finds — prefixes as FTS5 prefix queries, typo alternatives ORed in;
 * - `plain`: the same without typo alternatives (Meilisearch's typo rule: 0 typos first);
 * - `words`: without typos and without prefixes, the words exactly as typed (its exactness rule).
 *
 * `plain` and `words` are null when they would equal the one before (nothing to tell apart).
 */
export interface MatchSet {
  match: string;
  plain: string | null;
  words: string | null;
}

export function compileMatches(query: Query, typos: Map<TermNode, Alternative[]>): MatchSet | null {
  const match = toFtsMatch(query, (t) => typos.get(t) ?? []);
  if (!match) return null;
  const plain = typos.size > 0 ? toFtsMatch(query) : match;
  const hasPrefix = query.terms.some((n) => n.kind === 'term' && (n.prefix || n.last));
  const words = hasPrefix ? toFtsMatch(withoutPrefixes(query)) : plain;
  return {
    match,
    plain: plain === match ? null : plain,
    words: words === plain ? null : words,
  };
}

/** The query with every prefix and last term taken as a whole word. */
function withoutPrefixes(query: Query): Query {
  return {
    terms: query.terms.map((n): QueryNode => (n.kind === 'term' ? { ...n, prefix: false, last: false } : n)),
    excluded: query.excluded,
  };
}
