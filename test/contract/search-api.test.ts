import { runReindex } from '../../server/cli/reindex';
import { makePdf } from '../helpers/pdf';
import { removeDir, startTestKilde, waitForStatus, type TestKilde } from '../helpers/kilde';

/**
 * The search routes over HTTP, as each role sees them: filters and facets in the URL, the access
 * rule on totals, facets and snippets, the search page with its sidebar and pagination, health, and
 * the admin's reindex (HTTP and command line). Bad input gets a 4xx with a message, never a 500.
 */
describe('search over HTTP', () => {
  let t: TestKilde;
  let star: string;
  let minister: string;
  let secret: string;
  let named: ReturnType<TestKilde['as']>;
  let other: ReturnType<TestKilde['as']>;

  async function upload(name: string, body: Buffer | string): Promise<string> {
    const res = await t.http.post('/api/documents').attach('file', typeof body === 'string' ? Buffer.from(body) : body, name);
    expect(res.status).toBe(202);
    await waitForStatus(t, res.body.id);
    return res.body.id as string;
  }

  /** A database change the index must learn (what the linking and access areas do), then drained. */
  async function change(documentId: string, sql: string, ...params: unknown[]): Promise<void> {
    const now = new Date().toISOString();
    t.kilde.db.transaction(() => {
      t.kilde.db.prepare(sql).run(...params);
      t.kilde.db.prepare("INSERT INTO search_outbox (document_id, op, next_attempt_at, created_at) VALUES (?, 'upsert', ?, ?)").run(documentId, now, now);
    })();
    await t.kilde.indexer.drain();
  }

  beforeAll(async () => {
    t = await startTestKilde();
    named = t.as('researcher', 'named');
    other = t.as('researcher', 'other');
    star = await upload('star.pdf', await makePdf(['Styrelsen skriver til KL om aktindsigt.', 'Personfølsomme data må ikke flyttes til Holland.']));
    minister = await upload('minister.txt', 'Ministeren beder om en redegørelse om aktindsigt og Holland.');
    secret = await upload('kilde.txt', 'Kildens fortrolige notat om aktindsigt og Holland.');
    for (let i = 0; i < 23; i++) await upload(`budget-${i}.txt`, `Budgetoverslag nummer ${i} for kommunen.`);

    const now = new Date().toISOString();
    const db = t.kilde.db;
    db.prepare("INSERT INTO parties (id, kind, name, created_at, updated_at) VALUES ('party_star', 'authority', 'Styrelsen for Arbejdsmarked og Rekruttering', ?, ?)").run(now, now);
    db.prepare("INSERT INTO parties (id, kind, name, created_at, updated_at) VALUES ('party_kl', 'organisation', 'KL <Kommunernes Landsforening>', ?, ?)").run(now, now);
    db.prepare("INSERT INTO parties (id, kind, name, created_at, updated_at) VALUES ('party_source', 'person', 'Hemmelig Kilde', ?, ?)").run(now, now);
    db.prepare("INSERT INTO stories (id, title, access_level, created_at, updated_at) VALUES ('story_secret', 'Den hemmelige historie', 'restricted', ?, ?)").run(now, now);
    await change(star, "INSERT INTO document_parties (document_id, party_id, role, created_at) VALUES (?, 'party_star', 'sender', ?), (?, 'party_kl', 'recipient', ?)", star, now, star, now);
    await change(minister, "INSERT INTO document_parties (document_id, party_id, role, created_at) VALUES (?, 'party_kl', 'recipient', ?)", minister, now);
    await change(secret, "INSERT INTO document_parties (document_id, party_id, role, created_at) VALUES (?, 'party_source', 'mentioned', ?)", secret, now);
    await change(secret, "INSERT INTO story_items (story_id, item_type, item_id, added_at) VALUES ('story_secret', 'document', ?, ?)", secret, now);
    await change(secret, "UPDATE documents SET access_level = 'restricted' WHERE id = ?", secret);
    await change(secret, 'INSERT INTO document_access (document_id, user_id) VALUES (?, ?)', secret, named.userId);
  }, 120_000);
  afterAll(async () => {
    await t.stop();
    removeDir(t.dir);
  });

  describe('GET /api/search', () => {
    test('filters in the URL — party by role, type, date — narrow the documents', async () => {
      const q = (query: Record<string, string | string[]>) => t.http.get('/api/search').query({ q: 'aktindsigt', ...query });
      expect((await q({ recipient: 'party_kl' })).body.hits.map((h: { documentId: string }) => h.documentId).sort()).toEqual([minister, star].sort());
      expect((await q({ sender: 'party_star' })).body.total).toBe(1);
      expect((await q({ party: 'party_star', type: 'text/plain' })).body.total).toBe(0);
      expect((await q({ type: ['application/pdf', 'text/plain'] })).body.total).toBe(3);
      expect((await q({ from: '2000', to: '2999-12-31' })).body.total).toBe(3);
      expect((await q({ from: '1990', to: '1990' })).body.total).toBe(0);
    });

    test('facets — counts per value with party names; links to the page and the document', async () => {
      const res = await t.http.get('/api/search').query({ q: 'aktindsigt', recipient: 'party_kl' });
      expect(res.status).toBe(200);
      expect(res.body.facets.mediaType).toEqual([{ value: 'application/pdf', count: 1 }, { value: 'text/plain', count: 1 }]);
      expect(res.body.facets.parties_recipient).toEqual([{ value: 'party_kl', count: 2, label: 'KL <Kommunernes Landsforening>' }]);
      expect(res.body.links.html).toBe('/search?q=aktindsigt&recipient=party_kl');
      expect(res.body.terms).toEqual(['aktindsigt']);
      expect(res.body.hits[0].links.self).toMatch(/^\/api\/documents\/doc_/);
    });

    test('access — a restricted document is invisible to a researcher not named on it, in totals, facets and snippets', async () => {
      const res = await other.http.get('/api/search').query({ q: 'holland' });
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(2);
      expect(JSON.stringify(res.body)).not.toMatch(/fortrolige|Kildens|party_source|Hemmelig|story_secret/);
      const hidden = await other.http.get('/api/search').query({ q: 'kildens' });
      expect(hidden.body).toMatchObject({ total: 0, hits: [], terms: [] });
      expect(hidden.body.facets.partyIds).toEqual([]);
      expect(JSON.stringify(hidden.body)).not.toMatch(/kildens/i);
    });

    test('access — the named researcher sees it; a restricted story closed to them is not counted at all', async () => {
      const res = await named.http.get('/api/search').query({ q: 'kildens' });
      expect(res.body.total).toBe(1);
      expect(res.body.hits[0].documentId).toBe(secret);
      expect(res.body.hits[0].pages[0].snippet).toContain('<mark>Kildens</mark>');
      expect(res.body.facets.partyIds).toEqual([{ value: 'party_source', count: 1, label: 'Hemmelig Kilde' }]);
      // Not even as an unnamed id with a count: that the document sits in the story is the story's secret.
      expect(res.body.facets.storyIds).toEqual([]);
      const admin = await t.http.get('/api/search').query({ q: 'kildens' });
      expect(admin.body.facets.storyIds).toEqual([{ value: 'story_secret', count: 1, label: 'Den hemmelige historie' }]);
    });

    test.each([
      ['page is not a number', { page: 'two' }],
      ['page 0', { page: '0' }],
      ['an unknown sort', { sort: 'DROP TABLE' }],
      ['a date with SQL', { from: "2018' OR 1=1" }],
      ['a month 13', { from: '2018-13' }],
      ['an unknown method', { method: 'pdf' }],
      ['a query over 1,000 characters', { q: 'x'.repeat(1001) }],
      ['a filter value over 200 characters', { party: 'p'.repeat(201) }],
      ['too many values', { type: Array.from({ length: 21 }, (_, i) => `t${i}`) }],
      ['perPage over 100', { perPage: '101' }],
    ])('bad input — %s — 400 with a message', async (_name, query) => {
      const res = await t.http.get('/api/search').query({ q: 'aktindsigt', ...query });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(typeof res.body.error.message).toBe('string');
      if ('type' in query) expect(res.body.error.message).toMatch(/at most 20 values/);
    });

    test.each([
      { party: '" OR 1=1 --' },
      { story: "') OR ('1'='1" },
      { type: '<script>alert(1)</script>' },
      { event: 'x" OR accessLevel = "restricted' },
      { request: 'a\\"b' },
      { subject: 'party_kl' },
    ])('hostile or unknown filter values %j — 200, nothing matches', async (query) => {
      const res = await other.http.get('/api/search').query({ q: 'aktindsigt', ...query });
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(0);
    });

    test('not signed in — 401', async () => {
      expect((await t.anon.get('/api/search').query({ q: 'aktindsigt' })).status).toBe(401);
    });
  });

  describe('GET /search', () => {
    test('the page — sidebar with counts, result count, filter links that keep the whole search', async () => {
      const res = await t.http.get('/search').query({ q: 'aktindsigt', sort: 'date_desc' });
      expect(res.status).toBe(200);
      expect(res.text).toContain('data-total="3"');
      expect(res.text).toContain('data-facet="mediaType"');
      expect(res.text).toContain('href="/search?q=aktindsigt&amp;type=application%2Fpdf&amp;sort=date_desc"');
      expect(res.text).toContain('KL &lt;Kommunernes Landsforening&gt;');
      expect(res.text).not.toContain('KL <Kommunernes');
    });

    test('a word in a linked party\'s name only — the hit says it matches in the title or parties, with no page count', async () => {
      const res = await t.http.get('/search').query({ q: 'rekruttering' });
      expect(res.text).toContain('data-total="1"');
      expect(res.text).toContain('matches in the title or parties');
      expect(res.text).not.toMatch(/\b0 matching pages/);
      expect(res.text).not.toContain('class="on-pages"');
      const api = await t.http.get('/api/search').query({ q: 'rekruttering' });
      expect(api.body.hits.map((h: { documentId: string; matchingPages: number; pages: Array<{ number: number }> }) => [h.documentId, h.matchingPages, h.pages.map((p) => p.number)])).toEqual([[star, 0, [1]]]);
    });

    test('a word of the title — is marked in the hit\'s title, which stays escaped', async () => {
      const res = await t.http.get('/search').query({ q: 'minister ' });
      expect(res.text).toContain('data-total="1"');
      const title = /<a class="doc-title" href="[^"]+">(.*?)<\/a>/.exec(res.text)?.[1];
      expect(title).toContain('<mark>');
      expect(title?.replace(/<\/?mark>/g, '').toLowerCase()).toContain('minister');
      // A title holding markup is text, marked or not.
      const before = t.kilde.db.prepare('SELECT title FROM documents WHERE id = ?').pluck().get(minister) as string;
      await change(minister, "UPDATE documents SET title = '<b>Minister</b> & co' WHERE id = ?", minister);
      try {
        const again = await t.http.get('/search').query({ q: 'minister ' });
        expect(again.text).toContain('&lt;b&gt;<mark>Minister</mark>&lt;/b&gt; &amp; co');
        expect(again.text).not.toContain('<b>Minister');
      } finally {
        await change(minister, 'UPDATE documents SET title = ? WHERE id = ?', before, minister);
      }
    });

    test('a selected filter — is marked, and its link removes it', async () => {
      const res = await t.http.get('/search').query({ q: 'aktindsigt', recipient: 'party_kl' });
      expect(res.text).toContain('data-total="2"');
      expect(res.text).toMatch(/<li class="selected">\s*<a href="\/search\?q=aktindsigt" rel="nofollow" aria-current="true">/);
      expect(res.text).toContain('href="/search?q=aktindsigt"');
    });

    test('pagination — links to the other pages keep query and filters', async () => {
      const res = await t.http.get('/search').query({ q: 'budgetoverslag', type: 'text/plain', perPage: '10' });
      expect(res.text).toContain('data-total="23"');
      expect(res.text).toContain('href="/search?q=budgetoverslag&amp;type=text%2Fplain&amp;perPage=10&amp;page=2"');
      expect(res.text).toContain('href="/search?q=budgetoverslag&amp;type=text%2Fplain&amp;perPage=10&amp;page=3"');
      const last = await t.http.get('/search').query({ q: 'budgetoverslag', type: 'text/plain', perPage: '10', page: '3' });
      expect((last.text.match(/class="hit"/g) ?? []).length).toBe(3);
    });

    test('hostile filter values — are escaped in the page', async () => {
      const res = await t.http.get('/search').query({ q: 'aktindsigt', party: '"><script>alert(1)</script>' });
      expect(res.status).toBe(200);
      expect(res.text).not.toContain('<script>alert(1)</script>');
    });

    test('a restricted document — leaves no trace on the page of a researcher not named on it', async () => {
      const res = await other.http.get('/search').query({ q: 'holland' });
      expect(res.text).toContain('data-total="2"');
      expect(res.text).not.toMatch(/Kildens|fortrolige|Hemmelig/);
    });
  });

  describe('health and reindex', () => {
    test('GET /api/health — public — reports the engine and the backlog', async () => {
      const res = await t.anon.get('/api/health');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ ok: true, search: { engine: 'embedded', ok: true, outboxBacklog: 0, reindexing: false } });
      expect(res.body.search.documents).toBe(26);
    });

    test('POST /api/admin/reindex — not an admin — 403', async () => {
      expect((await other.http.post('/api/admin/reindex')).status).toBe(403);
      expect((await t.as('journalist').http.post('/api/admin/reindex')).status).toBe(403);
      expect((await t.as('editor').http.get('/api/admin/reindex')).status).toBe(403);
      expect((await other.http.get('/admin/search')).status).toBe(403);
    });

    test('POST /api/admin/reindex — an admin — rebuilds in the background; search answers the same after; audited', async () => {
      const before = (await t.http.get('/api/search').query({ q: 'aktindsigt' })).body;
      const res = await t.http.post('/api/admin/reindex');
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ running: true, engine: 'embedded' });
      await t.kilde.reindexer.settled();
      const status = await t.http.get('/api/admin/reindex');
      expect(status.body).toMatchObject({ running: false, last: { documents: 26, error: null } });
      const after = (await t.http.get('/api/search').query({ q: 'aktindsigt' })).body;
      expect(after.total).toBe(before.total);
      expect(after.facets).toEqual(before.facets);
      const audit = t.kilde.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'reindex' AND entity_type = 'search_index'").pluck().get();
      expect(audit).toBe(1);
    });

    test('POST /api/admin/reindex — while another reindex runs (the command line, another process) — 409', async () => {
      const now = new Date().toISOString();
      t.kilde.db.prepare("INSERT INTO search_reindex (id, engine, started_at, heartbeat_at, done, total) VALUES (1, 'embedded', ?, ?, 3, 26)").run(now, now);
      try {
        const res = await t.http.post('/api/admin/reindex');
        expect(res.status).toBe(409);
        expect(res.body.error.code).toBe('conflict');
        expect((await t.http.get('/api/admin/reindex')).body).toMatchObject({ running: true, done: 3, total: 26 });
        expect((await t.anon.get('/api/health')).body.search.reindexing).toBe(true);
      } finally {
        t.kilde.db.prepare('DELETE FROM search_reindex').run();
      }
    });

    test('a reindex whose process died — no longer blocks the next one', async () => {
      const old = new Date(Date.now() - 3_600_000).toISOString();
      t.kilde.db.prepare("INSERT INTO search_reindex (id, engine, started_at, heartbeat_at) VALUES (1, 'embedded', ?, ?)").run(old, old);
      expect((await t.http.post('/api/admin/reindex')).status).toBe(202);
      await t.kilde.reindexer.settled();
      expect((await t.http.get('/api/admin/reindex')).body.running).toBe(false);
    });

    test('the admin page — shows the engine and starts a rebuild', async () => {
      const page = await t.http.get('/admin/search');
      expect(page.status).toBe(200);
      expect(page.text).toContain('data-engine="embedded"');
      // Named for people, in the page's language.
      expect((await t.http.get('/admin/search?lang=da')).text).toContain('data-engine="embedded">Indbygget (SQLite FTS5, i Kildes egen database)</dd>');
      expect((await t.http.get('/admin/search?lang=en')).text).toContain('data-engine="embedded">Built in (SQLite FTS5, in Kilde&#39;s own database)</dd>');
      const post = await t.http.post('/admin/search/reindex');
      expect(post.status).toBe(303);
      expect(post.headers.location).toBe('/admin/search');
      await t.kilde.reindexer.settled();
    });

    test('a change during a rebuild — is queued again and reaches the new index', async () => {
      const now = new Date().toISOString();
      const run = t.kilde.reindexer.run(() => {
        // Between batches: a link is added and applied to the old index by the outbox.
        t.kilde.db.prepare("INSERT OR IGNORE INTO document_parties (document_id, party_id, role, created_at) VALUES (?, 'party_star', 'subject', ?)").run(minister, now);
        t.kilde.db.prepare("INSERT INTO search_outbox (document_id, op, next_attempt_at, created_at) VALUES (?, 'upsert', ?, ?)").run(minister, now, now);
        void t.kilde.indexer.drain();
      });
      const result = await run;
      expect(result.requeued).toBeGreaterThanOrEqual(1);
      await t.kilde.indexer.drain();
      const res = await t.http.get('/api/search').query({ q: 'redegørelse', subject: 'party_star' });
      expect(res.body.total).toBe(1);
    });

    test('npm run reindex — rebuilds from the database with progress; a second one at once is refused', async () => {
      const lines: string[] = [];
      const env = { KILDE_DATA_DIR: t.config.dataDir, KILDE_UPLOADS_DIR: t.config.uploadsDir, KILDE_LOG_LEVEL: 'silent' };
      expect(await runReindex(env, (l) => lines.push(l))).toBe(0);
      expect(lines[0]).toMatch(/rebuilding the embedded search index/);
      expect(lines.some((l) => /26\/26 documents \(100%\)/.test(l))).toBe(true);
      expect(lines.at(-1)).toMatch(/done — 26 documents, 27 pages/);
      expect((await t.http.get('/api/search').query({ q: 'aktindsigt' })).body.total).toBe(3);
      expect(await runReindex({ ...env, MEILI_URL: 'not a url' }, (l) => lines.push(l))).toBe(2);
    });
  });
});
