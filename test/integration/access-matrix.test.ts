import { eml } from '../helpers/generated';
import { makePdf } from '../helpers/pdf';
import { buildZip } from '../helpers/zip';
import { filesUnder, removeDir, startTestKilde, testClock, waitForStatus, type TestKilde } from '../helpers/kilde';
import type { Role } from '../../server/auth/viewer';

/**
 * The access rule on every document read path, for each role and each access level:
 * newsroom (everyone signed in), restricted (named users only), embargoed (until a time).
 */
const ROLES: Role[] = ['editor', 'journalist', 'researcher'];
const PATHS = (id: string) => [
  `/api/documents/${id}`, `/api/documents/${id}/pages`, `/api/documents/${id}/original`, `/api/documents/${id}/links`,
  `/api/documents/${id}/suggestions`, `/documents/${id}`, `/documents/${id}/original`, `/documents/${id}/status`,
];

describe('access — documents by role and level', () => {
  let t: TestKilde;
  const clock = testClock('2026-03-01T09:00:00Z');
  const ids: Record<'newsroom' | 'restricted' | 'embargoed', string> = { newsroom: '', restricted: '', embargoed: '' };
  let named: ReturnType<TestKilde['as']>;
  const agents: Partial<Record<Role, ReturnType<TestKilde['as']>>> = {};

  beforeAll(async () => {
    t = await startTestKilde({}, { clock });
    named = t.as('journalist', 'kilde-ansvarlig');
    for (const r of ROLES) agents[r] = t.as(r);
    for (const level of ['newsroom', 'restricted', 'embargoed'] as const) {
      const res = await named.http.post('/api/documents').attach('file', Buffer.from(`Hemmeligt ord ${level}ord findes kun her.`), `${level}.txt`);
      ids[level] = res.body.id;
      await waitForStatus(t, res.body.id);
    }
    expect((await named.http.put(`/api/documents/${ids.restricted}/access`).send({ level: 'restricted', users: [] })).status).toBe(200);
    expect((await named.http.put(`/api/documents/${ids.embargoed}/access`).send({ level: 'embargoed', embargoUntil: '2026-03-01T10:00:00Z' })).status).toBe(200);
    await t.kilde.indexer.drain();
  });
  afterAll(async () => {
    await t.stop();
    removeDir(t.dir);
  });

  test.each(ROLES)('%s — a newsroom document — every read path answers 200', async (role) => {
    for (const p of PATHS(ids.newsroom)) expect([p, (await agents[role]!.http.get(p)).status]).toEqual([p, 200]);
  });

  test.each(ROLES)('%s (not named) — a restricted document — every read path answers 404 and lists leave it out', async (role) => {
    for (const p of PATHS(ids.restricted)) expect([p, (await agents[role]!.http.get(p)).status]).toEqual([p, 404]);
    const list = await agents[role]!.http.get('/api/documents');
    expect(list.body.documents.map((d: { id: string }) => d.id)).not.toContain(ids.restricted);
    expect(list.body.total).toBe(list.body.documents.length);
    const home = await agents[role]!.http.get('/');
    expect(home.text).not.toContain(ids.restricted);
  });

  test('named user and admin — a restricted document — readable', async () => {
    for (const agent of [named.http, t.http]) for (const p of PATHS(ids.restricted)) expect([p, (await agent.get(p)).status]).toEqual([p, 200]);
  });

  test.each(ROLES)('%s — a restricted document — gives no search hit, count or snippet', async (role) => {
    const res = await agents[role]!.http.get('/api/search').query({ q: 'restrictedord' });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(0);
    expect(JSON.stringify(res.body)).not.toContain('restrictedord');
    const own = await named.http.get('/api/search').query({ q: 'restrictedord' });
    expect(own.body.total).toBe(1);
  });

  test('embargo — before it ends hidden from others; the minute it ends readable and searchable', async () => {
    const researcher = agents.researcher!.http;
    expect((await researcher.get(`/api/documents/${ids.embargoed}`)).status).toBe(404);
    expect((await researcher.get('/api/search').query({ q: 'embargoedord' })).body.total).toBe(0);
    clock.set('2026-03-01T10:00:00Z');
    expect((await researcher.get(`/api/documents/${ids.embargoed}`)).status).toBe(200);
    expect((await researcher.get('/api/search').query({ q: 'embargoedord' })).body.total).toBe(1);
    clock.set('2026-03-01T09:00:00Z');
  });

  test('page images — a restricted scan — 404 for others, served to the named user', async () => {
    const pdf = await makePdf(['Fortroligt brev med sideillustration.']);
    const res = await named.http.post('/api/documents').attach('file', pdf, 'fortrolig.pdf');
    await waitForStatus(t, res.body.id);
    await named.http.put(`/api/documents/${res.body.id}/access`).send({ level: 'restricted' });
    const own = await named.http.get(`/documents/${res.body.id}/pages/1.png`);
    expect(own.status).toBe(200);
    expect(own.headers['content-type']).toBe('image/png');
    for (const role of ROLES) {
      expect((await agents[role]!.http.get(`/documents/${res.body.id}/pages/1.png`)).status).toBe(404);
      expect((await agents[role]!.http.get(`/api/documents/${res.body.id}/pages/1/image`)).status).toBe(404);
    }
  });

  test.each(ROLES)('%s — facet counts — never count a restricted or embargoed document', async (role) => {
    const typeCount = (body: { facets?: Record<string, Array<{ value: string; count: number }>> }) =>
      body.facets?.mediaType?.find((f) => f.value === 'text/plain')?.count;
    const res = await agents[role]!.http.get('/api/search').query({ q: 'Hemmeligt' });
    expect(res.body.total).toBe(1);
    expect(typeCount(res.body)).toBe(1);
    const own = await named.http.get('/api/search').query({ q: 'Hemmeligt' });
    expect(own.body.total).toBe(3);
    expect(typeCount(own.body)).toBe(3);
  });

  test('access change — by a researcher — 403; by another journalist on a restricted document — 404', async () => {
    expect((await agents.researcher!.http.put(`/api/documents/${ids.newsroom}/access`).send({ level: 'restricted' })).status).toBe(403);
    expect((await agents.journalist!.http.put(`/api/documents/${ids.restricted}/access`).send({ level: 'newsroom' })).status).toBe(404);
  });

  test('access change — bad input — 400 with a message', async () => {
    const put = (body: unknown) => named.http.put(`/api/documents/${ids.newsroom}/access`).send(body as object);
    expect((await put({ level: 'secret' })).status).toBe(400);
    expect((await put({ level: 'embargoed' })).body.error.message).toMatch(/embargo/i);
    expect((await put({ level: 'embargoed', embargoUntil: "2026-01-01' OR 1=1" })).status).toBe(400);
    expect((await put({ level: 'restricted', users: 'all' })).status).toBe(400);
  });

  test('delete — removes pages, original and search hits; the audit entry stays', async () => {
    const res = await named.http.post('/api/documents').attach('file', Buffer.from('Slettes snart: sletteord.'), 'slet.txt');
    await waitForStatus(t, res.body.id);
    const sha = (await named.http.get(`/api/documents/${res.body.id}`)).body.sha256 as string;
    expect((await agents.researcher!.http.delete(`/api/documents/${res.body.id}`)).status).toBe(403);
    expect((await named.http.delete(`/api/documents/${res.body.id}`)).status).toBe(204);
    await t.kilde.indexer.drain();
    expect((await t.http.get(`/api/documents/${res.body.id}`)).status).toBe(404);
    expect((await t.http.get('/api/search').query({ q: 'sletteord' })).body.total).toBe(0);
    expect(t.kilde.db.prepare('SELECT COUNT(*) FROM pages WHERE document_id = ?').pluck().get(res.body.id)).toBe(0);
    const fs = await import('node:fs');
    const path = await import('node:path');
    expect(fs.existsSync(path.join(t.config.uploadsDir, sha.slice(0, 2), sha.slice(2, 4), sha))).toBe(false);
    const audit = await t.http.get('/api/admin/audit').query({ entityId: res.body.id });
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toContain('delete');
  });
});

