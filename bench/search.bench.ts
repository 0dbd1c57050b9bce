/**
 * Search benchmark of the embedded engine (prints figures; not a test):
 *   npm run bench:search                      # 100,000 pages
 *   BENCH_PAGES=20000 npm run bench:search    # quicker
 *
 * Builds a Kilde database in a temp directory with ≥100k pages of real Danish text (bench/corpus-da.ts),
 * indexes it into the embedded engine with a rebuild (the way `npm run reindex` does) and with
 * one-by-one upserts (the way uploads arrive), then times searches as the search page runs them
 * (as a researcher, with facets): single words, two words, phrases, typo'd words, filtered
 * queries. Queries are typed as people type them — no trailing space — so the last word is also a
 * prefix, as in Meilisearch. Prints p50/p95/p99 and the database size on disk.
 *
 * In the same run, for the overhead of Kilde over SQLite itself: the same queries on a plain FTS5
 * page table (the folded text, with content, so it can build snippets) ranked by bm25 with
 * snippet() and LIMIT 20 — the cheapest useful answer FTS5 gives, page-level and without typos or
 * facets — and the same searches over HTTP (GET /api/search, as a script or the page's data
 * would), with the ratios of their p95 to the raw one. Over HTTP twice: with fetch in this process
 * (the client's own request building and JSON parsing counted in), and from a child process on one
 * keep-alive connection (bench/search-client.ts), where the CPU figure is the server's alone; the
 * latter and raw FTS5 take turns on the same two-word queries, so the headline ratio is taken
 * under one machine load. In the same turns, for scale, a bare Node http server that answers each
 * query with the bytes Kilde answered it with: what HTTP alone costs on the machine. The child is
 * one process for all turns, warmed with 2,000 untimed requests first: a fresh one times its own
 * start-up, not the server (bench/search-client.ts).
 * Compare ratios within one run: the machine is shared, and absolute figures move with its load.
 *
 *   BENCH_PAGES=1000000 npm run bench:search  # the 1M-page run (streams the corpus; ~6 GB of disk)
 */
import fs from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { foldDanish } from '../search/text/danish';
import { FACETS, type IndexedDocument, type SearchEngine, type SearchRequest } from '../search/engine';
import { createFts5Engine } from '../search/fts5/fts5.engine';
import { loadConfig } from '../server/lib/config';
import { openDatabase, type Db } from '../server/db/connection';
import { createKilde } from '../server/kilde';
import { silentLogger } from '../server/lib/logger';
import { parseQuery } from '../search/query/parse';
import { toFtsMatch } from '../search/fts5/fts5.query';
import { startSearchClient } from './search-client';
import { BENCH_PARTIES, defaultCorpusDir, generateCorpus, loadSentences, seededRandom, type CorpusDocument } from './corpus-da';

const PAGES = Number(process.env.BENCH_PAGES ?? 100_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);
/** Turns of the HTTP ÷ raw FTS5 comparison (see main). */
const TURNS = 4;
/** Untimed requests that warm the HTTP client's child before the comparison (bench/search-client.ts). */
const CLIENT_WARMUP = 2_000;
const UPSERT_PAGES = Math.min(5_000, Math.floor(PAGES / 20));
const VIEWER = { userId: 'user_bench', role: 'researcher' };

function stopWords(): Set<string> {
  const file = path.join(defaultCorpusDir(), 'stopwords-iso-da.txt');
  const words = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n') : [];
  return new Set(words.map((w) => foldDanish(w.trim())).filter(Boolean));
}

export function toIndexed(d: CorpusDocument): IndexedDocument {
  return {
    id: d.id,
    title: d.title,
    filename: `${d.id}.pdf`,
    mediaType: d.mediaType,
    language: d.language,
    documentDate: d.documentDate,
    createdAt: '2024-01-01T00:00:00.000Z',
    accessLevel: 'newsroom',
    embargoUntil: null,
    allowedUserIds: [],
    parties: d.partyIds.map((id, i) => ({ id, role: i === 0 ? 'sender' : 'recipient', names: [`Myndighed ${id.slice(-2)}`] })),
    eventIds: [],
    storyIds: [],
    requestIds: [],
    pages: d.pages.map((p) => ({ number: p.number, text: p.text, method: d.method })),
  };
}

