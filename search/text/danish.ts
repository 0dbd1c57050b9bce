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

/** The reference folding of one word (NFKD, Danish spellings, marks stripped). */
function foldWordSlow(word: string): string {
  return word
    .normalize('NFKD')
    .toLowerCase()
    .replace(DANISH, (m) => DANISH_MARKED[m] ?? SPELLED[m] ?? m)
    .replace(MARKS, '');
}

/**
 * Per-character folding of U+0080–U+024F (Latin-1 and Latin Extended-A/B: every letter Danish text
 * and its neighbours use), filled on first use from the reference folding. A precomposed letter
 * there decomposes to its base and marks only, and no mark joins across letters, so folding a word
 * letter by letter gives exactly `foldWordSlow(word)`; anything else (other scripts, combining
 * marks written separately, surrogates) takes the reference path. Indexing folds every page, and
 * the table makes that several times faster on Danish text.
 */
const FAST_END = 0x250;
const FAST: Array<string | undefined> = new Array(FAST_END);
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

function fastChar(c: number): string {
  let f = FAST[c];
  if (f === undefined) {
    const ch = String.fromCharCode(c);
    // Not a word character (« ° × §): folding leaves it as it is, lowercased.
    f = WORD_CHAR.test(ch) ? foldWordSlow(ch) : ch.toLowerCase();
    FAST[c] = f;
  }
  return f;
}

/**
 * For U+0080–U+024F: the first character of its folding (a code unit), or -1 when the folding is
 * empty or holds a separator (a word with it takes the full path); filled on first use.
 */
const FOLD_FIRST = new Int32Array(FAST_END).fill(-2);
function foldFirst(c: number): number {
  let f = FOLD_FIRST[c] as number;
  if (f === -2) {
    const s = fastChar(c);
    f = s === '' || NOT_WORD.test(s) ? -1 : s.charCodeAt(0);
    FOLD_FIRST[c] = f;
  }
  return f;
}

/** Characters from U+0250 on that are not word characters (dashes, quotes, €): kept as they are. 1 = keep, 2 = fold the slow way. */
const OTHER = new Uint8Array(0x10000);
function keepsAsIs(c: number): boolean {
  let k = OTHER[c] as number;
  if (k === 0) {
    k = c >= 0xd800 && c <= 0xdfff ? 2 : WORD_CHAR.test(String.fromCharCode(c)) ? 2 : 1;
    OTHER[c] = k;
  }
  return k === 1;
}

function foldWord(word: string): string {
  if (ASCII.test(word)) return word.toLowerCase();
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 0x80) out += c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : (word[i] as string);
    else if (c < FAST_END) out += fastChar(c);
    else return foldWordSlow(word);
  }
  return out;
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
  let out = '';
  let from = 0;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (c < 0x80) continue;
    if (c >= FAST_END) {
      if (keepsAsIs(c)) continue;
      return foldDanishReference(text);
    }
    const f = fastChar(c);
    if (f.length === 1 && f.charCodeAt(0) === c) continue;
    out += lower.slice(from, i) + f;
    from = i + 1;
  }
  return from === 0 ? lower : out + lower.slice(from);
}

/** `foldDanish` the reference way, word run by word run (the fast path above must equal it). */
export function foldDanishReference(text: string): string {
  const lower = text.toLowerCase();
  if (ASCII.test(lower)) return lower;
  return lower.replace(NEEDS_FOLDING, foldWordSlow);
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
  scan(text, (folded, start, end, word) => {
    tokens.push({ word, folded, start, end });
  });
  return tokens;
}

/**
 * `tokenize` as parallel lists, filled in place and reused from text to text: snippets read every
 * shown page of a search word by word, and an object per word was most of their cost.
 */
export interface Words {
  /** Words found in the last text scanned; the lists may hold stale entries past it. */
  count: number;
  /** Folded words; `UNWANTED` for a word the scan was told no one looks for. */
  folded: string[];
  start: number[];
  end: number[];
}

/** Stands for a word left unfolded (no folded word equals it: folded words hold no space). */
export const UNWANTED = ' ';

/**
 * Which words a scan must fold, by the first character of their folding when it is ASCII (0–127):
 * the shortest length wanted (checked on all-ASCII words), 0 for none. Folding is most of the cost
 * of a word, and a search looks for a few. Words whose folding may start otherwise (other scripts,
 * rare compatibility characters) are always folded.
 */
export type WantedWords = Uint8Array;

export function createWords(): Words {
  return { count: 0, folded: [], start: [], end: [] };
}

/**
 * Fills `into` with the words of `text`, exactly `tokenize(text)` (word = text.slice(start, end)),
 * except that a word `wanted` rules out stands as `UNWANTED`.
 */
