import type { Db } from '../../server/db/connection';
import type { Query, TermNode } from '../query/ast';
import { distance, maxTypos } from '../query/typo';

/**
 * Typo tolerance for the embedded engine, with Meilisearch's default budget (search/query/typo.ts).
 * Candidates come from FTS5's vocabulary: only terms sharing the first letter and of a length within
 * the budget are compared, which keeps the scan to a slice of the vocabulary. The most frequent
 * candidates win when there are many, as the likeliest intended words.
 */
const MAX_CANDIDATES = 12;

export function createTypoExpander(db: Db) {
  const slice = db.prepare<[string, string, number, number], { term: string; doc: number }>(
    `SELECT term, doc FROM search_vocab WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ?`,
  );

  return function expand(query: Query): Map<TermNode, string[]> {
    const out = new Map<TermNode, string[]>();
    for (const node of query.terms) {
      if (node.kind !== 'term' || node.prefix) continue;
      const budget = maxTypos(node.text);
      if (budget === 0) continue;
      const first = node.text[0];
      const next = String.fromCodePoint(first.codePointAt(0)! + 1);
      const len = [...node.text].length;
      const found = slice
        .all(first, next, len - budget, len + budget)
        .filter((c) => c.term !== node.text && distance(node.text, c.term, budget) <= budget)
        .sort((a, b) => b.doc - a.doc)
        .slice(0, MAX_CANDIDATES)
        .map((c) => c.term);
      if (found.length > 0) out.set(node, found);
    }
    return out;
  };
}
