import type { Statement } from 'better-sqlite3';
import type { Db } from '../../server/db/connection';
import { AppError } from '../../server/lib/errors';
import type {
  EngineHealth, IndexedDocument, RebuildProgress, RebuildSource, SearchEngine, SearchHit, SearchRequest, SearchResult,
} from '../engine';
import type { TermNode } from '../query/ast';
import type { Alternative } from './fts5.query';
import { parseQuery } from '../query/parse';
import { createSnippets, emptyResult, paging, queryTerms, type TypoForms } from '../results';
import { createDocTable } from './fts5.docs';
import { countFacets } from './fts5.facets';
import { compileFilter } from './fts5.filters';
import { pickTop, rankClass } from './fts5.rank';
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
 * One search runs synchronously (better-sqlite3). Each pass over an index answers with one JSON
 * array of keys (documents) or rowids (pages); filters, the access rule, ranking, the total and the
 * facet counts are then decided in JavaScript over the engine's in-memory copy of its document
 * table (fts5.docs.ts, fts5.filters.ts, fts5.rank.ts, fts5.facets.ts). At 1M pages a query of
 * common words matches 60–80k documents: joining each to the document table in SQL and writing it
 * to a temp table took longer than finding them. Then the shown documents' matching pages are
 * found in one pass per query word and level, and snippets are built from the original text.
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

/** Page numbers listed per hit ("matches on pages 1, 3, …"). */
const MAX_PAGE_NUMBERS = 50;

