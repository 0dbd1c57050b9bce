import type { Db } from '../../server/db/connection';
import type { Query, TermNode } from '../query/ast';
import type { Alternative } from './fts5.query';
import { maxTypos, typoAlternativesSorted, typoCount } from '../query/typo';

/**
 * Typo tolerance for the embedded engine, with Meilisearch's rules (search/query/typo.ts decides
 * what matches: `typoAlternatives` / `typoCount`). This file only finds the candidates to test, from
 * `search_terms` keyed by (first letter, length, word):
 *
 * - same first letter: the words of that letter whose length the typo budget can reach (for a
 *   prefix or last term, every word at least as long as the term minus its budget);
 * - another first letter: Meilisearch counts a changed first letter as two typos, so it only
 *   happens in words of 9+ letters, as the one and only typo. The edit then touches the first
 *   letter, so the candidates can be listed exactly: the word without its first letter, its first
 *   two letters swapped, and any first letter in the vocabulary replacing or preceding the first
 *   letter. Those are point lookups, not scans.
 *
 * Candidates are sorted before `typoAlternatives` takes its first 150 one-typo and 50 two-typo
 * words, as Meilisearch walks its word list in order.
 *
 * For a prefix or last term, the alternatives come in runs: "stort" as a prefix matches every word
 * starting with "sport", "stor" or "start". When all the vocabulary's words under such a prefix are
 * alternatives, a long run is handed on as one prefix alternative (`"stor" *`): the same words,
 * but FTS5 merges a prefix's doclists in one pass, where a 150-way OR of words cost three times as
 * much for a common stem (40 ms against 14 ms at 100k pages). Short runs stay words: for a few
 * words the OR is as fast or faster (measured over 200 two-word queries).
 *
 * A first letter's words are read once and kept (until the vocabulary changes) instead of reading
 * thousands of them from SQLite for each new query word; with whole words walked as a trie too,
 * expanding a two-word query went from 2.0 to 1.3 ms of CPU at 100k pages. A letter with more than
 * MAX_KEPT_LETTER words is read each time instead, so memory stays bounded on an archive with a
 * huge (OCR) vocabulary.
 */
const MIN_RUN = 50;
const CACHE_SIZE = 500;
const MAX_KEPT_LETTER = 200_000;
/** A prefix with at most this many indexed words is searched as their OR (see `Complete`, fts5.query.ts). */
const MAX_COMPLETIONS = 32;

/** One first letter's words in word order (code point order, as SQLite sorts), with their lengths in characters. */
interface Letter {
  words: string[];
  lens: Int32Array;
}

