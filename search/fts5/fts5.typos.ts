import type { Db } from '../../server/db/connection';
import type { Query, TermNode } from '../query/ast';
import { maxTypos, typoAlternatives } from '../query/typo';

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
 */
const CACHE_SIZE = 500;

export function createTypoExpander(db: Db) {
  const sameFirst = db.prepare<[string, number, number], string>('SELECT term FROM search_terms WHERE first = ? AND len BETWEEN ? AND ?').pluck();
  const exact = db.prepare<[string], number>('SELECT 1 FROM search_terms WHERE term = ?').pluck();
  const startingWith = db.prepare<[string, string], string>('SELECT term FROM search_terms WHERE term >= ? AND term < ? LIMIT 500').pluck();
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

  function candidates(node: TermNode, budget: number): string[] {
    const chars = [...node.text];
    const len = chars.length;
    const first = chars[0] as string;
    const prefix = node.prefix || node.last;
    const out = new Set<string>(sameFirst.all(first, Math.max(1, len - budget), prefix ? 1_000_000 : len + budget));
    if (budget < 2) return [...out];

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
    return [...out];
  }

  // Expansions of recent terms: paging through results or toggling a filter repeats the words.
  const cache = new Map<string, string[]>();
  function alternatives(node: TermNode, budget: number): string[] {
    const key = `${node.prefix || node.last ? '*' : '='}${node.text}`;
    let found = cache.get(key);
    if (found === undefined) {
      found = typoAlternatives(node, candidates(node, budget).sort());
      if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      cache.set(key, found);
    }
    return found;
  }

  return {
    expand(query: Query): Map<TermNode, string[]> {
      const out = new Map<TermNode, string[]>();
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
    /** Call after the vocabulary changed in this connection (new words, swapped tables). */
    forget,
  };

  function forget(): void {
    firsts = null;
    cache.clear();
  }
}
