/**
 * The parts of a search result both engines build the same way, so that moving a newsroom from
 * one engine to the other changes speed, not what people read: snippets come from the ORIGINAL page
 * text (from the database), marked by search/highlight.ts, and the words that matched through typo
 * tolerance are found on the page itself with the shared typo rule (search/query/typo.ts), not taken
 * from either engine's internals.
 */
import { tokenize } from './danish';
import type { FacetCount, FacetName, SearchHitPage, SearchResult } from './engine';
import { highlight } from './highlight';
import type { Query, TermNode } from './query/ast';
import { maxTypos, typoCount } from './query/typo';

export const MAX_PER_PAGE = 100;
export const MAX_PAGES_PER_DOCUMENT = 10;
export const MAX_FACET_VALUES = 100;

/**
 * Snippets for the shown pages of a search, in the order given. The words a page matches only
 * through a typo are found on the page with the shared rule (`typoCount`), remembered per word for
 * the whole search: the same words recur on page after page. An engine that knows which words its
 * typo tolerance matched passes `typoMatched` instead (cheaper, and exactly what it searched for).
 */
export function createSnippets(query: Query, typoMatched?: (word: string) => boolean) {
  const typoTerms = query.terms.filter((t): t is TermNode => t.kind === 'term' && maxTypos(t.text) > 0);
  const memo = new Map<string, boolean>();
  const matched = new Set<string>();
  const isTypoMatch = (word: string): boolean => {
    let hit = memo.get(word);
    if (hit === undefined) {
      hit = typoMatched ? typoMatched(word) : typoTerms.some((t) => {
        // A changed first letter counts as two typos: below a two-typo budget, skip the distance.
        if (word.codePointAt(0) !== t.text.codePointAt(0) && maxTypos(t.text) < 2) return false;
        const typos = typoCount(t.text, word, t.prefix || t.last);
        return typos === 1 || typos === 2;
      });
      memo.set(word, hit);
    }
    return hit;
  };

  return {
    pages(numbers: number[], texts: Map<number, string>): SearchHitPage[] {
      return numbers.map((number) => {
        const text = texts.get(number) ?? '';
        const tokens = tokenize(text);
        const words = typoTerms.length === 0 ? [] : [...new Set(tokens.map((t) => t.folded))].filter(isTypoMatch);
        for (const w of words) matched.add(w);
        return { number, snippet: highlight(text, query, { matched: words, tokens }).snippet };
      });
    },
    /** Every word marked through a typo so far. */
    matched(): string[] {
      return [...matched];
    },
  };
}

export function queryTerms(query: Query): string[] {
  return query.terms.flatMap((t) => (t.kind === 'term' ? [t.text] : t.words));
}

/** Facet values by count, then value; the same order and cap on both engines. */
export function sortFacet(entries: Iterable<[string, number]>): FacetCount[] {
  return [...entries]
    .filter(([value, count]) => value !== '' && count > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, MAX_FACET_VALUES)
    .map(([value, count]) => ({ value, count }));
}

export function paging(req: { page?: number; perPage?: number; pagesPerDocument?: number }): { page: number; perPage: number; pagesPerDocument: number } {
  const int = (v: number | undefined, fallback: number, min: number, max: number) =>
    Number.isFinite(v) ? Math.min(max, Math.max(min, Math.floor(v as number))) : fallback;
  return {
    page: int(req.page, 1, 1, 1_000_000),
    perPage: int(req.perPage, 20, 1, MAX_PER_PAGE),
    pagesPerDocument: int(req.pagesPerDocument, 3, 1, MAX_PAGES_PER_DOCUMENT),
  };
}

export function emptyResult(page: number, perPage: number, terms: string[], started: number, facets: readonly FacetName[] = []): SearchResult {
  const none: SearchResult['facets'] = {};
  for (const f of facets) none[f] = [];
  return { total: 0, page, perPage, hits: [], terms, facets: none, tookMs: performance.now() - started };
}
