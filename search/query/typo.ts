/**
 * Typo tolerance with Meilisearch's defaults, so both engines forgive the same mistakes. What
 * Meilisearch does, read from its source (milli `number_of_typos_allowed`, `build_dfa`,
 * `find_one_two_typo_derivations`; limits from `search/new/limits.rs`):
 *
 * - Budget per query word: 0 typos below 5 characters, 1 from 5, 2 from 9, counted in characters
 *   (`chars().count()`) of the word after Meilisearch's own normalisation. Kilde's normalisation is
 *   `foldDanish`, and distances are measured between folded words, so the budget is counted on the
 *   folded word too: "københavn" (9) is "koebenhavn" (10). The cost: a 4-letter word with æ/ø/å
 *   ("købe" → "koebe") gets a typo it would not get as written; the gain is one unit throughout.
 *   Words over 250 characters get none (Meilisearch's MAX_WORD_LENGTH is 250 bytes).
 * - Distance: a Levenshtein automaton built with `transposition_cost_one = true`, i.e. Damerau–
 *   Levenshtein in its restricted ("optimal string alignment") form: swapping two neighbouring
 *   letters is one typo ("phnoe" finds "phone"). `distance` below is exactly that, bounded.
 * - A typo on the first letter counts as two: a 5–8 letter word must keep its first letter, a 9+
 *   letter word may change it if nothing else is wrong. `typoCount` applies this rule.
 * - The last query word is a prefix (search as you type) and keeps its typo budget: a word matches
 *   when one of its prefixes is within budget (`build_prefix_dfa`). Explicit `prefix*` terms are
 *   treated the same way here. Phrases get no typos. Excluded words match exactly.
 * - At most 150 one-typo and 50 two-typo derivations per word.
 */
import { charCount, foldDanish } from '../text/danish';
import type { TermNode } from './ast';

export const ONE_TYPO_MIN_CHARS = 5;
export const TWO_TYPOS_MIN_CHARS = 9;
const MAX_TYPO_WORD_CHARS = 250;
const MAX_ONE_TYPO_WORDS = 150;
const MAX_TWO_TYPO_WORDS = 50;

/** Typos allowed in a query word (folded here if it is not yet; folding twice changes nothing). */
export function maxTypos(word: string): 0 | 1 | 2 {
  const n = charCount(foldDanish(word));
  if (n < ONE_TYPO_MIN_CHARS || n > MAX_TYPO_WORD_CHARS) return 0;
  return n < TWO_TYPOS_MIN_CHARS ? 1 : 2;
}

/**
 * Restricted Damerau–Levenshtein distance between `a` and `b`, computed only as far as `max`:
 * returns `max + 1` as soon as the distance is known to exceed it. Counts code points.
 */
export function distance(a: string, b: string, max: number): number {
  return bounded(a, b, clampMax(max), false);
}

export function withinTypos(a: string, b: string, max: number): boolean {
  return distance(a, b, max) <= clampMax(max);
}

/** Smallest distance between `query` and any prefix of `word` (bounded like `distance`). */
export function prefixDistance(query: string, word: string, max: number): number {
  return bounded(query, word, clampMax(max), true);
}

/**
 * Typos Meilisearch would count when the folded query word `query` matches the indexed word
 * `candidate`, or null when it would not match at all. `prefix` for prefix/last terms.
 */
export function typoCount(query: string, candidate: string, prefix = false): 0 | 1 | 2 | null {
  return countWithin(query, candidate, prefix, maxTypos(query));
}

/** `typoCount` with the query's budget already known (it is the same for every candidate). */
function countWithin(query: string, candidate: string, prefix: boolean, max: 0 | 1 | 2): 0 | 1 | 2 | null {
  const d = prefix ? prefixDistance(query, candidate, max) : distance(query, candidate, max);
  if (d > max) return null;
  if (d === 0) return 0;
  if (query.codePointAt(0) !== candidate.codePointAt(0)) return max === 2 && d === 1 ? 2 : null;
  return d === 1 ? 1 : 2;
}

/**
 * Indexed words a term also matches because of typos, fewest typos first, for `toFtsMatch`'s
 * `expand`. `vocabulary` is the engine's word list (folded), usually pre-filtered by length. Words
 * the term already matches without a typo are left out: the term itself covers them.
 */
export function typoAlternatives(term: TermNode, vocabulary: Iterable<string>): string[] {
  const max = maxTypos(term.text);
  if (max === 0) return [];
  const prefix = term.prefix || term.last;
  const found = capped();
  for (const word of vocabulary) {
    found.add(word, countWithin(term.text, word, prefix, max));
    if (found.full()) break;
  }
  return found.words();
}

function clampMax(max: number): number {
  return Number.isFinite(max) && max > 0 ? Math.floor(max) : 0;
}

// Reused between calls: this runs against thousands of candidates per query.
let bufA = new Int32Array(64);
let bufB = new Int32Array(64);
let rows = [new Int32Array(66), new Int32Array(66), new Int32Array(66)];

