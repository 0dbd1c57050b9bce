/**
 * The engine-neutral form of a user's query. `parseQuery` builds it; `toFtsMatch` compiles it for
 * SQLite FTS5, the Meilisearch adapter for Meilisearch, and `highlight` marks it in page text. Every
 * word in it is already folded with `foldDanish` and holds letters and digits only.
 */

export interface TermNode {
  kind: 'term';
  /** The word, folded. */
  text: string;
  /** Written with a trailing `*`: matches every word that starts with `text`. */
  prefix: boolean;
  /**
   * The last word of the query with nothing typed after it, so it also matches as a prefix (search
   * as you type, like Meilisearch's last query word).
   */
  last: boolean;
}

export interface PhraseNode {
  kind: 'phrase';
  /** Consecutive words, folded. Phrases match exactly: no typos, no prefixes. */
  words: string[];
}

export type QueryNode = TermNode | PhraseNode;

export interface Query {
  /** All must match. Empty when nothing searchable was typed: callers then return no hits. */
  terms: QueryNode[];
  /** None may match. */
  excluded: QueryNode[];
}

/** Meilisearch reads at most 10 query words; 32 keeps FTS5 queries and typo expansion bounded. */
export const MAX_TERMS = 32;
