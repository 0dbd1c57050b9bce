/**
 * Danish folding, shared by indexing and querying on both engines.
 *
 * Danes write the same word as "Ålborg" and "Aalborg", "København" and "Koebenhavn"; SQLite's
 * unicode61 tokenizer folds å to a and leaves æ/ø alone, and Meilisearch's normaliser does not know
 * the Danish spellings either (see PERF-NOTES). So Kilde folds text itself, the same way for the
 * indexed text and for every query word: lowercase, æ→ae, ø→oe, å→aa (and ä/ö/ü→ae/oe/ue, ß→ss,
 * which Danish texts borrow from German and Swedish), every other diacritic stripped.
 */

/** Letters that NFKD does not decompose, or that decompose in a way Danish readers would not accept. */
const SPELLED: Record<string, string> = {
  æ: 'ae', ø: 'oe', ß: 'ss', œ: 'oe', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i',
};

/**
 * Runs on NFKD text, where "å" is "a" + combining ring (whether the input was composed or already
 * decomposed, as macOS file names are): the base letter and its mark are replaced together, before
 * the remaining marks are stripped.
 */
const DANISH = /a\u030a|a\u0308|o\u0308|u\u0308|[æøßœłđðþı]/g;
const DANISH_MARKED: Record<string, string> = { 'a\u030a': 'aa', 'a\u0308': 'ae', 'o\u0308': 'oe', 'u\u0308': 'ue' };
const MARKS = /\p{M}+/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/u;
const ASCII = /^[\x00-\x7f]*$/;

/**
 * One word of the original text: a letter or digit, then letters, digits and combining marks (so a
 * decomposed "e" + acute stays one word). Same notion of a word as unicode61's default (L*, N*).
 */
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;

function foldWord(word: string): string {
  if (ASCII.test(word)) return word.toLowerCase();
  return word
    .normalize('NFKD')
    .toLowerCase()
    .replace(DANISH, (m) => DANISH_MARKED[m] ?? SPELLED[m] ?? m)
    .replace(MARKS, '');
}

/**
 * A run of word characters holding at least one non-ASCII one: only those need Unicode work. The
 * lookbehind anchors each attempt at a run's start, which keeps the scan linear on long ASCII runs.
 */
const NEEDS_FOLDING = /(?<![\p{L}\p{N}\p{M}])[\p{L}\p{N}\p{M}]*?(?![\x00-\x7f])[\p{L}\p{N}\p{M}][\p{L}\p{N}\p{M}]*/gu;

/**
 * Folds text for search. Only words are decomposed; punctuation and symbols are left as they are, so
 * that a symbol such as "™" or "㎏" never turns into letters glued to the next word — the folded
 * text splits into the same words as the original (what `tokenize` reports). Runs on whole pages at
 * indexing time, hence the ASCII shortcuts (about 25 MB/s on mostly-ASCII Danish text).
 */
export function foldDanish(text: string): string {
  const lower = text.toLowerCase();
  if (ASCII.test(lower)) return lower;
  return lower.replace(NEEDS_FOLDING, foldWord);
}

export interface Token {
  /** The word as written in the original text. */
  word: string;
  /** The word folded with `foldDanish`: what the index holds. */
  folded: string;
  /** Offsets into the ORIGINAL string (UTF-16 code units), for highlighting original text. */
  start: number;
  end: number;
}

/**
 * Splits text into words with offsets into the original string. A word whose folded form contains a
 * separator (rare compatibility characters: "½" folds to "1⁄2") yields one token per folded piece,
 * each with the whole original word's offsets, because that is how FTS5 tokenizes the folded text.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    const start = m.index ?? 0;
    const end = start + word.length;
    const folded = foldWord(word);
    if (!NOT_WORD.test(folded)) {
      tokens.push({ word, folded, start, end });
      continue;
    }
    for (const piece of folded.split(NOT_WORD)) {
      if (piece) tokens.push({ word, folded: piece, start, end });
    }
  }
  return tokens;
}

/** Number of characters (code points, not UTF-16 units) of a string. */
export function charCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++; // count each surrogate pair once
  }
  return n;
}