/** Code points of `s` into `buf` (grown when needed); returns the buffer and the length. */
function codePoints(s: string, which: 'a' | 'b'): [Int32Array, number] {
  let buf = which === 'a' ? bufA : bufB;
  if (buf.length < s.length) {
    buf = new Int32Array(s.length * 2);
    if (which === 'a') bufA = buf;
    else bufB = buf;
  }
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const cp = s.codePointAt(i) as number;
    if (cp > 0xffff) i++;
    buf[n++] = cp;
  }
  return [buf, n];
}

/**
 * Banded optimal-string-alignment DP: only cells within `max` of the diagonal are computed, and the
 * loop stops at the first row whose minimum exceeds `max` (every alignment crosses every row, and a
 * transposition from two rows up is never cheaper than the substitution path through the row
 * between, so that exit is exact). O(len × (2·max + 1)).
 */
function bounded(sa: string, sb: string, max: number, prefix: boolean): number {
  const over = max + 1;
  const [a, m] = codePoints(sa, 'a');
  const [b, n] = codePoints(sb, 'b');
  if (m === 0) return prefix ? 0 : Math.min(n, over);
  if (prefix ? n < m - max : Math.abs(m - n) > max) return over;
  if (rows[0]!.length < n + 2) rows = [new Int32Array(n + 2), new Int32Array(n + 2), new Int32Array(n + 2)];
  let [prev2, prev, cur] = rows as [Int32Array, Int32Array, Int32Array];

  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(n, i + max);
    cur[lo - 1] = lo === 1 ? i : over;
    let rowMin = cur[lo - 1]!;
    const ai = a[i - 1]!;
    for (let j = lo; j <= hi; j++) {
      const bj = b[j - 1]!;
      let v = prev[j - 1]! + (ai === bj ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      if (del < v) v = del;
      if (ins < v) v = ins;
      if (i > 1 && j > 1 && ai === b[j - 2] && a[i - 2] === bj) {
        const tr = prev2[j - 2]! + 1;
        if (tr < v) v = tr;
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi < n) cur[hi + 1] = over;
    if (rowMin > max) return over;
    [prev2, prev, cur] = [prev, cur, prev2];
  }

  // `prev` now holds the last row.
  if (!prefix) return Math.min(prev[n]!, over);
  let best = over;
  for (let j = Math.max(0, m - max); j <= Math.min(n, m + max); j++) {
    if (prev[j]! < best) best = prev[j]!;
  }
  return Math.min(best, over);
}

/**
 * `typoAlternatives` for a vocabulary read in sorted order, walked like a trie: neighbouring words
 * share their first letters, so the distance rows of a shared prefix are computed once, and once a
 * row shows that no word starting with some prefix can match, every word with that prefix is
 * skipped without a look. `sorted` must be sorted (JavaScript string order); `extra` holds further
 * candidates in any order (the expander's first-letter changes). The result is exactly
 * `typoAlternatives(term, [...sorted, ...extra].sort())`; at 100k pages this is several times
 * faster than testing each word on its own (a unit test holds the two to the same answers).
 */
export function typoAlternativesSorted(term: TermNode, sorted: readonly string[], extra: readonly string[] = []): string[] {
  const max = maxTypos(term.text);
  if (max === 0) return [];
  const prefix = term.prefix || term.last;
  const walked = capped();
  const matches: Array<[string, 0 | 1 | 2 | null]> = [];
  walkSorted(term.text, sorted, max, prefix, (word, d) => {
    const typos = typosFor(term.text, word, d, max);
    walked.add(word, typos);
    matches.push([word, typos]);
    // Later words can only come after these in sorted order, beyond both caps.
    return !walked.full();
  });
  const more = extra.map((word): [string, 0 | 1 | 2 | null] => [word, countWithin(term.text, word, prefix, max)]).filter((m) => m[1] === 1 || m[1] === 2);
  if (more.length === 0) return walked.words();
  // Merged in sorted order, the caps apply as `typoAlternatives` applies them.
  const merged = capped();
  for (const [word, typos] of [...matches, ...more].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))) merged.add(word, typos);
  return merged.words();
}

/** Meilisearch's caps on derivations, taken in word order: 150 one-typo words, 50 two-typo words. */
function capped() {
  const one: string[] = [];
  const two: string[] = [];
  return {
    add(word: string, typos: 0 | 1 | 2 | null): void {
      if (typos === 1 && one.length < MAX_ONE_TYPO_WORDS) one.push(word);
      else if (typos === 2 && two.length < MAX_TWO_TYPO_WORDS) two.push(word);
    },
    full: (): boolean => one.length >= MAX_ONE_TYPO_WORDS && two.length >= MAX_TWO_TYPO_WORDS,
    /** Fewest typos first. */
    words: (): string[] => [...one, ...two],
  };
}

