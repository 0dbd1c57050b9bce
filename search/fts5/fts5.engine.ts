import type { Statement } from 'better-sqlite3';
import type { Db } from '../../server/db/connection';
import { AppError } from '../../server/errors';
import type {
  EngineHealth, IndexedDocument, RebuildProgress, RebuildSource, SearchEngine, SearchHit, SearchRequest, SearchResult,
} from '../engine';
import type { TermNode } from '../query/ast';
import type { Alternative } from './fts5.query';
import { parseQuery } from '../query/parse';
import { createSnippets, emptyResult, paging, queryTerms, type TypoForms } from '../results';
import { createFacetCounter } from './fts5.facets';
import { buildFilterSql } from './fts5.filters';
import { compileMatches, type MatchSet } from './fts5.match';
import { BUILD, dropSql, LEGACY_DROP, LIVE, META_SQL, PAGE_BITS, pageOfRowid, SCHEMA_VERSION, schemaSql, swapSql } from './fts5.schema';
import { createTypoExpander } from './fts5.typos';
import { createTableWriter } from './fts5.writer';
import { afterPendingIo } from '../../server/lib/turns';

/**
 * The embedded engine: SQLite FTS5 in Kilde's own database file, so `npm start` needs no server.
 *
 * A query matches DOCUMENTS — all its words (and phrases, prefixes, typos) somewhere in the
 * document, as DocumentCloud, Aleph and Datashare match — and answers with PAGES. Two FTS5 tables
 * serve the two levels (fts5.schema.ts, fts5.match.ts): `search_docwords`, one row per document
 * without positions, finds the matching documents; `search_fts`, one row per page, checks phrases
 * (a phrase must stand on one page: across a page break it is not a phrase), ranks documents that
 * hold every word on one page first, and gives the shown documents their best pages — the pages
 * holding the most of the query's words and phrases. An excluded word anywhere in the document
 * excludes it; so does an excluded phrase on any of its pages.
 *
 * One search runs synchronously (better-sqlite3). The document-level match goes into a temp table
 * with filters and the access rule applied per document; the total, the shown documents and the
 * facet counts (fts5.facets.ts) read that small table. Then the shown documents' matching pages
 * are found in one pass per query word and level, and snippets are built from the original text.
 *
 * Ranking follows Meilisearch's rules, in its order, as far as FTS5 can answer them cheaply — so
 * both engines order results alike — instead of bm25, whose per-page scoring was the largest cost
 * of a search at 100k pages (and which Meilisearch does not use either):
 *   1. words: every word must match (always);
 *   2. typo: documents matching without a typo first;
 *   3. proximity: then documents holding every word on one page (one pass over the page table,
 *      words as typed; Meilisearch measures word distances, which FTS5 cannot cheaply);
 *   4. attribute: then documents whose title holds the query;
 *   5. exactness: then those matching the words as typed, not only as a prefix;
 *   6. then newer documents.
 * Sorted by date, the date decides and ties (same day) go by title match. Matching pages are
 * counted for the shown documents only: counting them for every match means sorting every
 * matching page, which doubled the cost of a search for a common word.
 */
export interface Fts5Deps {
  db: Db;
  /** Reads original page texts for snippets (the FTS table is contentless). */
  pageTexts(documentId: string, numbers: number[]): Map<number, string>;
}

const REBUILD_BATCH_PAGES = 2000;
/** Pages of one document written per transaction when it is indexed on its own (an upload). */
const PAGES_PER_STEP = 50;
/** Leaf pages one compact() step may write: a few milliseconds of work at a time. */
const COMPACT_STEP_PAGES = 64;
const PAGE_SHIFT = 2 ** PAGE_BITS;

