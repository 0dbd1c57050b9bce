import type { Statement } from 'better-sqlite3';
import type { Db } from '../../server/db/connection';
import { AppError } from '../../server/errors';
import type {
  EngineHealth, IndexedDocument, RebuildProgress, RebuildSource, SearchEngine, SearchHit, SearchRequest, SearchResult,
} from '../engine';
import type { TermNode } from '../query/ast';
import type { Alternative } from '../query/fts5';
import { parseQuery } from '../query/parse';
import { createSnippets, emptyResult, paging, queryTerms } from '../results';
import { createFacetCounter } from './fts5.facets';
import { buildFilterSql } from './fts5.filters';
import { compileMatches, type MatchSet } from './fts5.match';
import { BUILD, dropSql, LEGACY_DROP, LIVE, META_SQL, PAGE_BITS, pageOfRowid, SCHEMA_VERSION, schemaSql, swapSql } from './fts5.schema';
import { createTypoExpander } from './fts5.typos';
import { createTableWriter } from './fts5.writer';

/**
 * The embedded engine: SQLite FTS5 in Kilde's own database file, so `npm start` needs no server.
 *
 * One search runs synchronously (better-sqlite3). The FTS match is reduced to documents straight
 * from the rowids (which encode document and page, fts5.schema.ts) into a temp table, filters and
 * the access rule apply per document, and the total, the shown documents and the facet counts
 * (fts5.facets.ts) read that small table. Then the shown documents' matching pages are found in one
 * more pass per level, and snippets are built from the original text.
 *
 * Ranking follows Meilisearch's rules, in its order, as far as FTS5 can answer them cheaply — so
 * both engines order results alike — instead of bm25, whose per-page scoring was the largest cost
 * of a search at 100k pages (and which Meilisearch does not use either):
 *   1. words: every word must match (always);
 *   2. typo: documents matching without a typo first;
 *   3. exactness: then those matching the words as typed, not only as a prefix;
 *   4. attribute: then documents whose title holds the query;
 *   5. then newer documents.
 * Meilisearch's proximity rule has no cheap FTS5 counterpart and is left out. Sorted by date, the
 * date decides and ties (same day) go by title match. Matching pages are counted for the shown
 * documents only: counting them for every match means sorting every matching page, which
 * doubled the cost of a search for a common word.
 */
export interface Fts5Deps {
  db: Db;
  /** Reads original page texts for snippets (the FTS table is contentless). */
  pageTexts(documentId: string, numbers: number[]): Map<number, string>;
}

const REBUILD_BATCH_PAGES = 2000;
/** Leaf pages one compact() step may write: a few milliseconds of work at a time. */
const COMPACT_STEP_PAGES = 64;
const PAGE_SHIFT = 2 ** PAGE_BITS;

const RELEVANCE = 'h.tier DESC, h.in_title DESC, h.date_num DESC, h.doc_key DESC';
const ORDER: Record<string, string> = {
  relevance: RELEVANCE,
  date_desc: `h.date_num DESC, ${RELEVANCE}`,
  date_asc: `h.date_num ASC, ${RELEVANCE}`,
};

/** A matching page's document and method as one integer: document key × 2 + 1 for OCR. */
const DOC_METHOD = `((rowid / ${PAGE_SHIFT}) * 2 + rowid % 2)`;
const DOC_OF = `(rowid / ${PAGE_SHIFT})`;

