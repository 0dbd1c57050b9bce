import { foldDanish } from '../../../search/text/danish';
import type { TermNode } from '../../../search/query/ast';
import { collapseRuns } from '../../../search/fts5/fts5.typos';
import { distance, maxTypos, prefixDistance, typoAlternatives, typoAlternativesSorted, typoCount, withinTypos } from '../../../search/query/typo';

const f = foldDanish;

/** Plain full-matrix restricted Damerau–Levenshtein, to check the bounded one against. */
function reference(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const d = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[x.length]![y.length]!;
}

describe('maxTypos', () => {
  it('maxTypos — below 5 letters — allows none', () => {
    expect(maxTypos('skat')).toBe(0);
    expect(maxTypos('ab')).toBe(0);
  });

  it('maxTypos — 5 to 8 letters — allows one', () => {
    expect(maxTypos('kasse')).toBe(1);
    expect(maxTypos('ministre')).toBe(1);
  });

  it('maxTypos — 9 letters and more — allows two', () => {
    expect(maxTypos('ministrer')).toBe(2);
    expect(maxTypos('personfoelsomme')).toBe(2);
  });

  it('maxTypos — æ, ø, å — count as the folded spelling', () => {
    expect(maxTypos('købe')).toBe(1); // koebe: 5 folded characters
    expect(maxTypos('københavn')).toBe(2); // koebenhavn: 10
  });

  it('maxTypos — a word over 250 characters — allows none', () => {
    expect(maxTypos('a'.repeat(251))).toBe(0);
  });
});

describe('distance', () => {
  it('distance — personfølsome and personfølsomme — are within 1 typo', () => {
    expect(distance(f('personfølsome'), f('personfølsomme'), 2)).toBe(1);
    expect(withinTypos(f('personfølsome'), f('personfølsomme'), 1)).toBe(true);
  });

  it('distance — a transposition — counts as one typo, as in Meilisearch', () => {
    expect(distance('phnoe', 'phone', 2)).toBe(1);
    expect(distance('ab', 'ba', 1)).toBe(1);
  });

  it('distance — beyond the bound — returns max + 1', () => {
    expect(distance('kitten', 'sitting', 1)).toBe(2);
    expect(distance('abcdefgh', 'zzzzzzzz', 2)).toBe(3);
    expect(distance('a', 'abcdef', 2)).toBe(3);
    expect(withinTypos('kitten', 'sitting', 2)).toBe(false);
  });

  it('distance — identical and empty words — are 0 and the length', () => {
    expect(distance('skat', 'skat', 0)).toBe(0);
    expect(distance('', 'ab', 2)).toBe(2);
    expect(distance('', 'abcd', 2)).toBe(3);
  });

  it('distance — random words — agrees with the full matrix within the bound', () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    const word = () => Array.from({ length: 1 + rnd(9) }, () => 'abcæ😀'[rnd(5)]).join('');
    for (let k = 0; k < 3000; k++) {
      const a = word();
      const b = word();
      const max = rnd(4);
      expect([a, b, max, distance(a, b, max)]).toEqual([a, b, max, Math.min(reference(a, b), max + 1)]);
    }
  });

  it('prefixDistance — a word starting like the query — is 0, and counts typos in the prefix', () => {
    expect(prefixDistance('skatte', 'skattestyrelsen', 1)).toBe(0);
    expect(prefixDistance('skatet', 'skattestyrelsen', 1)).toBe(1);
    expect(prefixDistance('skatte', 'skat', 1)).toBe(2);
  });

  it('distance — thousands of candidates — is fast', () => {
    const vocabulary = Array.from({ length: 20_000 }, (_, i) => `ord${i.toString(36)}styrelse`);
    const t0 = process.hrtime.bigint();
    let hits = 0;
    for (const w of vocabulary) if (withinTypos('ordastyrelse', w, 2)) hits++;
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    expect(hits).toBeGreaterThan(0);
    expect(ms).toBeLessThan(500);
  });
});

describe('typoCount', () => {
  it('typoCount — a 3-letter word with a typo — is not accepted', () => {
    expect(typoCount('skt', 'ska')).toBeNull();
    expect(typoCount('kat', 'kat')).toBe(0);
  });

  it('typoCount — 5 letters — accept one typo but not two', () => {
    expect(typoCount('kasse', 'kase')).toBe(1);
    expect(typoCount('kasse', 'kasser')).toBe(1);
    expect(typoCount('kasse', 'kaser')).toBeNull();
  });

  it('typoCount — 9 letters — accept two typos', () => {
    expect(typoCount('ministrer', 'minsitrer')).toBe(1);
    expect(typoCount('ministrer', 'minstrerr')).toBe(2);
    expect(typoCount('ministrer', 'mnstrerxx')).toBeNull();
  });

  it('typoCount — a typo on the first letter — counts two, as in Meilisearch', () => {
    expect(typoCount('kasse', 'tasse')).toBeNull();
    expect(typoCount('ministrer', 'ninistrer')).toBe(2);
  });

  it('typoCount — prefix terms — match words whose beginning is within the budget', () => {
    expect(typoCount('skatet', 'skattestyrelsen', true)).toBe(1);
    expect(typoCount('skat', 'skattestyrelsen', true)).toBe(0);
    expect(typoCount('skat', 'skattestyrelsen', false)).toBeNull();
  });
});

