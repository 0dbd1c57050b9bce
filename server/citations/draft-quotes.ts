import { wordCount } from './matching';

/**
 * The quoted passages of a draft: »…« and «…» (Danish, Norwegian), “…” and "…" (English, plain),
 * „…“ / „…” (Danish, German), ‘…’ and ‚…‘. A passage may run over line breaks but not over a blank
 * line (a paragraph), and an apostrophe inside a word (don’t, Ministeriets’) never opens or closes
 * a single-quoted one. A quote inside a quote (»… ›…‹ …«, “… ‘…’ …”) stays part of the outer one;
 * a mark never closed is no quote, and does not swallow the quotes after it. Quotes under three
 * words ("ja", »nej tak«) are listed as skipped: too short to find one source.
 */
export interface DraftQuote {
  /** 1-based, in the order they appear. */
  index: number;
  text: string;
  /** Offset of the opening mark in the draft. */
  at: number;
  skipped: boolean;
}

const PAIRS: Record<string, string[]> = {
  '»': ['«'],
  '«': ['»'],
  '“': ['”', '“'],
  '"': ['"'],
  '„': ['“', '”'],
  '‘': ['’'],
  '‚': ['‘', '’'],
};

const WORDISH = /[\p{L}\p{N}]/u;
const MAX_QUOTE_CHARS = 3000;
export const MIN_WORDS = 3;

export function findQuotes(draft: string): DraftQuote[] {
  const out: DraftQuote[] = [];
  const n = draft.length;
  let i = 0;
  while (i < n) {
    const open = draft[i]!;
    const closers = PAIRS[open];
    // Single quotes open only at a word start (not inside "don’t").
    if (!closers || ((open === '‘' || open === '‚' || open === '"') && i > 0 && WORDISH.test(draft[i - 1]!))) {
      i++;
      continue;
    }
    const end = findClose(draft, i + 1, open, closers);
    if (end < 0) {
      i++;
      continue;
    }
    const text = draft.slice(i + 1, end).replace(/\s+/g, ' ').trim();
    if (text) out.push({ index: out.length + 1, text, at: i, skipped: wordCount(text) < MIN_WORDS });
    i = end + 1;
  }
  return out;
}

function findClose(draft: string, from: number, open: string, closers: string[]): number {
  const limit = Math.min(draft.length, from + MAX_QUOTE_CHARS);
  for (let j = from; j < limit; j++) {
    const c = draft[j]!;
    if (c === '\n' && /^\n[ \t]*\n/.test(draft.slice(j, j + 4))) return -1;
    // The same opening mark again before any closing one (»a … »b«): the first was never closed.
    if (c === open && !closers.includes(open)) return -1;
    if (!closers.includes(c)) continue;
    // A single closing quote followed by a letter is an apostrophe (Ministeriets’s is rare; don’t is not).
    if ((open === '‘' || open === '‚') && j + 1 < draft.length && WORDISH.test(draft[j + 1]!)) continue;
    if (j === from) return -1;
    return j;
  }
  return -1;
}
