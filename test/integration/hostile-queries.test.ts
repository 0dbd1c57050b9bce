import { removeDir, startTestKilde, waitForStatus, type TestKilde } from '../helpers/kilde';

const HOSTILE = ['"', '"unclosed', '*', 'AND OR', 'NEAR(', '-', '<script>alert(1)</script>', "' OR 1=1 --", '()', 'title:x', '^a', 'a"b"c', '\u0000', 'x'.repeat(1000), '-"', '**', 'NOT', '"" ""'];

describe('search — hostile query strings — always answer 200', () => {
  let t: TestKilde;
  beforeAll(async () => {
    t = await startTestKilde();
    const res = await t.http.post('/api/documents').attach('file', Buffer.from('Aktindsigt i sagen om script og alert.'), 'a.txt');
    await waitForStatus(t, res.body.id);
  });
  afterAll(async () => {
    await t.stop();
    removeDir(t.dir);
  });

  test.each(HOSTILE)('GET /api/search?q=%j — 200 with a result object', async (q) => {
    const res = await t.http.get('/api/search').query({ q });
    expect(res.status).toBe(200);
    expect(typeof res.body.total).toBe('number');
  });

  test.each(HOSTILE)('GET /search?q=%j — 200 and the query is escaped in the page', async (q) => {
    const res = await t.http.get('/search').query({ q });
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('<script>alert(1)</script>');
  });

  test('search — a script tag as query — matches the words and marks them escaped', async () => {
    const res = await t.http.get('/api/search').query({ q: '<script>alert' });
    expect(res.body.total).toBe(1);
    expect(res.body.hits[0].pages[0].snippet).toContain('<mark>script</mark>');
  });

  test('search — wrong parameter types — 400 with a message', async () => {
    expect((await t.http.get('/api/search').query({ q: 'a', page: 'two' })).status).toBe(400);
    expect((await t.http.get('/api/search').query({ q: 'a', page: '0' })).status).toBe(400);
    expect((await t.http.get('/api/search').query({ q: 'a', sort: 'DROP TABLE' })).status).toBe(400);
    expect((await t.http.get('/api/search').query({ q: 'a', from: "2018' OR 1=1" })).status).toBe(400);
    expect((await t.http.get('/api/search').query({ q: 'x'.repeat(1001) })).status).toBe(400);
  });
});