/** A matching page's document and method as one integer: document key × 2 + 1 for OCR. */
const DOC_METHOD = `((rowid / ${PAGE_SHIFT}) * 2 + rowid % 2)`;
const DOC_OF = `(rowid / ${PAGE_SHIFT})`;
/** A page-level MATCH limited to the page's text: the title and parties stand in every page's row. */
const textOnly = (m: string): string => `body : (${m})`;

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

  const docTable = createDocTable(db);
  const docKeyOf = db.prepare<[string], number>('SELECT doc_key FROM search_docs WHERE document_id = ?').pluck();
  const keyOf = (id: string): number | null => docKeyOf.get(id) ?? null;

  const upsert = db.transaction((doc: IndexedDocument) => {
    const before = keyOf(doc.id);
    live.write(doc, { terms: true });
    docTable.changed(before, keyOf(doc.id));
    unmerged = true;
  });
  /**
   * A long document in steps of PAGES_PER_STEP pages (or about a million characters of text), a
   * transaction each, with requests let through
   * between them: written at once, a 500-page PDF held every search for a fifth of a second.
   */
  async function upsertInSteps(doc: IndexedDocument): Promise<void> {
    const before = keyOf(doc.id);
    const steps = live.writeInSteps(doc, { terms: true }, PAGES_PER_STEP);
    // The copy of the document table follows each step: between steps the document is searchable
    // under its new access, with the pages written so far.
    const step = db.transaction(() => steps.next().done === true);
    try {
      while (!step()) {
        docTable.changed(before, keyOf(doc.id));
        await afterPendingIo();
      }
    } finally {
      steps.return(0); // a write stopped between steps lets go of what it holds
      docTable.changed(before, keyOf(doc.id));
      unmerged = true;
    }
  }
  /** The write running or queued last (upsertDocument), null when none is. */
  let writing: Promise<void> | null = null;
  const remove = db.transaction((id: string) => {
    docTable.changed(keyOf(id), null);
    live.remove(id);
    unmerged = true;
  });

  /** One JSON array from SQLite, parsed: better-sqlite3 builds an object per row, a tenth of the cost here. */
  const numbers = (text: string, params: Record<string, unknown>): number[] => JSON.parse(sql(text).pluck().get(params) as string) as number[];
  /** Documents (keys) matching at document level, and pages (rowids, ascending) matching at page level. */
  const docList = (m: string): number[] => numbers('SELECT json_group_array(rowid) FROM search_docwords WHERE search_docwords MATCH @m', { m });
  const pageList = (m: string, method: string): number[] => numbers(`SELECT json_group_array(rowid) FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH @m ${method} ORDER BY rowid)`, { m });
  const keysOf = (ids: string[]): number[] => numbers('SELECT json_group_array(doc_key) FROM search_docs WHERE document_id IN (SELECT value FROM json_each(@ids))', { ids: JSON.stringify(ids) });

  // A search reads inside one read transaction: every pass, the document rows and the page texts
  // come from one snapshot, even while another process (a rebuild from the command line) commits.
  // It is also cheaper: outside a transaction each of its 30-odd statements takes and drops
  // SQLite's WAL read lock on its own (measured at 20k pages: 15 % less time per search, in process).
  const snapshot = db.transaction((req: SearchRequest) => search(req));
  function search(req: SearchRequest): SearchResult {
    const started = performance.now();
    const { page, perPage, pagesPerDocument } = paging(req);
    const wanted = req.facets ?? [];
    const query = parseQuery(req.query);
    const terms = queryTerms(query);
    const alternatives = typos.expand(query);
    const matches = compileMatches(query, alternatives, typos.complete);
    if (!matches) return emptyResult(page, perPage, terms, started, wanted);
    const want = methodBits(req.filters?.method);
    if (want === 0) return emptyResult(page, perPage, terms, started, wanted);
    const method = methodSql(want);
    const docs = docTable.current();
    const allowed = compileFilter(docs, { filters: req.filters, viewer: req.viewer, now: req.now ?? new Date(), keysOf });
    const byDate = req.sort === 'date_desc' || req.sort === 'date_asc';
    // Sets of documents as one byte per document key: the matches of a common word are tens of thousands.
    const marks = (keys: readonly number[], perKey = 1): Uint8Array => {
      const m = new Uint8Array(docs.size);
      for (const k of keys) {
        const key = perKey === 1 ? k : Math.floor(k / perKey);
        if (key < docs.size) m[key] = 1;
      }
      return m;
    };
    const docsOf = (rowids: number[]) => marks(rowids, PAGE_SHIFT);

    // A phrase must stand on one page's text, or in the title or parties (which every page's row
    // repeats: the title table answers that in one short row per document). The pages whose text
    // holds it are kept (by node number; -1 for the pages holding every word), so the shown
    // documents' pages need no second pass over them.
    const pagesOf = new Map<number, number[]>();
    const required: Uint8Array[] = [];
    const phraseDocs = new Map<number, number[]>();
    matches.nodes.forEach((node, i) => {
      if (!node.phrase) return;
      const phrase = node.levels[0] as string;
      const rowids = pageList(textOnly(phrase), method);
      const inMeta = numbers('SELECT json_group_array(rowid) FROM search_titles WHERE search_titles MATCH @m', { m: phrase });
      pagesOf.set(i, rowids);
      phraseDocs.set(i, inMeta);
      const found = docsOf(rowids);
      for (const k of inMeta) if (k < found.length) found[k] = 1;
      required.push(found);
    });
    const excluded = marks([
      ...matches.excludedPhrases.flatMap((p) => pageList(p, '').map((r) => Math.floor(r / PAGE_SHIFT))),
      ...(matches.excludedWords ? docList(matches.excludedWords) : []),
    ]);

    // The matching documents, from the document-level table: every word somewhere in the document.
    // A query of phrases only starts from the pages holding its first phrase.
    const first = matches.nodes.findIndex((n) => n.phrase);
    const candidates = matches.match ? docList(matches.match) : [...new Set([...(pagesOf.get(first) ?? []).map((r) => Math.floor(r / PAGE_SHIFT)), ...(phraseDocs.get(first) ?? [])])];
    // Typo rule, then exactness: documents matching without typos, then matching the words as
    // typed. Sorted by date, tiers only break ties between documents of the same day and are left
    // out: each is another pass over the index.
    const exact = !byDate && matches.words ? marks(docList(matches.words)) : null;
    const base = matches.plain ? 0 : matches.words ? 1 : 2;
    // Per document key: its tier, and the methods of its matching pages.
    const tierOf = new Uint8Array(docs.size);
    const methodsOf = new Uint8Array(docs.size);
    let keys: number[] = [];
    for (const k of candidates) {
      if (excluded[k] === 1 || ((docs.methods[k] as number) & want) === 0 || !allowed(k)) continue;
      if (required.length > 0 && required.some((r) => r[k] !== 1)) continue;
      keys.push(k);
      tierOf[k] = exact?.[k] === 1 ? 2 : base;
      methodsOf[k] = docs.methods[k] as number;
    }
    if (refineMethods(matches.any, want, keys, methodsOf)) keys = keys.filter((k) => methodsOf[k] !== 0);
    // Sorted by relevance, the shown page holds only the top tier when it has enough documents:
    // the lower tiers need not be told apart then (one pass over the index less).
    if (!byDate) {
      let top = 0;
      if (matches.plain) for (const k of keys) if (tierOf[k] === 2) top++;
      if (matches.plain && top < page * perPage) {
        const plain = marks(docList(matches.plain));
        for (const k of keys) if (tierOf[k] === 0 && plain[k] === 1) tierOf[k] = 1;
      }
      if (!matches.words && matches.plain) for (const k of keys) if (tierOf[k] === 1) tierOf[k] = 2;
    }
    const total = keys.length;
    // Proximity, as far as pages tell it: documents holding every word in one page's text come
    // first (the title and parties, in every page's row, stand beside no word of the page). One
    // pass over the page table without typo alternatives, its pages kept as the shown documents'
    // best pages; needless when one document matches.
    const near = !byDate && matches.near !== null && total > 1;
    if (near) pagesOf.set(-1, pageList(textOnly(matches.near as string), method));
    const together = near ? docsOf(pagesOf.get(-1) as number[]) : null;
    const inTitle = total > 0 ? marks(numbers('SELECT json_group_array(rowid) FROM search_titles WHERE search_titles MATCH @m', { m: `title : (${matches.title})` })) : null;

    // The shown documents: the best page × perPage in the order asked (fts5.rank.ts), then their details.
    const classes = keys.map((k) => rankClass(tierOf[k] as number, together?.[k] === 1, inTitle?.[k] === 1));
    const shown = pickTop(keys, classes, docs.dateNum, req.sort ?? 'relevance', page * perPage).slice((page - 1) * perPage);
    const byKey = new Map((sql('SELECT doc_key, document_id, title, media_type, document_date FROM search_docs WHERE doc_key IN (SELECT value FROM json_each(@keys))').all({ keys: JSON.stringify(shown) }) as Array<{
      doc_key: number; document_id: string; title: string; media_type: string; document_date: string | null;
    }>).map((r) => [r.doc_key, r]));
    const rows = shown.map((k) => byKey.get(k)).filter((r) => r !== undefined);
    const facets = wanted.length > 0 ? countFacets(docs, keys, methodsOf, wanted) : {};

    const found = shownPages(rows.map((r) => r.doc_key), matches, method, pagesPerDocument, pagesOf);
    const snippets = createSnippets(query, typoForms(alternatives));
    const hits = rows.map((r): SearchHit => {
      const pages = found.get(r.doc_key) as { count: number; best: number[]; numbers: number[] };
      // A match in the title or parties only answers with the first page, when it has one.
      const texts = pageTexts(r.document_id, pages.best);
      return {
        documentId: r.document_id,
        title: r.title,
        mediaType: r.media_type,
        documentDate: r.document_date,
        matchingPages: pages.count,
        matchingPageNumbers: pages.numbers,
        pages: snippets.pages(pages.best.filter((n) => texts.has(n)), texts),
      };
    });
    return { total, page, perPage, hits, facets, terms: [...terms, ...snippets.matched().filter((w) => !terms.includes(w))], tookMs: performance.now() - started };
  }

  /**
   * The extraction methods of each match's matching pages, for the method facet and filter, set in
   * `methodsOf` (0 when none of its matching pages is of a wanted method; then it returns true). A
   * document whose pages are all of one method is settled by its own methods; only documents mixing
   * text and OCR pages need their matching pages looked at (one pass, and only then).
   */
  function refineMethods(any: string, want: number, keys: number[], methodsOf: Uint8Array): boolean {
    const mixed = keys.filter((k) => methodsOf[k] === 3);
    if (mixed.length > 0) {
      const found = new Map<number, number>();
      for (const dm of sql(`SELECT DISTINCT ${DOC_METHOD} FROM search_fts WHERE search_fts MATCH @any AND ${DOC_OF} IN (SELECT value FROM json_each(@keys))`).pluck().all({ any, keys: JSON.stringify(mixed) }) as number[]) {
        const key = Math.floor(dm / 2);
        found.set(key, (found.get(key) ?? 0) | (1 << (dm % 2)));
      }
      for (const k of mixed) methodsOf[k] = found.get(k) ?? 0;
    }
    if (want !== 3) for (const k of keys) methodsOf[k] = (methodsOf[k] as number) & want;
    return mixed.length > 0 || want !== 3;
  }

  /**
   * The shown documents' matching pages: the pages whose TEXT holds every word and phrase when the
   * document has such pages, else those holding at least one; the best pages hold the most of them
   * (then the first in page order). The title and the parties' names stand in every page's row: a
   * word found only there matches the document but no page, which then answers with its first page
   * and no page count ("matches in the title or parties"), not with every page.
   * The words are looked for together (one OR), as typed, then with prefixes, then with typos — a
   * stricter level that finds a document's pages settles it — in one pass per level for all shown
   * documents: FTS5 reads a term's doclist from its start even for a rowid range, so a document's
   * range costs milliseconds for a common word, more than one pass for all of them. The pages
   * holding EVERY word the ranking pass kept (`pagesOf` -1, found here when the ranking skipped
   * it); phrases, the pages the search kept. With one word, a page counts once per phrase and once
   * for its word.
   */
  function shownPages(keys: number[], matches: MatchSet, method: string, limit: number, pagesOf: Map<number, number[]>): Map<number, { count: number; best: number[]; numbers: number[] }> {
    const perPage = new Map<number, number>();
    // Without the ranking's "same page" pass (sorted by date; one match), the shown documents'
    // pages holding every word come from the same pass over their pages alone: without it, a page
    // holding one word would rank beside a page holding them all, and the best pages would change
    // with the sort order and with how many documents match.
    if (!pagesOf.has(-1) && matches.near !== null && keys.length > 0) {
      pagesOf.set(-1, sql(`SELECT rowid FROM search_fts WHERE search_fts MATCH @m ${method} AND ${DOC_OF} IN (SELECT value FROM json_each(@keys)) ORDER BY rowid`).pluck().all({ m: textOnly(matches.near), keys: JSON.stringify(keys) }) as number[]);
    }
    // The kept pages are in rowid order, and a document's pages one rowid range: a few seeks.
    const kept = (node: number) => keys.flatMap((key) => inRange(pagesOf.get(node) ?? [], key * PAGE_SHIFT, (key + 1) * PAGE_SHIFT));
    const words = matches.nodes.filter((n) => !n.phrase);
    if (keys.length > 0) {
      // A document holding every word on a page answers with those pages (the ranking pass kept
      // them): no pass over the page table for it. The others answer with the pages holding any.
      const all = kept(-1);
      for (const rowid of all) perPage.set(rowid, words.length);
      const together = new Set(all.map((rowid) => Math.floor(rowid / PAGE_SHIFT)));
      const depth = Math.max(0, ...words.map((n) => n.levels.length));
      const levels: string[] = [];
      for (let k = 0; k < depth; k++) {
        const parts = words.map((n) => n.levels[Math.min(k, n.levels.length - 1)] as string);
        const level = textOnly(parts.length === 1 ? (parts[0] as string) : parts.join(' OR '));
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
        for (const rowid of kept(i)) {
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
    for (const key of keys) {
      const list = byDoc.get(key);
      if (!list) {
        out.set(key, { count: 0, best: [1], numbers: [] });
        continue;
      }
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
      docTable.reset();
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
      // The in-memory document table is read whole once (0.5–0.7 s at 1M pages): here, before the
      // server listens, rather than in the first search someone makes.
      docTable.current();
    },
    upsertDocument(doc) {
      // One write at a time: a long one lets requests through between its steps, not other
      // writes. With none running, it starts at once (its first step before this returns).
      const write = async () => {
        if (!live.needsSteps(doc, PAGES_PER_STEP)) upsert(doc);
        else await upsertInSteps(doc);
        typos.forget();
      };
      const run = writing ? writing.then(write) : write();
      const settled: Promise<void> = run.catch(() => {}).then(() => {
        if (writing === settled) writing = null;
      });
      writing = settled;
      return run;
    },
    async removeDocument(id) {
      remove(id);
    },
    async search(req) {
      return snapshot(req); // inside a caller's transaction, a savepoint of it
    },
    async clear() {
      db.transaction(() => {
        db.exec(dropSql(LIVE));
        db.exec(schemaSql(LIVE, meta(db, 'generation') ?? '0'));
      })();
      typos.forget();
      docTable.reset();
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

/** The values of an ascending list from `lo` up to (not including) `hi`. */
function inRange(sorted: readonly number[], lo: number, hi: number): number[] {
  const at = (x: number) => {
    let a = 0;
    let b = sorted.length;
    while (a < b) {
      const mid = (a + b) >> 1;
      if ((sorted[mid] as number) < x) a = mid + 1;
      else b = mid;
    }
    return a;
  };
  return sorted.slice(at(lo), at(hi));
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

