import { removeDir, startTestKilde, type TestKilde } from '../helpers/kilde';

describe('events — API and pages', () => {
  let t: TestKilde;
  let star: string;
  let kl: string;
  beforeAll(async () => {
    t = await startTestKilde({}, { start: false });
    star = (await t.http.post('/api/parties').send({ kind: 'authority', name: 'STAR' }).expect(201)).body.id;
    kl = (await t.http.post('/api/parties').send({ kind: 'organisation', name: 'KL' }).expect(201)).body.id;
  });
  afterAll(async () => {
    await t.stop();
    removeDir(t.dir);
  });

  test.each([
    ['2018-06-28', 'day'],
    ['2018-06', 'month'],
    ['2018', 'year'],
  ])('create — date %s — precision %s', async (date, precision) => {
    const res = await t.http.post('/api/events').send({ title: `Hændelse ${date}`, date });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ date, precision, endDate: null });
  });

  test('create — with an end date, a description and parties as actor and target', async () => {
    const res = await t.http.post('/api/events').send({
      title: 'Elleve kommuner tilslutter sig KMD Momentum',
      date: '2018-07',
      endDate: '2018-09-15',
      description: 'Efter STARs brev.',
      parties: [
        { partyId: star, role: 'actor' },
        { partyId: kl, role: 'target' },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body.parties).toEqual(
      expect.arrayContaining([expect.objectContaining({ role: 'actor', party: expect.objectContaining({ id: star }) }), expect.objectContaining({ role: 'target', party: expect.objectContaining({ id: kl }) })]),
    );
    const got = await t.http.get(`/api/events/${res.body.id}`);
    expect(got.body).toMatchObject({ endDate: '2018-09-15', description: 'Efter STARs brev.', documents: [] });
    expect((await t.http.get(`/api/parties/${star}`)).body.events).toEqual([expect.objectContaining({ id: res.body.id, roles: ['actor'] })]);
  });

  test.each([
    ['no title', { date: '2018' }],
    ['no date', { title: 'X' }],
    ['an impossible day', { title: 'X', date: '2018-02-30' }],
    ['month 13', { title: 'X', date: '2018-13' }],
    ['a Danish date (use ISO)', { title: 'X', date: '28. juni 2018' }],
    ['a date of the wrong type', { title: 'X', date: 20180628 }],
    ['an end before the start', { title: 'X', date: '2018-06-28', endDate: '2018-06-01' }],
    ['a party role that does not exist', { title: 'X', date: '2018', parties: [{ partyId: 'pty_doesnotexist00', role: 'victim' }] }],
    ['a hostile title that is too long', { title: '<script>'.repeat(50), date: '2018' }],
  ])('create — %s — 400', async (_why, body) => {
    const res = await t.http.post('/api/events').send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  });

  test('create — a missing party or story — 404', async () => {
    expect((await t.http.post('/api/events').send({ title: 'X', date: '2018', parties: [{ partyId: 'pty_doesnotexist00', role: 'actor' }] })).status).toBe(404);
    expect((await t.http.post('/api/events').send({ title: 'X', date: '2018', storyId: 'sto_doesnotexist00' })).status).toBe(404);
  });

  test('update, parties add/remove, delete — with 404 for unknown ids and 400 for unknown roles', async () => {
    const e = (await t.http.post('/api/events').send({ title: 'Frist', date: '2018-10-15' }).expect(201)).body;
    const moved = await t.http.patch(`/api/events/${e.id}`).send({ date: '2018-10', title: 'Frist for redegørelse' });
    expect(moved.body).toMatchObject({ date: '2018-10', precision: 'month', title: 'Frist for redegørelse' });
    expect((await t.http.post(`/api/events/${e.id}/parties`).send({ partyId: kl, role: 'target' })).status).toBe(201);
    expect((await t.http.post(`/api/events/${e.id}/parties`).send({ partyId: kl, role: 'target' })).status).toBe(200);
    expect((await t.http.post(`/api/events/${e.id}/parties`).send({ partyId: kl, role: 'victim' })).status).toBe(400);
    expect((await t.http.post(`/api/events/${e.id}/parties`).send({ partyId: 'pty_doesnotexist00', role: 'actor' })).status).toBe(404);
    expect((await t.http.delete(`/api/events/${e.id}/parties/${kl}/victim`)).status).toBe(400);
    expect((await t.http.delete(`/api/events/${e.id}/parties/${kl}/target`)).status).toBe(204);
    expect((await t.http.delete(`/api/events/${e.id}/parties/${kl}/target`)).status).toBe(404);
    expect((await t.http.patch('/api/events/evt_doesnotexist00').send({ title: 'Y' })).status).toBe(404);
    expect((await t.http.delete(`/api/events/${e.id}`)).status).toBe(204);
    expect((await t.http.get(`/api/events/${e.id}`)).status).toBe(404);
  });

  test('list — chronological with month and year at the start of their period; type-ahead by folded title', async () => {
    const list = await t.http.get('/api/events').query({ limit: 200 });
    const dates = list.body.events.map((e: { date: string }) => e.date);
    expect(dates.indexOf('2018')).toBeLessThan(dates.indexOf('2018-06'));
    expect(dates.indexOf('2018-06')).toBeLessThan(dates.indexOf('2018-06-28'));
    const found = await t.http.get('/api/events').query({ q: 'tilslutter' });
    expect(found.body.events.map((e: { title: string }) => e.title)).toEqual(['Elleve kommuner tilslutter sig KMD Momentum']);
    expect((await t.http.get('/api/events').query({ limit: 'many' })).status).toBe(400);
  });

  test('an event in a restricted story — hidden (404) from a journalist not named on the story', async () => {
    const story = (await t.http.post('/api/stories').send({ title: 'Hemmelig', accessLevel: 'restricted' }).expect(201)).body;
    const e = (await t.http.post('/api/events').send({ title: 'Lukket møde', date: '2018', storyId: story.id }).expect(201)).body;
    const j = t.as('journalist');
    expect((await j.http.get(`/api/events/${e.id}`)).status).toBe(404);
    expect((await j.http.get('/api/events').query({ q: 'lukket' })).body.events).toEqual([]);
    expect((await t.http.get(`/api/events/${e.id}`)).status).toBe(200);
  });

  test('pages — list and event page render; the create form works without JavaScript', async () => {
    const created = await t.http.post('/events').type('form').send({ title: '<b>Møde</b>', date: '2018-09-28', endDate: '', storyId: '', description: '' });
    expect(created.status).toBe(303);
    const page = await t.http.get(created.headers.location);
    expect(page.status).toBe(200);
    expect(page.text).toContain('&lt;b&gt;Møde&lt;/b&gt;');
    expect((await t.http.get('/events')).status).toBe(200);
    expect((await t.http.post('/events').type('form').send({ title: 'X', date: 'igår' })).status).toBe(400);
  });
});