/**
 * Descendants follow their container: an e-mail's attachments and a zip's entries are readable
 * only by those who may read the container, on every read path — whether the container was
 * restricted after extraction or at upload, restricted or embargoed. Tried as people: the owner,
 * a second journalist, an editor, a named researcher, and an admin as the control.
 */
type Person = 'owner' | 'journalist' | 'editor' | 'researcher' | 'admin';
const PEOPLE: Person[] = ['owner', 'journalist', 'editor', 'researcher', 'admin'];
/** Who may read a closed family: its owner, the researcher named on it, and admins. */
const ALLOWED: Record<Person, boolean> = { owner: true, journalist: false, editor: false, researcher: true, admin: true };
const FAMILIES = ['e-mail restricted after extraction', 'zip restricted at upload', 'e-mail embargoed at upload'] as const;
type Family = (typeof FAMILIES)[number];

type Agent = ReturnType<TestKilde['as']>['http'];
/** Each read path answers whether the person sees the child (`word` is only in the child's text). */
const CHILD_PATHS: Array<{ name: string; sees(a: Agent, id: string, word: string): Promise<boolean> }> = [
  { name: 'document page', sees: async (a, id) => status(await a.get(`/documents/${id}`)) },
  { name: 'API document', sees: async (a, id) => status(await a.get(`/api/documents/${id}`)) },
  { name: 'API pages', sees: async (a, id) => status(await a.get(`/api/documents/${id}/pages`)) },
  { name: 'API original', sees: async (a, id) => status(await a.get(`/api/documents/${id}/original`)) },
  { name: 'original download', sees: async (a, id) => status(await a.get(`/documents/${id}/original`)) },
  { name: 'page image', sees: async (a, id) => status(await a.get(`/documents/${id}/pages/1.png`)) },
  { name: 'API page image', sees: async (a, id) => status(await a.get(`/api/documents/${id}/pages/1/image`)) },
  { name: 'suggestions', sees: async (a, id) => status(await a.get(`/api/documents/${id}/suggestions`)) },
  {
    name: 'search hit',
    sees: async (a, id, word) => {
      const res = await a.get('/api/search').query({ q: word });
      const hit = res.body.hits.some((h: { documentId: string }) => h.documentId === id);
      expect(res.body.total).toBe(hit ? 1 : 0); // no count without the hit
      return hit;
    },
  },
  {
    name: 'search page',
    sees: async (a, id, word) => (await a.get('/search').query({ q: word })).text.includes(id),
  },
  {
    name: 'facet count',
    sees: async (a, _id, word) => {
      const res = await a.get('/api/search').query({ q: word });
      const pdf = (res.body.facets?.mediaType ?? []).find((f: { value: string }) => f.value === 'application/pdf');
      return (pdf?.count ?? 0) > 0;
    },
  },
  {
    name: 'document list',
    sees: async (a, id) => (await a.get('/api/documents').query({ perPage: 200 })).body.documents.some((d: { id: string }) => d.id === id),
  },
];

