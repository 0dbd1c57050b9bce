import type { PhraseNode, Query, QueryNode, TermNode } from '../query/ast';
import { toFtsMatch, type Alternative, type Complete } from './fts5.query';

/**
 * The FTS5 MATCH strings one search needs, all compiled by search/query/fts5.ts. A query matches
 * DOCUMENTS (every word somewhere in the document) and answers with pages, so there are two levels:
 *
 * Document level, on `search_docwords` (one row per document, `detail=none`: no positions):
 * - `match`: what the query finds — prefixes as FTS5 prefix queries, typo alternatives ORed in,
 *   excluded words (phrases are checked on the pages);
 * - `plain`: the same without typo alternatives (Meilisearch's typo rule: 0 typos first);
 * - `words`: without typos and without prefixes, the words exactly as typed (its exactness rule).
 * `plain` and `words` are null when they would equal the one before (nothing to tell apart).
 *
 * Page level, on `search_fts` (one row per page, with positions):
 * - `phrases`: each positive phrase, which must stand on one page of the document;
 * - `excludedPhrases`: an excluded phrase on any page excludes the document;
 * - `nodes`: each positive word or phrase on its own, in three strictness levels (as typed, with
 *   prefixes, with typos), to find the shown documents' best pages (those holding most of them);
 * - `near`: every positive word on one page, without typos (the "same page first" ranking rule);
 *   null with fewer than two positive nodes;
 * - `any`: any positive node on a page, to learn the extraction methods of matching pages.
 *
 * `complete` (optional) writes a prefix with few indexed words as an OR of them (fts5.query.ts).
 */
export interface NodeMatch {
  /** Most to least strict; consecutive duplicates dropped. */
  levels: string[];
  phrase: boolean;
}

export interface MatchSet {
  /** Null when the query is phrases only: the pages holding the first phrase are the candidates. */
  match: string | null;
  /** Excluded words, ORed, for a query of phrases only (else they are part of `match`). */
  excludedWords: string | null;
  /** The positive words and phrases without typos, for the title rule (the title table has positions). */
  title: string;
  plain: string | null;
  words: string | null;
  phrases: string[];
  excludedPhrases: string[];
  nodes: NodeMatch[];
  near: string | null;
  any: string;
}

export function compileMatches(query: Query, typos: Map<TermNode, Alternative[]>, complete?: Complete): MatchSet | null {
  // Which strictness levels exist is decided on the query as written, before prefixes become ORs of
  // their words (`complete`): a prefix whose only word is itself still ranks and picks pages as one.
  const docQuery = documentLevel(query);
  const expand = (t: TermNode) => typos.get(t) ?? [];
  const match = toFtsMatch(docQuery, expand, complete);
  const matchAsTyped = complete ? toFtsMatch(docQuery, expand) : match;
  const plainAsTyped = matchAsTyped && typos.size > 0 ? toFtsMatch(docQuery) : matchAsTyped;
  const plain = match && typos.size > 0 ? toFtsMatch(docQuery, undefined, complete) : match;
  const hasPrefix = query.terms.some((n) => n.kind === 'term' && (n.prefix || n.last));
  const words = match && hasPrefix ? toFtsMatch(withoutPrefixes(docQuery)) : plain;
  const wordsAsTyped = matchAsTyped && hasPrefix ? words : plainAsTyped;
  // `asTyped` leaves prefixes as prefixes (for deciding which levels exist).
  const single = (n: QueryNode, alternatives: Alternative[] = [], asTyped = false) => toFtsMatch({ terms: [n], excluded: [] }, () => alternatives, asTyped ? undefined : complete);
  const positive = query.terms.filter((n) => single(n) !== null);
  const full = (n: QueryNode, asTyped = false) => single(n, n.kind === 'term' ? typos.get(n) ?? [] : [], asTyped) as string;
  const nodes = positive.map((n): NodeMatch => {
    if (n.kind === 'phrase') return { levels: [single(n) as string], phrase: true };
    const whole = { ...n, prefix: false, last: false };
    const asTyped = [single(whole, [], true), single(n, [], true), full(n, true)];
    const levels = [single(whole), single(n), full(n)];
    return { levels: levels.filter((l, i): l is string => l !== null && asTyped[i] !== null && asTyped[i] !== asTyped[i - 1]), phrase: false };
  });
  const anyParts = positive.map((n) => full(n));
  if (positive.length === 0 || (!match && !positive.some((n) => n.kind === 'phrase'))) return null;
  const excludedWords = query.excluded.filter((n) => n.kind === 'term').map((n) => single(n)).filter((x): x is string => x !== null);
  return {
    match,
    excludedWords: match || excludedWords.length === 0 ? null : `(${excludedWords.join(' OR ')})`,
    title: toFtsMatch({ terms: positive, excluded: [] }, undefined, complete) as string,
    plain: plainAsTyped === matchAsTyped ? null : plain,
    words: wordsAsTyped === plainAsTyped ? null : words,
    phrases: positive.filter((n): n is PhraseNode => n.kind === 'phrase').map((n) => single(n) as string),
    excludedPhrases: query.excluded.filter((n) => n.kind === 'phrase').map((n) => single(n)).filter((s): s is string => s !== null),
    nodes,
    // The last word typed as a whole word here: a prefix would merge the doclists of every word
    // it starts, on the page table, for a ranking rule (an unfinished word just ranks nothing first).
    near: positive.length >= 2 ? toFtsMatch({ terms: positive.map((n) => (n.kind === 'term' && n.last ? { ...n, last: false } : n)), excluded: [] }, undefined, complete) : null,
    any: anyParts.length === 1 ? (anyParts[0] as string) : `(${anyParts.join(' OR ')})`,
  };
}

/**
 * The query as the document-level table can answer it: its words and excluded words. Phrases are
 * left to the page table, which checks them exactly (their words in the document follow), so a
 * phrase of common words never reads those words' document lists; a query of phrases only has no
 * document-level part. Terms keep their identity, so their typo alternatives still apply.
 */
function documentLevel(query: Query): Query {
  return {
    terms: query.terms.filter((n) => n.kind === 'term'),
    excluded: query.excluded.filter((n) => n.kind === 'term'),
  };
}

/** The query with every prefix and last term taken as a whole word. */
function withoutPrefixes(query: Query): Query {
  return {
    terms: query.terms.map((n): QueryNode => (n.kind === 'term' ? { ...n, prefix: false, last: false } : n)),
    excluded: query.excluded,
  };
}