export function createFts5Engine({ db, pageTexts }: Fts5Deps): SearchEngine {
  ensureSchema(db);
  const typos = createTypoExpander(db);
  const live = createTableWriter(db, LIVE);
  let rebuilding = false;
  // Whether writes may have left segments to merge since compact() last found nothing to do. True
  // at start (an earlier process may have left some), so an idle server checks once, then rests.
  let unmerged = true;
  // Prepared once per SQL text: preparing a statement costs about as much as running a small one.
  // Statements on the live tables stay valid across a rebuild's swap (SQLite re-prepares them).
  const statements = new Map<string, Statement>();
  const sql = (text: string): Statement => {
    let st = statements.get(text);
    if (!st) {
      st = db.prepare(text);
      statements.set(text, st);
    }
    return st;
  };

  const facetCounter = createFacetCounter(db);
  const docKeyOf = db.prepare<[string], number>('SELECT doc_key FROM search_docs WHERE document_id = ?').pluck();
  const keyOf = (id: string): number | null => docKeyOf.get(id) ?? null;

  const upsert = db.transaction((doc: IndexedDocument) => {
    const before = keyOf(doc.id);
    live.write(doc, { terms: true });
    facetCounter.changed(before, keyOf(doc.id));
    unmerged = true;
  });
  const remove = db.transaction((id: string) => {
    facetCounter.changed(keyOf(id), null);
    live.remove(id);
    unmerged = true;
  });

  function search(req: SearchRequest): SearchResult {
    const started = performance.now();
    const { page, perPage, pagesPerDocument } = paging(req);
    const wanted = req.facets ?? [];
    const query = parseQuery(req.query);
    const terms = queryTerms(query);
    const alternatives = typos.expand(query);
    const matches = compileMatches(query, alternatives);
    if (!matches) return emptyResult(page, perPage, terms, started, wanted);
    const filter = buildFilterSql(req.filters, req.viewer, req.now ?? new Date());
    const method = methodSql(req.filters?.method);

    sql('DELETE FROM temp.kilde_hits').run();
    const byDate = req.sort === 'date_desc' || req.sort === 'date_asc';
    // The matching pages are kept when the shown documents' pages would otherwise need the same
    // match again: for a query of one level (a phrase; short words, no prefix), and when sorted by
    // date, as the first page then mixes in documents found only through typos. A second pass of a
    // phrase of common words or of a long typo union costs as much as the first.
    const capture = byDate || (!matches.words && !matches.plain);
    if (capture) {
      sql('DELETE FROM temp.kilde_pages').run();
      sql(`INSERT INTO temp.kilde_pages (rowid) SELECT rowid FROM search_fts WHERE search_fts MATCH @match ${method}`).run({ match: matches.match });
    }
    const matched = capture ? 'temp.kilde_pages' : `search_fts WHERE search_fts MATCH @match ${method}`;
    // The matching documents, each with the methods of its matching pages (bit 1 text, bit 2 OCR).
    // DISTINCT over (document, method) instead of GROUP BY document: SQLite sorts for a GROUP BY,
    // which cost three times the FTS5 scan itself for a common word; the distinct set is a hash-like
    // b-tree. A document with matching pages of both methods arrives twice and is merged.
    // MATERIALIZED and CROSS JOIN pin the plan: the match first, once. Left to itself, SQLite may
    // start from a filter's index on the documents and run the match again per document (seconds).
    //
    // Typo rule, then exactness: documents matching without typos, then matching the words as typed.
    // The top tier (the words as typed) is decided in the same statement, from the set of documents
    // with those words. Sorted by date, tiers only break ties between documents of the same day
    // and are left out: each is another pass over the index.
    const exact = !byDate && matches.words ? matches.words : null;
    const base = matches.plain ? 0 : matches.words ? 1 : 2;
    sql(
      `INSERT INTO temp.kilde_hits (doc_key, methods, tier, in_title, date_num)
       WITH g AS MATERIALIZED (SELECT DISTINCT ${DOC_METHOD} AS dm FROM ${matched})
       SELECT g.dm / 2, 1 << (g.dm % 2),
              ${exact ? `CASE WHEN g.dm / 2 IN (SELECT ${DOC_OF} FROM search_fts WHERE search_fts MATCH @exact ${method}) THEN 2 ELSE @tier END` : '@tier'},
              0, d.date_num
       FROM g CROSS JOIN search_docs d ON d.doc_key = g.dm / 2
       WHERE ${filter.sql}
       ON CONFLICT (doc_key) DO UPDATE SET methods = methods | excluded.methods`,
    ).run({ ...(capture ? {} : { match: matches.match }), ...(exact ? { exact } : {}), tier: base, ...filter.params });
    const raise = (tier: number, m: string) =>
      sql(`UPDATE temp.kilde_hits SET tier = @tier WHERE tier < @tier AND doc_key IN (SELECT ${DOC_OF} FROM search_fts WHERE search_fts MATCH @m ${method})`).run({ tier, m });
    // Sorted by relevance, the shown page holds only the top tier when it has enough documents:
    // the lower tiers need not be told apart then (one pass over the index less).
    const settled = (tier: number) => (sql('SELECT COUNT(*) FROM temp.kilde_hits WHERE tier >= ?').pluck().get(tier) as number) >= page * perPage;
    if (!byDate) {
      if (matches.plain && !settled(2)) raise(1, matches.plain);
      if (!matches.words && matches.plain) sql('UPDATE temp.kilde_hits SET tier = 2 WHERE tier = 1').run();
    }
    sql('UPDATE temp.kilde_hits SET in_title = 1 WHERE doc_key IN (SELECT rowid FROM search_titles WHERE search_titles MATCH @m)').run({ m: matches.match });

    const total = sql('SELECT COUNT(*) FROM temp.kilde_hits').pluck().get() as number;
    // The shown documents first (a top-N sort of the small table), then their details.
    const order = ORDER[req.sort ?? 'relevance'] ?? ORDER.relevance;
    const rows = sql(
      `WITH top AS MATERIALIZED (SELECT h.doc_key, h.tier, h.in_title, h.date_num FROM temp.kilde_hits h ORDER BY ${order} LIMIT ? OFFSET ?)
       SELECT h.doc_key, d.document_id, d.title, d.media_type, d.document_date
       FROM top h JOIN search_docs d ON d.doc_key = h.doc_key ORDER BY ${order}`,
    ).all(perPage, (page - 1) * perPage) as Array<{
      doc_key: number; document_id: string; title: string; media_type: string; document_date: string | null;
    }>;
    const facets = facetCounter.count(wanted);

    const shown = shownPages(rows.map((r) => r.doc_key), matches, method, pagesPerDocument, capture);
    const snippets = createSnippets(query, typoMatcher(alternatives));
    const hits = rows.map((r): SearchHit => {
      const found = shown.get(r.doc_key) ?? { count: 0, best: [] };
      return {
        documentId: r.document_id,
        title: r.title,
        mediaType: r.media_type,
        documentDate: r.document_date,
        matchingPages: found.count,
        pages: snippets.pages(found.best, pageTexts(r.document_id, found.best)),
      };
    });
    return { total, page, perPage, hits, facets, terms: [...terms, ...snippets.matched().filter((w) => !terms.includes(w))], tookMs: performance.now() - started };
  }

  /**
   * The shown documents' matching pages, from the strictest level each document matches at: the
   * words as typed, else with prefixes, else through typos. `count` is how many pages match at that
   * level ("3 pages with these words"; a document found only through a typo counts its typo
   * pages), `best` the first of them in page order. One pass over the index per level for all shown
   * documents together: FTS5 reads a term's doclist from its start even for a rowid range, so a
   * document's range costs milliseconds for a common word, more than one pass for all of them. The
   * typo level is the costliest pass (every alternative) and runs only for documents the stricter
   * levels found nothing in — or, when the search kept its matching pages (`captured`), reads
   * their ranges from temp.kilde_pages instead.
   */
  function shownPages(keys: number[], matches: MatchSet, method: string, limit: number, captured: boolean): Map<number, { count: number; best: number[] }> {
    const out = new Map<number, { count: number; best: number[] }>();
    let open = keys;
    for (const m of [matches.words, matches.plain, matches.match]) {
      if (!m || open.length === 0) continue;
      const rowids = (captured && m === matches.match
        ? sql(`SELECT p.rowid FROM json_each(@keys) k CROSS JOIN temp.kilde_pages p ON p.rowid BETWEEN k.value * ${PAGE_SHIFT} AND k.value * ${PAGE_SHIFT} + ${PAGE_SHIFT - 1} ORDER BY p.rowid`).pluck().all({ keys: JSON.stringify(open) })
        : sql(`SELECT rowid FROM search_fts WHERE search_fts MATCH @m ${method} AND ${DOC_OF} IN (SELECT value FROM json_each(@keys))`).pluck().all({ m, keys: JSON.stringify(open) })) as number[];
      for (const rowid of rowids) {
        const key = Math.floor(rowid / PAGE_SHIFT);
        const found = out.get(key) ?? { count: 0, best: [] };
        found.count++;
        if (found.best.length < limit) found.best.push(pageOfRowid(rowid));
        out.set(key, found);
      }
      open = open.filter((k) => !out.has(k));
    }
    return out;
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
      facetCounter.reset();
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
      facetCounter.reset();
    },
    rebuild,
    async compact() {
      if (rebuilding || !unmerged) return false;
      // FTS5's documented test for a merge that did nothing: total_changes() grows by less than 2.
      const before = sql('SELECT total_changes()').pluck().get() as number;
      sql(`INSERT INTO search_fts (search_fts, rank) VALUES ('merge', ${COMPACT_STEP_PAGES})`).run();
      unmerged = (sql('SELECT total_changes()').pluck().get() as number) - before >= 2;
      return unmerged;
    },
    async health(): Promise<EngineHealth> {
      const documents = db.prepare('SELECT COUNT(*) FROM search_docs').pluck().get() as number;
      return { engine: 'embedded', ok: true, documents };
    },
  };
}

