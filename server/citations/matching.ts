import search from 'approx-string-match';

/**
 * Finding a quoted passage in a page's text, exactly or tolerantly.
 *
 * Why this approach: it is the one web annotators (Hypothesis's "fuzzy anchoring") use to find a
 * quote again after the document changed. First both texts are normalised so that differences
 * nobody would call a misquote disappear — case, quotation-mark and dash styles, runs of
 * whitespace and line breaks, end-of-line hyphenation ("personføl-\nsomme"), soft hyphens — while
 * each normalised character keeps the offset it came from. Then an exact search; failing that,
 * Myers' bit-parallel approximate matching (approx-string-match) with at most ~15 % edits, which
 * absorbs OCR-like errors (rn/m, l/1, a dropped letter). Myers runs in O(k/32 · n) per page, so a
 * whole page of a few thousand characters takes well under a millisecond; callers narrow the pages
 * first (the quote's page and its neighbours, or the candidate pages the search index returns).
 */

/** Share of the quote's length that may differ: beyond this the passage counts as "not found". */
export const MAX_ERROR_RATE = 0.15;

export interface Normalised {
  text: string;
  /** For each character of `text`, the offset in the original of the character it came from. */
  map: number[];
}

const QUOTES = /[«»‹›"“”„‟〝〞＂]/;
const APOSTROPHES = /['‘’‚‛`´]/;
const DASHES = /[‐‑‒–—―−]/;
const SPACE = /[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]/;
const LETTER = /[\p{L}\p{N}]/u;

/** Normalises text for matching, keeping where every character came from (see the header). */
export function normalise(original: string): Normalised {
  const out: string[] = [];
  const map: number[] = [];
  const n = original.length;
  let i = 0;
  while (i < n) {
    const ch = original[i]!;
    if (ch === '\u00ad') {
      i++;
      continue;
    }
    // End-of-line hyphenation: a letter, a hyphen, a line break (spaces around it), a letter.
    if ((ch === '-' || DASHES.test(ch)) && i > 0 && LETTER.test(original[i - 1]!)) {
      let j = i + 1;
      while (j < n && (original[j] === ' ' || original[j] === '\t')) j++;
      if (j < n && (original[j] === '\n' || original[j] === '\r')) {
        while (j < n && SPACE.test(original[j]!)) j++;
        if (j < n && /\p{Ll}/u.test(original[j]!)) {
          i = j;
          continue;
        }
      }
    }
    if (SPACE.test(ch)) {
      let j = i;
      while (j < n && SPACE.test(original[j]!)) j++;
      if (out.length > 0 && j < n) {
        out.push(' ');
        map.push(i);
      }
      i = j;
      continue;
    }
    let c: string;
    if (QUOTES.test(ch)) c = '"';
    else if (APOSTROPHES.test(ch)) c = "'";
    else if (DASHES.test(ch)) c = '-';
    else if (ch === '…') c = '...';
    else c = ch.toLowerCase();
    for (const part of c) {
      out.push(part);
      map.push(i);
    }
    i++;
  }
  return { text: out.join(''), map };
}

export interface Located {
  /** [start, end) in the ORIGINAL page text. */
  start: number;
  end: number;
  /** 100 for an exact (normalised) match; lower with every edit. */
  score: number;
  exact: boolean;
}

/** The best place of `quote` in `pageText`, or null when it differs by more than MAX_ERROR_RATE. */
export function locate(quote: string, pageText: string, page?: Normalised): Located | null {
  const q = normalise(quote).text;
  if (q.length === 0) return null;
  const p = page ?? normalise(pageText);
  if (p.text.length === 0) return null;
  const at = p.text.indexOf(q);
  if (at >= 0) return toOriginal(p, at, at + q.length, 100, true, pageText.length);
  const maxErrors = Math.floor(q.length * MAX_ERROR_RATE);
  if (maxErrors === 0) return null;
  const matches = search(p.text, q, maxErrors);
  if (matches.length === 0) return null;
  let best = matches[0]!;
  for (const m of matches) if (m.errors < best.errors) best = m;
  const score = Math.max(0, Math.round(100 * (1 - best.errors / q.length)));
  return toOriginal(p, best.start, best.end, score, false, pageText.length);
}

function toOriginal(p: Normalised, start: number, end: number, score: number, exact: boolean, originalLength: number): Located {
  const s = p.map[start] ?? 0;
  const last = p.map[Math.max(start, end - 1)] ?? originalLength - 1;
  return { start: s, end: Math.min(originalLength, last + 1), score, exact };
}

/** Words in a quote: what "quotes under three words are skipped" counts. */
export function wordCount(text: string): number {
  return (text.match(/[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu) ?? []).length;
}
