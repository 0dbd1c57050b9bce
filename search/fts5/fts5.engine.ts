import type { Db } from '../../server/db/connection';
import { AppError } from '../../server/errors';
import type {
  EngineHealth, IndexedDocument, RebuildProgress, RebuildSource, SearchEngine, SearchHit, SearchRequest, SearchResult,
} from '../engine';
import { parseQuery } from '../query/parse';
import { createSnippets, emptyResult, paging, queryTerms } from '../results';
import { countFacets } from './fts5.facets';
import { buildFilterSql } from './fts5.filters';
import { compileMatches } from './fts5.match';
import { BUILD, docRowids, dropSql, LEGACY_DROP, LIVE, META_SQL, PAGE_BITS, pageOfRowid, SCHEMA_VERSION, schemaSql, swapSql } from './fts5.schema';
import { createTypoExpander } from './fts5.typos';
import { createTableWriter } from './fts5.writer';

/**
 * The embedded engine: SQLite FTS5 in Kilde's own database file, so `npm start` needs no server.
 *
 * One search runs synchronously (better-sqlite3). The FTS match is grouped per document straight
 * from the rowids (which encode document and page, fts5.schema.ts) into a temp table, filters and
 * the access rule apply per document, and the total, the shown documents and every facet count
 * read that small table. Then the shown documents' best pages are found in one more pass limited
 * to their rowid ranges, and snippets are built from the original text.
 *
 * Ranking follows Meilisearch's rules, in its order, as far as FTS5 can answer them cheaply — so
 * both engines order results alike — instead of bm25, whose per-page scoring was the largest cost
 * of a search at 100k pages (and which Meilisearch does not use either):
 *   1. words: every word must match (always);
 *   2. typo: documents matching without a typo first;
 *   3. exactness: then those matching the words as typed, not only as a prefix;
 *   4. attribute: then documents whose title holds the query;
 *   5. then more matching pages, then newer documents.
 * Meilisearch's proximity rule has no cheap FTS5 counterpart and is left out. Sorted by date, the
 * date decides and ties (same day) go by title match and matching pages.
 */
export interface Fts5Deps {
  db: Db;
  /** Reads original page texts for snippets (the FTS table is contentless). */
  pageTexts(documentId: string, numbers: number[]): Map<number, string>;
}

const REBUILD_BATCH_PAGES = 2000;
const PAGE_SHIFT = 2 ** PAGE_BITS;

const RELEVANCE = 'h.tier DESC, h.in_title DESC, h.n DESC, h.date_num DESC, h.doc_key DESC';
const ORDER: Record<string, string> = {
  relevance: RELEVANCE,
  date_desc: `h.date_num DESC, ${RELEVANCE}`,
  date_asc: `h.date_num ASC, ${RELEVANCE}`,
};