export function scanWords(text: string, into: Words, wanted?: WantedWords): Words {
  into.count = 0;
  scan(text, (folded, start, end) => {
    const k = into.count++;
    into.folded[k] = folded;
    into.start[k] = start;
    into.end[k] = end;
  }, wanted);
  return into;
}

/** The folded words of the last scan that `keep` accepts, each once, in the order they first stand (UNWANTED never). */
export function distinctWords(words: Words, keep: (folded: string) => boolean): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.count; i++) {
    const word = words.folded[i] as string;
    if (word !== UNWANTED && keep(word) && !out.includes(word)) out.push(word);
  }
  return out;
}

/**
 * The word scan behind `tokenize` and `scanWords`: a hand-written loop with a per-character class
 * table, several times faster than the regular expression of `tokenizeReference`, which it equals.
 * ASCII, most of any Danish text, takes a shorter path.
 */
function scan(text: string, emit: (folded: string, start: number, end: number, word: string) => void, wanted?: WantedWords): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    // Find a word start: a letter or digit (a mark alone starts nothing).
    let c = text.charCodeAt(i);
    let width = 1;
    if (c < 0x80) {
      if (ASCII_CLASS[c] !== START) {
        i++;
        continue;
      }
    } else {
      width = pairAt(text, i, c);
      if (classAt(text, i, c, width) !== START) {
        i += width;
        continue;
      }
    }
    const start = i;
    const first = c;
    let ascii = c < 0x80;
    // Folded letter by letter from the table (`foldWord`'s fast path), without a separator.
    let simple = ascii || (wanted !== undefined && c < FAST_END && foldFirst(c) >= 0);
    i += width;
    while (i < n) {
      c = text.charCodeAt(i);
      if (c < 0x80) {
        if (ASCII_CLASS[c] === OTHER_CHAR) break;
        i++;
        continue;
      }
      width = pairAt(text, i, c);
      if (classAt(text, i, c, width) === OTHER_CHAR) break;
      ascii = false;
      if (simple && (c >= FAST_END || foldFirst(c) < 0)) simple = false;
      i += width;
    }
    if (wanted && simple) {
      const lead = first < 0x80 ? (first >= 65 && first <= 90 ? first + 32 : first) : foldFirst(first);
      const least = lead < 0x80 ? (wanted[lead] as number) : 1;
      if (least === 0 || (ascii && i - start < least)) {
        emit(UNWANTED, start, i, '');
        continue;
      }
    }
    const word = text.slice(start, i);
    if (ascii) {
      emit(word.toLowerCase(), start, i, word);
      continue;
    }
    const folded = foldWord(word);
    if (!NOT_WORD.test(folded)) {
      emit(folded, start, i, word);
      continue;
    }
    for (const piece of folded.split(NOT_WORD)) {
      if (piece) emit(piece, start, i, word);
    }
  }
}

const OTHER_CHAR = 0;
const START = 1; // \p{L} or \p{N}
const CONTINUE = 2; // \p{M}: continues a word, never starts one
const START_RE = /^[\p{L}\p{N}]$/u;
const MARK_RE = /^\p{M}$/u;
const BMP_CLASS = new Uint8Array(0x10000); // 0 = not computed yet, else class + 1
const ASTRAL_CLASS = new Map<number, number>();

function classify(ch: string): number {
  return START_RE.test(ch) ? START : MARK_RE.test(ch) ? CONTINUE : OTHER_CHAR;
}

/** The class of each ASCII character, for the scan's short path. */
const ASCII_CLASS = Uint8Array.from({ length: 0x80 }, (_, c) => classify(String.fromCharCode(c)));

/** 2 when a valid surrogate pair starts at `i` (its high half is `c`), else 1. */
function pairAt(text: string, i: number, c: number): number {
  if (c < 0xd800 || c > 0xdbff || i + 1 >= text.length) return 1;
  const low = text.charCodeAt(i + 1);
  return low >= 0xdc00 && low <= 0xdfff ? 2 : 1;
}

/** The class of the code point at `i` (`width` 2 for a surrogate pair, whose high half is `c`). */
function classAt(text: string, i: number, c: number, width: number): number {
  if (width === 1) {
    if (c >= 0xd800 && c <= 0xdfff) return OTHER_CHAR; // a lone surrogate is no character
    let k = BMP_CLASS[c] as number;
    if (k === 0) {
      k = classify(String.fromCharCode(c)) + 1;
      BMP_CLASS[c] = k;
    }
    return k - 1;
  }
  const cp = (c - 0xd800) * 0x400 + (text.charCodeAt(i + 1) - 0xdc00) + 0x10000;
  let k = ASTRAL_CLASS.get(cp);
  if (k === undefined) {
    k = classify(String.fromCodePoint(cp));
    ASTRAL_CLASS.set(cp, k);
  }
  return k;
}

/** `tokenize` by regular expression, the reference the scan above must equal. */
export function tokenizeReference(text: string): Token[] {
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