export function createTypoExpander(db: Db) {
  // In word order, straight from the word index: the trie walk for prefix terms needs it sorted.
  const letterWords = db.prepare<[string, string], [string, number]>('SELECT term, len FROM search_terms WHERE term >= ? AND term < ? ORDER BY term').raw();
  // The same as two JSON arrays, which load in half the time of a row per word (a first letter's
  // words are read on the first search after a start). An aggregate over an ordered subquery keeps
  // its order in practice, not by promise: the order is checked, and the rows read when it fails.
  const letterJson = db.prepare<[string, string], [string, string]>('SELECT json_group_array(term), json_group_array(len) FROM (SELECT term, len FROM search_terms WHERE term >= ? AND term < ? ORDER BY term)').raw();
  const exact = db.prepare<[string], number>('SELECT 1 FROM search_terms WHERE term = ?').pluck();
  const startingWith = db.prepare<[string, string], string>('SELECT term FROM search_terms WHERE term >= ? AND term < ? LIMIT 500').pluck();
  const completing = db.prepare<[string, string, number], string>('SELECT term FROM search_terms WHERE term >= ? AND term < ? LIMIT ?').pluck();
  const allFirsts = db.prepare<[], string>('SELECT DISTINCT first FROM search_terms').pluck();
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();

  // First letters of the vocabulary, cached with the expansions below. Another connection's commit
  // (`npm run reindex` from the command line) changes `data_version`; this connection's own writes
  // call `forget`.
  let firsts: string[] | null = null;
  let seenVersion = -1;
  function firstLetters(): string[] {
    firsts ??= allFirsts.all();
    return firsts;
  }
  const letters = new Map<string, Letter>();
  function letter(first: string): Letter {
    let found = letters.get(first);
    if (!found) {
      const next = String.fromCodePoint((first.codePointAt(0) as number) + 1);
      const [terms, lens] = letterJson.get(first, next) as [string, string];
      const words = JSON.parse(terms) as string[];
      if (inCodePointOrder(words)) {
        found = { words, lens: Int32Array.from(JSON.parse(lens) as number[]) };
      } else {
        const rows = letterWords.all(first, next);
        found = { words: rows.map((r) => r[0]), lens: Int32Array.from(rows, (r) => r[1]) };
      }
      if (found.words.length <= MAX_KEPT_LETTER) letters.set(first, found);
    }
    return found;
  }

  /**
   * `sorted`: the words with the term's first letter (sorted for a prefix term); `extra`: words
   * with another first letter (two-typo budget only).
   */
  function candidates(node: TermNode, budget: number): { sorted: string[]; extra: string[] } {
    const chars = [...node.text];
    const len = chars.length;
    const first = chars[0] as string;
    const prefix = node.prefix || node.last;
    const minLen = Math.max(1, len - budget);
    const { words, lens } = letter(first);
    const maxLen = prefix ? Infinity : len + budget;
    const sorted: string[] = [];
    for (let i = 0; i < words.length; i++) {
      const n = lens[i] as number;
      if (n >= minLen && n <= maxLen) sorted.push(words[i] as string);
    }
    // A whole-word term's candidates are tested in JavaScript string order (they differ only past U+FFFF).
    if (!prefix) sorted.sort();
    if (budget < 2) return { sorted, extra: [] };
    const out = new Set<string>();

    const rest = chars.slice(1).join('');
    const swapped = len > 1 ? (chars[1] as string) + first + chars.slice(2).join('') : '';
    const fixed = [rest, swapped];
    for (const f of firstLetters()) {
      if (f !== first) fixed.push(f + rest, f + node.text);
    }
    for (const word of fixed) {
      if (!word) continue;
      if (prefix) {
        // A prefix term matches a word when one of the word's prefixes is within the budget.
        for (const t of startingWith.all(word, `${word}\u{10ffff}`)) out.add(t);
      } else if (exact.get(word) !== undefined) {
        out.add(word);
      }
    }
    // Words with the term's own first letter are in `sorted` already.
    return { sorted, extra: [...out].filter((w) => !w.startsWith(first)) };
  }

  // Expansions of recent terms: paging through results or toggling a filter repeats the words.
  const cache = new Map<string, Alternative[]>();
  const completions = new Map<string, string[] | null>();
  function alternatives(node: TermNode, budget: number): Alternative[] {
    const prefix = node.prefix || node.last;
    const key = `${prefix ? '*' : '='}${node.text}`;
    let found = cache.get(key);
    if (found === undefined) {
      const { sorted, extra } = candidates(node, budget);
      // Walked as a trie (sorted words share their first letters, so most are skipped unseen): a
      // prefix term reaches words of any length, and a whole-word term's thousand-odd words of
      // about its length cost a millisecond when tested one by one.
      const walked = typoAlternativesSorted(node, sorted, extra);
      found = prefix ? collapseRuns(node.text, walked, sorted) : walked;
      if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      cache.set(key, found);
    }
    return found;
  }

  return {
    expand(query: Query): Map<TermNode, Alternative[]> {
      const out = new Map<TermNode, Alternative[]>();
      const version = dataVersion.get() as number;
      if (version !== seenVersion) {
        forget();
        seenVersion = version;
      }
      for (const node of query.terms) {
        if (node.kind !== 'term' || node.text === '') continue;
        const budget = maxTypos(node.text);
        if (budget === 0) continue;
        const found = alternatives(node, budget);
        if (found.length > 0) out.set(node, found);
      }
      return out;
    },
    /**
     * The indexed words starting with `prefix` when there are at most MAX_COMPLETIONS (else null),
     * for `toFtsMatch`'s `complete`. Call `expand` first in a search: it notices other connections' writes.
     */
    complete(prefix: string): string[] | null {
      let found = completions.get(prefix);
      if (found === undefined) {
        const words = completing.all(prefix, `${prefix}\u{10ffff}`, MAX_COMPLETIONS + 1);
        found = words.length > MAX_COMPLETIONS ? null : words;
        if (completions.size >= CACHE_SIZE) completions.delete(completions.keys().next().value as string);
        completions.set(prefix, found);
      }
      return found;
    },
    /** Call after the vocabulary changed in this connection (new words, swapped tables). */
    forget,
  };

  function forget(): void {
    firsts = null;
    letters.clear();
    cache.clear();
    completions.clear();
  }
}

