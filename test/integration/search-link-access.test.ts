import { makePdf } from '../helpers/pdf';
import { removeDir, startTestKilde, waitForStatus, type TestKilde } from '../helpers/kilde';

/**
 * A document anyone may read can sit in a story, under an event or answer an FOI request that only
 * some may read; that it does is theirs to know. A search must neither count such a story, event or
 * request in its facets nor filter by it for anyone else — not on the API, not on the page, not in
 * a saved search's alerts — while those who may read it search by it as before.
 */
describe('search — stories, events and requests the searcher cannot read stay out of facets and filters', () => {
  let t: TestKilde;
  let anna: ReturnType<TestKilde['as']>;
  let bo: ReturnType<TestKilde['as']>;
  let rita: ReturnType<TestKilde['as']>;
  let doc: string;
  let secretStory: string;
  let openStory: string;
  let secretEvent: string;
  let secretRequest: string;

  const upload = async (as: TestKilde['http'], text: string, name: string) => {
    const res = await as.post('/api/documents').attach('file', await makePdf([text]), name);
    expect(res.status).toBe(202);
    await waitForStatus(t, res.body.id);
    return res.body.id as string;
  };
  const search = async (as: TestKilde['http'], query: Record<string, string>) => {
    await t.kilde.indexer.drain();
    const res = await as.get('/api/search').query(query);
    expect(res.status).toBe(200);
    return res.body as { total: number; hits: Array<{ documentId: string }>; facets: Record<string, Array<{ value: string; count: number }>> };
  };
  const values = (facets: Record<string, Array<{ value: string }>>, name: string) => (facets[name] ?? []).map((v) => v.value).sort();

  beforeAll(async () => {
    t = await startTestKilde();
    anna = t.as('journalist', 'anna');
    bo = t.as('journalist', 'bo');
    rita = t.as('researcher', 'rita');
    doc = await upload(bo.http, 'Lufthavnen i Billund udvider.', 'billund.pdf');
    secretStory = (await anna.http.post('/api/stories').send({ title: 'Hemmelig sag', accessLevel: 'restricted', users: [anna.userId] }).expect(201)).body.id;
    openStory = (await anna.http.post('/api/stories').send({ title: 'Åben sag' }).expect(201)).body.id;
    await anna.http.post(`/api/stories/${secretStory}/items`).send({ type: 'document', id: doc }).expect(201);
    await anna.http.post(`/api/stories/${openStory}/items`).send({ type: 'document', id: doc }).expect(201);
    secretEvent = (await anna.http.post('/api/events').send({ title: 'Møde i det skjulte', date: '2025-01-02', storyId: secretStory }).expect(201)).body.id;
    await anna.http.post(`/api/documents/${doc}/events`).send({ eventId: secretEvent }).expect(201);
    const now = new Date().toISOString();
    t.kilde.db.prepare("INSERT INTO parties (id, kind, name, created_at, updated_at) VALUES ('party_link_access', 'authority', 'Billund Kommune', ?, ?)").run(now, now);
    secretRequest = (await anna.http.post('/api/requests').send({ authorityId: 'party_link_access', subject: 'Lufthavnens planer', sentDate: '2025-01-02', storyId: secretStory }).expect(201)).body.id;
    await anna.http.post(`/api/requests/${secretRequest}/documents`).send({ documentId: doc, role: 'response' }).expect(201);
  }, 120_000);
  afterAll(async () => {
    await t.stop();
    removeDir(t.dir);
  });

  test('the one who may read the story sees it, its event and its request in the facets and filters by them', async () => {
    const r = await search(anna.http, { q: 'billund' });
    expect(values(r.facets, 'storyIds')).toEqual([openStory, secretStory].sort());
    expect(values(r.facets, 'eventIds')).toEqual([secretEvent]);
    expect(values(r.facets, 'requestId')).toEqual([secretRequest]);
    for (const filter of [{ story: secretStory }, { event: secretEvent }, { request: secretRequest }] as Array<Record<string, string>>) {
      expect((await search(anna.http, { q: 'billund', ...filter })).hits.map((h) => h.documentId)).toEqual([doc]);
    }
  });

  test.each([
    ['a researcher', () => rita],
    ['another journalist', () => bo],
  ])('%s finds the document, but no trace of the story, event or request closed to them', async (_who, as) => {
    const r = await search(as().http, { q: 'billund' });
    expect(r.hits.map((h) => h.documentId)).toEqual([doc]);
    expect(values(r.facets, 'storyIds')).toEqual([openStory]);
    expect(values(r.facets, 'eventIds')).toEqual([]);
    expect(values(r.facets, 'requestId')).toEqual([]);
    for (const filter of [{ story: secretStory }, { event: secretEvent }, { request: secretRequest }] as Array<Record<string, string>>) {
      const f = await search(as().http, { q: 'billund', ...filter });
      expect(f.total).toBe(0);
      expect(f.hits).toEqual([]);
      // Also without words: a filter alone lists a story's documents.
      expect((await search(as().http, { ...filter })).total).toBe(0);
    }
    // A filter naming an open and a closed story keeps the open one.
    const both = await as().http.get(`/api/search?q=billund&story=${openStory}&story=${secretStory}`);
    expect(both.body.hits.map((h: { documentId: string }) => h.documentId)).toEqual([doc]);
    // The page neither: no facet entry, no "not shown" count for the closed story.
    const page = await as().http.get('/search').query({ q: 'billund' });
    expect(page.status).toBe(200);
    expect(page.text).not.toContain(secretStory);
    expect(page.text).not.toContain(secretRequest);
    expect(page.text).not.toContain(secretEvent);
  });

  test('a saved search filtered by a closed story does not alert on what is filed there', async () => {
    const saved = await rita.http.post('/api/saved-searches').send({ name: 'Sagen', search: `/search?q=billund&story=${secretStory}` });
    expect(saved.status).toBe(201);
    const fresh = await upload(anna.http, 'Billund lufthavn: nye tal.', 'tal.pdf');
    await anna.http.post(`/api/stories/${secretStory}/items`).send({ type: 'document', id: fresh }).expect(201);
    await t.kilde.indexer.drain();
    // The same search finds the document for anna; rita hears nothing of it.
    expect((await search(anna.http, { q: 'billund', story: secretStory })).hits.map((h) => h.documentId)).toContain(fresh);
    expect((await rita.http.get('/api/alerts')).body.alerts).toEqual([]);
  });
});