function status(res: { status: number }): boolean {
  if (res.status !== 200 && res.status !== 404) throw new Error(`unexpected status ${res.status}`);
  return res.status === 200;
}

describe(`access — descendants follow their container: ${PEOPLE.length} people × ${FAMILIES.length} family levels × ${CHILD_PATHS.length} read paths = ${PEOPLE.length * FAMILIES.length * CHILD_PATHS.length} checks`, () => {
  let t: TestKilde;
  const clock = testClock('2026-03-01T09:00:00Z');
  const people = {} as Record<Person, ReturnType<TestKilde['as']>>;
  const families = {} as Record<Family, { containerId: string; childIds: string[]; words: string[] }>;

  /** Waits until the container has `n` ready children and the index has taken them. */
  async function childrenOf(id: string, n: number): Promise<string[]> {
    await waitForStatus(t, id);
    const until = Date.now() + 60_000;
    for (;;) {
      const doc = await t.http.get(`/api/documents/${id}`);
      const kids = doc.body.children as Array<{ id: string; title: string; status: string }>;
      if (kids.length === n && kids.every((k) => k.status === 'ready')) {
        await t.kilde.indexer.drain();
        return kids.sort((a, b) => a.title.localeCompare(b.title)).map((k) => k.id);
      }
      if (Date.now() > until) throw new Error(`children of ${id} not extracted: ${JSON.stringify(kids)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  const mail = (subject: string, attachments: Array<{ filename: string; bytes: Buffer }>) =>
    eml({
      from: 'Kilde <kilde@ministeriet.example>', to: 'Journalist <redaktion@avis.example>', subject,
      date: 'Fri, 28 Sep 2018 09:15:00 +0200', body: `Fortroligt. ${subject}.`,
      attachments: attachments.map((a) => ({ ...a, contentType: 'application/pdf' })),
    });

  beforeAll(async () => {
    t = await startTestKilde({}, { clock });
    people.owner = t.as('journalist', 'kildeejer');
    people.journalist = t.as('journalist', 'anden-journalist');
    people.editor = t.as('editor', 'redaktoer');
    people.researcher = t.as('researcher', 'researcher-navngivet');
    people.admin = t.as('admin', 'kontrol-admin');
    const owner = people.owner.http;

    // 1. An e-mail, extracted while open, then restricted (row 1 of issue 12).
    const afterWords = ['efterbilagord', 'efterandetord'];
    const m1 = mail('Efter udtræk', [
      { filename: 'a-bilag.pdf', bytes: await makePdf([`Bilag med ${afterWords[0]} i teksten.`]) },
      { filename: 'b-bilag.pdf', bytes: await makePdf([`Andet bilag med ${afterWords[1]}.`]) },
    ]);
    const r1 = await owner.post('/api/documents').attach('file', m1, 'efter.eml');
    const kids1 = await childrenOf(r1.body.id, 2);
    const put = await owner.put(`/api/documents/${r1.body.id}/access`).send({ level: 'restricted', users: ['researcher-navngivet'] });
    expect(put.status).toBe(200);
    await t.kilde.indexer.drain();
    families['e-mail restricted after extraction'] = { containerId: r1.body.id, childIds: kids1, words: afterWords };

    // 2. A zip restricted in the upload itself: its entries are extracted after it was restricted.
    const zipWords = ['zipindgangord'];
    const zip = buildZip([{ name: 'mappe/indgang.pdf', data: await makePdf([`Zip-indgang med ${zipWords[0]}.`]), method: 'deflate' }]);
    const r2 = await owner.post('/api/documents').field('access', 'restricted').field('users', 'researcher-navngivet').attach('file', zip, 'arkiv.zip');
    expect(r2.status).toBe(202);
    families['zip restricted at upload'] = { containerId: r2.body.id, childIds: await childrenOf(r2.body.id, 1), words: zipWords };

    // 3. An e-mail embargoed in the upload, until 10:00.
    const embargoWords = ['embargobilagord'];
    const m3 = mail('Under embargo', [{ filename: 'embargo.pdf', bytes: await makePdf([`Embargo-bilag med ${embargoWords[0]}.`]) }]);
    const r3 = await owner.post('/api/documents')
      .field('access', 'embargoed').field('embargoUntil', '2026-03-01T10:00:00Z').field('users', people.researcher.userId)
      .attach('file', m3, 'embargo.eml');
    expect(r3.status).toBe(202);
    families['e-mail embargoed at upload'] = { containerId: r3.body.id, childIds: await childrenOf(r3.body.id, 1), words: embargoWords };
  }, 180_000);
  afterAll(async () => {
    await t.stop();
    removeDir(t.dir);
  });

  describe.each(FAMILIES)('%s', (family) => {
    test.each(PEOPLE)(`%s — every child on every read path (${CHILD_PATHS.length} paths) — seen exactly when the container may be read`, async (person) => {
      const { containerId, childIds, words } = families[family];
      const agent = people[person].http;
      const got: Array<[string, string, boolean]> = [];
      const want: Array<[string, string, boolean]> = [];
      for (const [i, id] of childIds.entries()) {
        for (const p of CHILD_PATHS) {
          got.push([id, p.name, await p.sees(agent, id, words[i])]);
          want.push([id, p.name, ALLOWED[person]]);
        }
      }
      got.push([containerId, 'container', status(await agent.get(`/api/documents/${containerId}`))]);
      want.push([containerId, 'container', ALLOWED[person]]);
      expect(got).toEqual(want);
    });
  });

  test('API — a child of a closed container — says its access comes from the container', async () => {
    const { childIds } = families['zip restricted at upload'];
    const res = await people.owner.http.get(`/api/documents/${childIds[0]}`);
    expect(res.body).toMatchObject({ accessLevel: 'newsroom', accessFromContainer: true, parentId: families['zip restricted at upload'].containerId });
  });

  test('embargo on a container — ends — its attachment opens on every path and in search', async () => {
    const { childIds, words } = families['e-mail embargoed at upload'];
    clock.set('2026-03-01T10:00:00Z');
    try {
      for (const p of CHILD_PATHS) expect([p.name, await p.sees(people.journalist.http, childIds[0], words[0])]).toEqual([p.name, true]);
    } finally {
      clock.set('2026-03-01T09:00:00Z');
    }
  });

  test('container opened — a child restricted on its own stays restricted; the other opens with it', async () => {
    const { containerId, childIds, words } = families['e-mail restricted after extraction'];
    // The owner added the e-mail, so the owner also manages what came in it.
    expect((await people.owner.http.put(`/api/documents/${childIds[1]}/access`).send({ level: 'restricted' })).status).toBe(200);
    expect((await people.owner.http.put(`/api/documents/${containerId}/access`).send({ level: 'newsroom' })).status).toBe(200);
    await t.kilde.indexer.drain();
    const j = people.journalist.http;
    for (const p of CHILD_PATHS) {
      expect([p.name, await p.sees(j, childIds[0], words[0])]).toEqual([p.name, true]);
      expect([p.name, await p.sees(j, childIds[1], words[1])]).toEqual([p.name, false]);
    }
    expect((await people.owner.http.get('/api/search').query({ q: words[1] })).body.total).toBe(1);
  });

  test('access change on a container — queues the whole family for the index with the change', async () => {
    const { containerId, childIds, words } = families['e-mail restricted after extraction'];
    await t.kilde.indexer.stop(); // nothing drains between the change and the look at the outbox
    try {
      const before = t.kilde.db.prepare('SELECT COALESCE(MAX(id), 0) FROM search_outbox').pluck().get() as number;
      expect((await people.owner.http.put(`/api/documents/${containerId}/access`).send({ level: 'restricted' })).status).toBe(200);
      const queued = t.kilde.db.prepare('SELECT document_id FROM search_outbox WHERE id > ?').pluck().all(before) as string[];
      expect(new Set(queued)).toEqual(new Set([containerId, ...childIds]));
    } finally {
      t.kilde.indexer.start();
    }
    await t.kilde.indexer.drain();
    expect((await people.journalist.http.get('/api/search').query({ q: words[0] })).body.total).toBe(0);
    expect((await people.owner.http.get('/api/search').query({ q: words[0] })).body.total).toBe(1);
  });

  test('container deleted — its children keep the access they had through it', async () => {
    const { containerId, childIds, words } = families['zip restricted at upload'];
    expect((await people.owner.http.delete(`/api/documents/${containerId}`)).status).toBe(204);
    await t.kilde.indexer.drain();
    const child = await people.owner.http.get(`/api/documents/${childIds[0]}`);
    expect(child.body).toMatchObject({ parentId: null, accessLevel: 'restricted' });
    for (const p of CHILD_PATHS) {
      expect([p.name, await p.sees(people.journalist.http, childIds[0], words[0])]).toEqual([p.name, false]);
      expect([p.name, await p.sees(people.researcher.http, childIds[0], words[0])]).toEqual([p.name, true]);
    }
  });
});

/**
 * Duplicates reveal nothing: the same bytes from someone who may not read the document holding
 * them give that person a document of their own over the one stored original; someone who may
 * read it gets it, as before.
 */
describe('access — duplicate bytes by another user', () => {
  let t: TestKilde;
  let owner: ReturnType<TestKilde['as']>;
  let other: ReturnType<TestKilde['as']>;
  let named: ReturnType<TestKilde['as']>;
  let editor: ReturnType<TestKilde['as']>;
  let bytes: Buffer;
  let secretId: string;
  const SECRET_TITLE = 'Kildens hemmelige notat';

  beforeAll(async () => {
    t = await startTestKilde();
    owner = t.as('journalist', 'dup-ejer');
    other = t.as('journalist', 'dup-anden');
    named = t.as('journalist', 'dup-navngivet');
    editor = t.as('editor', 'dup-redaktoer');
    bytes = await makePdf(['Notat om kilden: dupletord findes kun her.']);
    const res = await owner.http.post('/api/documents').field('title', SECRET_TITLE).field('access', 'restricted').field('users', 'dup-navngivet').attach('file', bytes, 'kilde-notat.pdf');
    expect(res.status).toBe(202);
    secretId = res.body.id;
    await waitForStatus(t, secretId);
  });
  afterAll(async () => {
    await t.stop();
    removeDir(t.dir);
  });

  const blobsOf = (sha: string) => filesUnder(t.config.uploadsDir).filter((f) => f.endsWith(sha));

  test('API upload — by someone who may not read the holder — a document of their own, nothing of the other in the answer', async () => {
    const res = await other.http.post('/api/documents').attach('file', bytes, 'mit-eksemplar.pdf');
    expect(res.status).toBe(202);
    expect(res.body.duplicate).toBe(false);
    expect(res.body.id).not.toBe(secretId);
    expect(JSON.stringify(res.body)).not.toContain(secretId);
    expect(JSON.stringify(res.body)).not.toMatch(/hemmelige/);
    await waitForStatus(t, res.body.id);
    const own = await other.http.get(`/api/documents/${res.body.id}`);
    expect(own.body).toMatchObject({ title: 'mit-eksemplar', accessLevel: 'newsroom' });
    expect(blobsOf(own.body.sha256)).toHaveLength(1); // one stored original for both
    expect((await other.http.get(`/api/documents/${secretId}`)).status).toBe(404);
    const search = await other.http.get('/api/search').query({ q: 'dupletord' });
    expect(search.body.hits.map((h: { documentId: string }) => h.documentId)).toEqual([res.body.id]);
    expect(JSON.stringify(search.body)).not.toContain(secretId);
    expect((await other.http.get(`/api/documents/${res.body.id}/original`)).status).toBe(200);
  });

  test('API upload — again by the same person — their own document is the duplicate', async () => {
    const first = await other.http.get('/api/documents');
    const mine = first.body.documents.find((d: { title: string }) => d.title === 'mit-eksemplar');
    const res = await other.http.post('/api/documents').attach('file', bytes, 'igen.pdf');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ duplicate: true, id: mine.id });
  });

  test('API upload — by a user named on the holder — answers with the existing document, as before', async () => {
    const res = await named.http.post('/api/documents').attach('file', bytes, 'samme.pdf');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ duplicate: true, id: secretId });
  });

  test('upload page — by an editor who may not read the holder — redirects to a document of their own', async () => {
    const res = await editor.http.post('/upload').attach('files', bytes, 'redaktoerens.pdf');
    expect(res.status).toBe(303);
    expect(res.headers.location).not.toContain(secretId);
    const page = await editor.http.get(res.headers.location);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain(secretId);
    expect(page.text).not.toContain(SECRET_TITLE);
  });

  test('request log — same bytes by someone who may not read the holder — links a document of their own, nothing onto the other', async () => {
    const authority = await t.http.post('/api/parties').send({ kind: 'authority', name: 'Styrelsen for Dubletter' });
    expect(authority.status).toBe(201);
    const req = await editor.http.post('/api/requests').send({ authorityId: authority.body.id, subject: 'Aktindsigt i notatet' });
    expect(req.status).toBe(201);
    const res = await editor.http.post(`/api/requests/${req.body.id}/log`).field('kind', 'received').attach('files', bytes, 'svar.pdf');
    expect(res.status).toBe(201);
    expect(JSON.stringify(res.body)).not.toContain(secretId);
    expect(JSON.stringify(res.body)).not.toMatch(/hemmelige/);
    const linked = res.body.documents[0].id as string;
    expect(linked).not.toBe(secretId);
    const db = t.kilde.db;
    expect(db.prepare('SELECT COUNT(*) FROM request_documents WHERE document_id = ?').pluck().get(secretId)).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM document_parties WHERE document_id = ?').pluck().get(secretId)).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM request_documents WHERE document_id = ?').pluck().get(linked)).toBe(1);
  });

  test('delete — the holder goes — the original stays for the other documents over it', async () => {
    const sha = (await owner.http.get(`/api/documents/${secretId}`)).body.sha256 as string;
    expect((await owner.http.delete(`/api/documents/${secretId}`)).status).toBe(204);
    expect(blobsOf(sha)).toHaveLength(1);
    const mine = (await other.http.get('/api/documents')).body.documents.find((d: { title: string }) => d.title === 'mit-eksemplar');
    expect((await other.http.get(`/api/documents/${mine.id}/original`)).status).toBe(200);
  });
});
