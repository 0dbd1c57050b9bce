import { charCount, foldDanish, tokenize } from '../../../search/danish';

describe('foldDanish', () => {
  it.each([
    ['Ålborg', 'aalborg'],
    ['Aalborg', 'aalborg'],
    ['AALBORG', 'aalborg'],
    ['København', 'koebenhavn'],
    ['Koebenhavn', 'koebenhavn'],
    ['KØBENHAVN', 'koebenhavn'],
    ['personfølsomme', 'personfoelsomme'],
    ['Ærø', 'aeroe'],
    ['æble', 'aeble'],
    ['Malmö', 'malmoe'],
    ['Ärger', 'aerger'],
    ['München', 'muenchen'],
    ['Straße', 'strasse'],
    ['STRASSE', 'strasse'],
    ['café', 'cafe'],
    ['Crème brûlée', 'creme brulee'],
    ['naïve', 'naive'],
    ['Łódź', 'lodz'],
  ])('foldDanish — %s — folds to %s', (input, expected) => {
    expect(foldDanish(input)).toBe(expected);
  });

  it('foldDanish — Aalborg and Ålborg — spell alike both ways', () => {
    expect(foldDanish('Ålborg')).toBe(foldDanish('Aalborg'));
    expect(foldDanish('aalborg')).toBe(foldDanish('ÅLBORG'));
  });

  it('foldDanish — decomposed å (as macOS writes it) — folds like the composed letter', () => {
    expect(foldDanish('A\u030alborg')).toBe('aalborg');
    expect(foldDanish('Ko\u0308benhavn')).toBe('koebenhavn');
  });

  it('foldDanish — already folded text — is unchanged (folding twice is folding once)', () => {
    for (const s of ['Ålborg Kommune', 'Københavns Universitet', 'Straße ½ ǻ ǿ']) {
      expect(foldDanish(foldDanish(s))).toBe(foldDanish(s));
    }
  });

  it('foldDanish — punctuation and symbols — are kept so words split where they split before', () => {
    expect(foldDanish('Apple™ 5㎏, e-mail: "Ø"')).toBe('apple™ 5㎏, e-mail: "oe"');
  });

  it('foldDanish — empty and ASCII-only text — is just lowercased', () => {
    expect(foldDanish('')).toBe('');
    expect(foldDanish('Hello, World 42!')).toBe('hello, world 42!');
  });
});

describe('tokenize', () => {
  it('tokenize — Danish text — keeps offsets into the original string', () => {
    const text = 'Mødet i Ålborg, 3. maj';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.folded)).toEqual(['moedet', 'i', 'aalborg', '3', 'maj']);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.word);
    expect(tokens[2]).toMatchObject({ word: 'Ålborg', start: 8, end: 14 });
  });

  it('tokenize — punctuation, apostrophes and hyphens — split words like unicode61', () => {
    expect(tokenize("e-mail don't col:val <script>").map((t) => t.folded)).toEqual([
      'e', 'mail', 'don', 't', 'col', 'val', 'script',
    ]);
  });

  it('tokenize — combining marks — stay inside their word', () => {
    const tokens = tokenize('ne\u0301e cafe\u0301');
    expect(tokens.map((t) => t.folded)).toEqual(['nee', 'cafe']);
  });

  it('tokenize — a character folding to two words — gives one token per piece with the same offsets', () => {
    const tokens = tokenize('a ½ b');
    expect(tokens.map((t) => t.folded)).toEqual(['a', '1', '2', 'b']);
    expect(tokens[1]).toMatchObject({ start: 2, end: 3 });
    expect(tokens[2]).toMatchObject({ start: 2, end: 3 });
  });

  it('tokenize — any text — gives the words FTS5 finds in the folded text', () => {
    const text = 'Ålborg™ 5㎏ ½ naïve İstanbul ǻ ǿ e\u0301 ÆØÅ-sagen, K-værdi (Kelvin \u212a) 😀 z\u0000ö';
    const ftsWords = foldDanish(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    expect(tokenize(text).map((t) => t.folded)).toEqual(ftsWords);
  });

  it('tokenize — emoji, NUL and only punctuation — gives no words', () => {
    expect(tokenize('😀 \u0000 --- "" ()')).toEqual([]);
  });

  it('charCount — astral characters — count once', () => {
    expect(charCount('abc')).toBe(3);
    expect(charCount('a😀b')).toBe(3);
  });
});