/** Stores the corpus as Kilde stores documents (documents + pages), so the file size is real. */
export function store(db: Db, docs: Iterable<CorpusDocument>): void {
  const doc = db.prepare(
    `INSERT INTO documents (id, sha256, filename, media_type, size, title, document_date, language, status, page_count, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'ready', ?, ?, ?)`,
  );
  const page = db.prepare('INSERT INTO pages (document_id, number, text, method) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    for (const d of docs) {
      const now = '2024-01-01T00:00:00.000Z';
      doc.run(d.id, d.id.padEnd(64, '0'), `${d.id}.pdf`, d.mediaType, 1000, d.title, d.documentDate, d.language, d.pages.length, now, now);
      for (const p of d.pages) page.run(d.id, p.number, p.text, d.method);
    }
  })();
}

interface QuerySets {
  single: string[];
  twoWords: string[];
  twoWordsSpace: string[];
  phrase: string[];
  typo: string[];
  filtered: Array<{ query: string; filters: SearchRequest['filters'] }>;
}

/** Deterministic queries drawn from the corpus itself: content words people would search for. */
/**
 * Queries drawn from the corpus itself, deterministic. `isTopical` (when given) keeps only words on
 * at most 5% of pages — names, places, subjects, the words people search an archive for — and
 * leaves out words like "synes", "give" or "faktisk" that the stop-word list misses but that are on
 * a third of the parliamentary pages.
 */
export function buildQueries(docs: CorpusDocument[], n: number, isTopical?: (word: string) => boolean): QuerySets {
  const random = seededRandom(7);
  const stop = stopWords();
  const pages = docs.flatMap((d) => d.pages.map((p) => p.text));
  const sentence = () => {
    const text = pages[Math.floor(random() * pages.length)] as string;
    const parts = text.split(/(?<=[.!?])\s+/);
    return parts[Math.floor(random() * parts.length)] as string;
  };
  const words = (s: string) =>
    s.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 4 && !/^\d+$/.test(w) && !stop.has(foldDanish(w)) && (!isTopical || isTopical(foldDanish(w))));
  const sets: QuerySets = { single: [], twoWords: [], twoWordsSpace: [], phrase: [], typo: [], filtered: [] };
  let guard = 0;
  while ((sets.single.length < n || sets.twoWords.length < n || sets.phrase.length < n || sets.typo.length < n) && guard++ < n * 200) {
    const s = sentence();
    const ws = words(s);
    if (ws.length === 0) continue;
    const a = ws[Math.floor(random() * ws.length)] as string;
    if (sets.single.length < n) sets.single.push(a.toLowerCase());
    if (ws.length >= 2 && sets.twoWords.length < n) {
      const b = ws.find((w) => w !== a) as string;
      sets.twoWords.push(`${a} ${b}`.toLowerCase());
      sets.twoWordsSpace.push(`${a} ${b} `.toLowerCase());
    }
    const all = s.split(/\s+/).map((w) => w.replace(/[^\p{L}\p{N}-]/gu, '')).filter(Boolean);
    if (all.length >= 3 && sets.phrase.length < n) {
      const at = Math.floor(random() * (all.length - 2));
      sets.phrase.push(`"${all.slice(at, at + (random() < 0.5 ? 2 : 3)).join(' ')}"`);
    }
    const long = ws.filter((w) => [...w].length >= 6);
    if (long.length > 0 && sets.typo.length < n) {
      const w = [...(long[Math.floor(random() * long.length)] as string).toLowerCase()];
      const at = 1 + Math.floor(random() * (w.length - 2));
      const kind = Math.floor(random() * 3);
      if (kind === 0) w.splice(at, 1); // a letter missing
      else if (kind === 1) [w[at], w[at + 1]] = [w[at + 1] as string, w[at] as string]; // two letters swapped
      else w[at] = w[at] === 'e' ? 'a' : 'e'; // a wrong letter
      sets.typo.push(`${w.join('')} `);
    }
  }
  for (let i = 0; i < n; i++) {
    const year = 2015 + Math.floor(random() * 8);
    sets.filtered.push({
      query: sets.single[i % sets.single.length] as string,
      filters: i % 3 === 0
        ? { mediaType: ['application/pdf'], dateFrom: `${year}`, dateTo: `${year + 2}` }
        : i % 3 === 1
          ? { partyIds: [BENCH_PARTIES[i % BENCH_PARTIES.length] as string] }
          : { language: ['da'], method: ['text'], partyRoles: [{ role: 'sender', partyId: BENCH_PARTIES[(i * 7) % BENCH_PARTIES.length] as string }] },
    });
  }
  return sets;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

