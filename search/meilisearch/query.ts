import type { Query, TermNode } from '../query/ast';

/**
 * Compiles a parsed query (search/query/parse.ts) to a Meilisearch `q`. Words are already folded and
 * hold letters and digits only, so nothing a user typed can become Meilisearch syntax; only this
 * function writes quotes (phrases) and `-` (exclusions).
 *
 * Meilisearch treats only the final word of `q` as a prefix, and only when nothing follows it. So a
 * term that must match as a prefix (written `word*`, or the last word typed) is moved to the end,
 * and a query without one ends with a space. Limits that remain (documented, not hidden): only one
 * term can be a prefix (with `a* b*` the first is matched as a whole word), an excluded `-word*`
 * excludes the whole word only, and Meilisearch reads at most 10 words of a query.
 * Returns null when nothing searchable remains: callers return no hits without querying (an empty
 * `q` would list everything).
 */
export function toMeiliQuery(query: Query): string | null {
  const positive = query.terms.filter((n) => (n.kind === 'term' ? clean(n.text) !== '' : clean(n.words.join(' ')) !== ''));
  if (positive.length === 0) return null;

  const prefixTerms = positive.filter((n): n is TermNode => n.kind === 'term' && (n.prefix || n.last));
  const tail = prefixTerms.find((n) => n.last) ?? prefixTerms[prefixTerms.length - 1] ?? null;
  const parts: string[] = [];
  for (const node of positive) {
    if (node === tail) continue;
    parts.push(node.kind === 'term' ? clean(node.text) : phrase(node.words));
  }
  for (const node of query.excluded) {
    const text = node.kind === 'term' ? clean(node.text) : phrase(node.words);
    if (text) parts.push(`-${text}`);
  }
  return tail ? [...parts, clean(tail.text)].join(' ') : `${parts.join(' ')} `;
}

const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/** Letters and digits only, whatever a hand-made node holds: quotes and `-` stay ours. */
function clean(text: string): string {
  return String(text).replace(NOT_WORD, ' ').trim();
}

function phrase(words: string[]): string {
  const text = clean(words.join(' '));
  return text ? `"${text}"` : '';
}