// Meilisearch's order: typo (tier 1+ has none), proximity (all words on one page), attribute
// (title), exactness (tier 2: the words as typed), then newer documents.
const RELEVANCE = 'h.tier >= 1 DESC, h.near DESC, h.in_title DESC, h.tier DESC, h.date_num DESC, h.doc_key DESC';
/** Page numbers listed per hit ("matches on pages 1, 3, …"). */
const MAX_PAGE_NUMBERS = 50;
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
  /**
   * A long document in steps of PAGES_PER_STEP pages, a transaction each, with requests let through
   * between them: written at once, a 500-page PDF held every search for a fifth of a second.
   */
  async function upsertInSteps(doc: IndexedDocument): Promise<void> {
    const before = keyOf(doc.id);
    const steps = live.writeInSteps(doc, { terms: true }, PAGES_PER_STEP);
    const step = db.transaction(() => steps.next().done === true);
    try {
      while (!step()) await afterPendingIo();
    } finally {
      facetCounter.changed(before, keyOf(doc.id));
      unmerged = true;
    }
  }
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
    const matches = compileMatches(query, alternatives, typos.complete);
    if (!matches) return emptyResult(page, perPage, terms, started, wanted);
    const filter = buildFilterSql(req.filters, req.viewer, req.now ?? new Date());
    const want = methodBits(req.filters?.method);
    if (want === 0) return emptyResult(page, perPage, terms, started, wanted);
    const method = methodSql(want);

    sql('DELETE FROM temp.kilde_hits').run();
    sql('DELETE FROM temp.kilde_pages').run();
    const byDate = req.sort === 'date_desc' || req.sort === 'date_asc';
    // A phrase must stand on one page: its matching pages are kept (node number, rowid), so the
    // shown documents' pages need no second pass over a phrase of common words.
    const phraseParams: Record<string, string> = {};
    const phraseSql = matches.nodes.map((node, i) => {
      if (!node.phrase) return '';
      sql(`INSERT INTO temp.kilde_pages (node, rowid) SELECT ${i}, rowid FROM search_fts WHERE search_fts MATCH @p ${method}`).run({ p: node.levels[0] });
      return ` AND d.doc_key IN (SELECT rowid / ${PAGE_SHIFT} FROM temp.kilde_pages WHERE node = ${i})`;
    }).join('');
    const excludedSql = matches.excludedPhrases.map((p, i) => {
      phraseParams[`xp${i}`] = p;
      return ` AND d.doc_key NOT IN (SELECT ${DOC_OF} FROM search_fts WHERE search_fts MATCH @xp${i})`;
    }).join('');
    // The matching documents, from the document-level table: every word somewhere in the document.
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
      `INSERT INTO temp.kilde_hits (doc_key, methods, tier, near, in_title, date_num)
       WITH g AS MATERIALIZED (${matches.match
         ? 'SELECT rowid AS k FROM search_docwords WHERE search_docwords MATCH @match'
         : `SELECT DISTINCT rowid / ${PAGE_SHIFT} AS k FROM temp.kilde_pages WHERE node = ${matches.nodes.findIndex((n) => n.phrase)}`})
       SELECT g.k, d.methods,
              ${exact ? 'CASE WHEN g.k IN (SELECT rowid FROM search_docwords WHERE search_docwords MATCH @exact) THEN 2 ELSE @tier END' : '@tier'},
              0, 0, d.date_num
       FROM g CROSS JOIN search_docs d ON d.doc_key = g.k
       WHERE ${filter.sql} AND d.methods & ${want} <> 0${phraseSql}${excludedSql}${matches.excludedWords ? ' AND d.doc_key NOT IN (SELECT rowid FROM search_docwords WHERE search_docwords MATCH @xw)' : ''}`,
    ).run({ ...(matches.match ? { match: matches.match } : {}), ...(matches.excludedWords ? { xw: matches.excludedWords } : {}), ...(exact ? { exact } : {}), tier: base, ...filter.params, ...phraseParams });
    refineMethods(matches.any, want);
    const raise = (tier: number, m: string) =>
      sql('UPDATE temp.kilde_hits SET tier = @tier WHERE tier < @tier AND doc_key IN (SELECT rowid FROM search_docwords WHERE search_docwords MATCH @m)').run({ tier, m });
    // Sorted by relevance, the shown page holds only the top tier when it has enough documents:
    // the lower tiers need not be told apart then (one pass over the index less).
    const count = (where: string) => sql(`SELECT COUNT(*) FROM temp.kilde_hits ${where}`).pluck().get() as number;
    const settled = (tier: number) => count(`WHERE tier >= ${tier}`) >= page * perPage;
    if (!byDate) {
      if (matches.plain && !settled(2)) raise(1, matches.plain);
      if (!matches.words && matches.plain) sql('UPDATE temp.kilde_hits SET tier = 2 WHERE tier = 1').run();
    }
    const total = count('');
    // Proximity, as far as pages tell it: documents holding every word on one page come first.
    // One pass over the page table without typo alternatives, its pages kept (node -1) as the
    // shown documents' best pages; needless when one document matches.
    const near = !byDate && matches.near !== null && total > 1;
    if (near) {
      sql(`INSERT INTO temp.kilde_pages (node, rowid) SELECT -1, rowid FROM search_fts WHERE search_fts MATCH @m ${method}`).run({ m: matches.near });
      sql(`UPDATE temp.kilde_hits SET near = 1 WHERE doc_key IN (SELECT rowid / ${PAGE_SHIFT} FROM temp.kilde_pages WHERE node = -1)`).run();
    }
    if (total > 0) sql('UPDATE temp.kilde_hits SET in_title = 1 WHERE doc_key IN (SELECT rowid FROM search_titles WHERE search_titles MATCH @m)').run({ m: matches.title });

    // The shown documents first (a top-N sort of the small table), then their details.
    const order = ORDER[req.sort ?? 'relevance'] ?? ORDER.relevance;
    const rows = sql(
      `WITH top AS MATERIALIZED (SELECT h.doc_key, h.tier, h.near, h.in_title, h.date_num FROM temp.kilde_hits h ORDER BY ${order} LIMIT ? OFFSET ?)
       SELECT h.doc_key, d.document_id, d.title, d.media_type, d.document_date
       FROM top h JOIN search_docs d ON d.doc_key = h.doc_key ORDER BY ${order}`,
    ).all(perPage, (page - 1) * perPage) as Array<{
      doc_key: number; document_id: string; title: string; media_type: string; document_date: string | null;
    }>;
    const facets = facetCounter.count(wanted);

    const shown = shownPages(rows.map((r) => r.doc_key), matches, method, pagesPerDocument, near);
    const snippets = createSnippets(query, typoForms(alternatives));
    const hits = rows.map((r): SearchHit => {
      const found = shown.get(r.doc_key) ?? { count: 0, best: [], numbers: [] };
      return {
        documentId: r.document_id,
        title: r.title,
        mediaType: r.media_type,
        documentDate: r.document_date,
        matchingPages: found.count,
        matchingPageNumbers: found.numbers,
        pages: snippets.pages(found.best, pageTexts(r.document_id, found.best)),
      };
    });
    return { total, page, perPage, hits, facets, terms: [...terms, ...snippets.matched().filter((w) => !terms.includes(w))], tookMs: performance.now() - started };
  }

  /**
   * The extraction methods of each match's matching pages, for the method facet and filter. A
   * document whose pages are all of one method is settled by `search_docs.methods`; only documents
   * mixing text and OCR pages need their matching pages looked at (one pass, and only then).
   */
  function refineMethods(any: string, want: number): void {
    const mixed = sql('SELECT json_group_array(doc_key) FROM temp.kilde_hits WHERE methods = 3').pluck().get() as string;
    if (mixed !== '[]') {
      const found = new Map<number, number>();
      for (const dm of sql(`SELECT DISTINCT ${DOC_METHOD} FROM search_fts WHERE search_fts MATCH @any AND ${DOC_OF} IN (SELECT value FROM json_each(@keys))`).pluck().all({ any, keys: mixed }) as number[]) {
        const key = Math.floor(dm / 2);
        found.set(key, (found.get(key) ?? 0) | (1 << (dm % 2)));
      }
      const update = sql('UPDATE temp.kilde_hits SET methods = ? WHERE doc_key = ?');
      for (const key of JSON.parse(mixed) as number[]) update.run(found.get(key) ?? 0, key);
    }
    if (want !== 3) sql(`UPDATE temp.kilde_hits SET methods = methods & ${want}`).run();
    if (mixed !== '[]' || want !== 3) sql('DELETE FROM temp.kilde_hits WHERE methods = 0').run();
  }

  /**
   * The shown documents' matching pages: the pages holding every word and phrase when the document
   * has such pages, else those holding at least one; the best pages hold the most of them (then
   * the first in page order). The
   * words are looked for together (one OR), as typed, then with prefixes, then with typos — a
   * stricter level that finds a document's pages settles it — in one pass per level for all shown
   * documents: FTS5 reads a term's doclist from its start even for a rowid range, so a document's
   * range costs milliseconds for a common word, more than one pass for all of them. The pages
   * holding EVERY word the ranking pass kept (`near`, node -1); phrases, the pages the search kept.
   * Without them (one word; sorted by date) a page counts once per phrase and once for its words.
   */
  function shownPages(keys: number[], matches: MatchSet, method: string, limit: number, near: boolean): Map<number, { count: number; best: number[]; numbers: number[] }> {
    const perPage = new Map<number, number>();
    const inRanges = (node: number, open: number[]) =>
      sql(`SELECT p.rowid FROM json_each(@keys) k CROSS JOIN temp.kilde_pages p ON p.node = ${node} AND p.rowid BETWEEN k.value * ${PAGE_SHIFT} AND k.value * ${PAGE_SHIFT} + ${PAGE_SHIFT - 1}`).pluck().all({ keys: JSON.stringify(open) }) as number[];
    const words = matches.nodes.filter((n) => !n.phrase);
    if (keys.length > 0) {
      // A document holding every word on a page answers with those pages (the ranking pass kept
      // them): no pass over the page table for it. The others answer with the pages holding any.
      const all = near ? inRanges(-1, keys) : [];
      for (const rowid of all) perPage.set(rowid, words.length);
      const together = new Set(all.map((rowid) => Math.floor(rowid / PAGE_SHIFT)));
      const depth = Math.max(0, ...words.map((n) => n.levels.length));
      const levels: string[] = [];
      for (let k = 0; k < depth; k++) {
        const parts = words.map((n) => n.levels[Math.min(k, n.levels.length - 1)] as string);
        const level = parts.length === 1 ? (parts[0] as string) : `(${parts.join(' OR ')})`;
        if (level !== levels[levels.length - 1]) levels.push(level);
      }
      let open = keys.filter((k) => !together.has(k));
      for (const m of levels) {
        if (open.length === 0) break;
        const rowids = sql(`SELECT rowid FROM search_fts WHERE search_fts MATCH @m ${method} AND ${DOC_OF} IN (SELECT value FROM json_each(@keys))`).pluck().all({ m, keys: JSON.stringify(open) }) as number[];
        const settled = new Set<number>();
        for (const rowid of rowids) {
          perPage.set(rowid, (perPage.get(rowid) ?? 0) + 1);
          settled.add(Math.floor(rowid / PAGE_SHIFT));
        }
        open = open.filter((k) => !settled.has(k));
      }
      matches.nodes.forEach((node, i) => {
        if (!node.phrase) return;
        for (const rowid of inRanges(i, keys)) {
          // A phrase page of a document with pages holding everything is one of those pages.
          if (together.has(Math.floor(rowid / PAGE_SHIFT)) && !perPage.has(rowid)) continue;
          perPage.set(rowid, (perPage.get(rowid) ?? 0) + 1);
        }
      });
    }
    const byDoc = new Map<number, Array<{ rowid: number; n: number }>>();
    for (const [rowid, n] of perPage) {
      const key = Math.floor(rowid / PAGE_SHIFT);
      const list = byDoc.get(key) ?? [];
      list.push({ rowid, n });
      byDoc.set(key, list);
    }
    const out = new Map<number, { count: number; best: number[]; numbers: number[] }>();
    for (const [key, list] of byDoc) {
      list.sort((a, b) => a.rowid - b.rowid);
      const numbers = list.map((p) => pageOfRowid(p.rowid));
      const best = [...list].sort((a, b) => b.n - a.n || a.rowid - b.rowid).slice(0, limit).map((p) => pageOfRowid(p.rowid));
      out.set(key, { count: list.length, best, numbers: numbers.slice(0, MAX_PAGE_NUMBERS) });
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
      db.exec(`INSERT INTO search_docwords${BUILD} (search_docwords${BUILD}) VALUES ('optimize')`);
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
      if (doc.pages.length <= PAGES_PER_STEP) upsert(doc);
      else await upsertInSteps(doc);
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
      let merged = false;
      for (const table of ['search_fts', 'search_docwords']) {
        const before = sql('SELECT total_changes()').pluck().get() as number;
        sql(`INSERT INTO ${table} (${table}, rank) VALUES ('merge', ${COMPACT_STEP_PAGES})`).run();
        if ((sql('SELECT total_changes()').pluck().get() as number) - before >= 2) merged = true;
      }
      unmerged = merged;
      return unmerged;
    },
    async health(): Promise<EngineHealth> {
      const documents = db.prepare('SELECT COUNT(*) FROM search_docs').pluck().get() as number;
      return { engine: 'embedded', ok: true, documents };
    },
  };
}

