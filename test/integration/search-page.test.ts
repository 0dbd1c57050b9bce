import { buildMeiliFilter } from '../../search/meilisearch/filter';
import { removeDir, startTestKilde, waitForStatus, type TestKilde } from '../helpers/kilde';

/**
 * The search results page as a newsroom reads it: it says when it searched other forms of a word,
 * helps when nothing matches, counts the undated documents a date range leaves out (only those the
 * reader may see) and includes them on request, shows every active filter as a link that removes
 * it, and offers the documents list's bulk bar and the result's source bundle.
 */
describe('search page', () => {
  let t: TestKilde;
  let anna: ReturnType<TestKilde['as']>;
  let bo: ReturnType<TestKilde['as']>;
  let rita: ReturnType<TestKilde['as']>;
  let dated: string;
  let undated: string;
  let later: string;
  let secret: string;

  async function upload(as: ReturnType<TestKilde['as']>['http'], name: string, text: string, fields: Record<string, string> = {}): Promise<string> {
    let req = as.post('/api/documents');
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    const res = await req.attach('file', Buffer.from(text), name);
    expect(res.status).toBe(202);
    await waitForStatus(t, res.body.id);
    return res.body.id as string;
  }
  const ids = (html: string) => [...html.matchAll(/<li class="hit" data-document-id="([^"]+)"/g)].map((m) => m[1]);
  const page = (who: ReturnType<TestKilde['as']>, query: Record<string, string | string[]>) => who.http.get('/search').query(query);

  beforeAll(async () => {
    t = await startTestKilde();
    anna = t.as('journalist', 'anna');
    bo = t.as('journalist', 'bo');
    rita = t.as('researcher', 'rita');
    dated = await upload(t.http, 'brev.txt', 'Ministeriet skriver til kommunerne om personfølsomme data i Holland.');
    undated = await upload(t.http, 'notat.txt', 'Notat om personfølsomme data og kommunernes aftaler.');
    later = await upload(t.http, 'svar.txt', 'Kommunernes svar om personfølsomme oplysninger.');
    // Undated and restricted to anna: never counted, named or offered to anyone else.
    secret = await upload(anna.http, 'kilde.txt', 'Hemmelig kilde om personfølsomme data.', { access: 'restricted' });
    expect((await t.http.patch(`/api/documents/${dated}`).send({ date: '2018-09-28' })).status).toBe(200);
    expect((await t.http.patch(`/api/documents/${later}`).send({ date: '2019-03-01' })).status).toBe(200);
    await t.kilde.indexer.drain();
  });
  afterAll(async () => {
    await t?.stop();
    if (t) removeDir(t.dir);
  });

  test('the page — one h1, filter links marked with aria-current, never aria-pressed', async () => {
    const res = await page(bo, { q: 'personfølsomme', type: 'text/plain', lang: 'da' });
    expect(res.status).toBe(200);
    expect(res.text.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(res.text).toContain('<h1 class="search-heading">Søg i arkivet</h1>');
    expect(res.text).not.toContain('aria-pressed');
    expect(res.text).toMatch(/<li class="selected">\s*<a href="\/search\?q=personf%C3%B8lsomme" rel="nofollow" aria-current="true">/);
    expect(res.text).toContain('data-total="3"');
    expect(res.text).toContain('3 dokumenter');
  });

  test('a typo — says which word was searched instead, and links to the words as typed (quoted)', async () => {
    const da = await page(bo, { q: 'minsteriet', lang: 'da' });
    expect(ids(da.text)).toEqual([dated]);
    expect(da.text).toMatch(/Viser resultater for\s*<strong>ministeriet<\/strong> <span class="typed">\(du skrev <q>minsteriet<\/q>\)<\/span>/);
    expect(da.text).toContain('href="/search?q=%22minsteriet%22" class="exact-search">Søg kun efter det, du skrev</a>');
    const en = await page(bo, { q: 'kommunerne minsteriet', lang: 'en' });
    expect(en.text).toMatch(/Showing results for\s*<strong>ministeriet<\/strong> <span class="typed">\(you typed <q>minsteriet<\/q>\)/);
    expect(en.text).toContain('href="/search?q=kommunerne+%22minsteriet%22"');
    // Quoted, the word is matched as typed: nothing, and no correction.
    const exact = await page(bo, { q: '"minsteriet"', lang: 'da' });
    expect(exact.text).toContain('data-total="0"');
    expect(exact.text).not.toContain('data-corrections');
  });

  test('words found as typed — no correction; a word ended with * — none either', async () => {
    for (const q of ['ministeriet', 'personfølsomme data', 'minist*']) {
      const res = await page(bo, { q, lang: 'da' });
      expect(ids(res.text).length).toBeGreaterThan(0);
      expect(res.text).not.toContain('data-corrections');
    }
  });

  test('no hits — help with spelling, fewer words and the query syntax; with filters, the count without them and a link removing each', async () => {
    const bare = await page(bo, { q: 'xyzzyplugh', lang: 'da' });
    expect(bare.text).toContain('data-no-hits');
    expect(bare.text).toContain('Ingen dokumenter matcher søgningen');
    expect(bare.text).toContain('Tjek stavningen');
    expect(bare.text).toContain('Brug færre ord');
    expect(bare.text).toContain('-Holland');
    expect(bare.text).toContain('minist*');
    expect(bare.text).not.toContain('Fjern et filter');

    const filtered = await page(bo, { q: 'personfølsomme', type: 'application/pdf', from: '2018', lang: 'en' });
    expect(filtered.text).toContain('data-no-hits');
    // bo reads three of the four documents with the word: anna's restricted one is not counted.
    expect(filtered.text).toContain('Without the filters the words find 3 documents.');
    expect(filtered.text).toContain('Remove a filter:');
    expect(filtered.text).toContain('href="/search?q=personf%C3%B8lsomme&amp;from=2018"');
    expect(filtered.text).toContain('href="/search?q=personf%C3%B8lsomme&amp;type=application%2Fpdf"');
    expect(filtered.text).not.toContain(secret);
  });

  test('a date range — counts the readable undated documents it left out, with a link that includes them', async () => {
    const res = await page(bo, { q: 'personfølsomme', from: '2018-09-01', to: '2018-10-15', lang: 'da' });
    expect(ids(res.text)).toEqual([dated]);
    // The notat is undated and uploaded today: left out, and said so. anna's secret is not counted.
    expect(res.text).toContain('data-undated-left-out="1"');
    expect(res.text).toContain('1 dokument uden dato matcher, men er udeladt af datofilteret.');
    const link = /<a href="([^"]+)">Medtag dem<\/a>/.exec(res.text)?.[1]?.replace(/&amp;/g, '&');
    expect(link).toBe('/search?q=personf%C3%B8lsomme&from=2018-09-01&to=2018-10-15&undated=include');

    const included = await bo.http.get(`${link}&lang=da`);
    expect(ids(included.text).sort()).toEqual([dated, undated].sort());
    expect(included.text).toContain('Dokumenter uden dato er medtaget.');
    expect(included.text).toContain('<span class="undated">uden dato</span>');
    expect(included.text).not.toContain('data-undated-left-out');
    // anna, named on her restricted undated document, is told of both.
    const hers = await page(anna, { q: 'personfølsomme', from: '2018-09-01', to: '2018-10-15', lang: 'da' });
    expect(hers.text).toContain('data-undated-left-out="2"');
    // The JSON API takes the same choice.
    const api = await bo.http.get('/api/search').query({ q: 'personfølsomme', to: '2018-12', undated: 'include' });
    expect(api.body.hits.map((h: { documentId: string }) => h.documentId).sort()).toEqual([dated, undated].sort());
  });

  test('the date fields — labelled, the format told in words, a placeholder that is a format, not a value', async () => {
    const res = await page(bo, { q: 'personfølsomme', lang: 'da' });
    expect(res.text).toContain('<label for="from">Fra dato</label>');
    expect(res.text).toContain('placeholder="ÅÅÅÅ-MM-DD" aria-describedby="date-format"');
    expect(res.text).toContain('<p id="date-format" class="hint">Et år, en måned eller en dag: 2018, 2018-09 eller 2018-09-28.</p>');
    expect(res.text).not.toMatch(/placeholder="\d/);
    expect(res.text).toContain('name="undated" value="include"');
  });

  test('filter chips — one per active filter, each removing only itself; the undated choice goes with the last date', async () => {
    const res = await page(bo, { q: 'personfølsomme', type: 'text/plain', language: 'da', from: '2018', undated: 'include', lang: 'en' });
    const nav = /<nav class="active-filters"[\s\S]*?<\/nav>/.exec(res.text)?.[0] ?? '';
    const hrefs = [...nav.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    expect(hrefs).toEqual([
      '/search?q=personf%C3%B8lsomme&language=da&from=2018&undated=include',
      '/search?q=personf%C3%B8lsomme&type=text%2Fplain&from=2018&undated=include',
      '/search?q=personf%C3%B8lsomme&type=text%2Fplain&language=da',
      '/search?q=personf%C3%B8lsomme&type=text%2Fplain&language=da&from=2018',
      '/search?q=personf%C3%B8lsomme',
    ]);
    expect(nav).toContain('<span class="chip-group">Type:</span> Text');
    expect(nav).toContain('<span class="chip-group">From:</span> 2018');
    expect(nav).toContain('Clear all filters');

    // Filters without words: the chips still show, with the hint to type something.
    const wordless = await page(bo, { type: 'text/plain', lang: 'da' });
    expect(wordless.status).toBe(200);
    expect(wordless.text).toContain('<span class="chip-group">Type:</span> Tekst');
    expect(wordless.text).toContain('Skriv et ord for at søge med disse filtre.');
  });

  test('bulk — the results carry the documents list bar posting to its route; ticked hits get tagged; a researcher gets no bar', async () => {
    const res = await page(bo, { q: 'kommunernes', lang: 'da' });
    expect(res.text).toContain('<form method="post" action="/documents/bulk" class="bulk" id="bulk-form">');
    expect(res.text).toContain('<option value="tag">');
    const ticked = [...res.text.matchAll(/name="ids" value="([^"]+)"/g)].map((m) => m[1]!);
    // "kommunerne" in the dated letter is one typo away: three hits.
    expect(ticked.sort()).toEqual([dated, undated, later].sort());
    const returnTo = /name="returnTo" value="([^"]+)"/.exec(res.text)?.[1]?.replace(/&amp;/g, '&');
    expect(returnTo).toBe('/search?q=kommunernes&lang=da');
    const done = await bo.http.post('/documents/bulk').type('form')
      .send(`${ticked.map((id) => `ids=${id}`).join('&')}&action=tag&tags=Kommuner&returnTo=${encodeURIComponent(returnTo!)}`);
    expect(done.status).toBe(200);
    // Back to the search the ticks came from; a return address off the site is dropped.
    expect(done.text).toContain('href="/search?q=kommunernes&amp;lang=da">Tilbage til søgningen</a>');
    const offSite = await bo.http.post('/documents/bulk').type('form').send(`ids=${ticked[0]}&action=tag&tags=Kommuner&returnTo=${encodeURIComponent('//evil.example/x')}`);
    expect(offSite.text).toContain('href="/documents">');
    expect(offSite.text).not.toContain('evil.example');
    const tagsOf = t.kilde.db.prepare('SELECT t.name FROM document_tags dt JOIN tags t ON t.id = dt.tag_id WHERE dt.document_id = ?').pluck();
    for (const id of ticked) expect(tagsOf.all(id)).toEqual(['Kommuner']);
    expect(tagsOf.all(secret)).toEqual([]);

    const researcher = await page(rita, { q: 'kommunernes', lang: 'da' });
    expect(ids(researcher.text).length).toBe(3);
    expect(researcher.text).not.toContain('id="bulk-form"');
    expect(researcher.text).not.toContain('name="ids"');
  });

  test('export — the result links to its source bundle, a zip of what the page lists', async () => {
    const res = await page(bo, { q: 'personfølsomme', type: 'text/plain', lang: 'da' });
    const href = /<a href="([^"]+)" class="bundle-link" download>Hent resultatet som kildepakke \(zip\)<\/a>/.exec(res.text)?.[1]?.replace(/&amp;/g, '&');
    expect(href).toBe('/bundle?q=personf%C3%B8lsomme&type=text%2Fplain');
    const zip = await bo.http.get(href!).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(zip.status).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    const body = zip.body as Buffer;
    expect(body.subarray(0, 2).toString()).toBe('PK');
    expect(body.includes(Buffer.from('kilde.txt'))).toBe(false);
    // Saved search: the form saves this very search.
    expect(res.text).toContain('<input type="hidden" name="search" value="/search?q=personf%C3%B8lsomme&amp;type=text%2Fplain">');
  });

  test('bad input — an unknown undated choice or an impossible date is a 400, never a 500', async () => {
    expect((await page(bo, { q: 'data', undated: 'maybe' })).status).toBe(400);
    expect((await page(bo, { q: 'data', from: '2018-13' })).status).toBe(400);
  });

  test('a field that cannot be read — the page answers with the rest of the search, the field named and kept as typed', async () => {
    const wrong = await page(bo, { q: 'personfølsomme', from: '2023-13-45', lang: 'en' });
    // No mail server here: saving the search does not offer e-mail it could not send.
    expect(wrong.text).toContain('action="/saved-searches"');
    expect(wrong.text).not.toContain('name="alertEmail"');
    expect(wrong.status).toBe(400);
    expect(wrong.text).toMatch(/<p class="error-message" role="alert">From date: dates look like 2018-09-28, 2018-09 or 2018<\/p>/);
    expect(wrong.text).toContain('value="2023-13-45"'); // what was typed, to correct
    expect(wrong.text).toContain('<li class="hit"'); // the search itself still ran
    expect(wrong.text).toContain('value="personfølsomme"');
    const da = await page(bo, { q: 'personfølsomme', to: '2023-02-30', lang: 'da' });
    expect(da.text).toMatch(/<p class="error-message" role="alert">Til dato: datoer skrives som 2018-09-28, 2018-09 eller 2018<\/p>/);
    // An overlong query is cut to the limit and searched; the page says so.
    const long = await page(bo, { q: `personfølsomme ${'x'.repeat(1200)}`, lang: 'en' });
    expect(long.status).toBe(400);
    expect(long.text).toContain('the query is longer than 1,000 characters');
    expect(/<input id="q" name="q" type="search" value="([^"]*)"/.exec(long.text)?.[1]).toBe(`personfølsomme ${'x'.repeat(985)}`);
    // The API keeps refusing it outright.
    expect((await bo.http.get('/api/search').query({ q: 'data', from: '2023-13-45' })).status).toBe(400);
  });

  test('Meilisearch — the same choice as a filter expression: undated records or the range', () => {
    expect(buildMeiliFilter({ dateFrom: '2018', dateTo: '2018-06', undated: 'include' })).toEqual(['(documentDate IS NULL OR (dateNum >= 20180101 AND dateNum <= 20180630))']);
    expect(buildMeiliFilter({ dateFrom: '2018' })).toEqual(['dateNum >= 20180101']);
    expect(buildMeiliFilter({ undated: 'include' })).toEqual([]);
  });
});