/**
 * Wall-clock latency, and the CPU time of this process per search beside it: the machine is
 * shared, and a search is synchronous work on one core, so when other work competes for the two
 * cores the CPU time is the closer estimate of what the search costs on a quiet machine.
 */
async function time(engine: SearchEngine, label: string, requests: SearchRequest[]): Promise<Figures> {
  return timeRuns(label, requests, (r) => engine.search(r));
}

interface Figures {
  p50: number;
  p95: number;
  p99: number;
  /** CPU time of this process per search, p95: steadier than wall-clock on a shared machine. */
  cpu95: number;
}

async function timeRuns<R>(label: string, requests: R[], search: (r: R) => Promise<{ total: number }> | { total: number }, warmup?: number): Promise<Figures> {
  const s = await measure(requests, search, warmup);
  return report(label, s.ms, s.cpu, s.hits, s.totals);
}

/** Latency and CPU time of each search (ms), after `warmup` untimed ones (the first requests, again). */
interface Samples {
  ms: number[];
  cpu: number[];
  hits: number;
  totals: number;
}

async function measure<R>(requests: R[], search: (r: R) => Promise<{ total: number }> | { total: number }, warmup = 10): Promise<Samples> {
  for (const r of requests.slice(0, warmup)) await search(r);
  const s: Samples = { ms: [], cpu: [], hits: 0, totals: 0 };
  for (const r of requests) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const res = await search(r);
    s.ms.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    s.cpu.push((c.user + c.system) / 1000);
    if (res.total > 0) s.hits++;
    s.totals += res.total;
  }
  return s;
}

function add(into: Samples, more: Samples): void {
  into.ms.push(...more.ms);
  into.cpu.push(...more.cpu);
  into.hits += more.hits;
  into.totals += more.totals;
}

function report(label: string, ms: number[], cpu: number[], hits: number, totals: number): Figures {
  ms.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const f = (x: number) => x.toFixed(1).padStart(6);
  console.log(
    `${label.padEnd(40)} n=${String(ms.length).padEnd(4)} p50 ${f(percentile(ms, 50))}  p95 ${f(percentile(ms, 95))}  p99 ${f(percentile(ms, 99))} ms` +
      `   cpu p50 ${f(percentile(cpu, 50))}  p95 ${f(percentile(cpu, 95))} ms   (${Math.round((hits / ms.length) * 100)}% with hits, mean ${Math.round(totals / ms.length)} docs)`,
  );
  return { p50: percentile(ms, 50), p95: percentile(ms, 95), p99: percentile(ms, 99), cpu95: percentile(cpu, 95) };
}

/**
 * CPU time this process spends on each request `server` answers, from the request's arrival to its
 * answer handed to the socket (ms, in order of arrival). With one request in flight at a time, all
 * of the process's CPU time in that span is that request's.
 */
export function serverCpu(server: Server): { stop(skip?: number): number[] } {
  const ms: number[] = [];
  const onRequest = (_req: IncomingMessage, res: ServerResponse) => {
    const c0 = process.cpuUsage();
    res.once('finish', () => {
      const c = process.cpuUsage(c0);
      ms.push((c.user + c.system) / 1000);
    });
  };
  // First among the listeners: the app's own listener runs the request as far as it goes synchronously.
  server.prependListener('request', onRequest);
  return {
    stop(skip = 0) {
      server.off('request', onRequest);
      return ms.slice(skip);
    },
  };
}

function fileSize(file: string): number {
  return fs.existsSync(file) ? fs.statSync(file).size : 0;
}

/** Pages of the corpus kept in memory for drawing queries (the whole corpus up to 100k pages). */
const QUERY_SAMPLE_PAGES = 100_000;

