import { removeDir, startTestKilde, waitForStatus, type TestKilde } from '../helpers/kilde';

/**
 * Who may change what, tried as people would: two journalists (A adds the material, B is a
 * colleague), an editor, a researcher, and an admin as the control.
 *
 * - Changing who may read a document or a story, and deleting it: its creator, editors, admins.
 * - Every write that touches a second document, story, event or request needs read access to it,
 *   and an unreadable target answers exactly like an id that does not exist (status and body).
 * - Counts and refusals count only what the viewer may read; merge and delete leave links the
 *   actor cannot read alone; an event made from a restricted document follows its access.
 */
type Agent = ReturnType<TestKilde['as']>['http'];
type Actor = 'creator' | 'other journalist' | 'editor' | 'researcher' | 'admin';
type Kind = 'document' | 'story';
type Action = 'restrict' | 'delete';

const ACTORS: Array<[Actor, boolean]> = [['creator', true], ['other journalist', false], ['editor', true], ['researcher', false], ['admin', true]];
const KINDS: Kind[] = ['document', 'story'];
const ACTIONS: Action[] = ['restrict', 'delete'];
const CELLS = ACTORS.flatMap(([actor, allowed]) => KINDS.flatMap((kind) => ACTIONS.map((action) => ({ actor, allowed, kind, action }))));

/** Ids the write paths below need, filled in by the setup. */
interface Ids {
  docB: string; storyB: string; secretDoc: string; secretStory: string; secretEvent: string; secretRequest: string; party: string;
}
const FAKE = { doc: 'doc_doesnotexist0000', story: 'sto_doesnotexist0000', event: 'evt_doesnotexist0000', request: 'req_doesnotexist0000' };

/**
 * Each write B tries against something of A's that B may not read (`hidden`) and against an id
 * that names nothing (`FAKE`); both answers must be the same. `target` picks the one that varies.
 */
const PAIRS: Array<[string, (b: Agent, ids: Ids, target: { doc: string; story: string; event: string; request: string }) => PromiseLike<{ status: number; body: unknown }>]> = [
  ['link a document to it', (b, ids, x) => b.post(`/api/documents/${ids.docB}/documents`).send({ documentId: x.doc, relation: 'reply_to' })],
  ['change the relation of a link to it', (b, ids, x) => b.patch(`/api/documents/${ids.docB}/documents/${x.doc}/version_of`).send({ relation: 'reply_to' })],
  ['remove a link to it', (b, ids, x) => b.delete(`/api/documents/${ids.docB}/documents/${x.doc}/version_of`)],
  ['link a party to it', (b, ids, x) => b.post(`/api/documents/${x.doc}/parties`).send({ partyId: ids.party, role: 'sender' })],
  ['link its event', (b, ids, x) => b.post(`/api/documents/${ids.docB}/events`).send({ eventId: x.event })],
  ['remove a link to its event', (b, ids, x) => b.delete(`/api/documents/${ids.docB}/events/${x.event}`)],
  ['add a party to its event', (b, ids, x) => b.post(`/api/events/${x.event}/parties`).send({ partyId: ids.party, role: 'actor' })],
  ['create an event in its story', (b, _ids, x) => b.post('/api/events').send({ title: 'Møde', date: '2018', storyId: x.story })],
  ['add it to a story', (b, ids, x) => b.post(`/api/stories/${ids.storyB}/items`).send({ type: 'document', id: x.doc })],
  ['remove it from a story', (b, ids, x) => b.delete(`/api/stories/${ids.storyB}/items/document/${x.doc}`)],
  ['add its request to a story', (b, ids, x) => b.post(`/api/stories/${ids.storyB}/items`).send({ type: 'request', id: x.request })],
  ['remove its request from a story', (b, ids, x) => b.delete(`/api/stories/${ids.storyB}/items/request/${x.request}`)],
  ['add a document to its story', (b, ids, x) => b.post(`/api/documents/${ids.docB}/stories`).send({ storyId: x.story })],
  ['remove a document from its story', (b, ids, x) => b.delete(`/api/documents/${ids.docB}/stories/${x.story}`)],
  ['add an item to its story', (b, ids, x) => b.post(`/api/stories/${x.story}/items`).send({ type: 'party', id: ids.party })],
];

