import { makePdf } from '../helpers/pdf';
import { removeDir, startTestKilde, waitForStatus, type TestKilde } from '../helpers/kilde';

/**
 * Hostile input against every route of the story area: HTML, quotes, SQL, filter syntax, path
 * tricks, huge and wrongly typed values. The answer is always a 4xx with `{ error: { code, message } }`
 * under /api (an HTML page elsewhere), or a normal answer that treats the value as plain text —
 * never a 500, never the value echoed unescaped.
 */
const HOSTILE = [
  '<script>alert(1)</script>',
  `"'><img src=x onerror=alert(1)>`,
  "'; DROP TABLE parties; --",
  'role = "sender" OR 1=1',
  'party_id IN (SELECT id FROM parties)',
  '../../etc/passwd',
  '%00%0a',
  'x'.repeat(5000),
  'pty_' + 'A'.repeat(20),
  '🙂 Ålborg ÆØÅ',
];

describe('story area — hostile input never breaks a route', () => {
  let t: TestKilde;
  let doc: string;
  let party: string;
  let event: string;
  let story: string;
  beforeAll(async () => {
    t = await startTestKilde();
    doc = (await t.http.post('/api/documents').attach('file', await makePdf(['Et brev til KL.']), 'x.pdf')).body.id;
    await waitForStatus(t, doc);
    party = (await t.http.post('/api/parties').send({ kind: 'organisation', name: 'KL' })).body.id;
    event = (await t.http.post('/api/events').send({ title: 'Møde', date: '2018' })).body.id;
    story = (await t.http.post('/api/stories').send({ title: 'Sag' })).body.id;
  });
  afterAll(async () => {
    await t.stop();
    removeDir(t.dir);
  });

  const expectClean = (res: { status: number; body: unknown; text: string; headers: Record<string, string> }, api: boolean) => {
    expect(res.status).toBeLessThan(500);
    if (api && res.status >= 400) expect(res.body).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
    if (!api && (res.headers['content-type'] ?? '').includes('html')) {
      expect(res.text).not.toContain('<script>alert(1)</script>');
      expect(res.text).not.toContain('<img src=x onerror');
    }
  };

  test.each(HOSTILE)('ids in API paths — %#', async (h) => {
    const e = encodeURIComponent(h);
    const calls = [
      t.http.get(`/api/parties/${e}`),
      t.http.patch(`/api/parties/${e}`).send({ name: h }),
      t.http.delete(`/api/parties/${e}`),
      t.http.post(`/api/parties/${e}/merge`).send({ into: h }),
      t.http.get(`/api/events/${e}`),
      t.http.delete(`/api/events/${e}/parties/${e}/${e}`),
      t.http.get(`/api/stories/${e}/timeline`),
      t.http.delete(`/api/stories/${story}/items/${e}/${e}`),
      t.http.get(`/api/documents/${e}/links`),
      t.http.patch(`/api/documents/${doc}/parties/${e}/${e}`).send({ role: h }),
      t.http.delete(`/api/documents/${doc}/documents/${e}/reply_to`),
      t.http.delete(`/api/documents/${doc}/events/${e}`),
      t.http.delete(`/api/documents/${doc}/stories/${e}`),
      t.http.post(`/api/documents/${doc}/suggestions/${e}/accept`).send({}),
      t.http.post(`/api/documents/${e}/suggestions/1/dismiss`),
    ];
    for (const res of await Promise.all(calls)) expectClean(res, true);
  });

  test.each(HOSTILE)('values in API bodies and queries — %#', async (h) => {
    const calls = [
      t.http.get('/api/parties').query({ q: h, kind: h }),
      t.http.get('/api/parties').query({ q: h }),
      t.http.get('/api/events').query({ q: h, story: h }),
      t.http.post('/api/parties').send({ kind: 'person', name: h, shortName: h, aliases: [h], notes: h }),
      t.http.post('/api/parties').send({ kind: h, name: h }),
      t.http.patch(`/api/parties/${party}`).send({ parentId: h }),
      t.http.post('/api/events').send({ title: h, date: h }),
      t.http.post('/api/events').send({ title: 'ok', date: '2018', storyId: h }),
      t.http.post(`/api/events/${event}/parties`).send({ partyId: h, role: 'actor' }),
      t.http.post('/api/stories').send({ title: h, accessLevel: h }),
      t.http.post('/api/stories').send({ title: 'ok', users: [h] }),
      t.http.post(`/api/stories/${story}/items`).send({ type: 'document', id: h }),
      t.http.post(`/api/documents/${doc}/parties`).send({ name: h, role: 'mentioned' }),
      t.http.post(`/api/documents/${doc}/parties`).send({ partyId: h, role: h }),
      t.http.post(`/api/documents/${doc}/events`).send({ title: h, date: h }),
      t.http.post(`/api/documents/${doc}/documents`).send({ documentId: h, relation: 'reply_to' }),
      t.http.post(`/api/documents/${doc}/stories`).send({ storyId: h }),
      t.http.post(`/api/documents/${doc}/suggestions/1/accept`).send({ role: h, title: h, eventId: h }),
      t.http.get(`/api/documents/${doc}/suggestions`).query({ state: h }),
    ];
    for (const res of await Promise.all(calls)) expectClean(res, true);
  });

  test('a blank parent or story id in JSON — "", spaces, a line break — means none, as in the forms; a malformed one is 404; nothing half-written', async () => {
    for (const blank of ['', ' ', '\r\n']) {
      const child = await t.http.post('/api/parties').send({ kind: 'person', name: `Barn ${JSON.stringify(blank)}`, parentId: blank });
      expect([blank, child.status, child.body.parentId]).toEqual([blank, 201, null]);
      const placed = await t.http.patch(`/api/parties/${child.body.id}`).send({ parentId: party });
      expect(placed.body.parentId).toBe(party);
      const cleared = await t.http.patch(`/api/parties/${child.body.id}`).send({ parentId: blank });
      expect([blank, cleared.status, cleared.body.parentId]).toEqual([blank, 200, null]);
      const ev = await t.http.post('/api/events').send({ title: `Møde ${JSON.stringify(blank)}`, date: '2018', storyId: blank });
      expect([blank, ev.status, ev.body.storyId]).toEqual([blank, 201, null]);
      const filed = await t.http.patch(`/api/events/${ev.body.id}`).send({ storyId: story });
      expect(filed.body.storyId).toBe(story);
      const unfiled = await t.http.patch(`/api/events/${ev.body.id}`).send({ storyId: blank });
      expect([blank, unfiled.status, unfiled.body.storyId]).toEqual([blank, 200, null]);
    }
    const before = (await t.http.get('/api/parties').query({ q: 'Ukendt forælder' })).body;
    const unknown = await t.http.post('/api/parties').send({ kind: 'person', name: 'Ukendt forælder', parentId: 'pty_nothing' });
    expect([unknown.status, unknown.body.error?.code]).toEqual([404, 'not_found']);
    expect((await t.http.get('/api/parties').query({ q: 'Ukendt forælder' })).body).toEqual(before);
  });

  test.each([
    ['a JSON string', '"party"'],
    ['a JSON number', '42'],
    ['a JSON null', 'null'],
    ['broken JSON', '{"kind":'],
    ['deeply nested', '{"a":'.repeat(50) + '1' + '}'.repeat(50)],
  ])('bodies — %s — 400, never 500', async (_why, raw) => {
    for (const url of ['/api/parties', '/api/events', '/api/stories', `/api/documents/${doc}/parties`, `/api/stories/${story}/items`]) {
      const res = await t.http.post(url).set('Content-Type', 'application/json').send(raw);
      expectClean(res, true);
      expect(res.status).toBeGreaterThanOrEqual(400);
    }
  });

  test.each([
    ['limit as text', { limit: 'many' }],
    ['limit below 1', { limit: '0' }],
    ['limit too big', { limit: '100000' }],
    ['page negative', { page: '-1' }],
    ['q as a list', { 'q[]': ['a', 'b'] }],
  ])('list queries — %s — 400 or a normal answer', async (_why, query) => {
    for (const url of ['/api/parties', '/api/events', '/api/stories', '/parties', '/events', '/stories']) {
      expectClean(await t.http.get(url).query(query), url.startsWith('/api'));
    }
  });

  test.each(HOSTILE)('HTML pages and forms — %#', async (h) => {
    const e = encodeURIComponent(h);
    const calls = [
      t.http.get(`/parties/${e}`),
      t.http.get(`/parties?q=${e}&kind=${e}`),
      t.http.get(`/events/${e}`),
      t.http.get(`/stories/${e}`),
      t.http.get(`/events?q=${e}`),
      t.http.post('/parties').type('form').send({ kind: h, name: h }),
      t.http.post(`/parties/${e}/delete`).type('form').send({ force: h }),
      t.http.post(`/parties/${party}/merge`).type('form').send({ into: h }),
      t.http.post('/events').type('form').send({ title: h, date: h }),
      t.http.post('/stories').type('form').send({ title: h, accessLevel: h }),
      t.http.post(`/stories/${story}/items`).type('form').send({ type: h, id: h }),
      t.http.post(`/documents/${doc}/links/parties`).type('form').send({ party: h, role: 'mentioned' }),
      t.http.post(`/documents/${doc}/links/parties`).type('form').send({ party: 'KL', role: h }),
      t.http.post(`/documents/${doc}/links/events`).type('form').send({ event: h, date: '' }),
      t.http.post(`/documents/${doc}/links/documents`).type('form').send({ documentId: h, relation: 'reply_to' }),
      t.http.post(`/documents/${doc}/links/stories`).type('form').send({ storyId: h }),
      t.http.post(`/documents/${doc}/suggestions/${e}/dismiss`).type('form').send({}),
    ];
    for (const res of await Promise.all(calls)) expectClean(res, false);
  });
});
