import { makePdf } from '../helpers/pdf';
import { useKilde, waitForStatus, type TestKilde } from '../helpers/kilde';

/** Search inside one document: every matching page with its count and snippet, behind the access rule. */
describe('search inside a document', () => {
  const k = useKilde();
  let letter: string;
  let secret: string;
  let other: ReturnType<TestKilde['as']>;

  beforeAll(async () => {
    other = k.t.as('researcher', 'andre');
    const pdf = await makePdf([
      'Ministeren ønsker en redegørelse om støjen i Kastrup.',
      'Side to handler om budgetter.',
      'Kastrup Lufthavn og Kastrup by: redegørelsen kommer senere.',
    ]);
    let res = await k.t.http.post('/api/documents').attach('file', pdf, 'brev.pdf');
    letter = res.body.id;
    await waitForStatus(k.t, letter);
    res = await k.t.http.post('/api/documents').field('access', 'restricted').attach('file', Buffer.from('Kastrup hemmeligt.'), 'hemmelig.txt');
    secret = res.body.id;
    await waitForStatus(k.t, secret);
  }, 120_000);

  test('the API — every matching page in order, with its matches counted and marked', async () => {
    const res = await other.http.get(`/api/documents/${letter}/search`).query({ q: 'kastrup' });
    expect(res.status).toBe(200);
    expect(res.body.pages.map((p: { number: number; hits: number }) => [p.number, p.hits])).toEqual([[1, 1], [3, 2]]);
    expect(res.body.total).toBe(3);
    expect(res.body.pages[1].snippet).toContain('<mark>Kastrup</mark> Lufthavn');
    expect(res.body.pages[0].links.html).toBe(`/documents/${letter}?q=kastrup#page-1`);
  });

  test('words, phrases, prefixes and typos — as in the search; nothing found is an empty list', async () => {
    const pages = async (q: string) => (await other.http.get(`/api/documents/${letter}/search`).query({ q })).body.pages.map((p: { number: number }) => p.number);
    expect(await pages('redegørelse')).toEqual([1, 3]); // the last word is a prefix: "redegørelsen" too
    expect(await pages('"kastrup lufthavn"')).toEqual([3]);
    expect(await pages('budgeter ')).toEqual([2]); // one typo
    expect(await pages('aalborg ')).toEqual([]);
    expect((await other.http.get(`/api/documents/${letter}/search`).query({ q: '" AND ( <b>' })).status).toBe(200);
  });

  test('the page — a box on the document page, results that work without JavaScript', async () => {
    const doc = await other.http.get(`/documents/${letter}`);
    expect(doc.text).toContain(`action="/documents/${letter}/search"`);
    const page = await other.http.get(`/documents/${letter}/search`).query({ q: 'kastrup' });
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/data-total="3" data-pages="2"/);
    expect(page.text).toContain(`href="/documents/${letter}?q=kastrup#page-3"`);
    expect(page.text.match(/<li class="hit" data-page=/g)).toHaveLength(2);
    expect(page.text).toMatch(/<strong>3<\/strong> matches, on 2 pages of 3/);
    expect(page.text).toContain('(1 match)');
    expect(page.text).toContain('(2 matches)');
    // One match on one page: said in the singular.
    const one = await other.http.get(`/documents/${letter}/search`).query({ q: '"kastrup lufthavn"', lang: 'en' });
    expect(one.text).toMatch(/<strong>1<\/strong> match, on 1 page of 3/);
    expect((await other.http.get(`/documents/${letter}/search`).query({ q: 'kastrup', lang: 'da' })).text).toContain('Søg i dette dokument');
  });

  test('a document the viewer may not read — is not found, on the page and the API', async () => {
    expect((await other.http.get(`/api/documents/${secret}/search`).query({ q: 'kastrup' })).status).toBe(404);
    const page = await other.http.get(`/documents/${secret}/search`).query({ q: 'kastrup' });
    expect(page.status).toBe(404);
    expect(page.text).not.toContain('hemmeligt');
    expect((await k.t.http.get(`/api/documents/${secret}/search`).query({ q: 'kastrup' })).body.total).toBe(1);
  });
});
