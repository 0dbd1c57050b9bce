/**
 * Marks a query's matches in ORIGINAL page text, the same way for both engines: the text is split
 * into words, each word folded like the index (`foldDanish`), and folded words compared with the
 * query's. So "Ålborg" in the text is marked for the query "aalborg", and the mark covers the text
 * as written. Callers insert the result into HTML unescaped: everything is escaped here.
 */
import { createWords, scanWords, UNWANTED, type Words } from './text/danish';
import type { Query } from './query/ast';

export interface HighlightOptions {
  /** Length of the snippet in characters of original text (roughly; words are not cut). */
  maxChars?: number;
  /** Extra folded words that matched through typo tolerance; marked when they occur exactly. */
  matched?: string[];
  /** `scanWords(text)`, when the caller already has it (saves reading a page twice). */
  words?: Words;
}

/** A match in the original text: [start, end) in UTF-16 offsets; `key` names what matched. */
export interface MatchSpan {
  start: number;
  end: number;
  key: string;
}

const DEFAULT_MAX_CHARS = 220;
const ELLIPSIS = '…';
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

/**
 * Every match of the query's terms and phrases (not its exclusions), sorted, overlaps merged.
 * Prefix and last terms mark the whole word that starts with them.
 */
export function findMatches(text: string, query: Query, matched: string[] = []): MatchSpan[] {
  return matchesIn(scanWords(text, scratch), query, matched);
}

/** Words of the text at hand, reused from call to call (nothing keeps them past one). */
const scratch = createWords();

function matchesIn(words: Words, query: Query, matched: string[]): MatchSpan[] {
  const exact = new Map<string, string>();
  const prefixes: string[] = [];
  const phrases: string[][] = [];
  for (const node of query.terms) {
    if (node.kind === 'phrase') {
      if (node.words.length > 0) phrases.push(node.words);
    } else if (node.prefix || node.last) {
      if (node.text !== '') prefixes.push(node.text);
    } else exact.set(node.text, node.text);
  }
  for (const word of matched) if (typeof word === 'string' && word && !exact.has(word)) exact.set(word, word);

  const { count, folded, start, end } = words;
  const spans: MatchSpan[] = [];
  for (let i = 0; i < count; i++) {
    const word = folded[i] as string;
    if (word === UNWANTED) continue; // no term, and no phrase starts with it
    let key = exact.get(word);
    for (let p = 0; key === undefined && p < prefixes.length; p++) {
      if (word.startsWith(prefixes[p] as string)) key = prefixes[p];
    }
    if (key !== undefined) spans.push({ start: start[i] as number, end: end[i] as number, key });
    for (const phrase of phrases) {
      const last = i + phrase.length - 1;
      if (last >= count) continue;
      let k = 0;
      while (k < phrase.length && folded[i + k] === phrase[k]) k++;
      if (k === phrase.length) spans.push({ start: start[i] as number, end: end[last] as number, key: phrase.join(' ') });
    }
  }
  return merge(spans);
}

function merge(spans: MatchSpan[]): MatchSpan[] {
  spans.sort((x, y) => x.start - y.start || y.end - x.end);
  const out: MatchSpan[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/**
 * A snippet around the densest group of matches, escaped, matches in <mark>, "…" where text was cut,
 * whitespace collapsed. `hits` counts the matches in the whole text, not only in the snippet.
 */
export function highlight(text: string, query: Query, opts: HighlightOptions = {}): { snippet: string; hits: number } {
  const maxChars = Math.max(20, Math.floor(opts.maxChars ?? DEFAULT_MAX_CHARS));
  const spans = matchesIn(opts.words ?? scanWords(text, scratch), query, opts.matched ?? []);
  const [from, to] = bestGroup(spans, maxChars);
  const first = spans[from];
  const lastSpan = spans[to - 1];

  let start = 0;
  let end = Math.min(text.length, maxChars);
  if (first && lastSpan) {
    // Centre the group; near the end of the text, give the room to the text before it.
    const slack = Math.max(0, maxChars - (lastSpan.end - first.start));
    start = Math.max(0, first.start - Math.floor(slack / 2));
    end = Math.min(text.length, Math.max(lastSpan.end, start + maxChars));
    if (end - start < maxChars) start = Math.max(0, end - maxChars);
  }
  // Do not cut words: move the edges to whitespace, never past a match.
  const keepFrom = first ? first.start : 0;
  const keepTo = lastSpan ? lastSpan.end : 0;
  while (start > 0 && start < keepFrom && !isSpace(text, start - 1)) start++;
  let snapped = end;
  while (snapped < text.length && snapped > keepTo && !isSpace(text, snapped)) snapped--;
  if (snapped > keepTo || lastSpan) end = snapped; // one endless word and no match: cut it anyway
  if (end > 0 && end < text.length && isHighSurrogate(text, end - 1)) end--;

  const inside = spans.filter((s) => s.start >= start && s.end <= end);
  let body = render(text, inside, start, end).replace(/\s+/g, ' ');
  const cutBefore = /\S/.test(text.slice(0, start));
  const cutAfter = /\S/.test(text.slice(end));
  body = body.trim();
  return { snippet: (cutBefore ? ELLIPSIS : '') + body + (cutAfter && body ? ELLIPSIS : ''), hits: spans.length };
}

/** The whole text, escaped, every match in <mark>; whitespace kept (for a document page). */
export function highlightAll(text: string, query: Query, opts: Pick<HighlightOptions, 'matched'> = {}): string {
  return render(text, findMatches(text, query, opts.matched), 0, text.length);
}

function render(text: string, spans: MatchSpan[], start: number, end: number): string {
  let out = '';
  let at = start;
  for (const s of spans) {
    out += escapeHtml(text.slice(at, s.start)) + '<mark>' + escapeHtml(text.slice(s.start, s.end)) + '</mark>';
    at = s.end;
  }
  return out + escapeHtml(text.slice(at, end));
}

/**
 * The run of consecutive matches [from, to) that fits in `maxChars` and scores best: distinct
 * query terms first (a snippet showing every word beats one repeating one word), then matches.
 */
function bestGroup(spans: MatchSpan[], maxChars: number): [number, number] {
  let best: [number, number] = [0, Math.min(1, spans.length)];
  let bestScore = -1;
  const counts = new Map<string, number>();
  let j = 0;
  for (let i = 0; i < spans.length; i++) {
    if (j < i) j = i;
    while (j < spans.length && (j === i || spans[j]!.end - spans[i]!.start <= maxChars)) {
      counts.set(spans[j]!.key, (counts.get(spans[j]!.key) ?? 0) + 1);
      j++;
    }
    const score = counts.size * 1_000_000 + (j - i);
    if (score > bestScore) {
      bestScore = score;
      best = [i, j];
    }
    const key = spans[i]!.key;
    const left = (counts.get(key) ?? 1) - 1;
    if (left === 0) counts.delete(key);
    else counts.set(key, left);
  }
  return best;
}

function isSpace(text: string, at: number): boolean {
  return /\s/.test(text[at] as string);
}

function isHighSurrogate(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return c >= 0xd800 && c <= 0xdbff;
}