/** The page-level method filter, as arithmetic on the rowid (its lowest bit is 1 for OCR). */
function methodSql(methods: string[] | undefined): string {
  const set = new Set(methods ?? []);
  if (set.has('text') === set.has('ocr')) return set.size === 0 || (set.has('text') && set.has('ocr')) ? '' : 'AND 0';
  return set.has('ocr') ? 'AND rowid % 2 = 1' : 'AND rowid % 2 = 0';
}

/** Whether a page word is one of the typo alternatives this search matched (words or prefixes). */
function typoMatcher(alternatives: Map<TermNode, Alternative[]>): (word: string) => boolean {
  const words = new Set<string>();
  const prefixes: string[] = [];
  for (const list of alternatives.values()) {
    for (const alt of list) {
      if (typeof alt === 'string') words.add(alt);
      else if (alt.prefix) prefixes.push(alt.text);
      else words.add(alt.text);
    }
  }
  return (word) => words.has(word) || prefixes.some((p) => word.startsWith(p));
}

/** Creates the tables when missing, and starts over when they are from an older layout (derived data). */
function ensureSchema(db: Db): void {
  db.exec(META_SQL);
  // Per-search scratch tables of this connection (searches run one at a time: better-sqlite3 is synchronous).
  db.exec('DROP TABLE IF EXISTS temp.kilde_hits');
  db.exec('DROP TABLE IF EXISTS temp.kilde_pages');
  db.exec('CREATE TEMP TABLE kilde_pages (rowid INTEGER PRIMARY KEY)');
  db.exec(`CREATE TEMP TABLE kilde_hits (
    doc_key INTEGER PRIMARY KEY, methods INTEGER NOT NULL, tier INTEGER NOT NULL,
    in_title INTEGER NOT NULL, date_num INTEGER NOT NULL)`);
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

