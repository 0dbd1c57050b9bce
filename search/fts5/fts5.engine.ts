import type { Db } from '../../server/db/connection';
import { foldDanish } from '../danish';
import type { EngineHealth, IndexedDocument, SearchEngine, SearchHit, SearchRequest, SearchResult } from '../engine';
import { highlight } from '../highlight';
import type { Query } from '../query/ast';
import { toFtsMatch } from '../query/fts5';
import { parseQuery } from '../query/parse';
import { FTS5_DROP, FTS5_SCHEMA } from './fts5.schema';
import { buildFilterSql } from './fts5.filters';
import { createTypoExpander } from './fts5.typos';

/**
 * The embedded engine: SQLite FTS5 in Kilde's own database file, so `npm start` needs no server.
 * Ranking and limiting happen inside one aggregate query over the FTS match (see PERF-NOTES: rank
 * first, then join), snippets are built afterwards for the shown pages only, from the original text.
 */
export interface Fts5Deps {
  db: Db;
  /** Reads original page texts for snippets (the FTS table is contentless). */
  pageTexts(documentId: string, numbers: number[]): Map<number, string>;
}

/** Title matches weigh more than body matches, like Meilisearch's attribute ranking. */
const BM25 = 'bm25(search_fts, 4.0, 1.0)';

export function createFts5Engine({ db, pageTexts }: Fts5Deps): SearchEngine {
  db.exec(FTS5_SCHEMA);
  const expandTypos = createTypoExpander(db);

  const upsert = db.transaction((doc: IndexedDocument) => {
    removeSync(doc.id);
    const info = db
      .prepare(
        `INSERT INTO search_docs (document_id, title, media_type, language, document_date, sort_date, access_level, embargo_until, allowed_users)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(doc.id, doc.title, doc.mediaType, doc.language, doc.documentDate, doc.documentDate ?? doc.createdAt.slice(0, 10),
        doc.accessLevel, doc.embargoUntil, JSON.stringify(doc.allowedUserIds));
    const docKey = Number(info.lastInsertRowid);
    const row = db.prepare('INSERT INTO search_rows (doc_key, page_number, method) VALUES (?, ?, ?)');
    const fts = db.prepare('INSERT INTO search_fts (rowid, title, body) VALUES (?, ?, ?)');
    const foldedTitle = foldDanish(doc.title);
    for (const page of doc.pages) {
      const rowid = Number(row.run(docKey, page.number, page.method).lastInsertRowid);
      fts.run(rowid, foldedTitle, foldDanish(page.text));
    }
  });

  function removeSync(documentId: string): void {
    const docKey = db.prepare('SELECT doc_key FROM search_docs WHERE document_id = ?').pluck().get(documentId) as number | undefined;
    if (docKey === undefined) return;
    db.prepare('DELETE FROM search_fts WHERE rowid IN (SELECT rowid FROM search_rows WHERE doc_key = ?)').run(docKey);
    db.prepare('DELETE FROM search_rows WHERE doc_key = ?').run(docKey);
    db.prepare('DELETE FROM search_docs WHERE doc_key = ?').run(docKey);
  }

  function search(req: SearchRequest): SearchResult {
    const started = performance.now();
    const page = Math.max(1, req.page ?? 1);
    const perPage = Math.min(100, Math.max(1, req.perPage ?? 20));
    const query = parseQuery(req.query);
    const empty = { total: 0, page, perPage, hits: [], terms: queryTerms(query) };
    const expansions = expandTypos(query);
    const match = toFtsMatch(query, (t) => expansions.get(t) ?? []);
    if (!match) return { ...empty, tookMs: performance.now() - started };
    const exact = expansions.size > 0 ? toFtsMatch(query) : null;

    const filter = buildFilterSql(req.filters);
    const order = req.sort === 'date_asc' ? 'd.sort_date ASC, best ASC' : req.sort === 'date_desc' ? 'd.sort_date DESC, best ASC' : 'exact DESC, best ASC';
    const exactExpr = exact ? `MAX(r.rowid IN (SELECT rowid FROM search_fts WHERE search_fts MATCH @exact))` : '1';
    const rows = db
      .prepare(
        `WITH m AS MATERIALIZED (SELECT rowid, ${BM25} AS score FROM search_fts WHERE search_fts MATCH @match)
         SELECT d.doc_key, d.document_id, d.title, d.media_type, d.document_date,
                MIN(m.score) AS best, COUNT(*) AS n, ${exactExpr} AS exact, COUNT(*) OVER () AS total
         FROM m JOIN search_rows r ON r.rowid = m.rowid JOIN search_docs d ON d.doc_key = r.doc_key
         WHERE ${filter.sql}
         GROUP BY d.doc_key ORDER BY ${order}, d.doc_key LIMIT @limit OFFSET @offset`,
      )
      .all({ match, exact: exact ?? undefined, limit: perPage, offset: (page - 1) * perPage, ...filter.params }) as Array<{
      doc_key: number; document_id: string; title: string; media_type: string; document_date: string | null; n: number; total: number;
    }>;
    const total = rows[0]?.total ?? (page > 1 ? countDocuments(match, filter) : 0);
    const matched = [...expansions.values()].flat();
    const hits = rows.map((r): SearchHit => {
      const best = bestPages(match, r.doc_key, req.pagesPerDocument ?? 3);
      const texts = pageTexts(r.document_id, best);
      return {
        documentId: r.document_id,
        title: r.title,
        mediaType: r.media_type,
        documentDate: r.document_date,
        matchingPages: r.n,
        pages: best.map((number) => ({ number, snippet: highlight(texts.get(number) ?? '', query, { matched }).snippet })),
      };
    });
    return { total, page, perPage, hits, tookMs: performance.now() - started, terms: [...queryTerms(query), ...matched] };
  }

  function bestPages(match: string, docKey: number, limit: number): number[] {
    return db
      .prepare(
        `SELECT r.page_number FROM search_fts CROSS JOIN search_rows r ON r.rowid = search_fts.rowid
         WHERE search_fts MATCH ? AND r.doc_key = ? ORDER BY ${BM25}, r.page_number LIMIT ?`,
      )
      .pluck()
      .all(match, docKey, limit) as number[];
  }

  function countDocuments(match: string, filter: ReturnType<typeof buildFilterSql>): number {
    return db
      .prepare(
        `SELECT COUNT(DISTINCT r.doc_key) FROM search_fts CROSS JOIN search_rows r ON r.rowid = search_fts.rowid
         JOIN search_docs d ON d.doc_key = r.doc_key WHERE search_fts MATCH @match AND ${filter.sql}`,
      )
      .pluck()
      .get({ match, ...filter.params }) as number;
  }

  return {
    name: 'embedded',
    async init() {
      db.exec(FTS5_SCHEMA);
    },
    async upsertDocument(doc) {
      upsert(doc);
    },
    async removeDocument(id) {
      db.transaction(removeSync)(id);
    },
    async search(req) {
      return search(req);
    },
    async clear() {
      db.exec(FTS5_DROP);
      db.exec(FTS5_SCHEMA);
    },
    async health(): Promise<EngineHealth> {
      const documents = db.prepare('SELECT COUNT(*) FROM search_docs').pluck().get() as number;
      return { engine: 'embedded', ok: true, documents };
    },
  };
}

function queryTerms(query: Query): string[] {
  return query.terms.flatMap((t) => (t.kind === 'term' ? [t.text] : t.words));
}
