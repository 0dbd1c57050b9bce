import { createLexicon, type Lexicon } from '../../server/ingest/ocr/lexicon';

/**
 * The words of the OCR languages (server/ingest/ocr/lexicon.ts): the Danish and English Hunspell
 * dictionaries, read in a thread of their own, asked which of a reading's words are words.
 */
describe('OCR lexicon — Danish and English words', () => {
  let lexicon: Lexicon;
  beforeAll(() => {
    lexicon = createLexicon('dan+eng')!;
  });
  afterAll(() => lexicon.close());

  test('known — inflected Danish, names, English; the misreadings of the hard fax pages are not words', async () => {
    const words = ['den', 'er', 'nye', 'timen', 'offentlighedslovens', 'anmodningen', 'Kastrup', 'the', 'requests', 'pyc', 'cr', 'fentlighedslovens', 'limenx'];
    const known = await lexicon.known(words);
    // "den" and "er" carry morphological fields in the Danish dictionary ("den al:dens"), which nspell took for part of the word.
    for (const w of ['den', 'er', 'nye', 'timen', 'offentlighedslovens', 'anmodningen', 'Kastrup', 'the', 'requests']) expect(known).toContain(w);
    for (const w of ['pyc', 'cr', 'fentlighedslovens', 'limenx']) expect(known).not.toContain(w);
    // A capitalised word at the start of a sentence is the word; its lower case is looked up too.
    expect(await lexicon.known(['Timen', 'TIMEN'])).toEqual(new Set(['Timen', 'TIMEN']));
  }, 60_000);

  test('known — no words loads the dictionaries and answers nothing; hostile strings are no words and no error', async () => {
    expect(await lexicon.known([])).toEqual(new Set());
    const hostile = ['', ' ', '\u0000', '<script>', 'a'.repeat(10_000), '\ud800', 'den\u202e', '../../etc/passwd'];
    expect(await lexicon.known(hostile)).toEqual(new Set());
  }, 60_000);

  test('known — an aborted page asks nothing', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(lexicon.known(['den'], { signal: ac.signal })).rejects.toThrow();
  });

  test('createLexicon — only languages with a dictionary count: "deu" has none (null), "deu+dan" is Danish', async () => {
    expect(createLexicon('deu')).toBeNull();
    const danish = createLexicon('deu+dan')!;
    try {
      const known = await danish.known(['timen', 'requests']);
      expect(known).toContain('timen');
      expect(known).not.toContain('requests');
    } finally {
      danish.close();
    }
  }, 60_000);
});
