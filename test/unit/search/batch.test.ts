import { csvCell, decodeList, MAX_BATCH_LINES, parseBatch, toCsv } from '../../../search/batch';
import { compileMatches } from '../../../search/fts5/fts5.match';
import { searchInDocument } from '../../../search/in-document';
import { parseQuery } from '../../../search/query/parse';

describe('batch input', () => {
  it('parseBatch — one a line — drops blanks and repeats, keeps line numbers, strips control characters', () => {
    expect(parseBatch('Mette Frederiksen\n\n  KMD  \nkmd\nA\u0000B\r\nØrsted').lines).toEqual([
      { line: 1, text: 'Mette Frederiksen' }, { line: 3, text: 'KMD' }, { line: 5, text: 'A B' }, { line: 6, text: 'Ørsted' },
    ]);
  });

  it('parseBatch — CSV — the first non-empty cell, quotes honoured, a header skipped', () => {
    expect(parseBatch('name,role\n"Hummelgaard, Peter",minister\n;KL\n"Say ""hi""";x').lines.map((l) => l.text)).toEqual(['Hummelgaard, Peter', 'KL', 'Say "hi"']);
  });

  it('parseBatch — a pasted list of "Surname, Firstname" is one name a line; a comma CSV needs its header or the file', () => {
    expect(parseBatch('Billund, Bo\nKastrup, Mortensen').lines.map((l) => l.text)).toEqual(['Billund, Bo', 'Kastrup, Mortensen']);
    expect(parseBatch('navn,cvr\nVestas,10403782').lines.map((l) => l.text)).toEqual(['Vestas']);
    expect(parseBatch('Vestas;10403782\nØrsted;36213728').lines.map((l) => l.text)).toEqual(['Vestas', 'Ørsted']);
    expect(parseBatch('Vestas,10403782\nØrsted,36213728', { csv: true }).lines.map((l) => l.text)).toEqual(['Vestas', 'Ørsted']);
  });

  it('parseBatch — CSV — a quoted cell may hold a line break or a separator; an unclosed quote is read line by line', () => {
    expect(parseBatch('navn;by\n"Hansen\nog Søn";Aarhus\n"Vestas; Wind";Aarhus\nKMD;Ballerup').lines).toEqual([
      { line: 3, text: 'Hansen og Søn' }, { line: 4, text: 'Vestas; Wind' }, { line: 5, text: 'KMD' },
    ]);
    expect(parseBatch('navn;by\n"Hansen;Aarhus\nKMD;Ballerup').lines.map((l) => l.text)).toEqual(['Hansen;Aarhus', 'KMD']);
  });

  it('parseBatch — a header over one column ("Navn") — keeps each row whole, commas and all', () => {
    expect(parseBatch('Navn\nØstergaard, Søren\nVestas Wind Systems, Aarhus').lines.map((l) => l.text)).toEqual(['Østergaard, Søren', 'Vestas Wind Systems, Aarhus']);
    expect(parseBatch('Navn\n"Østergaard, Søren"\nKMD', { csv: true }).lines.map((l) => l.text)).toEqual(['Østergaard, Søren', 'KMD']);
  });

  it('decodeList — UTF-8 with or without a BOM, UTF-16 with one, Windows-1252 (Danish Excel\'s CSV); not text: null', () => {
    const names = 'Navn\r\nKøbenhavn\r\nÅrhus Å/S\r\n';
    expect(decodeList(Buffer.from(names, 'utf8'))).toBe(names);
    expect(decodeList(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(names, 'utf8')]))).toBe(names);
    expect(decodeList(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(names, 'utf16le')]))).toBe(names);
    const be = Buffer.from(names, 'utf16le').swap16();
    expect(decodeList(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toBe(names);
    expect(decodeList(Buffer.from(names, 'latin1'))).toBe(names);
    expect(decodeList(Buffer.from('%PDF-1.7\n\u0000\u0001binary', 'latin1'))).toBeNull();
  });

  it('parseBatch — a long list — is cut at the limit and says so', () => {
    const r = parseBatch(Array.from({ length: MAX_BATCH_LINES + 5 }, (_, i) => `n${i}`).join('\n'));
    expect(r.lines).toHaveLength(MAX_BATCH_LINES);
    expect(r.truncated).toBe(true);
  });

  it('csvCell — formulas defused, separators quoted', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "x"')).toBe('"say ""x"""');
    expect(toCsv([['a', 1], [null, '@x']])).toBe("a,1\r\n,'@x\r\n");
  });
});

describe('document-level matches (embedded engine)', () => {
  it('compileMatches — phrases are checked on the pages, words on the document table; excluded phrases on the pages only', () => {
    const m = compileMatches(parseQuery('"grønne omstilling" kastrup -støj -"e mail" '), new Map());
    expect(m).toMatchObject({
      match: '"kastrup" NOT ("stoej")',
      phrases: ['"groenne omstilling"'],
      excludedPhrases: ['"e mail"'],
      near: '("groenne omstilling" AND "kastrup")',
    });
    expect(m?.nodes.map((n) => n.phrase)).toEqual([true, false]);
    // Phrases only: no document-level part; the pages of the phrase are the candidates.
    expect(compileMatches(parseQuery('"grønne omstilling" -støj'), new Map())).toMatchObject({ match: null, excludedWords: '("stoej")', title: '"groenne omstilling"' });
    expect(compileMatches(parseQuery('-støj'), new Map())).toBeNull();
  });

  it('compileMatches — the last word typed — is a prefix in the match, a whole word for the same-page rule', () => {
    const m = compileMatches(parseQuery('redegørelse kastr'), new Map());
    expect(m?.match).toBe('("redegoerelse" AND "kastr" *)');
    expect(m?.near).toBe('("redegoerelse" AND "kastr")');
    expect(m?.nodes[1]?.levels).toEqual(['"kastr"', '"kastr" *']);
  });
});

describe('searchInDocument', () => {
  it('pages holding any query word, counted, in page order; none for a query of exclusions only', () => {
    const pages = [{ number: 2, text: 'Kastrup og Kastrup.' }, { number: 1, text: 'Intet.' }, { number: 3, text: 'Lufthavnen i Kastrup.' }];
    const r = searchInDocument('kastrup lufthavnen ', pages);
    expect(r.pages.map((p) => [p.number, p.hits])).toEqual([[2, 2], [3, 2]]);
    expect(r.total).toBe(4);
    expect(searchInDocument('-kastrup', pages).pages).toEqual([]);
  });
});