describe(`access — writes: ${CELLS.length} change/delete cells (${ACTORS.length} actors × ${KINDS.length} kinds × ${ACTIONS.length} actions), ${PAIRS.length} unreadable-vs-nonexistent write paths, counts, merge, delete, suggestion-made events`, () => {
  let t: TestKilde;
  let A: ReturnType<TestKilde['as']>;
  let B: ReturnType<TestKilde['as']>;
  const agents = {} as Record<Actor, Agent>;
  const ids = {} as Ids;

  const upload = async (agent: Agent, text: string, name = 'brev.txt', title?: string) => {
    const req = agent.post('/api/documents').attach('file', Buffer.from(text), name);
    const res = await (title ? req.field('title', title) : req);
    expect(res.status).toBe(202);
    await waitForStatus(t, res.body.id);
    return res.body.id as string;
  };
  const story = async (agent: Agent, body: Record<string, unknown>) => {
    const res = await agent.post('/api/stories').send(body);
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  let n = 0;
  const unique = (what: string) => `${what} ${++n} ${Math.random().toString(36).slice(2, 8)}`;

  beforeAll(async () => {
    t = await startTestKilde();
    A = t.as('journalist', 'journalist-a');
    B = t.as('journalist', 'journalist-b');
    agents.creator = A.http;
    agents['other journalist'] = B.http;
    agents.editor = t.as('editor').http;
    agents.researcher = t.as('researcher').http;
    agents.admin = t.http;

    ids.party = (await t.http.post('/api/parties').send({ kind: 'authority', name: 'Styrelsen for Arbejdsmarked og Rekruttering' }).expect(201)).body.id;
    ids.docB = await upload(B.http, 'Et brev i B’s egen sag.');
    ids.storyB = await story(B.http, { title: 'B’s historie' });
    ids.secretDoc = await upload(A.http, 'Kildens fortrolige notat.');
    expect((await A.http.put(`/api/documents/${ids.secretDoc}/access`).send({ level: 'restricted', users: [] })).status).toBe(200);
    ids.secretStory = await story(A.http, { title: 'Kildebeskyttet sag', accessLevel: 'restricted' });
    ids.secretEvent = (await A.http.post('/api/events').send({ title: 'Hemmeligt møde', date: '2018-06-28', storyId: ids.secretStory }).expect(201)).body.id;
    ids.secretRequest = (await A.http.post('/api/requests').send({ authorityId: ids.party, subject: 'Aktindsigt i kildens sag', storyId: ids.secretStory }).expect(201)).body.id;
    // Links an admin made between B's material and A's hidden material: B must not be able to tell them apart from nothing.
    await t.http.post(`/api/documents/${ids.docB}/documents`).send({ documentId: ids.secretDoc, relation: 'version_of' }).expect(201);
    await t.http.post(`/api/documents/${ids.docB}/events`).send({ eventId: ids.secretEvent }).expect(201);
    await t.http.post(`/api/stories/${ids.storyB}/items`).send({ type: 'document', id: ids.secretDoc }).expect(201);
  });
  afterAll(async () => {
    await t.stop();
    removeDir(t.dir);
  });

  describe('who may change access or delete', () => {
    test.each(CELLS.map((c) => [c.actor, c.action, c.kind, c.allowed ? 'allowed' : 'refused (403)', c] as const))('%s — %s — a newsroom %s added by journalist A — %s', async (_a, _b, _c, _d, cell) => {
      const agent = agents[cell.actor];
      const id = cell.kind === 'document' ? await upload(A.http, unique('Nyhedsrummets brev')) : await story(A.http, { title: unique('Nyhedsrummets historie') });
      const base = cell.kind === 'document' ? `/api/documents/${id}` : `/api/stories/${id}`;
      const res = cell.action === 'delete'
        ? await agent.delete(base)
        : cell.kind === 'document'
          ? await agent.put(`${base}/access`).send({ level: 'restricted', users: [] })
          : await agent.patch(base).send({ accessLevel: 'restricted', users: [] });
      expect(res.status).toBe(cell.allowed ? (cell.action === 'delete' ? 204 : 200) : 403);
      const seen = await A.http.get(base);
      if (!cell.allowed) {
        // A's access is intact: still there, still open to the newsroom.
        expect(seen.status).toBe(200);
        expect(seen.body.accessLevel).toBe('newsroom');
        expect((await t.http.get(base)).body.accessLevel).toBe('newsroom');
      } else if (cell.action === 'delete') {
        expect(seen.status).toBe(404);
        expect((await t.http.get(base)).status).toBe(404);
      } else {
        expect((await t.http.get(base)).body.accessLevel).toBe('restricted');
        if (cell.kind === 'story') {
          // Whoever restricts it, the story's creator stays named and keeps reading it.
          expect(seen.status).toBe(200);
          expect(seen.body.users.map((u: { id: string }) => u.id)).toContain(A.userId);
        }
      }
    });

    test('a colleague may still edit a newsroom story’s text, but not name its readers or take it over', async () => {
      const id = await story(A.http, { title: 'Fælles historie' });
      expect((await B.http.patch(`/api/stories/${id}`).send({ title: 'Fælles historie, ny titel' })).status).toBe(200);
      expect((await B.http.patch(`/api/stories/${id}`).send({ users: [B.userId] })).status).toBe(403);
      expect((await B.http.patch(`/api/stories/${id}`).send({ accessLevel: 'embargoed', embargoUntil: '2999-01-01' })).status).toBe(403);
      const got = (await t.http.get(`/api/stories/${id}`)).body;
      expect(got).toMatchObject({ title: 'Fælles historie, ny titel', accessLevel: 'newsroom', users: [] });
    });

    test('events — moving A’s event to another story (its access) or deleting it: A, editors and admins; B may rename it', async () => {
      const ev = (await A.http.post('/api/events').send({ title: 'A’s begivenhed', date: '2018-09-28' }).expect(201)).body.id;
      const elsewhere = await story(B.http, { title: 'B’s lukkede sag', accessLevel: 'restricted' });
      expect((await B.http.patch(`/api/events/${ev}`).send({ storyId: elsewhere })).status).toBe(403);
      expect((await B.http.delete(`/api/events/${ev}`)).status).toBe(403);
      expect((await B.http.patch(`/api/events/${ev}`).send({ title: 'A’s begivenhed, omdøbt' })).status).toBe(200);
      expect((await A.http.get(`/api/events/${ev}`)).body).toMatchObject({ title: 'A’s begivenhed, omdøbt', storyId: null });
      expect((await A.http.delete(`/api/events/${ev}`)).status).toBe(204);
    });

    test('pages — the access fields and the delete button of a story are shown only to those who may use them', async () => {
      const id = await story(A.http, { title: 'Side med adgang' });
      const mine = (await A.http.get(`/stories/${id}`)).text;
      const theirs = (await B.http.get(`/stories/${id}`)).text;
      expect(mine).toContain('name="accessLevel"');
      expect(mine).toContain(`action="/stories/${id}/delete"`);
      expect(theirs).not.toContain('name="accessLevel"');
      expect(theirs).not.toContain(`action="/stories/${id}/delete"`);
      expect(theirs).toContain('name="title"');
    });

    test('pages — the access fields, delete and re-extract of A’s document are shown only to those who may use them', async () => {
      const id = await upload(A.http, unique('Side med dokumentadgang'));
      const page = async (agent: Agent) => (await agent.get(`/documents/${id}`)).text;
      for (const [who, agent, manages] of [['A', A.http, true], ['B', B.http, false], ['editor', agents.editor, true], ['researcher', agents.researcher, false]] as const) {
        const html = await page(agent);
        expect([who, html.includes(`action="/documents/${id}/access"`), html.includes(`action="/documents/${id}/delete"`)]).toEqual([who, manages, manages]);
      }
      // A colleague may extract a newsroom document again; a researcher may not, and sees no button.
      expect(await page(B.http)).toContain(`action="/documents/${id}/extract"`);
      expect(await page(agents.researcher)).not.toContain(`action="/documents/${id}/extract"`);
    });

    test('an editor restricting A’s document to someone else — A stays named and reads it', async () => {
      const editor = t.as('editor');
      const other = t.as('journalist');
      const id = await upload(A.http, unique('A’s kildebrev'));
      const res = await editor.http.put(`/api/documents/${id}/access`).send({ level: 'restricted', users: [other.userId] });
      expect(res.status).toBe(200);
      expect((await A.http.get(`/api/documents/${id}`)).status).toBe(200);
      expect((await other.http.get(`/api/documents/${id}`)).status).toBe(200);
      expect((await B.http.get(`/api/documents/${id}`)).status).toBe(404);
    });

    test('an editor named on A’s restricted story names only someone else — A stays named and reads it', async () => {
      const editor = t.as('editor');
      const id = await story(A.http, { title: 'A’s lukkede sag', accessLevel: 'restricted', users: [editor.userId] });
      const other = t.as('journalist');
      const res = await editor.http.patch(`/api/stories/${id}`).send({ users: [other.userId] });
      expect(res.status).toBe(200);
      expect(res.body.users.map((u: { id: string }) => u.id)).toEqual(expect.arrayContaining([A.userId, other.userId]));
      expect((await A.http.get(`/api/stories/${id}`)).status).toBe(200);
      expect((await B.http.get(`/api/stories/${id}`)).status).toBe(404);
    });
  });

  describe('writes touching something unreadable answer like a nonexistent id', () => {
    test.each(PAIRS.map(([name, run]) => [name, run] as const))('B — %s — same status and body for A’s hidden item and for no item', async (_name, run) => {
      const hidden = await run(B.http, ids, { doc: ids.secretDoc, story: ids.secretStory, event: ids.secretEvent, request: ids.secretRequest });
      const none = await run(B.http, ids, FAKE);
      expect(hidden.status).toBe(404);
      expect({ status: hidden.status, body: hidden.body }).toEqual({ status: none.status, body: none.body });
    });

    test('the links B could not touch are all still there (seen by the admin)', async () => {
      const links = (await t.http.get(`/api/documents/${ids.docB}/links`)).body;
      expect(links.documents.outgoing).toEqual([expect.objectContaining({ document: expect.objectContaining({ id: ids.secretDoc }), relation: 'version_of' })]);
      expect(links.events.map((e: { id: string }) => e.id)).toEqual([ids.secretEvent]);
      expect((await t.http.get(`/api/stories/${ids.storyB}`)).body.items.documents).toEqual([ids.secretDoc]);
      expect((await t.http.get(`/api/events/${ids.secretEvent}`)).body.parties).toEqual([]);
      // …and B sees none of them.
      const bLinks = (await B.http.get(`/api/documents/${ids.docB}/links`)).body;
      expect(bLinks.documents.outgoing).toEqual([]);
      expect(bLinks.events).toEqual([]);
      expect((await B.http.get(`/api/stories/${ids.storyB}`)).body.items.documents).toEqual([]);
    });

    test('a request of a restricted story — not addable to a newsroom story, even by someone who reads both; addable to its own story', async () => {
      const refused = await A.http.post(`/api/stories/${ids.storyB}/items`).send({ type: 'request', id: ids.secretRequest });
      expect(refused.status).toBe(403);
      expect(JSON.stringify(refused.body)).not.toContain('Aktindsigt i kildens sag');
      expect((await t.http.post(`/api/stories/${ids.storyB}/items`).send({ type: 'request', id: ids.secretRequest })).status).toBe(403);
      expect((await t.http.get(`/api/stories/${ids.storyB}`)).body.items.requests).toEqual([]);
      // In its own story it may be listed (filing it there already did: 200, "already there").
      expect((await A.http.post(`/api/stories/${ids.secretStory}/items`).send({ type: 'request', id: ids.secretRequest })).status).toBe(200);
      expect((await A.http.get(`/api/stories/${ids.secretStory}`)).body.items.requests).toEqual([ids.secretRequest]);
      // A newsroom request (no story) is anybody's to add.
      const open = (await B.http.post('/api/requests').send({ authorityId: ids.party, subject: 'Åben aktindsigt' }).expect(201)).body.id;
      expect((await B.http.post(`/api/stories/${ids.storyB}/items`).send({ type: 'request', id: open })).status).toBe(201);
      expect((await B.http.get(`/api/stories/${ids.storyB}`)).body.items.requests).toEqual([open]);
    });
  });

  describe('counts, merge and delete of parties', () => {
    let party: string;
    let openDoc: string;
    beforeAll(async () => {
      party = (await t.http.post('/api/parties').send({ kind: 'organisation', name: 'KL', aliases: ['Kommunernes Landsforening'] }).expect(201)).body.id;
      openDoc = await upload(A.http, 'Et åbent brev til KL.');
      await A.http.post(`/api/documents/${openDoc}/parties`).send({ partyId: party, role: 'recipient' }).expect(201);
      await A.http.post(`/api/documents/${ids.secretDoc}/parties`).send({ partyId: party, role: 'subject' }).expect(201);
      await A.http.post(`/api/events/${ids.secretEvent}/parties`).send({ partyId: party, role: 'target' }).expect(201);
      await A.http.post(`/api/stories/${ids.secretStory}/items`).send({ type: 'party', id: party }).expect(201);
      const openEvent = (await A.http.post('/api/events').send({ title: 'Åbent møde med KL', date: '2018-09' }).expect(201)).body.id;
      await A.http.post(`/api/events/${openEvent}/parties`).send({ partyId: party, role: 'target' }).expect(201);
    });

    test('party page — B’s counts, events and stories leave out A’s restricted ones; the admin’s do not', async () => {
      const asB = (await B.http.get(`/api/parties/${party}`)).body;
      const asAdmin = (await t.http.get(`/api/parties/${party}`)).body;
      expect(asAdmin.counts).toMatchObject({ documents: 2, events: 2, stories: 1 });
      expect(asB.counts).toMatchObject({ documents: 1, events: 1, stories: 0 });
      expect(asB.events.map((e: { id: string }) => e.id)).not.toContain(ids.secretEvent);
      expect(asB.stories).toEqual([]);
      expect(JSON.stringify(asB)).not.toMatch(/Hemmeligt møde|Kildebeskyttet sag|Kildens fortrolige/);
      const html = await B.http.get(`/parties/${party}`);
      expect(html.status).toBe(200);
      expect(html.text).not.toMatch(/Hemmeligt møde|Kildebeskyttet sag/);
    });

    test('delete as B — refused without numbers, forced or not; every link stays', async () => {
      for (const force of [false, true]) {
        const res = await B.http.delete(`/api/parties/${party}`).query(force ? { force: 'true' } : {});
        expect(res.status).toBe(403);
        expect(res.body.error.details).toBeUndefined();
        expect(res.body.error.message).not.toMatch(/\d/);
      }
      const page = await B.http.get(`/parties/${party}/delete`);
      expect(page.status).toBe(200);
      expect(page.text).not.toContain('name="force"');
      expect(page.text).not.toMatch(/<li>\s*2 /);
      expect((await t.http.get(`/api/parties/${party}`)).body.counts).toMatchObject({ documents: 2, events: 2, stories: 1 });
    });

    test('merge as B — refused; the restricted links still name the party; merging a party B sees wholly works', async () => {
      const other = (await t.http.post('/api/parties').send({ kind: 'organisation', name: 'Kommunernes Landsforening (dublet)' }).expect(201)).body.id;
      expect((await B.http.post(`/api/parties/${party}/merge`).send({ into: other })).status).toBe(403);
      const secretLinks = (await t.http.get(`/api/documents/${ids.secretDoc}/links`)).body;
      expect(secretLinks.parties).toEqual([expect.objectContaining({ party: expect.objectContaining({ id: party }), role: 'subject' })]);
      // The other way round only B-visible links move: allowed.
      const res = await B.http.post(`/api/parties/${other}/merge`).send({ into: party });
      expect(res.status).toBe(200);
      expect((await t.http.get(`/api/parties/${other}`)).status).toBe(404);
    });

    test('admin (control) — sees every link, and a forced delete removes them', async () => {
      const scratch = (await t.http.post('/api/parties').send({ kind: 'person', name: 'Midlertidig kontakt' }).expect(201)).body.id;
      await A.http.post(`/api/documents/${ids.secretDoc}/parties`).send({ partyId: scratch, role: 'cc' }).expect(201);
      expect((await B.http.delete(`/api/parties/${scratch}`).query({ force: 'true' })).status).toBe(403);
      expect((await t.http.delete(`/api/parties/${scratch}`)).status).toBe(409);
      expect((await t.http.delete(`/api/parties/${scratch}`).query({ force: 'true' })).status).toBe(204);
    });
  });

  describe('an event made from a restricted document follows the document', () => {
    test('accepting a date suggestion — the event (titled after the document) is hidden from B everywhere; A and the admin see it', async () => {
      const doc = await upload(A.http, 'København, 28. september 2018\n\nFortroligt kildenotat. STAR skrev den 28. juni 2018. Svar senest 15. oktober.', 'notat.txt', 'Fortroligt kildenotat');
      expect((await A.http.put(`/api/documents/${doc}/access`).send({ level: 'restricted', users: [] })).status).toBe(200);
      const suggestions = (await A.http.get(`/api/documents/${doc}/suggestions`)).body.suggestions as Array<{ id: number; kind: string; value: string }>;
      const june = suggestions.find((s) => s.kind === 'event_date' && s.value === '2018-06-28')!;
      const october = suggestions.find((s) => s.kind === 'event_date' && s.value === '2018-10-15')!;
      expect(june && october).toBeTruthy();

      const accepted = await A.http.post(`/api/documents/${doc}/suggestions/${june.id}/accept`).send({});
      expect(accepted.status).toBe(200);
      const eventId = accepted.body.detail.eventId as string;
      const asA = await A.http.get(`/api/events/${eventId}`);
      expect(asA.status).toBe(200);
      expect(asA.body.title).toContain('kildenotat');
      expect((await B.http.get(`/api/events/${eventId}`)).status).toBe(404);
      expect((await B.http.get(`/events/${eventId}`)).status).toBe(404);
      const bList = (await B.http.get('/api/events').query({ limit: 200 })).body.events.map((e: { id: string }) => e.id);
      expect(bList).not.toContain(eventId);
      expect((await A.http.get('/api/events').query({ limit: 200 })).body.events.map((e: { id: string }) => e.id)).toContain(eventId);
      expect((await B.http.get('/api/events').query({ q: 'kildenotat' })).body.events).toEqual([]);
      // B cannot link B's own document to it either; the answer is that of an unknown event.
      const link = await B.http.post(`/api/documents/${ids.docB}/events`).send({ eventId });
      const unknown = await B.http.post(`/api/documents/${ids.docB}/events`).send({ eventId: FAKE.event });
      expect({ status: link.status, body: link.body }).toEqual({ status: unknown.status, body: unknown.body });

      // Into a newsroom story: still hidden from B — not on the timeline, not in the story's event count.
      const open = await story(A.http, { title: 'Åben tidslinje' });
      const intoStory = await A.http.post(`/api/documents/${doc}/suggestions/${october.id}/accept`).send({ storyId: open });
      expect(intoStory.status).toBe(200);
      const octEvent = intoStory.body.detail.eventId as string;
      const timeline = async (agent: Agent) => (await agent.get(`/api/stories/${open}/timeline`)).body.entries.map((e: { event?: { id: string } }) => e.event?.id);
      expect(await timeline(A.http)).toContain(octEvent);
      expect(await timeline(B.http)).not.toContain(octEvent);
      const count = async (agent: Agent) => (await agent.get('/api/stories').query({ limit: 200 })).body.stories.find((s: { id: string }) => s.id === open).eventCount;
      expect(await count(A.http)).toBe(1);
      expect(await count(B.http)).toBe(0);

      // Opening the document opens the event with it.
      expect((await A.http.put(`/api/documents/${doc}/access`).send({ level: 'newsroom' })).status).toBe(200);
      expect((await B.http.get(`/api/events/${eventId}`)).status).toBe(200);
    });

    test('deleting the source document — its events go, and a document linked to them is indexed again without them', async () => {
      const source = await upload(A.http, 'Aarhus, 3. marts 2019\n\nNotat om mødet den 1. marts 2019.', 'kilde.txt', 'Kildenotat om mødet');
      const other = await upload(A.http, unique('Referat af mødet'));
      const suggestion = ((await A.http.get(`/api/documents/${source}/suggestions`)).body.suggestions as Array<{ id: number; kind: string; value: string }>)
        .find((s) => s.kind === 'event_date' && s.value === '2019-03-01')!;
      const eventId = (await A.http.post(`/api/documents/${source}/suggestions/${suggestion.id}/accept`).send({})).body.detail.eventId as string;
      expect((await A.http.post(`/api/documents/${other}/events`).send({ eventId })).status).toBeLessThan(300);
      await t.kilde.indexer.drain();
      const byEvent = async () => ((await A.http.get('/api/search').query({ q: 'Referat', event: eventId })).body.hits as Array<{ documentId: string }>).map((h) => h.documentId);
      expect(await byEvent()).toContain(other);

      expect((await A.http.delete(`/api/documents/${source}`)).status).toBe(204);
      await t.kilde.indexer.drain();
      expect((await A.http.get(`/api/events/${eventId}`)).status).toBe(404);
      expect(await byEvent()).not.toContain(other);
      expect((await A.http.get(`/api/documents/${other}`)).status).toBe(200);
    });
  });
});
