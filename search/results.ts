/**
 * The parts of a search result both engines build the same way, so that moving a newsroom from
 * one engine to the other changes speed, not what people read: snippets come from the ORIGINAL page
 * text (from the database), marked by search/highlight.ts, and the words that matched through typo
 * tolerance are found on the page itself with the shared typo rule (search/query/typo.ts), not taken
 * from either engine's internals.
 */
import { charCount, createWords, distinctWords, scanWords, type WantedWords } from './text/danish';
import type { FacetCount, FacetName, SearchHitPage, SearchResult } from './engine';
import { highlight } from './highlight';
import type { Query, TermNode } from './query/ast';
import { maxTypos, typoCount } from './query/typo';

export const MAX_PER_PAGE = 100;
export const MAX_PAGES_PER_DOCUMENT = 10;
export const MAX_FACET_VALUES = 100;

/** The forms an engine's typo tolerance matched: whole words, and prefixes (every word starting with one). */
export interface TypoForms {
  words: ReadonlySet<string>;
  prefixes: readonly string[];
}

/**
 * Snippets for the shown pages of a search, in the order given. The words a page matches only
 * through a typo are found on the page with the shared rule (`typoCount`), remembered per word for
 * the whole search: the same words recur on page after page. An engine that knows which words its
 * typo tolerance matched passes them as `typos` instead (cheaper, and exactly what it searched for).
 */
export function createSnippets(query: Query, typos?: TypoForms) {
  const typoTerms = query.terms.filter((t): t is TermNode => t.kind === 'term' && maxTypos(t.text) > 0);
  const memo = new Map<string, boolean>();
  const matched = new Set<string>();
  const isTypoMatch = (word: string): boolean => {
    let hit = memo.get(word);
    if (hit === undefined) {
      hit = typos ? typos.words.has(word) || typos.prefixes.some((p) => word.startsWith(p)) : typoTerms.some((t) => {
        // A changed first letter counts as two typos: below a two-typo budget, skip the distance.
        if (word.codePointAt(0) !== t.text.codePointAt(0) && maxTypos(t.text) < 2) return false;
        const n = typoCount(t.text, word, t.prefix || t.last);
        return n === 1 || n === 2;
      });
      memo.set(word, hit);
    }
    return hit;
  };
  const wanted = wantedWords(query, typoTerms.length > 0 ? typos ?? typoTerms : null);

  // One page's words at a time, in lists reused from page to page.
  const words = createWords();
  return {
    pages(numbers: number[], texts: Map<number, string>): SearchHitPage[] {
      return numbers.map((number) => {
        const text = texts.get(number) ?? '';
        scanWords(text, words, wanted);
        const typoWords = typoTerms.length > 0 ? distinctWords(words, isTypoMatch) : [];
        for (const w of typoWords) matched.add(w);
        return { number, snippet: highlight(text, query, { matched: typoWords, words }).snippet };
      });
    },
    /** Every word marked through a typo so far. */
    matched(): string[] {
      return [...matched];
    },
  };
}

/**
 * The words a page must have folded for its snippet: those that can be a query word or phrase
 * word, start with a prefix, or be a typo form (`typos`: the engine's forms, or the query's typo
 * terms judged by the shared rule; null without typo terms), told apart by their first letter (and
 * length). Every other word is left unread. Undefined (fold every word) when a typo may change a
 * word's first letter.
 */
function wantedWords(query: Query, typos: TypoForms | TermNode[] | null): WantedWords | undefined {
  const wanted = new Uint8Array(0x80);
  let everything = false;
  const want = (word: string, least: number) => {
    if (word === '') return;
    const c = word.charCodeAt(0);
    if (c >= 0x80) return; // words whose folding starts past ASCII are always read
    const n = Math.min(255, Math.max(1, least));
    if (wanted[c] === 0 || n < (wanted[c] as number)) wanted[c] = n;
  };
  for (const node of query.terms) {
    if (node.kind === 'phrase') for (const w of node.words) want(w, w.length);
    else want(node.text, node.text.length);
  }
  if (Array.isArray(typos)) {
    for (const t of typos) {
      const budget = maxTypos(t.text);
      // Only a two-typo budget lets the first letter change.
      if (budget >= 2) everything = true;
      else want(t.text, charCount(t.text) - budget);
    }
  } else if (typos) {
    for (const w of typos.words) want(w, w.length);
    for (const p of typos.prefixes) {
      if (p === '') everything = true;
      want(p, p.length);
    }
  }
  return everything ? undefined : wanted;
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
