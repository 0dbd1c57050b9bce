import type { Query, QueryNode } from '../../../search/query/ast';
import { MAX_TERMS } from '../../../search/query/ast';
import { parseQuery } from '../../../search/query/parse';

const term = (text: string, prefix = false, last = false): QueryNode => ({ kind: 'term', text, prefix, last });
const phrase = (...words: string[]): QueryNode => ({ kind: 'phrase', words });
const words = (q: Query) => q.terms.map((n) => (n.kind === 'term' ? n.text : n.words.join(' ')));

describe('parseQuery', () => {
  it('parseQuery — plain words — all become terms, folded, the last one marked last', () => {
    expect(parseQuery('Skat København')).toEqual({
      terms: [term('skat'), term('koebenhavn', false, true)],
      excluded: [],
    });
  });

  it('parseQuery — a trailing space — means the last word was finished (not a prefix)', () => {
    expect(parseQuery('skat ').terms).toEqual([term('skat')]);
  });

  it('parseQuery — a quoted phrase — becomes one phrase node', () => {
    expect(parseQuery('"Aarhus Kommune" budget ').terms).toEqual([phrase('aarhus', 'kommune'), term('budget')]);
  });

  it('parseQuery — a minus before a word or phrase — excludes it', () => {
    expect(parseQuery('skat -moms -"Aarhus Kommune" ')).toEqual({
      terms: [term('skat')],
      excluded: [term('moms'), phrase('aarhus', 'kommune')],
    });
  });

  it('parseQuery — a minus inside a word — splits it and excludes nothing', () => {
    expect(parseQuery('e-mail ')).toEqual({ terms: [term('e'), term('mail')], excluded: [] });
  });

  it('parseQuery — an excluded hyphenated word — excludes it as a phrase', () => {
    expect(parseQuery('skat -e-mail').excluded).toEqual([phrase('e', 'mail')]);
  });

  it('parseQuery — a trailing star — makes a prefix term', () => {
    expect(parseQuery('skat* moms')).toEqual({ terms: [term('skat', true), term('moms', false, true)], excluded: [] });
    expect(parseQuery('-skat* moms ').excluded).toEqual([term('skat', true)]);
  });

  it('parseQuery — unbalanced quote — searches the words', () => {
    expect(words(parseQuery('"unclosed phrase'))).toEqual(['unclosed', 'phrase']);
    expect(parseQuery('"a b" "c d ').terms).toEqual([phrase('a', 'b'), term('c'), term('d')]);
  });

  it('parseQuery — only exclusions — has no terms (callers return no hits)', () => {
    expect(parseQuery('-skat -"moms"')).toEqual({ terms: [], excluded: [term('skat'), phrase('moms')] });
  });

  it.each(['', '   ', '*', '-', '"', '""', '" "', '()', '^', ':', "'", '---', '😀', '\u0000'])(
    'parseQuery — nothing searchable (%j) — gives empty terms',
    (input) => {
      expect(parseQuery(input).terms).toEqual([]);
    },
  );

  it.each([
    ['AND OR NOT', ['and', 'or', 'not']],
    ['NEAR(a b)', ['near', 'a', 'b']],
    ['"a" NEAR/2 "b"', ['a', 'near', '2', 'b']],
    ['col:val', ['col', 'val']],
    ['^start', ['start']],
    ["' OR 1=1 --", ['or', '1', '1']],
    ['<script>alert(1)</script>', ['script', 'alert', '1', 'script']],
    ['(a OR b) AND c', ['a', 'or', 'b', 'and', 'c']],
    ['*foo', ['foo']],
  ])('parseQuery — operator or injection syntax %j — is searched as plain words', (input, expected) => {
    expect(words(parseQuery(input))).toEqual(expected);
  });

  it('parseQuery — more than 32 words — keeps the first 32 and none is last', () => {
    const q = parseQuery(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '));
    expect(q.terms).toHaveLength(MAX_TERMS);
    expect(q.terms.some((n) => n.kind === 'term' && n.last)).toBe(false);
  });

  it('parseQuery — hostile input — never throws', () => {
    const inputs: unknown[] = [
      'x'.repeat(10_000), '"'.repeat(10_001), '-'.repeat(5000) + 'a', 'a\u0000b', '\ud800', 'ab\udc00',
      '*'.repeat(100), '"a" '.repeat(3000), null, undefined, 42, {},
    ];
    for (const input of inputs) expect(() => parseQuery(input as string)).not.toThrow();
    expect(parseQuery(null as unknown as string)).toEqual({ terms: [], excluded: [] });
  });

  it('parseQuery — NUL inside a word — splits it', () => {
    expect(words(parseQuery('a\u0000b'))).toEqual(['a', 'b']);
  });

  it('parseQuery — Danish spellings — fold the same way', () => {
    expect(parseQuery('Ålborg').terms).toEqual(parseQuery('Aalborg').terms);
    expect(parseQuery('"Københavns Kommune"').terms).toEqual(parseQuery('"koebenhavns kommune"').terms);
  });
});
