import { makePdf } from '../helpers/pdf';
import { removeDir, startTestKilde, waitForStatus, type TestKilde } from '../helpers/kilde';

/**
 * The story area's side of search: every link change reaches the index through the outbox, so a
 * search filtered by party (and role), event or story — and a search for a party's name — follows.
 * The filters and facets themselves belong to the search engines.
 */
describe('links in search — filter by party and role, event, story; party names searchable', () => {
  let t: TestKilde;
  let fromStar: string;
  let toStar: string;
  let unlinked: string;
  let star: string;

  const upload = async (text: string, name: string) => {
    const res = await t.http.post('/api/documents').attach('file', await makePdf([text]), name);
    await waitForStatus(t, res.body.id);
    return res.body.id as string;
  };
  const hits = async (query: Record<string, string>) => {
    await t.kilde.indexer.drain();
    const res = await t.http.get('/api/search').query(query);
    expect(res.status).toBe(200);
    return (res.body.hits as Array<{ documentId: string }>).map((h) => h.documentId).sort();
  };

  beforeAll(async () => {
    t = await startTestKilde();
    fromStar = await upload('Skrivelse om kommunernes cloud-løsninger.', 'fra.pdf');
    toStar = await upload('Svar om kommunernes cloud-løsninger.', 'til.pdf');
    unlinked = await upload('Notat om kommunernes cloud-løsninger.', 'notat.pdf');
    star = (await t.http.post('/api/parties').send({ kind: 'authority', name: 'Styrelsen for Arbejdsmarked og Rekruttering', shortName: 'STAR' })).body.id;
    await t.http.post(`/api/documents/${fromStar}/parties`).send({ partyId: star, role: 'sender' }).expect(201);
    await t.http.post(`/api/documents/${toStar}/parties`).send({ partyId: star, role: 'recipient' }).expect(201);
  });
  afterAll(async () => {
    await t.stop();
    removeDir(t.dir);
  });

  test('every word matches all three — the baseline', async () => {
    expect(await hits({ q: 'kommunernes' })).toEqual([fromStar, toStar, unlinked].sort());
  });

  // The search API names a role filter after the role (`sender=<party id>`); `party=<id>` is any role.
  test('filter by sender party — only the document STAR sent; by party in any role — both', async () => {
    expect(await hits({ q: 'kommunernes', sender: star })).toEqual([fromStar]);
    expect(await hits({ q: 'kommunernes', recipient: star })).toEqual([toStar]);
    expect(await hits({ q: 'kommunernes', party: star })).toEqual([fromStar, toStar].sort());
  });

  test('a role change — the sender filter follows it', async () => {
    await t.http.patch(`/api/documents/${fromStar}/parties/${star}/sender`).send({ role: 'cc' }).expect(200);
    expect(await hits({ q: 'kommunernes', sender: star })).toEqual([]);
    expect(await hits({ q: 'kommunernes', cc: star })).toEqual([fromStar]);
    await t.http.patch(`/api/documents/${fromStar}/parties/${star}/cc`).send({ role: 'sender' }).expect(200);
    expect(await hits({ q: 'kommunernes', sender: star })).toEqual([fromStar]);
  });

  test('a merge — documents of the merged party are found under the survivor', async () => {
    const dup = (await t.http.post('/api/parties').send({ kind: 'authority', name: 'Arbejdsmarkedsstyrelsen' })).body.id;
    await t.http.post(`/api/documents/${unlinked}/parties`).send({ partyId: dup, role: 'sender' }).expect(201);
    await t.http.post(`/api/parties/${dup}/merge`).send({ into: star }).expect(200);
    expect(await hits({ q: 'kommunernes', sender: star })).toEqual([fromStar, unlinked].sort());
    await t.http.delete(`/api/documents/${unlinked}/parties/${star}/sender`).expect(204);
  });

  test('filter by event — follows linking and unlinking', async () => {
    const ev = (await t.http.post('/api/events').send({ title: 'STAR skriver til KL', date: '2018-06-28' })).body.id;
    await t.http.post(`/api/documents/${toStar}/events`).send({ eventId: ev }).expect(201);
    expect(await hits({ q: 'kommunernes', event: ev })).toEqual([toStar]);
    await t.http.delete(`/api/documents/${toStar}/events/${ev}`).expect(204);
    expect(await hits({ q: 'kommunernes', event: ev })).toEqual([]);
  });

  test('filter by story', async () => {
    const story = (await t.http.post('/api/stories').send({ title: 'Cloud-sagen' })).body.id;
    await t.http.post(`/api/stories/${story}/items`).send({ type: 'document', id: unlinked }).expect(201);
    expect(await hits({ q: 'kommunernes', story })).toEqual([unlinked]);
  });

  test('a renamed party — found under its new name, no longer under the old one', async () => {
    const p = (await t.http.post('/api/parties').send({ kind: 'company', name: 'Kommunedata' })).body.id;
    await t.http.post(`/api/documents/${unlinked}/parties`).send({ partyId: p, role: 'subject' }).expect(201);
    expect(await hits({ q: 'Kommunedata' })).toEqual([unlinked]);
    await t.http.patch(`/api/parties/${p}`).send({ name: 'Netcompany Momentum' }).expect(200);
    expect(await hits({ q: 'Netcompany' })).toEqual([unlinked]);
    expect(await hits({ q: 'Kommunedata' })).toEqual([]);
  });
});
