/**
 * Search inside one document: every page that holds at least one of the query's words or
 * phrases, with its snippet and how many matches it holds. It reads the document's own pages (the
 * caller has checked the viewer may read the document), not an engine, so both engines answer the
 * same; words are matched as the search marks them (search/highlight.ts), typos with the shared
 * rule (search/query/typo.ts). Exclusions say nothing inside one document and are ignored.
 */
import { createWords, distinctWords, scanWords } from './text/danish';
import { highlight } from './highlight';
import { parseQuery } from './query/parse';
import type { TermNode } from './query/ast';
import { maxTypos, typoCount } from './query/typo';
import { queryTerms } from './results';

export interface InDocumentPage {
  number: number;
  /** Matches on the page (a phrase counts once). */
  hits: number;
  /** HTML: escaped text with <mark> around matches. */
  snippet: string;
}

export interface InDocumentResult {
  query: string;
  /** The folded query words, and words matched through typos, for marking the page view. */
  terms: string[];
  /** Matches in the whole document. */
  total: number;
  pages: InDocumentPage[];
}

export function searchInDocument(query: string, pages: Array<{ number: number; text: string }>): InDocumentResult {
  const parsed = parseQuery(query);
  const terms = queryTerms(parsed);
  const typoTerms = parsed.terms.filter((t): t is TermNode => t.kind === 'term' && maxTypos(t.text) > 0);
  const memo = new Map<string, boolean>();
  const isTypo = (word: string): boolean => {
    let hit = memo.get(word);
    if (hit === undefined) {
      hit = typoTerms.some((t) => {
        const n = typoCount(t.text, word, t.prefix || t.last);
        return n === 1 || n === 2;
      });
      memo.set(word, hit);
    }
    return hit;
  };
  const matchedWords = new Set<string>();
  const out: InDocumentPage[] = [];
  const words = createWords();
  if (parsed.terms.length > 0) {
    for (const page of [...pages].sort((a, b) => a.number - b.number)) {
      scanWords(page.text, words);
      const typos = typoTerms.length > 0 ? distinctWords(words, isTypo) : [];
      const { snippet, hits } = highlight(page.text, parsed, { matched: typos, words });
      if (hits === 0) continue;
      for (const w of typos) matchedWords.add(w);
      out.push({ number: page.number, hits, snippet });
    }
  }
  return {
    query,
    terms: [...terms, ...[...matchedWords].filter((w) => !terms.includes(w))],
    total: out.reduce((n, p) => n + p.hits, 0),
    pages: out,
  };
}