/** `countWithin`'s verdict for a distance already computed. */
function typosFor(query: string, candidate: string, d: number, max: 0 | 1 | 2): 0 | 1 | 2 | null {
  if (d > max) return null;
  if (d === 0) return 0;
  if (query.codePointAt(0) !== candidate.codePointAt(0)) return max === 2 && d === 1 ? 2 : null;
  return d === 1 ? 1 : 2;
}

/**
 * Calls `visit(word, distance)` for each word of `sorted` within `max` of `query` (as a whole word,
 * or — `prefix` — through one of its prefixes), in order, until `visit` returns false. The
 * distance is `distance`/`prefixDistance`'s: restricted Damerau–Levenshtein, banded. Rows are per
 * letter of the WORD (columns per letter of the query), so a row belongs to a word prefix and is
 * shared by every word that starts with it.
 */
function walkSorted(query: string, sorted: readonly string[], max: number, prefix: boolean, visit: (word: string, d: number) => boolean): void {
  const a = Int32Array.from([...query], (c) => c.codePointAt(0) as number);
  const m = a.length;
  const over = max + 1;
  // rows[j]: the row of the current word's first j letters; `valid` rows hold the current word's.
  const rows: Int32Array[] = [Int32Array.from({ length: m + 1 }, (_, i) => i)];
  const row = (j: number): Int32Array => {
    while (rows.length <= j) rows.push(new Int32Array(m + 1));
    return rows[j] as Int32Array;
  };
  // bestTo[j]: the smallest `D[k][m]` for k <= j, i.e. the prefix distance up to letter j.
  let bestTo: Int32Array = new Int32Array(64);
  bestTo[0] = m;
  let chars: Int32Array = new Int32Array(64);
  let valid = 0;

  let w = 0;
  while (w < sorted.length) {
    const word = sorted[w] as string;
    // The word's code points, compared with the previous word's as they are written over them.
    if (chars.length < word.length + 1) {
      chars = grow(chars, word.length + 1);
      bestTo = grow(bestTo, word.length + 1);
    }
    let n = 0;
    let common = -1;
    for (let k = 0; k < word.length; k++) {
      const cp = word.codePointAt(k) as number;
      if (cp > 0xffff) k++;
      if (common < 0 && (n >= valid || chars[n] !== cp)) common = n;
      chars[n++] = cp;
    }
    if (common < 0 || common > n) common = Math.min(n, valid);

    let pruned = -1;
    for (let j = common + 1; j <= n; j++) {
      const prev = rows[j - 1] as Int32Array;
      const prev2 = j >= 2 ? (rows[j - 2] as Int32Array) : null;
      const cur = row(j);
      cur.fill(over);
      cur[0] = j <= max ? j : over;
      let rowMin = cur[0] as number;
      const bj = chars[j - 1] as number;
      const bj1 = j >= 2 ? (chars[j - 2] as number) : -1;
      const lo = Math.max(1, j - max);
      const hi = Math.min(m, j + max);
      for (let i = lo; i <= hi; i++) {
        const ai = a[i - 1] as number;
        let v = (prev[i - 1] as number) + (ai === bj ? 0 : 1);
        const del = (prev[i] as number) + 1;
        const ins = (cur[i - 1] as number) + 1;
        if (del < v) v = del;
        if (ins < v) v = ins;
        if (prev2 && i > 1 && ai === bj1 && a[i - 2] === bj) {
          const tr = (prev2[i - 2] as number) + 1;
          if (tr < v) v = tr;
        }
        if (v > over) v = over;
        cur[i] = v;
        if (v < rowMin) rowMin = v;
      }
      bestTo[j] = Math.min(bestTo[j - 1] as number, cur[m] as number);
      if (rowMin > max) {
        pruned = j;
        break;
      }
    }
    valid = pruned >= 0 ? pruned : n;

    if (pruned >= 0) {
      // No word starting with these `pruned` letters comes within reach, unless (as a prefix) a
      // shorter prefix already matched: then this word and the ones after it match through it.
      if (prefix && (bestTo[pruned - 1] as number) <= max) {
        if (!visit(word, bestTo[pruned - 1] as number)) return;
        w++;
        continue;
      }
      w = skipStem(sorted, w + 1, String.fromCodePoint(...chars.subarray(0, pruned)));
      continue;
    }
    const d = prefix ? (bestTo[n] as number) : ((rows[n] as Int32Array)[m] as number);
    if (d <= max && !visit(word, d)) return;
    w++;
  }
}

/** The index of the first word from `from` on that does not start with `stem` (binary search). */
function skipStem(sorted: readonly string[], from: number, stem: string): number {
  const last = stem.charCodeAt(stem.length - 1);
  if (last >= 0xd800) {
    let w = from;
    while (w < sorted.length && (sorted[w] as string).startsWith(stem)) w++;
    return w;
  }
  // Every word starting with `stem` sorts before `stem` with its last letter raised by one.
  const bound = stem.slice(0, -1) + String.fromCharCode(last + 1);
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as string) < bound) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function grow(buf: Int32Array, size: number): Int32Array {
  const next = new Int32Array(Math.max(size, buf.length * 2));
  next.set(buf);
  return next;
}
