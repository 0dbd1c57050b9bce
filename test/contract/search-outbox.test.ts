import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { SearchEngine } from '../../search/engine';
import { createFts5Engine } from '../../search/fts5/fts5.engine';
import { loadConfig } from '../../server/config';
import { createKilde, type Kilde } from '../../server/kilde';
import { silentLogger } from '../../server/lib/logger';
import { removeDir, testClock } from '../helpers/kilde';

/**
 * The outbox promise (DESIGN principle 1): with the search engine down, uploads still succeed and
 * say their index is behind; the backlog shows in /api/health; when the engine is back every
 * document becomes searchable, exactly once.
 */
interface Switchable extends SearchEngine {
  down: boolean;
  writes: number;
}

/** A real engine behind a switch: while `down`, every call fails as an unreachable server would. */
function failing(engine: SearchEngine): Switchable {
  const guard = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    if (wrapped.down) throw new Error('connect ECONNREFUSED 127.0.0.1:7700');
    return fn(...args);
  };
  const wrapped: Switchable = {
    name: engine.name,
    down: false,
    writes: 0,
    init: guard(() => engine.init()),
    upsertDocument: guard(async (d) => {
      wrapped.writes++;
      await engine.upsertDocument(d);
    }),
    removeDocument: guard((id) => engine.removeDocument(id)),
    search: guard((r) => engine.search(r)),
    clear: guard(() => engine.clear()),
    rebuild: guard((s, p) => engine.rebuild(s, p)),
    health: guard(() => engine.health()),
  };
  return wrapped;
}

const WORDS = ['fjordhest', 'kystradio', 'vindmoelle', 'havnefoged'];

describe('search outbox — the engine fails, then recovers', () => {
  let dir: string;
  let kilde: Kilde;
  let engine: Switchable;
  let http: ReturnType<typeof request.agent>;
  const clock = testClock('2025-03-01T09:00:00.000Z');

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kilde-outbox-'));
    const config = loadConfig({
      KILDE_DATA_DIR: path.join(dir, 'data'),
      KILDE_UPLOADS_DIR: path.join(dir, 'uploads'),
      KILDE_LOG_LEVEL: 'silent',
      KILDE_OCR_WORKERS: '1',
      KILDE_BCRYPT_COST: '4',
    });
    kilde = createKilde(config, {
      logger: silentLogger,
      clock,
      engine: (db, docs) => (engine = failing(createFts5Engine({ db, pageTexts: docs.pageTexts }))),
    });
    await kilde.start();
    const user = kilde.auth.createUser(null, { username: 'admin', role: 'admin', password: 'correct horse battery' });
    const { token } = kilde.auth.createToken(kilde.auth.toViewer(user), 'test');
    http = request.agent(kilde.app).set('Authorization', `Bearer ${token}`);
  });
  afterAll(async () => {
    await kilde.stop();
    removeDir(dir);
  });

  async function untilReady(id: string): Promise<Record<string, unknown>> {
    const until = Date.now() + 30_000;
    for (;;) {
      const res = await http.get(`/api/documents/${id}`);
      if (res.body.status === 'ready') return res.body as Record<string, unknown>;
      if (Date.now() > until) throw new Error(`not ready: ${JSON.stringify(res.body)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  test('engine down — uploads succeed, are marked not indexed, and the backlog grows', async () => {
    engine.down = true;
    const ids: string[] = [];
    for (const word of WORDS) {
      const res = await http.post('/api/documents').attach('file', Buffer.from(`Notat om ${word} og aktindsigt i kommunen.`), `${word}.txt`);
      expect(res.status).toBe(202);
      ids.push(res.body.id);
    }
    for (const id of ids) {
      await untilReady(id);
      await kilde.indexer.drain();
      expect((await http.get(`/api/documents/${id}`)).body.indexed).toBe(false);
    }

    const health = await http.get('/api/health');
    expect(health.status).toBe(503);
    expect(health.body.ok).toBe(false);
    expect(health.body.search).toMatchObject({ engine: 'embedded', ok: false });
    expect(health.body.search.outboxBacklog).toBeGreaterThanOrEqual(WORDS.length);
    expect(health.body.search.lastError).toMatch(/ECONNREFUSED/);

    const search = await http.get('/api/search').query({ q: 'aktindsigt' });
    expect(search.status).toBe(503);
    expect(search.body.error.code).toBe('unavailable');
  });

  test('while down — retries back off: nothing is applied before the retry time', async () => {
    const before = (await http.get('/api/health')).body.search.outboxBacklog;
    engine.down = false;
    expect(await kilde.indexer.drain()).toBe(0); // not due yet: the clock has not moved
    expect((await http.get('/api/health')).body.search.outboxBacklog).toBe(before);
  });

  test('engine back — the outbox drains, every document is searchable exactly once', async () => {
    clock.advance(10 * 60_000);
    await kilde.indexer.drain();
    const health = await http.get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body.search).toMatchObject({ ok: true, outboxBacklog: 0, lastError: null, documents: WORDS.length });

    const all = await http.get('/api/search').query({ q: 'aktindsigt', perPage: 100 });
    expect(all.body.total).toBe(WORDS.length);
    const ids = all.body.hits.map((h: { documentId: string }) => h.documentId);
    expect(new Set(ids).size).toBe(WORDS.length);
    for (const word of WORDS) {
      const one = await http.get('/api/search').query({ q: word });
      expect(one.body.total).toBe(1);
      expect(one.body.hits[0].matchingPages).toBe(1);
      expect((await http.get(`/api/documents/${one.body.hits[0].documentId}`)).body.indexed).toBe(true);
    }
  });

  test('replays — applying the same rows again changes nothing', async () => {
    const id = (await http.get('/api/search').query({ q: WORDS[0] })).body.hits[0].documentId as string;
    const outbox = kilde.db.prepare("INSERT INTO search_outbox (document_id, op, next_attempt_at, created_at) VALUES (?, 'upsert', ?, ?)");
    const now = clock.now().toISOString();
    outbox.run(id, now, now);
    outbox.run(id, now, now);
    await kilde.indexer.drain();
    expect((await http.get('/api/search').query({ q: 'aktindsigt', perPage: 100 })).body.total).toBe(WORDS.length);
    expect(kilde.db.prepare('SELECT COUNT(*) FROM search_docs WHERE document_id = ?').pluck().get(id)).toBe(1);
  });
});