/** Whether `words` ascend strictly in code point order (SQLite's order for text). */
function inCodePointOrder(words: readonly string[]): boolean {
  for (let i = 1; i < words.length; i++) {
    const a = words[i - 1] as string;
    const b = words[i] as string;
    const n = Math.min(a.length, b.length);
    let k = 0;
    while (k < n && a.charCodeAt(k) === b.charCodeAt(k)) k++;
    if (k === n) {
      if (a.length >= b.length) return false;
      continue;
    }
    const x = a.charCodeAt(k);
    const y = b.charCodeAt(k);
    // UTF-16 order is code point order except where a surrogate (a character past U+FFFF) meets
    // U+E000–U+FFFF: the surrogate's character is then the greater.
    const sx = x >= 0xd800 && x <= 0xdfff;
    const sy = y >= 0xd800 && y <= 0xdfff;
    if (sx === sy ? x > y : sx) return false;
  }
  return true;
}

/**
 * The typo alternatives of prefix term `term`, with each run of words that share a matching prefix
 * replaced by that prefix. `sorted` holds every candidate the expander read (sorted), which
 * includes every vocabulary word under a prefix of `term`'s first letter that is within budget
 * (they are at least `term`'s length minus its budget long). A run is collapsed only when each of its
 * words is an alternative or starts with `term` itself (the term's own prefix query covers those),
 * so the words matched stay exactly the words `typoAlternatives` chose, caps included.
 */
export function collapseRuns(term: string, words: string[], sorted: string[]): Alternative[] {
  const chosen = new Set(words);
  const covered = new Set<string>();
  const first = term.codePointAt(0);
  const out: Alternative[] = [];
  for (const word of words) {
    if (covered.has(word)) continue;
    const p = shortestMatchingPrefix(term, word);
    const run = p !== null && p.codePointAt(0) === first ? runOf(sorted, p) : [];
    if (run.length >= MIN_RUN && run.every((w) => chosen.has(w) || w.startsWith(term))) {
      for (const w of run) covered.add(w);
      out.push({ text: p as string, prefix: true });
    } else {
      out.push(word);
    }
  }
  return out;
}

/** The shortest prefix of `word` that `term` matches as a whole word, typo rules included. */
function shortestMatchingPrefix(term: string, word: string): string | null {
  const chars = [...word];
  const budget = maxTypos(term);
  for (let k = Math.max(1, [...term].length - budget); k <= chars.length; k++) {
    const p = chars.slice(0, k).join('');
    if (typoCount(term, p, false) !== null) return p;
  }
  return null;
}

/** The words of sorted `list` that start with `prefix`. */
function runOf(list: string[], prefix: string): string[] {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as string) < prefix) lo = mid + 1;
    else hi = mid;
  }
  const run: string[] = [];
  for (let i = lo; i < list.length && (list[i] as string).startsWith(prefix); i++) run.push(list[i] as string);
  return run;
}
