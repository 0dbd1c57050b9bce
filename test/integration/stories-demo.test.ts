import { createAuditLog } from '../../server/auth/audit';
import { createIntakeService } from '../../server/ingest/intake.service';
import { createJobsRepository } from '../../server/jobs/jobs.repository';
import { systemClock } from '../../server/lib/clock';
import { createBlobStore } from '../../server/storage/blob-store';
import { DEMO_NOTE, DEMO_TITLE, demoPdf, loadDemoStory } from '../../server/story/demo/demo-story';
import { removeDir, startTestKilde, type TestKilde } from '../helpers/kilde';

describe('demo story — npm run demo', () => {
  let t: TestKilde;
  const load = () => {
    const blobs = createBlobStore(t.config.uploadsDir);
    const intake = createIntakeService({
      db: t.kilde.db, documents: t.kilde.documents, jobs: createJobsRepository(t.kilde.db), blobs,
      audit: createAuditLog(t.kilde.db, systemClock), clock: systemClock, jobMaxAttempts: 3, onQueued: () => t.kilde.runner.wake(),
    });
    return loadDemoStory({ story: t.kilde.story, intake, blobs, whenExtracted: async () => { await t.kilde.runner.idle(); await t.kilde.indexer.drain(); } });
  };
  const count = (table: string) => t.kilde.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;

  beforeAll(async () => {
    t = await startTestKilde();
  });
  afterAll(async () => {
    await t.stop();
    removeDir(t.dir);
  });

  test('demo letters — real PDFs, byte-for-byte the same on every run', async () => {
    const a = await demoPdf('x', ['Side 1', 'Side 2']);
    const b = await demoPdf('x', ['Side 1', 'Side 2']);
    expect(a.subarray(0, 5).toString()).toBe('%PDF-');
    expect(a.equals(b)).toBe(true);
  });

  test('load twice — a full, marked story the first time; nothing duplicated the second time', async () => {
    const first = await load();
    expect(first.storedDocuments).toBe(3);
    const tables = ['parties', 'party_aliases', 'stories', 'events', 'event_parties', 'documents', 'document_parties', 'document_events', 'story_items'];
    const before = Object.fromEntries(tables.map((x) => [x, count(x)]));
    const second = await load();
    expect(second).toEqual({ ...first, storedDocuments: 0 });
    expect(Object.fromEntries(tables.map((x) => [x, count(x)]))).toEqual(before);

    const story = (await t.http.get(`/api/stories/${first.storyId}`)).body;
    expect(story.title).toBe(DEMO_TITLE);
    expect(story.description).toContain(DEMO_NOTE);
    for (const id of first.documentIds) {
      const d = (await t.http.get(`/api/documents/${id}`)).body;
      expect(d).toMatchObject({ status: 'ready', notes: DEMO_NOTE });
      expect(d.title).toMatch(/^DEMO — /);
    }
    const parties = (await t.http.get('/api/parties').query({ limit: 200 })).body.parties;
    expect(parties.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['Styrelsen for Arbejdsmarked og Rekruttering', 'KL', 'Beskæftigelsesministeriet', 'KMD']));
  });

  test('the timeline — 2018, 28 June, the summer (month), 28 September with the minister’s letter, 15 October', async () => {
    const storyId = (await t.http.get('/api/stories')).body.stories.find((s: { title: string }) => s.title === DEMO_TITLE).id;
    const tl = (await t.http.get(`/api/stories/${storyId}/timeline`)).body;
    const dates = tl.entries.map((e: { kind: string; event?: { date: string } }) => e.event?.date);
    expect(dates).toEqual(['2018', '2018-06-28', '2018-07', '2018-09-28', '2018-10-15']);
    const minister = tl.entries[3];
    expect(minister.documents).toHaveLength(1);
    expect(minister.documents[0].parties.sender[0].name).toBe('Beskæftigelsesministeren');
    expect(minister.documents[0].parties.cc[0].shortName).toBe('STAR');
    const page = await t.http.get(`/stories/${storyId}`);
    expect(page.status).toBe(200);
  });

  test('a researcher searching "personfølsomme data" Holland — finds the letters', async () => {
    const r = t.as('researcher');
    const res = await r.http.get('/api/search').query({ q: '"personfølsomme data" Holland' });
    expect(res.status).toBe(200);
    expect(res.body.hits.map((h: { title: string }) => h.title)).toEqual(expect.arrayContaining([expect.stringMatching(/Ministerens brev/), expect.stringMatching(/STAR til KL/)]));
  });
});
