import type { SearchEngine } from '../../search/engine';
import { createFts5Engine } from '../../search/fts5/fts5.engine';
import { testClock, useKilde } from '../helpers/kilde';

/**
 * The outbox promise (DESIGN principle 1): with the search engine down, uploads still succeed and
 * say their index is behind; the backlog shows in /api/health; when the engine is back every
 * document becomes searchable, exactly once.
 */
interface Switchable extends SearchEngine {
  down: boolean;
  writes: number;
  /** The event loop's turns (check phases) counted when each write began. */
  turnsAtWrite: number[];
}

/** Counts the event loop's turns while running: each check phase bumps it once. */
let turns = 0;
function countTurns(): () => void {
  let on = true;
  const tick = () => {
    turns++;
    if (on) setImmediate(tick);
  };
  setImmediate(tick);
  return () => {
    on = false;
  };
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
    turnsAtWrite: [],
    init: guard(() => engine.init()),
    upsertDocument: guard(async (d) => {
      wrapped.writes++;
      wrapped.turnsAtWrite.push(turns);
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
  let engine: Switchable;
  const clock = testClock('2025-03-01T09:00:00.000Z');
  const k = useKilde({}, { clock, engine: (db, docs) => (engine = failing(createFts5Engine({ db, pageTexts: docs.pageTexts }))) });

  async function untilReady(id: string): Promise<Record<string, unknown>> {
    const until = Date.now() + 30_000;
    for (;;) {
      const res = await k.t.http.get(`/api/documents/${id}`);
      if (res.body.status === 'ready') return res.body as Record<string, unknown>;
      if (Date.now() > until) throw new Error(`not ready: ${JSON.stringify(res.body)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  test('engine down — uploads succeed, are marked not indexed, and the backlog grows', async () => {
    engine.down = true;
    const ids: string[] = [];
    for (const word of WORDS) {
      const res = await k.t.http.post('/api/documents').attach('file', Buffer.from(`Notat om ${word} og aktindsigt i kommunen.`), `${word}.txt`);
      expect(res.status).toBe(202);
      ids.push(res.body.id);
    }
    for (const id of ids) {
      await untilReady(id);
      await k.t.kilde.indexer.drain();
      expect((await k.t.http.get(`/api/documents/${id}`)).body.indexed).toBe(false);
    }

    const health = await k.t.http.get('/api/health');
    expect(health.status).toBe(503);
    expect(health.body.ok).toBe(false);
    expect(health.body.search).toMatchObject({ engine: 'embedded', ok: false });
    expect(health.body.search.outboxBacklog).toBeGreaterThanOrEqual(WORDS.length);
    expect(health.body.search.lastError).toMatch(/ECONNREFUSED/);

    const search = await k.t.http.get('/api/search').query({ q: 'aktindsigt' });
    expect(search.status).toBe(503);
    expect(search.body.error.code).toBe('unavailable');
  });

  test('while down — retries back off: nothing is applied before the retry time', async () => {
    const before = (await k.t.http.get('/api/health')).body.search.outboxBacklog;
    engine.down = false;
    expect(await k.t.kilde.indexer.drain()).toBe(0); // not due yet: the clock has not moved
    expect((await k.t.http.get('/api/health')).body.search.outboxBacklog).toBe(before);
  });

  test('engine back — the outbox drains, every document is searchable exactly once, requests let through between them', async () => {
    clock.advance(10 * 60_000);
    engine.turnsAtWrite = [];
    const stop = countTurns();
    try {
      await k.t.kilde.indexer.drain();
    } finally {
      stop();
    }
    // Each document is indexed in a turn of the event loop of its own, not all in one.
    expect(engine.turnsAtWrite).toHaveLength(WORDS.length);
    engine.turnsAtWrite.slice(1).forEach((t, i) => expect(t).toBeGreaterThan(engine.turnsAtWrite[i]!));
    const health = await k.t.http.get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body.search).toMatchObject({ ok: true, outboxBacklog: 0, lastError: null, documents: WORDS.length });

    const all = await k.t.http.get('/api/search').query({ q: 'aktindsigt', perPage: 100 });
    expect(all.body.total).toBe(WORDS.length);
    const ids = all.body.hits.map((h: { documentId: string }) => h.documentId);
    expect(new Set(ids).size).toBe(WORDS.length);
    for (const word of WORDS) {
      const one = await k.t.http.get('/api/search').query({ q: word });
      expect(one.body.total).toBe(1);
      expect(one.body.hits[0].matchingPages).toBe(1);
      expect((await k.t.http.get(`/api/documents/${one.body.hits[0].documentId}`)).body.indexed).toBe(true);
    }
  });

  test('replays — applying the same rows again changes nothing', async () => {
    const id = (await k.t.http.get('/api/search').query({ q: WORDS[0] })).body.hits[0].documentId as string;
    const outbox = k.t.kilde.db.prepare("INSERT INTO search_outbox (document_id, op, next_attempt_at, created_at) VALUES (?, 'upsert', ?, ?)");
    const now = clock.now().toISOString();
    outbox.run(id, now, now);
    outbox.run(id, now, now);
    await k.t.kilde.indexer.drain();
    expect((await k.t.http.get('/api/search').query({ q: 'aktindsigt', perPage: 100 })).body.total).toBe(WORDS.length);
    expect(k.t.kilde.db.prepare('SELECT COUNT(*) FROM search_docs WHERE document_id = ?').pluck().get(id)).toBe(1);
  });
});