export function createFts5Engine({ db, pageTexts }: Fts5Deps): SearchEngine {
  ensureSchema(db);
  const typos = createTypoExpander(db);
  const live = createTableWriter(db, LIVE);
  let rebuilding = false;

  const upsert = db.transaction((doc: IndexedDocument) => {
    live.write(doc, { terms: true });
  });
  const remove = db.transaction((id: string) => live.remove(id));

  function search(req: SearchRequest): SearchResult {
    const started = performance.now();
    const { page, perPage, pagesPerDocument } = paging(req);
    const wanted = req.facets ?? [];
    const query = parseQuery(req.query);
    const terms = queryTerms(query);
    const matches = compileMatches(query, typos.expand(query));
    if (!matches) return emptyResult(page, perPage, terms, started, wanted);
    const filter = buildFilterSql(req.filters, req.viewer, req.now ?? new Date());
    const method = methodSql(req.filters?.method);
    const docOf = `(rowid / ${PAGE_SHIFT})`;

    db.prepare('DELETE FROM temp.kilde_hits').run();
    db.prepare(
      `INSERT INTO temp.kilde_hits (doc_key, n, ocr, tier, in_title, date_num, media_type, language, request_id)
       WITH g AS MATERIALIZED (
         SELECT ${docOf} AS doc_key, COUNT(*) AS n, SUM(rowid % 2) AS ocr
         FROM search_fts WHERE search_fts MATCH @match ${method} GROUP BY 1)
       SELECT g.doc_key, g.n, g.ocr, @tier, 0, d.date_num, d.media_type, d.language, d.request_id
       FROM g JOIN search_docs d ON d.doc_key = g.doc_key
       WHERE ${filter.sql}`,
    ).run({ match: matches.match, tier: matches.plain ? 0 : matches.words ? 1 : 2, ...filter.params });
    // Typo rule, then exactness: documents matching without typos, then matching the words as typed.
    // Sorted by date, these only break ties between documents of the same day and are left out:
    // each is another pass over the index.
    const byDate = req.sort === 'date_desc' || req.sort === 'date_asc';
    const raise = (tier: number, m: string) =>
      db.prepare(`UPDATE temp.kilde_hits SET tier = @tier WHERE tier < @tier AND doc_key IN (SELECT ${docOf} FROM search_fts WHERE search_fts MATCH @m ${method})`).run({ tier, m });
    const count = db.prepare('SELECT COUNT(*) FROM temp.kilde_hits WHERE tier >= ?').pluck();
    // Sorted by relevance, the shown page holds only the top tier when it has enough documents:
    // the lower tiers need not be told apart then (one pass over the index less).
    const settled = (tier: number) => (count.get(tier) as number) >= page * perPage;
    if (!byDate) {
      if (matches.words) raise(2, matches.words);
      if (matches.plain && !settled(2)) raise(1, matches.plain);
      if (!matches.words && matches.plain) db.prepare('UPDATE temp.kilde_hits SET tier = 2 WHERE tier = 1').run();
    }
    db.prepare('UPDATE temp.kilde_hits SET in_title = 1 WHERE doc_key IN (SELECT rowid FROM search_titles WHERE search_titles MATCH @m)').run({ m: matches.match });

    const total = db.prepare('SELECT COUNT(*) FROM temp.kilde_hits').pluck().get() as number;
    const rows = db
      .prepare(
        `WITH top AS MATERIALIZED (SELECT h.doc_key, h.n, ROW_NUMBER() OVER (ORDER BY ${ORDER[req.sort ?? 'relevance'] ?? ORDER.relevance}) AS ord
           FROM temp.kilde_hits h ORDER BY ord LIMIT ? OFFSET ?)
         SELECT top.doc_key, top.n, d.document_id, d.title, d.media_type, d.document_date
         FROM top JOIN search_docs d ON d.doc_key = top.doc_key ORDER BY top.ord`,
      )
      .all(perPage, (page - 1) * perPage) as Array<{
      doc_key: number; n: number; document_id: string; title: string; media_type: string; document_date: string | null;
    }>;
    const facets = countFacets(db, wanted);

    const best = bestPages(rows, [matches.words, matches.plain, matches.match], method, pagesPerDocument);
    const snippets = createSnippets(query);
    const hits = rows.map((r): SearchHit => {
      const numbers = best.get(r.doc_key) ?? [];
      return {
        documentId: r.document_id,
        title: r.title,
        mediaType: r.media_type,
        documentDate: r.document_date,
        matchingPages: r.n,
        pages: snippets.pages(numbers, pageTexts(r.document_id, numbers)),
      };
    });
    return { total, page, perPage, hits, facets, terms: [...terms, ...snippets.matched().filter((w) => !terms.includes(w))], tookMs: performance.now() - started };
  }

  /**
   * The shown documents' best pages: the pages matching the words as typed, else with prefixes,
   * else through typos; in page order. One pass over the index per level for all shown
   * documents together: seeking each document's rowid range separately costs about a millisecond
   * per common word per document, more than one pass for all of them.
   */
  function bestPages(docs: Array<{ doc_key: number; n: number }>, levels: Array<string | null>, method: string, limit: number): Map<number, number[]> {
    const found = new Map<number, number[]>(docs.map((d) => [d.doc_key, []]));
    for (const m of levels) {
      if (!m) continue;
      // A lower level only for documents the levels above found no page in.
      const open = docs.filter((d) => (found.get(d.doc_key) as number[]).length === 0);
      if (open.length === 0) break;
      const ranges = open.map((d) => docRowids(d.doc_key));
      const rowids = db
        .prepare(
          `SELECT rowid FROM search_fts WHERE search_fts MATCH @m AND rowid BETWEEN @lo AND @hi ${method}
             AND (rowid / ${PAGE_SHIFT}) IN (SELECT value FROM json_each(@keys))`,
        )
        .pluck()
        .all({ m, lo: Math.min(...ranges.map((r) => r.lo)), hi: Math.max(...ranges.map((r) => r.hi)), keys: JSON.stringify(open.map((d) => d.doc_key)) }) as number[];
      for (const rowid of rowids) {
        const pages = found.get(Math.floor(rowid / PAGE_SHIFT));
        const n = pageOfRowid(rowid);
        if (pages && pages.length < limit && !pages.includes(n)) pages.push(n);
      }
    }
    return found;
  }

  async function rebuild(source: RebuildSource, onProgress?: (p: RebuildProgress) => void): Promise<RebuildProgress> {
    if (rebuilding) throw new AppError('conflict', 'The search index is already being rebuilt.');
    rebuilding = true;
    try {
      const generation = String(Number(meta(db, 'generation') ?? '0') + 1);
      db.exec(dropSql(BUILD));
      db.exec(schemaSql(BUILD, generation));
      const writer = createTableWriter(db, BUILD);
      const progress: RebuildProgress = { done: 0, total: source.total, pages: 0 };
      let batch: IndexedDocument[] = [];
      let batchPages = 0;
      const flush = db.transaction((docs: IndexedDocument[]) => {
        for (const doc of docs) progress.pages += writer.write(doc, { terms: false });
      });
      const commit = async () => {
        flush(batch);
        progress.done += batch.length;
        batch = [];
        batchPages = 0;
        onProgress?.({ ...progress });
        // Let searches and uploads run between batches: they use the live tables meanwhile.
        await new Promise((resolve) => setImmediate(resolve));
      };
      for await (const doc of source.documents()) {
        batch.push(doc);
        batchPages += doc.pages.length;
        if (batchPages >= REBUILD_BATCH_PAGES) await commit();
      }
      await commit();

      // The vocabulary in one pass over the new index: far cheaper than word by word while writing.
      db.exec(`CREATE VIRTUAL TABLE temp.kilde_vocab_build USING fts5vocab(main, search_fts${BUILD}, 'row')`);
      try {
        db.exec(`INSERT OR IGNORE INTO search_terms${BUILD} (first, len, term) SELECT substr(term, 1, 1), length(term), term FROM temp.kilde_vocab_build`);
      } finally {
        db.exec('DROP TABLE temp.kilde_vocab_build');
      }
      // One segment per index: fewer b-trees for every later query to look into.
      db.exec(`INSERT INTO search_fts${BUILD} (search_fts${BUILD}) VALUES ('optimize')`);
      db.exec(`INSERT INTO search_titles${BUILD} (search_titles${BUILD}) VALUES ('optimize')`);
      db.transaction(() => {
        db.exec(dropSql(LIVE));
        db.exec(swapSql());
        setMeta(db, 'generation', generation);
      })();
      typos.forget();
      return progress;
    } catch (err) {
      db.exec(dropSql(BUILD));
      throw err;
    } finally {
      rebuilding = false;
    }
  }

  return {
    name: 'embedded',
    async init() {
      ensureSchema(db);
    },
    async upsertDocument(doc) {
      upsert(doc);
      typos.forget();
    },
    async removeDocument(id) {
      remove(id);
    },
    async search(req) {
      return search(req);
    },
    async clear() {
      db.transaction(() => {
        db.exec(dropSql(LIVE));
        db.exec(schemaSql(LIVE, meta(db, 'generation') ?? '0'));
      })();
      typos.forget();
    },
    rebuild,
    async health(): Promise<EngineHealth> {
      const documents = db.prepare('SELECT COUNT(*) FROM search_docs').pluck().get() as number;
      return { engine: 'embedded', ok: true, documents };
    },
  };
}