/** The method filter as bits (1 text, 2 OCR): no filter is both; an unknown method alone is none. */
function methodBits(methods: string[] | undefined): number {
  if (!methods || methods.length === 0) return 3;
  return (methods.includes('text') ? 1 : 0) | (methods.includes('ocr') ? 2 : 0);
}

/** The page-level method filter, as arithmetic on the rowid (its lowest bit is 1 for OCR). */
function methodSql(bits: number): string {
  return bits === 3 ? '' : bits === 2 ? 'AND rowid % 2 = 1' : 'AND rowid % 2 = 0';
}

/** The typo alternatives this search matched, as words and prefixes (for marking them on pages). */
function typoForms(alternatives: Map<TermNode, Alternative[]>): TypoForms {
  const words = new Set<string>();
  const prefixes: string[] = [];
  for (const list of alternatives.values()) {
    for (const alt of list) {
      if (typeof alt === 'string') words.add(alt);
      else if (alt.prefix) prefixes.push(alt.text);
      else words.add(alt.text);
    }
  }
  return { words, prefixes };
}

/** Creates the tables when missing, and starts over when they are from an older layout (derived data). */
function ensureSchema(db: Db): void {
  db.exec(META_SQL);
  // Per-search scratch tables of this connection (searches run one at a time: better-sqlite3 is synchronous).
  db.exec('DROP TABLE IF EXISTS temp.kilde_hits');
  db.exec('DROP TABLE IF EXISTS temp.kilde_pages');
  db.exec('CREATE TEMP TABLE kilde_pages (node INTEGER NOT NULL, rowid INTEGER NOT NULL, PRIMARY KEY (node, rowid)) WITHOUT ROWID');
  db.exec(`CREATE TEMP TABLE kilde_hits (
    doc_key INTEGER PRIMARY KEY, methods INTEGER NOT NULL, tier INTEGER NOT NULL, near INTEGER NOT NULL,
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

