import Database from 'better-sqlite3';
import { foldDanish } from '../../../search/text/danish';
import type { Query, TermNode } from '../../../search/query/ast';
import { toFtsMatch } from '../../../search/fts5/fts5.query';
import { parseQuery } from '../../../search/query/parse';
import { typoAlternatives } from '../../../search/query/typo';

const PAGES = [
  'Mødet i Ålborg om skattestyrelsen',
  'Notat om personfølsomme oplysninger i Aarhus Kommune',
  'København og Aalborg deler udgifterne',
  'E-mail fra ministeren: "vi skal spare"',
  'Moms og skat på 1=1 <script> col:val',
];

describe('toFtsMatch', () => {
  let db: Database.Database;
  let vocabulary: string[];

  beforeAll(() => {
    db = new Database(':memory:');
    db.exec(`CREATE VIRTUAL TABLE pages USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')`);
    db.exec(`CREATE VIRTUAL TABLE vocab USING fts5vocab(pages, 'row')`);
    const insert = db.prepare('INSERT INTO pages(rowid, body) VALUES (?, ?)');
    PAGES.forEach((text, i) => insert.run(i + 1, foldDanish(text)));
    vocabulary = (db.prepare('SELECT term FROM vocab').all() as { term: string }[]).map((r) => r.term);
  });
  afterAll(() => db.close());

  const search = (input: string, expand?: (t: TermNode) => string[]): number[] => {
    const match = toFtsMatch(parseQuery(input), expand);
    if (match === null) return [];
    return (db.prepare('SELECT rowid FROM pages WHERE pages MATCH ? ORDER BY rowid').all(match) as { rowid: number }[]).map((r) => r.rowid);
  };
  const withTypos = (t: TermNode) => typoAlternatives(t, vocabulary);

  it('toFtsMatch — words, phrases, prefixes, exclusions — compile to quoted FTS5 syntax', () => {
    expect(toFtsMatch(parseQuery('skat'))).toBe('"skat" *');
    expect(toFtsMatch(parseQuery('skat moms '))).toBe('("skat" AND "moms")');
    expect(toFtsMatch(parseQuery('skat* "Aarhus Kommune" -moms -"e mail" '))).toBe(
      '("skat" * AND "aarhus kommune") NOT ("moms" OR "e mail")',
    );
  });

  it('toFtsMatch — typo alternatives — are ORed with the term', () => {
    expect(toFtsMatch(parseQuery('ministren '), () => ['ministeren', 'ministrene'])).toBe('("ministren" OR "ministeren" OR "ministrene")');
  });

  it('toFtsMatch — nothing searchable or only exclusions — is null', () => {
    expect(toFtsMatch(parseQuery(''))).toBeNull();
    expect(toFtsMatch(parseQuery('-skat'))).toBeNull();
    expect(toFtsMatch({ terms: [{ kind: 'phrase', words: ['', '"'] }], excluded: [] })).toBeNull();
  });

  it('toFtsMatch — hand-made nodes with quotes and NUL — are still quoted safely', () => {
    const query: Query = {
      terms: [{ kind: 'term', text: 'a"b\u0000c', prefix: true, last: false }],
      excluded: [{ kind: 'term', text: '") OR ("', prefix: false, last: false }],
    };
    expect(toFtsMatch(query)).toBe('"a b c" * NOT ("OR")');
  });

  it.each([
    '"', '"unclosed', '*', 'AND OR', 'NEAR(', '-', '<script>', "' OR 1=1 --", '()', '"a" NEAR/2', 'col:val',
    '^start', '😀', '👩‍👩‍👧 🇩🇰', 'x'.repeat(10_000), 'ord '.repeat(2500), '\u0000', 'a\u0000b', '"a\u0000b"', 'NOT skat',
    'skat NOT', 'OR', '"" AND ""', '-"a b"', 'a -', '{col1 col2}: x', '+a', 'a + b', 'a*b*', '\ud800', '-*', '"*"',
  ])('toFtsMatch — hostile input %j — never causes an FTS5 error', (input) => {
    const hostileExpand = () => ['"', 'a"b', '\u0000', '*', 'NEAR(', '', ')', 'skat'];
    for (const expand of [undefined, hostileExpand, withTypos]) {
      const match = toFtsMatch(parseQuery(input), expand);
      if (match === null) continue;
      expect(() => db.prepare('SELECT count(*) FROM pages WHERE pages MATCH ?').get(match)).not.toThrow();
    }
  });

  it('toFtsMatch — Aalborg and Ålborg — find each other both ways', () => {
    expect(search('Aalborg ')).toEqual([1, 3]);
    expect(search('Ålborg ')).toEqual([1, 3]);
    expect(search('koebenhavn ')).toEqual([3]);
    expect(search('KØBENHAVN ')).toEqual([3]);
  });

  it('toFtsMatch — the last word — also matches as a prefix', () => {
    expect(search('skattes')).toEqual([1]);
    expect(search('skattes ')).toEqual([]);
  });

  it('toFtsMatch — phrases and exclusions — behave', () => {
    expect(search('"Aarhus Kommune"')).toEqual([2]);
    expect(search('"Kommune Aarhus"')).toEqual([]);
    expect(search('aalborg -københavn ')).toEqual([1]);
    expect(search('aalborg -"deler udgifterne"')).toEqual([1]);
  });

  it('toFtsMatch — with typo alternatives from the vocabulary — finds personfølsome', () => {
    expect(search('personfølsome ')).toEqual([]);
    expect(search('personfølsome ', withTypos)).toEqual([2]);
    expect(search('ministren ', withTypos)).toEqual([4]);
  });
});
