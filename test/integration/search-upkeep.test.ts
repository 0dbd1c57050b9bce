import Database from 'better-sqlite3';
import path from 'node:path';
import { removeDir, startTestKilde, useKilde, waitForStatus, type TestKilde } from '../helpers/kilde';

/**
 * The search indexer's idle upkeep on the embedded engine: uploads arrive one by one, each indexed
 * in its own transaction (one FTS5 segment each); once the outbox is empty, the indexer merges them
 * in short steps, without anyone asking, and search answers the same throughout.
 */
describe('search upkeep — idle merging of the embedded index', () => {
  const k = useKilde();
  const segments = () => k.t.kilde.db.prepare('SELECT COUNT(DISTINCT segid) FROM search_fts_idx').pluck().get() as number;

  test('uploads one by one — leave segments; the idle indexer merges them — search finds every upload', async () => {
    // Stopped, the indexer applies the outbox only when drained (waitForStatus drains it) and
    // does no upkeep, so the segments the uploads leave can be counted first.
    await k.t.kilde.indexer.stop();
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      // Ready before the next upload, so each document is indexed in its own transaction.
      const res = await k.t.http.post('/api/documents').attach('file', Buffer.from(`Referat ${i} om havneudvidelsen og kommunens aktindsigt nummer${i}.`), `referat-${i}.txt`);
      expect(res.status).toBe(202);
      ids.push(res.body.id);
      await waitForStatus(k.t, res.body.id);
    }
    expect(segments()).toBeGreaterThan(2);
    k.t.kilde.indexer.start();
    const until = Date.now() + 20_000;
    while (segments() > 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(segments()).toBeLessThanOrEqual(2);

    const all = await k.t.http.get('/api/search').query({ q: 'havneudvidelsen', perPage: 50 });
    expect(all.body.hits.map((h: { documentId: string }) => h.documentId).sort()).toEqual([...ids].sort());
    // "nummer7" is one typo from each "nummerN": all match, the exact one first.
    const one = await k.t.http.get('/api/search').query({ q: 'nummer7' });
    expect(one.body.total).toBe(10);
    expect(one.body.hits[0].documentId).toBe(ids[7]);
  });
});

describe('search index — an index of an older layout', () => {
  test('a database whose index has an older layout — starts over and is filled again at start', async () => {
    const first = await startTestKilde();
    let firstStopped = false;
    let second: TestKilde | null = null;
    try {
      const res = await first.http.post('/api/documents').attach('file', Buffer.from('Referat om vindmøller ved Ringkøbing.'), 'referat.txt');
      const id = res.body.id as string;
      await waitForStatus(first, id);
      await first.stop();
      firstStopped = true;
      // As an earlier Kilde left it: another schema version, a table that layout had.
      const db = new Database(path.join(first.dir, 'data', 'kilde.sqlite'));
      db.prepare("UPDATE search_meta SET value = '5' WHERE key = 'schema_version'").run();
      db.exec('CREATE TABLE search_rows (x)');
      db.close();

      second = await startTestKilde({}, { dir: first.dir });
      const t = second;
      const until = Date.now() + 20_000;
      let hits: string[] = [];
      while (Date.now() < until) {
        await t.kilde.indexer.drain();
        hits = (await t.http.get('/api/search').query({ q: 'vindmøller' })).body.hits.map((h: { documentId: string }) => h.documentId);
        if (hits.length > 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(hits).toEqual([id]);
      const tables = t.kilde.db.prepare("SELECT name FROM sqlite_master WHERE name = 'search_rows'").all();
      expect(tables).toEqual([]);
    } finally {
      if (!firstStopped) await first.stop();
      await second?.stop();
      removeDir(first.dir);
    }
  });
});
