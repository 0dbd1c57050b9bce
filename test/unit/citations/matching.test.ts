import { locate, MAX_ERROR_RATE, normalise, wordCount } from '../../../server/citations/matching';

/** Finding a quoted passage in a page's text: normalising, then exact, then tolerant (Myers). */
describe('normalise', () => {
  test('case, runs of whitespace and line breaks — folded to lower case and one space, none at the ends', () => {
    expect(normalise('  Styrelsen\n\n  SKRIVER\t\tat\u00a0data  ').text).toBe('styrelsen skriver at data');
  });

  test('quotation marks, apostrophes and dashes — every style becomes one', () => {
    expect(normalise('»a« «b» “c” „d“ "e" ‹f› ‘g’ ‚h‘ don’t it`s 1–2 3—4 5−6 …').text)
      .toBe(`"a" "b" "c" "d" "e" "f" 'g' 'h' don't it's 1-2 3-4 5-6 ...`);
  });

  test('end-of-line hyphenation — "personføl-\\nsomme" joins into one word; a soft hyphen disappears', () => {
    expect(normalise('personføl-\nsomme data').text).toBe('personfølsomme data');
    expect(normalise('personføl- \r\n  somme').text).toBe('personfølsomme');
    expect(normalise('person\u00adfølsomme').text).toBe('personfølsomme');
  });

  test('a hyphen that is no hyphenation stays: before a capital, a number, or not at a line end', () => {
    expect(normalise('Nord-\nJylland').text).toBe('nord- jylland');
    expect(normalise('side 2-\n3').text).toBe('side 2- 3');
    expect(normalise('it-løsninger').text).toBe('it-løsninger');
  });

  test('map — every normalised character points at the original character it came from', () => {
    const original = 'Ab  »C«\nde-\nfg';
    const n = normalise(original);
    expect(n.text).toBe('ab "c" defg');
    expect(n.map).toHaveLength(n.text.length);
    expect([...n.text].map((ch, i) => (ch === ' ' ? ' ' : original[n.map[i]!]!.toLowerCase().replace(/[»«]/, '"')))).toEqual([...n.text]);
    expect(n.map[n.text.indexOf('f')]).toBe(original.indexOf('f'));
  });
});

describe('locate', () => {
  const page = 'Styrelsen understreger, at personføl-\nsomme data ikke må flyttes ud af landet uden en forudgående konsekvensanalyse.';

  test('exact — score 100, offsets in the original text', () => {
    const at = locate('data ikke må flyttes', page)!;
    expect(at).toMatchObject({ score: 100, exact: true });
    expect(page.slice(at.start, at.end)).toBe('data ikke må flyttes');
  });

  test('across a hyphenated line break — exact, and the offsets span the break', () => {
    const at = locate('personfølsomme data ikke må flyttes', page)!;
    expect(at.exact).toBe(true);
    expect(page.slice(at.start, at.end)).toBe('personføl-\nsomme data ikke må flyttes');
  });

  test('changed quotation marks, case and spacing — still exact', () => {
    const p = 'Ministeren kaldte det "en ren   skandale" i samrådet.';
    const at = locate('kaldte det »en ren skandale« i samrådet', p)!;
    expect(at).toMatchObject({ score: 100, exact: true });
    expect(p.slice(at.start, at.end)).toBe('kaldte det "en ren   skandale" i samrådet');
  });

  test('OCR-like errors (rn for m, 1 for l, a dropped letter) — found, with a score below 100', () => {
    const ocr = 'Kornmunerne skal sikre, at persondata ikke fiyttes til Ho1land uden konsekvensanalyse.';
    const at = locate('Kommunerne skal sikre, at persondata ikke flyttes til Holland', ocr)!;
    expect(at.exact).toBe(false);
    expect(at.score).toBeGreaterThanOrEqual(90);
    expect(at.score).toBeLessThan(100);
    expect(ocr.slice(at.start, at.end)).toBe('Kornmunerne skal sikre, at persondata ikke fiyttes til Ho1land');
  });

  test('score — 100 × (1 − edits / length of the normalised quote), rounded', () => {
    const quote = 'abcdefghijklmnopqrst'; // 20 characters: at most 3 edits
    expect(locate(quote, 'xx abcdefghijklmnopqrsX yy')!.score).toBe(95);
    expect(locate(quote, 'xx abXdefghijklmnopqrsX yy')!.score).toBe(90);
    expect(locate(quote, 'xx abXdefgXijklmnopqrsX yy')!.score).toBe(85);
    expect(Math.floor(quote.length * MAX_ERROR_RATE)).toBe(3);
  });

  test('too different, empty or short and not exact — not found', () => {
    expect(locate('abcdefghijklmnopqrst', 'xx aXcXeXgXijklmnopqrst yy')).toBeNull();
    expect(locate('helt opfundet passage om vejstøj', page)).toBeNull();
    expect(locate('   ', page)).toBeNull();
    expect(locate('data', '')).toBeNull();
    expect(locate('dxta', 'data')).toBeNull(); // four letters allow no edit
  });

  test('the best of several places — the one with fewest edits', () => {
    const p = 'forudgående konsekvensanalyze. Senere: forudgående konsekvensanalyse.';
    const at = locate('forudgående konsekvensanalyse', p)!;
    expect(at.score).toBe(100);
    expect(at.start).toBe(p.lastIndexOf('forudgående'));
  });
});

describe('wordCount', () => {
  test('words with inner hyphens and apostrophes count once; marks and numbers alone do not make words', () => {
    expect(wordCount('ja tak')).toBe(2);
    expect(wordCount('it-løsninger er don’t')).toBe(3);
    expect(wordCount('»  « — …')).toBe(0);
    expect(wordCount('den 15. oktober 2018')).toBe(4);
  });
});