async function main(): Promise<void> {
  const started = performance.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kilde-bench-search-'));
  // What the HTTP comparison opens (servers, the client's child, Kilde), closed in reverse order
  // when it is done, or on the way out when something failed: left open, they would keep the
  // process running.
  const opened: Array<() => unknown> = [];
  const closeAll = async () => {
    for (const close of opened.splice(0).reverse()) await close();
  };
  try {
    console.log(`Kilde search benchmark — embedded engine (SQLite FTS5), ${PAGES.toLocaleString('en')} pages, ${os.cpus().length} cores, Node ${process.version}`);
    const sentences = loadSentences();
    // The corpus is streamed (1M pages hold ~1.5 GB of text): generated again, identically, for
    // each pass; the first 100k pages stay in memory to draw queries from.
    const corpus = () => generateCorpus({ pages: PAGES, sentences, seed: 1 });
    const sample: CorpusDocument[] = [];
    let samplePagesKept = 0;
    let documents = 0;
    let words = 0;
    let chars = 0;
    const db = openDatabase(dir);
    let t0 = performance.now();
    let batch: CorpusDocument[] = [];
    for (const d of corpus()) {
      documents++;
      for (const p of d.pages) {
        words += p.text.split(' ').length;
        chars += p.text.length;
      }
      if (samplePagesKept < QUERY_SAMPLE_PAGES) {
        sample.push(d);
        samplePagesKept += d.pages.length;
      }
      batch.push(d);
      if (batch.length >= 1000) {
        store(db, batch);
        batch = [];
      }
    }
    store(db, batch);
    batch = [];
    console.log(`corpus: ${documents.toLocaleString('en')} documents, ${PAGES.toLocaleString('en')} pages, ${(words / 1e6).toFixed(1)}M words, ${(chars / 1e6).toFixed(0)} MB of text, from ${sentences.length.toLocaleString('en')} sentences (seed 1); stored in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

    const pageText = db.prepare<[string, string], { number: number; text: string }>('SELECT number, text FROM pages WHERE document_id = ? AND number IN (SELECT value FROM json_each(?))');
    const pageTexts = (id: string, numbers: number[]) => new Map(pageText.all(id, JSON.stringify(numbers)).map((p) => [p.number, p.text]));
    const engine = createFts5Engine({ db, pageTexts });
    await engine.init();

    // Indexing 1: a rebuild of everything (npm run reindex, first start on a full database).
    t0 = performance.now();
    const progress = await engine.rebuild({ total: documents, documents: function* () { for (const d of corpus()) yield toIndexed(d); } });
    const rebuildS = (performance.now() - t0) / 1000;
    console.log(`indexing (rebuild, batches of ~2,000 pages): ${progress.pages.toLocaleString('en')} pages in ${rebuildS.toFixed(1)} s = ${Math.round(progress.pages / rebuildS).toLocaleString('en')} pages/s`);

    // Indexing 2: documents one by one, as uploads arrive through the outbox (each its own transaction).
    const upserts: IndexedDocument[] = [];
    let upsertPages = 0;
    for (const d of sample) {
      if (upsertPages >= UPSERT_PAGES) break;
      upserts.push(toIndexed(d));
      upsertPages += d.pages.length;
    }
    t0 = performance.now();
    for (const d of upserts) await engine.upsertDocument(d);
    const upsertS = (performance.now() - t0) / 1000;
    console.log(`indexing (one document per transaction, re-indexing ${upserts.length} documents): ${upsertPages.toLocaleString('en')} pages in ${upsertS.toFixed(1)} s = ${Math.round(upsertPages / upsertS).toLocaleString('en')} pages/s`);

    // The indexer merges the segments one-document writes leave, in short steps while idle
    // (engine.compact); searches below run on the index as it stands after that.
    const segments = () => db.prepare('SELECT COUNT(DISTINCT segid) FROM search_fts_idx').pluck().get() as number;
    const spread = segments();
    t0 = performance.now();
    let steps = 0;
    let longest = 0;
    for (;;) {
      const s0 = performance.now();
      const more = await engine.compact?.();
      longest = Math.max(longest, performance.now() - s0);
      if (!more) break;
      steps++;
    }
    console.log(`idle upkeep: ${spread} index segments merged to ${segments()} in ${steps} steps, ${((performance.now() - t0) / 1000).toFixed(1)} s (longest step ${longest.toFixed(0)} ms)`);

    db.pragma('wal_checkpoint(TRUNCATE)');
    const file = path.join(dir, 'kilde.sqlite');
    const total = fileSize(file) + fileSize(`${file}-wal`);
    let indexBytes: number | null = null;
    try {
      indexBytes = db.prepare("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'search_%'").pluck().get() as number;
    } catch {
      indexBytes = null; // dbstat is not compiled in
    }
    console.log(`database on disk: ${(total / 1024 ** 2).toFixed(0)} MB (pages and documents + search index${indexBytes ? `; search tables ${(indexBytes / 1024 ** 2).toFixed(0)} MB` : ''})`);

    const q = buildQueries(sample, QUERIES);
    db.exec("CREATE VIRTUAL TABLE temp.bench_vocab USING fts5vocab(main, search_fts, 'row')");
    const df = db.prepare<[string], number>('SELECT doc FROM temp.bench_vocab WHERE term = ?').pluck();
    const topical = buildQueries(sample, QUERIES, (w) => ((df.get(w) as number | undefined) ?? 0) <= PAGES * 0.05);
    const as = (query: string, more: Partial<SearchRequest> = {}): SearchRequest => ({ query, viewer: VIEWER, now: new Date(), facets: FACETS, ...more });
    console.log(`searches as the search page runs them (researcher, 20 per page, 3 best pages with snippets, all facets), ${QUERIES} queries each:`);
    const single = await time(engine, 'single word', q.single.map((s) => as(s)));
    const two = await time(engine, 'two words', q.twoWords.map((s) => as(s)));
    await time(engine, 'two topical words (each on <=5% of pages)', topical.twoWords.map((s) => as(s)));
    await time(engine, 'single topical word', topical.single.map((s) => as(s)));
    await time(engine, 'two words, last not a prefix', q.twoWordsSpace.map((s) => as(s)));
    await time(engine, 'two words, no facets', q.twoWords.map((s) => as(s, { facets: [] })));
    const phrase = await time(engine, 'phrase', q.phrase.map((s) => as(s)));
    await time(engine, "typo'd word", q.typo.map((s) => as(s)));
    await time(engine, 'filtered (type+date, party, role)', q.filtered.map((f) => as(f.query, { filters: f.filters })));
    await time(engine, 'two words, sorted by date', q.twoWords.map((s) => as(s, { sort: 'date_desc' })));

    // Raw FTS5 on the same queries: page-level, bm25, snippet(), LIMIT 20 (built here, after the
    // size above was taken: it is the benchmark's, not Kilde's).
    t0 = performance.now();
    db.function('bench_fold', { deterministic: true }, (text: unknown) => foldDanish(String(text)));
    db.exec("CREATE VIRTUAL TABLE bench_raw USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')");
    db.exec('INSERT INTO bench_raw (body) SELECT bench_fold(text) FROM pages');
    db.exec("INSERT INTO bench_raw (bench_raw) VALUES ('optimize')");
    console.log(`raw FTS5 table for comparison built in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    const raw = db.prepare("SELECT rowid, snippet(bench_raw, 0, '<mark>', '</mark>', '…', 16) AS s FROM bench_raw WHERE bench_raw MATCH ? ORDER BY bm25(bench_raw) LIMIT 20");
    const rawSearch = (query: string) => {
      const match = toFtsMatch(parseQuery(query));
      return { total: match ? raw.all(match).length : 0 };
    };
    // The same two-word queries over HTTP, through the whole app (sign-in by token, validation,
    // access, labels, JSON), on a second connection to the same file, as `kilde serve` runs.
    const kilde = createKilde(loadConfig({ KILDE_DATA_DIR: dir, KILDE_UPLOADS_DIR: path.join(dir, 'uploads'), KILDE_LOG_LEVEL: 'silent', KILDE_BCRYPT_COST: '4' }), { logger: silentLogger });
    const user = kilde.auth.createUser(null, { username: 'bench', role: 'researcher', password: 'bench bench bench' });
    const { token } = kilde.auth.createToken(kilde.auth.toViewer(user), 'bench');
    opened.push(() => kilde.stop());
    const server = kilde.app.listen(0, '127.0.0.1');
    opened.push(() => server.close());
    await new Promise((resolve) => server.once('listening', resolve));
    const port = (server.address() as { port: number }).port;
    const overHttp = async (query: string) => {
      const res = await fetch(`http://127.0.0.1:${port}/api/search?q=${encodeURIComponent(query)}`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`GET /api/search answered ${res.status}`);
      return (await res.json()) as { total: number };
    };
    // One untimed pass first: the app's own connection starts cold, and whichever of the two
    // figures below ran first would pay for warming it.
    const httpPaths = q.twoWords.map((s) => `/api/search?q=${encodeURIComponent(s)}`);
    const client = startSearchClient();
    opened.push(() => client.close());
    await client.run({ port, token, paths: httpPaths, warmup: 0 });
    // Every query once untimed first: fetch's own code warms up like the child's client (below).
    const http = await timeRuns('two words over HTTP, fetch in process', q.twoWords, overHttp, q.twoWords.length);
    // The same requests from a child process on one keep-alive connection: its latency (wall) is
    // what a client sees without this process's fetch and JSON parsing in it; the CPU figure is
    // this process's CPU per request, the server's work alone. This is the overhead's headline
    // ratio, so raw FTS5 answers the same queries in turns with it, a quarter of them at a time:
    // the machine's speed drifts over a run, and figures taken a minute apart carry that drift.
    // And what HTTP itself costs on this machine, for scale: a bare Node http server answering each
    // request with the bytes Kilde answered the same query with (no routing, no work), same client.
    const answers = new Map<string, string>();
    for (const s of q.twoWords) {
      const res = await fetch(`http://127.0.0.1:${port}/api/search?q=${encodeURIComponent(s)}`, { headers: { authorization: `Bearer ${token}` } });
      answers.set(`/api/search?q=${encodeURIComponent(s)}`, await res.text());
    }
    const bare = createServer((req, res) => {
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(answers.get(req.url ?? '') ?? '{"total":0}');
    });
    bare.listen(0, '127.0.0.1');
    opened.push(() => bare.close());
    await new Promise((resolve) => bare.once('listening', resolve));
    const barePort = (bare.address() as { port: number }).port;
    // The child's own HTTP client warms up before anything is timed (bench/search-client.ts says
    // why), on the bare server: the same requests and answers, and no work to wait for there.
    await client.run({ port: barePort, token, paths: httpPaths, warmup: CLIENT_WARMUP });
    const child: Samples = { ms: [], cpu: [], hits: 0, totals: 0 };
    const rawTurns: Samples = { ms: [], cpu: [], hits: 0, totals: 0 };
    const bareTurns: Samples = { ms: [], cpu: [], hits: 0, totals: 0 };
    for (let turn = 0; turn < TURNS; turn++) {
      const queries = q.twoWords.filter((_, i) => i % TURNS === turn);
      const paths = queries.map((s) => `/api/search?q=${encodeURIComponent(s)}`);
      const cpu = serverCpu(server);
      const got = await client.run({ port, token, paths, warmup: 5 });
      add(child, { ...got, cpu: cpu.stop(5) });
      add(rawTurns, await measure(queries, rawSearch, 5));
      const bareCpu = serverCpu(bare);
      add(bareTurns, { ...(await client.run({ port: barePort, token, paths, warmup: 5 })), cpu: bareCpu.stop(5) });
    }
    await closeAll();
    const httpChild = report('two words over HTTP, client in a child', child.ms, child.cpu, child.hits, child.totals);
    const rawTwo = report('raw FTS5: two words (bm25, snippet, 20)', rawTurns.ms, rawTurns.cpu, rawTurns.hits, rawTurns.totals);
    const bareHttp = report('bare Node http, same answers, same client', bareTurns.ms, bareTurns.cpu, bareTurns.hits, bareTurns.totals);

    const rawSingle = await timeRuns('raw FTS5: single word', q.single, rawSearch);
    const rawPhrase = await timeRuns('raw FTS5: phrase', q.phrase, rawSearch);
    const ratio = (a: Figures, b: Figures) => `${(a.p95 / b.p95).toFixed(2)}× (cpu ${(a.cpu95 / b.cpu95).toFixed(2)}×)`;
    console.log(`overhead over raw FTS5 (p95 ÷ p95, same run): two words ${ratio(two, rawTwo)} in process, ${ratio(http, rawTwo)} over HTTP with fetch in this process, ${ratio(httpChild, rawTwo)} over HTTP from a child process (cpu: the server's alone); single word ${ratio(single, rawSingle)}; phrase ${ratio(phrase, rawPhrase)}`);
    console.log(`HTTP alone on this machine (a bare Node server sending Kilde's answers, no work): p95 ${bareHttp.p95.toFixed(1)} ms = ${(bareHttp.p95 / rawTwo.p95).toFixed(2)}× raw FTS5's p95; Kilde over HTTP ${(httpChild.p95 / bareHttp.p95).toFixed(2)}× that server's p95`);

    console.log(`examples: two words ${JSON.stringify(q.twoWords.slice(0, 3))}, topical ${JSON.stringify(topical.twoWords.slice(0, 3))}, phrases ${JSON.stringify(q.phrase.slice(0, 2))}, typos ${JSON.stringify(q.typo.slice(0, 3))}`);
    console.log(`load average during the run: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} (2 cores; other work on the machine inflates wall-clock figures)`);
    console.log(`total time ${((performance.now() - started) / 1000).toFixed(0)} s`);
    db.close();
  } finally {
    await closeAll();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
