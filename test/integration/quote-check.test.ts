import request from 'supertest';
import { makePdf } from '../helpers/pdf';
import { useKilde, waitForStatus, type TestKilde } from '../helpers/kilde';

/** The quote check of a draft, as people: two journalists, an editor, a researcher. */
describe('quote check — a draft against what the viewer may read', () => {
  const k = useKilde();
  let owner: ReturnType<TestKilde['as']>;
  let other: ReturnType<TestKilde['as']>;
  let editor: ReturnType<TestKilde['as']>;
  let letter: string;

  async function upload(t: TestKilde, http: TestKilde['http'], pages: string[], fields: Record<string, string> = {}): Promise<string> {
    let req = http.post('/api/documents').attach('file', await makePdf(pages), `d-${Math.random().toString(36).slice(2)}.pdf`);
    for (const [f, v] of Object.entries(fields)) req = req.field(f, v);
    const res = await req;
    await waitForStatus(t, res.body.id);
    return res.body.id as string;
  }

  beforeAll(async () => {
    const { t } = k;
    owner = t.as('journalist', 'jonas');
    other = t.as('journalist', 'jens');
    editor = t.as('editor', 'eva');
    letter = await upload(t, owner.http, [
      'Til KL. Vedrørende kommunernes it-løsninger.',
      'Styrelsen understreger, at personføl-\nsomme data ikke må flyttes ud af landet uden en forudgående konsekvensanalyse af risikoen.\nMinisteren forventer en redegørelse senest den 15. oktober.',
    ]);
    await upload(t, owner.http, ['Kilden fortalte at ministeriet kendte til overførslerne hele tiden.'], { access: 'restricted', users: 'jonas' });
  });

  const draft = [
    'Styrelsen skrev, at »personfølsomme data ikke må flyttes ud af landet uden en forudgående konsekvensanalyse«.',
    'Ministeren „forventer en redegorelse senest den 15. oktbber“, hedder det.',
    'En talsperson sagde "det har vi aldrig nogensinde skrevet til nogen kommune".',
    'Kort: »ja tak«.',
    'Notatet: “ministeriet kendte til overførslerne hele tiden”.',
  ].join('\n');

  test('editor — hyphenated line break and two OCR-like errors are found on page 2; an invented quote is not found; a short one skipped', async () => {
    const res = await editor.http.post('/api/quotes/check').send({ draft });
    expect(res.status).toBe(200);
    const q = res.body.quotes as Array<Record<string, unknown>>;
    expect(q.map((x) => x.status)).toEqual(['found', 'found', 'not_found', 'skipped', 'not_found']);
    expect(q[0]).toMatchObject({ documentId: letter, page: 2, score: 100 });
    expect(q[1]).toMatchObject({ documentId: letter, page: 2 });
    expect(q[1]!.score as number).toBeLessThan(100);
    const opened = await editor.http.get(`/q/${q[1]!.quoteId}`);
    expect(opened.text).toContain('<mark class="quote" id="quote">forventer en redegørelse senest den 15. oktober</mark>');
  });

  test('restricted document — its quote is "not found" for another journalist and found for its owner', async () => {
    const forOther = await other.http.post('/api/quotes/check').send({ draft });
    expect(forOther.body.quotes[4]).toEqual({ index: 5, text: 'ministeriet kendte til overførslerne hele tiden', status: 'not_found', url: null });
    const forOwner = await owner.http.post('/api/quotes/check').send({ draft });
    expect(forOwner.body.quotes[4]).toMatchObject({ status: 'found', page: 1 });
  });

  test('researcher — may check a draft and make quote links (reads, not writes), but not share or upload', async () => {
    const researcher = k.t.as('researcher', 'rikke');
    const checked = await researcher.http.post('/api/quotes/check').send({ draft });
    expect(checked.status).toBe(200);
    expect(checked.body.quotes.map((x: { status: string }) => x.status)).toEqual(['found', 'found', 'not_found', 'skipped', 'not_found']);
    const quote = await researcher.http.post('/api/quotes').send({ documentId: letter, page: 2, text: 'forventer en redegørelse senest den 15. oktober' });
    expect(quote.status).toBe(201);
    expect((await researcher.http.get(`/api/quotes/${quote.body.id}`)).body).toMatchObject({ status: 'found', page: 2 });
    // The allowlist is of those routes only: publishing and changing stay closed.
    expect((await researcher.http.post('/api/share-links').send({ documentId: letter })).status).toBe(403);
    expect((await researcher.http.post('/api/documents').attach('file', Buffer.from('x'), 'x.txt')).status).toBe(403);
    expect((await researcher.http.put(`/api/documents/${letter}/access`).send({ level: 'newsroom' })).status).toBe(403);
    expect(k.t.kilde.db.prepare('SELECT COUNT(*) FROM share_links').pluck().get()).toBe(0);
  });

  test('no JavaScript — the upload form is multipart with _csrf first; a browser session posts a .txt draft and gets the sheet', async () => {
    const { t } = k;
    t.as('researcher', 'rasmus');
    const agent = request.agent(t.kilde.app);
    expect((await agent.post('/login').type('form').send({ username: 'rasmus', password: 'correct horse battery' })).status).toBe(303);
    const form = await agent.get('/check');
    expect(form.status).toBe(200);
    const formHtml = /<form method="post" action="\/check"[^>]*>[\s\S]*?<\/form>/.exec(form.text)?.[0] ?? '';
    expect(formHtml).toContain('enctype="multipart/form-data"');
    // The token is the form's first field, and the file input is there without any script.
    expect(/<(input|textarea)[^>]*name="([^"]+)"/.exec(formHtml)?.[2]).toBe('_csrf');
    expect(formHtml).toMatch(/<input id="draft-file" name="file" type="file"/);
    expect(formHtml).not.toContain('hidden>');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(formHtml)![1]!;

    const sheet = await agent.post('/check').field('_csrf', csrf).field('draft', '').attach('file', Buffer.from(draft, 'utf8'), { filename: 'udkast.txt', contentType: 'text/plain' });
    expect(sheet.status).toBe(200);
    expect(sheet.text).toContain('class="check-sheet"');
    expect(sheet.text.match(/data-status="found"/g)).toHaveLength(2);
    expect(sheet.text).toMatch(/<a class="quote-link" href="\/q\/q_[^"]+">/);

    // Without the token, or with it after the file, nothing is read.
    const none = await agent.post('/check').field('draft', '').attach('file', Buffer.from(draft, 'utf8'), 'udkast.txt');
    expect(none.status).toBe(403);
    const late = await agent.post('/check').attach('file', Buffer.from(draft, 'utf8'), 'udkast.txt').field('_csrf', csrf);
    expect(late.status).toBe(403);
    const wrong = await agent.post('/check').field('_csrf', 'not-the-token').attach('file', Buffer.from(draft, 'utf8'), 'udkast.txt');
    expect(wrong.status).toBe(403);
  });

  test('bad input — empty draft 400, oversized 413, a binary file 415, a .md file is read, CSV cells never run as formulas', async () => {
    expect((await editor.http.post('/api/quotes/check').send({ draft: '   ' })).status).toBe(400);
    expect((await editor.http.post('/api/quotes/check').send({})).status).toBe(400);
    expect((await editor.http.post('/api/quotes/check').send({ draft: 'x'.repeat(300_000) })).status).toBe(413);
    expect((await editor.http.post('/api/quotes/check').send({ draft: 'x'.repeat(2_000_000) })).status).toBe(413);
    expect((await editor.http.post('/api/quotes/check').attach('file', Buffer.from([0, 1, 2, 3, 0xff]), 'x.txt')).status).toBe(415);
    const txt = await editor.http.post('/api/quotes/check').attach('file', Buffer.from(draft, 'utf8'), 'draft.md');
    expect(txt.body.quotes).toHaveLength(5);
    const csv = await editor.http.post('/api/quotes/check?format=csv').send({ draft: `=HYPERLINK("x") »=cmd|' /C calc'!A0 er et citat«` });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text).toContain(",'=cmd|' /C calc'!A0 er et citat,not_found,");
  });
});
