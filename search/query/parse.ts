/**
 * Parses what a user typed into the search box. The syntax is small on purpose and the same on both
 * engines: words (all must match), "exact phrase", -excluded (a word or a phrase), prefix*.
 *
 * A malformed query is never an error (DESIGN.md, Search): anything that is not this syntax is read
 * as plain words. Only letters and digits survive, so engine operators (AND, OR, NOT, NEAR(, col:,
 * ^, parentheses), SQL and HTML become ordinary words or vanish; an unbalanced quote is ignored.
 */
import { tokenize, type Token } from '../text/danish';
import { MAX_TERMS, type PhraseNode, type Query, type QueryNode, type TermNode } from './ast';

/** Longer input is cut: no one types more, and the work stays bounded for hostile input. */
export const MAX_QUERY_CHARS = 10_000;
const MAX_PHRASE_WORDS = 32;
const SPACE = /\s/u;
const WORD_START = /[\p{L}\p{N}]/u;

export function parseQuery(input: string): Query {
  try {
    return parse(typeof input === 'string' ? input.slice(0, MAX_QUERY_CHARS) : '');
  } catch {
    // Nothing above should throw; this keeps the promise to callers even if something does.
    return { terms: [], excluded: [] };
  }
}

function parse(text: string): Query {
  const closeOf = pairQuotes(text);
  const terms: QueryNode[] = [];
  const excluded: QueryNode[] = [];
  // The term written last, and whether the input ends right after it (search as you type).
  let lastTerm: TermNode | null = null;
  let lastTermAtEnd = false;

  let i = 0;
  while (i < text.length) {
    if (SPACE.test(text[i] as string)) {
      i++;
      continue;
    }
    // Like Meilisearch, `-` excludes only at the start of a chunk, so "e-mail" stays two words.
    let negated = false;
    if (text[i] === '-' && (isWordStart(text, i + 1) || closeOf.has(i + 1))) {
      negated = true;
      i++;
    }

    const close = closeOf.get(i);
    if (close !== undefined) {
      const words = tokenize(text.slice(i + 1, close)).map((t) => t.folded).slice(0, MAX_PHRASE_WORDS);
      if (words.length > 0) (negated ? excluded : terms).push(phrase(words));
      i = close + 1;
      continue;
    }

    // A chunk runs to the next whitespace or opening quote; punctuation inside it splits words.
    let end = i;
    while (end < text.length && !SPACE.test(text[end] as string) && !closeOf.has(end)) end++;
    const chunk = text.slice(i, end);
    const tokens = tokenize(chunk);
    const prefixAt = (t: Token) => chunk[t.end] === '*';

    if (negated) {
      // "-e-mail" excludes the phrase "e mail", not every page with an "e" in it.
      if (tokens.length === 1) excluded.push(term(tokens[0] as Token, prefixAt(tokens[0] as Token)));
      else if (tokens.length > 1) excluded.push(phrase(tokens.map((t) => t.folded).slice(0, MAX_PHRASE_WORDS)));
    } else {
      for (const t of tokens) {
        const node = term(t, prefixAt(t));
        terms.push(node);
        lastTerm = node;
        lastTermAtEnd = i + t.end === text.length;
      }
    }
    i = end;
  }

  const kept = terms.slice(0, MAX_TERMS);
  // Meilisearch treats the final word as a prefix only when nothing follows it, not even a space.
  if (lastTerm && lastTermAtEnd && !lastTerm.prefix && kept.includes(lastTerm)) lastTerm.last = true;
  return { terms: kept, excluded: excluded.slice(0, MAX_TERMS) };
}

function term(t: Token, prefix: boolean): TermNode {
  return { kind: 'term', text: t.folded, prefix, last: false };
}

function phrase(words: string[]): PhraseNode {
  return { kind: 'phrase', words };
}

function isWordStart(text: string, at: number): boolean {
  const cp = text.codePointAt(at);
  return cp !== undefined && WORD_START.test(String.fromCodePoint(cp));
}

/**
 * Pairs double quotes in order: 1st with 2nd, 3rd with 4th… With an odd count the last quote has no
 * partner and is read as punctuation, so `"unclosed` searches the word. Returns open → close index.
 */
function pairQuotes(text: string): Map<number, number> {
  const at: number[] = [];
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) at.push(i);
  const pairs = new Map<number, number>();
  for (let k = 0; k + 1 < at.length; k += 2) pairs.set(at[k] as number, at[k + 1] as number);
  return pairs;
}
