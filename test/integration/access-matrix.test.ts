import { makePdf } from '../helpers/pdf';
import { removeDir, startTestKilde, testClock, waitForStatus, type TestKilde } from '../helpers/kilde';
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
