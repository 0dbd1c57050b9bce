import { checkCsv, csvLine, safeZipName } from '../../../server/citations/citations.presenter';

/** CSV of the quote check and the bundle manifest: RFC 4180 cells, and no cell runs as a formula. */
describe('csvLine', () => {
  test('plain cells and numbers — as they are, joined by commas', () => {
    expect(csvLine(['abc', 42, 'æøå'])).toBe('abc,42,æøå');
  });

  test('commas, semicolons, quotes and line breaks — the cell is quoted, quotes doubled', () => {
    expect(csvLine(['a,b', 'c;d', 'sagde "nej"', 'linje 1\nlinje 2', 'cr\rlf'])).toBe('"a,b","c;d","sagde ""nej""","linje 1\nlinje 2","cr\rlf"');
  });

  test.each(['=1+1', '+45 12345678', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])('formula injection — %j is kept as text with a leading apostrophe', (cell) => {
    const out = csvLine([cell]);
    expect(out.replace(/^"|"$/g, '')).toBe(`'${cell}`);
  });

  test('formula injection with quotes and commas — neutralised and quoted', () => {
    expect(csvLine(['=HYPERLINK("http://x","klik")'])).toBe(`"'=HYPERLINK(""http://x"",""klik"")"`);
    expect(csvLine([`=cmd|' /C calc'!A0`])).toBe(`'=cmd|' /C calc'!A0`);
  });

  test('a formula character later in the cell — harmless, left alone', () => {
    expect(csvLine(['1+1=2', 'a@b.dk'])).toBe('1+1=2,a@b.dk');
  });
});

describe('checkCsv', () => {
  test('a BOM for spreadsheets, a header, CRLF lines, links only for found quotes', () => {
    const csv = checkCsv([
      { index: 1, text: 'personfølsomme data', status: 'found', documentId: 'doc_1', title: '=Brev', page: 2, score: 96, quoteId: 'q_1' },
      { index: 2, text: '@opfundet citat', status: 'not_found' },
    ], 'https://kilde.example.org');
    expect(csv.startsWith('\ufeffn,quote,status,score,document,title,page,quote_link\r\n')).toBe(true);
    expect(csv.split('\r\n').slice(1)).toEqual([
      "1,personfølsomme data,found,96,doc_1,'=Brev,2,https://kilde.example.org/q/q_1",
      "2,'@opfundet citat,not_found,,,,,",
      '',
    ]);
  });
});

describe('safeZipName', () => {
  test('numbered, no folders or control characters, no hidden files', () => {
    expect(safeZipName(1, 'brev.pdf')).toBe('001-brev.pdf');
    expect(safeZipName(12, '../../etc/passwd')).toBe('012-__.._etc_passwd');
    expect(safeZipName(3, 'a\\b:c*?"<>|\u0000\n.txt')).toBe('003-a_b_c_.txt');
    expect(safeZipName(4, '.bashrc')).toBe('004-_bashrc');
    expect(safeZipName(5, '')).toBe('005-original');
  });
});
