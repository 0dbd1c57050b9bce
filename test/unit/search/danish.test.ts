import { charCount, foldDanish, foldDanishReference, tokenize, tokenizeReference } from '../../../search/text/danish';

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

describe('foldDanish fast path', () => {
  // Letters a Danish archive meets, combining marks written separately, other scripts, symbols, emoji.
  const ALPHABET = [
    ...'abcXYZ019 .,-"\'«»–—’€§°×½', ...'æøåÆØÅäöüÄÖÜßéèêëÉíïóôõúùñçčšžłđðþıİǅǆŉſ',
    'a\u030a', 'o\u0308', 'e\u0301', '\u0301', ...'ΣσςΑβγДжЯ', '™', '㎏', 'ﬁ', '😀', '\ud800', 'ǻǿ',
  ];
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);

  it('foldDanish — 5,000 random strings — equals the reference folding', () => {
    for (let n = 0; n < 5000; n++) {
      let s = '';
      const len = Math.floor(random() * 24);
      for (let i = 0; i < len; i++) s += ALPHABET[Math.floor(random() * ALPHABET.length)];
      expect([s, foldDanish(s)]).toEqual([s, foldDanishReference(s)]);
    }
  });

  it('tokenize — 5,000 random strings — folds each word like the reference', () => {
    for (let n = 0; n < 5000; n++) {
      let s = '';
      const len = Math.floor(random() * 24);
      for (let i = 0; i < len; i++) s += ALPHABET[Math.floor(random() * ALPHABET.length)];
      const byWord = new Map<number, string[]>();
      for (const t of tokenize(s)) byWord.set(t.start, [...(byWord.get(t.start) ?? []), t.folded]);
      for (const [start, pieces] of byWord) {
        const word = tokenize(s).find((t) => t.start === start)!.word;
        expect([word, pieces.join(' ')]).toEqual([word, foldDanishReference(word).split(/[^\p{L}\p{N}]+/u).filter(Boolean).join(' ')]);
      }
    }
  });
});

describe('tokenize scan', () => {
  const ALPHABET = [...'abcXYZ019 .,-"\'«»–’€§½æøåÆØÅéİǅŉ', 'a\u030a', '\u0301', '\u0301\u0301', ...'ΣσДж', '™', '㎏', 'ﬁ', '😀', '𝐀', '\ud800', '\udc00', '\u200d', '٣', '〇', '\u00ad'];
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);

  it('tokenize — 10,000 random strings — equals the regular-expression reference', () => {
    for (let n = 0; n < 10_000; n++) {
      let s = '';
      const len = Math.floor(random() * 30);
      for (let i = 0; i < len; i++) s += ALPHABET[Math.floor(random() * ALPHABET.length)];
      expect([s, tokenize(s)]).toEqual([s, tokenizeReference(s)]);
    }
  });
});