describe('typoAlternatives', () => {
  const t = (text: string, prefix = false, last = false): TermNode => ({ kind: 'term', text, prefix, last });

  it('typoAlternatives — a vocabulary — returns typo matches, fewest typos first, not exact ones', () => {
    const vocabulary = ['personfoelsomme', 'personfolsome', 'personfoelsome', 'persontransport', 'pxrsonfoelsome'];
    expect(typoAlternatives(t('personfoelsomme'), vocabulary)).toEqual(['personfoelsome', 'personfolsome', 'pxrsonfoelsome']);
  });

  it('typoAlternatives — a short word — has none', () => {
    expect(typoAlternatives(t('skat'), ['skab', 'skat', 'skt'])).toEqual([]);
  });
});

/**
 * A vocabulary dense in near misses: Danish words, every one-letter edit of them (deletion, swap,
 * substitution and insertion with a few letters, the first letter included) and endings.
 */
function nearMissVocabulary(): string[] {
  const bases = ['stort', 'synes', 'forslag', 'ordfoerer', 'kommunen', 'ministeren', 'personfoelsomme', 'handicapkonventionen',
    'aalborg', 'koebenhavn', 'bemaerkninger', 'selvfoelgelig', 'skattestyrelsen', 'redegoerelse', 'aktindsigt', 'sport', 'start'];
  const letters = ['a', 'e', 'o', 'r', 's', 't', 'k'];
  const out = new Set<string>();
  for (const w of bases) {
    for (const end of ['', 'en', 'erne', 's', 'et', 'ende']) out.add(w + end);
    for (let i = 0; i < w.length; i++) {
      out.add(w.slice(0, i) + w.slice(i + 1));
      if (i + 1 < w.length) out.add(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2));
      for (const c of letters) {
        out.add(w.slice(0, i) + c + w.slice(i + 1));
        out.add(w.slice(0, i) + c + w.slice(i));
      }
    }
  }
  return [...out].filter(Boolean);
}

describe('typoAlternativesSorted (the trie walk the embedded engine uses for prefix terms)', () => {
  const vocabulary = nearMissVocabulary().sort();
  const queries = ['stort', 'synes', 'forslag', 'ordfoerer', 'ordfoerre', 'kommunen', 'ministeren', 'personfoelsome', 'handicapkonvention',
    'aalborg', 'aalbrog', 'koebenhvn', 'bemaerkninger', 'selvfolgelig', 'skatestyrelsen', 'redegoerelse', 'aktindsigt', 'xylofon', 'tsort'];

  it.each(queries.flatMap((q) => [[q, false], [q, true]] as Array<[string, boolean]>))(
    'typoAlternativesSorted — %s (prefix %s) — gives exactly typoAlternatives over the merged, sorted list',
    (text, prefix) => {
      const term: TermNode = { kind: 'term', text, prefix, last: false };
      const sameFirst = vocabulary.filter((w) => w[0] === text[0]);
      const extra = vocabulary.filter((w) => w[0] !== text[0]);
      const expected = typoAlternatives(term, [...sameFirst, ...extra].sort());
      expect(typoAlternativesSorted(term, sameFirst, extra)).toEqual(expected);
      expect(typoAlternativesSorted(term, vocabulary)).toEqual(typoAlternatives(term, vocabulary));
    },
  );

  it('typoAlternativesSorted — a stem with more words than the caps — stops at 150 one-typo words, in order', () => {
    const many = Array.from({ length: 400 }, (_, i) => `stor${String(i).padStart(3, '0')}`).sort();
    const term: TermNode = { kind: 'term', text: 'stort', prefix: false, last: true };
    const found = typoAlternativesSorted(term, many);
    expect(found).toHaveLength(150);
    expect(found).toEqual(typoAlternatives(term, many));
    expect(found[0]).toBe('stor000');
  });
});

describe('collapseRuns (prefix alternatives)', () => {
  const term = 'stort';
  const run = Array.from({ length: 60 }, (_, i) => `stor${String(i).padStart(2, '0')}x`);

  it('collapseRuns — a long run of alternatives under one matching prefix — becomes that prefix', () => {
    const sorted = ['sport', ...run, 'stort', 'stortinget'].sort();
    const words = typoAlternatives({ kind: 'term', text: term, prefix: false, last: true }, sorted);
    expect(words).toHaveLength(61); // the run and "sport"
    expect(collapseRuns(term, words, sorted)).toEqual(['sport', { text: 'stor', prefix: true }]);
  });

  it('collapseRuns — a run with a word the caps left out — stays words, so nothing more matches', () => {
    const sorted = ['sport', ...run, 'stort'].sort();
    const words = typoAlternatives({ kind: 'term', text: term, prefix: false, last: true }, sorted).filter((w) => w !== 'stor59x');
    expect(collapseRuns(term, words, sorted)).toEqual(words);
  });

  it('collapseRuns — short runs — stay words (an OR of a few words is as fast)', () => {
    const sorted = ['sport', 'sporten', 'sports', 'stort'];
    const words = typoAlternatives({ kind: 'term', text: term, prefix: false, last: true }, sorted);
    expect(collapseRuns(term, words, sorted)).toEqual(words);
  });
});