/** Creates the tables when missing, and starts over when they are from an older layout (derived data). */
/** The page-level method filter, as arithmetic on the rowid (its lowest bit is 1 for OCR). */
function methodSql(methods: string[] | undefined): string {
  const set = new Set(methods ?? []);
  if (set.has('text') === set.has('ocr')) return set.size === 0 || (set.has('text') && set.has('ocr')) ? '' : 'AND 0';
  return set.has('ocr') ? 'AND rowid % 2 = 1' : 'AND rowid % 2 = 0';
}

function ensureSchema(db: Db): void {
  db.exec(META_SQL);
  // Per-search scratch tables of this connection (searches run one at a time: better-sqlite3 is synchronous).
  db.exec('DROP TABLE IF EXISTS temp.kilde_hits');
  db.exec(`CREATE TEMP TABLE kilde_hits (
    doc_key INTEGER PRIMARY KEY, n INTEGER NOT NULL, ocr INTEGER NOT NULL, tier INTEGER NOT NULL,
    in_title INTEGER NOT NULL, date_num INTEGER NOT NULL, media_type TEXT NOT NULL, language TEXT, request_id TEXT)`);
  const version = meta(db, 'schema_version');
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_docs'").get() !== undefined;
  if (version === SCHEMA_VERSION && exists) return;
  db.transaction(() => {
    if (version !== SCHEMA_VERSION) db.exec(`${LEGACY_DROP}\n${dropSql(LIVE)}\n${dropSql(BUILD)}`);
    db.exec(schemaSql(LIVE, meta(db, 'generation') ?? '0'));
    setMeta(db, 'schema_version', SCHEMA_VERSION);
  })();
}

function meta(db: Db, key: string): string | null {
  return (db.prepare('SELECT value FROM search_meta WHERE key = ?').pluck().get(key) as string | undefined) ?? null;
}

function setMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO search_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

