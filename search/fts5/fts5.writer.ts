import type { Db } from '../../server/db/connection';
import { foldDanish } from '../text/danish';
import { recordDateNum } from '../dates';
import { partyNames, type IndexedDocument } from '../engine';
import { docRowids, MAX_PAGE, pageRowid } from './fts5.schema';

/**
 * Writes documents into one set of the engine's tables: the live ones, or the `_build` ones a
 * rebuild fills before the swap. Callers wrap calls in a transaction.
 */

/** Text written between two steps of `writeInSteps` at most (a page is never split). */
const STEP_CHARS = 1_000_000;

export interface TableWriter {
  /** Returns the number of pages written. */
  write(doc: IndexedDocument, opts: { terms: boolean }): number;
  /**
   * The same write in steps of `pagesPerStep` pages: each `next()` does one step (the caller wraps
   * each in its own transaction and lets requests run between them); the last returns the pages
   * written. Between steps the document is searchable with the pages written so far, under its new
   * access (its row is the first thing written); a step that fails leaves it so until the write is
   * made again (the search outbox replays it).
   */
  writeInSteps(doc: IndexedDocument, opts: { terms: boolean }, pagesPerStep: number): Generator<void, number>;
  /** Whether `writeInSteps` would take more than one step for this document. */
  needsSteps(doc: IndexedDocument, pagesPerStep: number): boolean;
  remove(documentId: string): void;
}

export function createTableWriter(db: Db, suffix: string): TableWriter {
  const t = (name: string) => `${name}${suffix}`;
  const docKeyOf = db.prepare<[string], number>(`SELECT doc_key FROM ${t('search_docs')} WHERE document_id = ?`).pluck();
  // A document's page rows are listed from FTS5's own table of row sizes (`_docsize`, a rowid
  // B-tree), then deleted one by one: `DELETE … WHERE rowid BETWEEN` on the FTS5 table reads the
  // whole index instead (16 ms a document at 300k pages, against 0.06 ms; at 1M pages documents
  // were written again at 128 pages a second, now over 2,000).
  const pageRows = db.prepare<[number, number], number>(`SELECT id FROM ${t('search_fts')}_docsize WHERE id BETWEEN ? AND ?`).pluck();
  const delFts = db.prepare(`DELETE FROM ${t('search_fts')} WHERE rowid = ?`);
  const delTitle = db.prepare(`DELETE FROM ${t('search_titles')} WHERE rowid = ?`);
  const delWords = db.prepare(`DELETE FROM ${t('search_docwords')} WHERE rowid = ?`);
  const insWords = db.prepare(`INSERT INTO ${t('search_docwords')} (rowid, words) VALUES (?, ?)`);
  const setMethods = db.prepare(`UPDATE ${t('search_docs')} SET methods = ? WHERE doc_key = ?`);
  const delLinks = db.prepare(`DELETE FROM ${t('search_links')} WHERE doc_key = ?`);
  const delDoc = db.prepare(`DELETE FROM ${t('search_docs')} WHERE doc_key = ?`);
  const insDoc = db.prepare(
    `INSERT INTO ${t('search_docs')} (document_id, title, media_type, language, document_date, date_num, access_level, embargo_until)
     VALUES (@id, @title, @mediaType, @language, @documentDate, @dateNum, @accessLevel, @embargoUntil)`,
  );
  const insFts = db.prepare(`INSERT INTO ${t('search_fts')} (rowid, title, body, parties) VALUES (?, ?, ?, ?)`);
  const insTitle = db.prepare(`INSERT INTO ${t('search_titles')} (rowid, title, parties) VALUES (?, ?, ?)`);
  const insValue = db.prepare(`INSERT OR IGNORE INTO ${t('search_values')} (kind, value) VALUES (?, ?)`);
  const valueId = db.prepare<[string, string], number>(`SELECT vid FROM ${t('search_values')} WHERE kind = ? AND value = ?`).pluck();
  const insLink = db.prepare(`INSERT OR IGNORE INTO ${t('search_links')} (doc_key, vid) VALUES (?, ?)`);
  // A document's words for the vocabulary (search_terms), as FTS5's own tokenizer finds them: its
  // text goes through an empty scratch table whose vocabulary is read back. Splitting 3.5 MB of
  // text into words in JavaScript took 200–400 ms; FTS5 tokenizes it in about 50, and the words
  // are the index's own.
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.kilde_doc_words USING fts5(words, content = '', detail = none, tokenize = 'unicode61 remove_diacritics 2');
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.kilde_doc_vocab USING fts5vocab('temp', 'kilde_doc_words', 'row');`);
  const scratchWords = db.prepare('INSERT INTO temp.kilde_doc_words (rowid, words) VALUES (?, ?)');
  const scratchTerms = db.prepare('SELECT term FROM temp.kilde_doc_vocab').pluck();
  const insTerms = db.prepare(`INSERT OR IGNORE INTO ${t('search_terms')} (first, len, term) SELECT substr(term, 1, 1), length(term), term FROM temp.kilde_doc_vocab`);
  const clearScratch = db.prepare("INSERT INTO temp.kilde_doc_words (kilde_doc_words) VALUES ('delete-all')");
  // The scratch table is the connection's: a write that keeps words in it across steps owns it
  // until it ends; the engine lets one write at a time through (fts5.engine.ts).
  let scratchOwner: object | null = null;

  function remove(documentId: string): void {
    const docKey = docKeyOf.get(documentId);
    if (docKey === undefined) return;
    const { lo, hi } = docRowids(docKey);
    for (const rowid of pageRows.all(lo, hi)) delFts.run(rowid);
    delTitle.run(docKey);
    delWords.run(docKey);
    delLinks.run(docKey);
    delDoc.run(docKey);
  }

  function* writeInSteps(doc: IndexedDocument, opts: { terms: boolean }, pagesPerStep: number): Generator<void, number> {
    remove(doc.id);
    const docKey = Number(
      insDoc.run({
        id: doc.id,
        title: doc.title,
        mediaType: doc.mediaType,
        language: doc.language,
        documentDate: doc.documentDate,
        dateNum: recordDateNum(doc.documentDate, doc.createdAt),
        accessLevel: doc.accessLevel,
        embargoUntil: isoInstant(doc.embargoUntil),
      }).lastInsertRowid,
    );
    const foldedTitle = foldDanish(doc.title);
    const foldedParties = foldDanish(partyNames(doc));
    insTitle.run(docKey, foldedTitle, foldedParties);
    // With the vocabulary to update (an upload's write, not a rebuild), each page's words also go
    // into the scratch table as the page is written, and the document's row of words is written
    // from the distinct words at the end: a few hundred kB where the text is megabytes, and no
    // step reads the whole document's text (a 15 MB document's last step held the server 0.4 s).
    const owner = {};
    const gather = opts.terms;
    if (gather) {
      if (scratchOwner !== null) throw new Error('Another document is being written between its steps: writes must follow one another.');
      scratchOwner = owner;
      clearScratch.run(); // what a write abandoned between steps left
    }
    try {
      let written = 0;
      let sinceStep = 0;
      let methods = 0;
      // Gathering, `bodies` holds the text since the last step: one scratch row a step.
      let bodies: string[] = [foldedTitle, foldedParties];
      let steps = 0;
      const flushWords = () => {
        scratchWords.run(++steps, bodies.join('\n'));
        bodies = [];
      };
      const seen = new Set<number>();
      for (const page of doc.pages) {
        // Page numbers are the rowid's low bits: a number outside 1..MAX_PAGE (over a million
        // pages) cannot be addressed and is left out rather than overwrite another page.
        if (!Number.isInteger(page.number) || page.number < 1 || page.number > MAX_PAGE || seen.has(page.number)) continue;
        seen.add(page.number);
        const body = foldDanish(page.text);
        insFts.run(pageRowid(docKey, page.number, page.method), foldedTitle, body, foldedParties);
        bodies.push(body);
        methods |= page.method === 'ocr' ? 2 : 1;
        written++;
        sinceStep += body.length;
        if (written % pagesPerStep === 0 || sinceStep >= STEP_CHARS) {
          // Much text (a page of megabytes) has its words gathered in a step of their own.
          if (gather && sinceStep >= STEP_CHARS / 2) yield;
          if (gather) flushWords();
          sinceStep = 0;
          yield;
        }
      }
      if (gather && bodies.length > 0) {
        if (sinceStep >= STEP_CHARS / 2) yield;
        flushWords();
      }
      // A document without pages stays unsearchable, as it has no page to answer with. The row
      // keeps no positions (detail=none), so its distinct words index exactly as its whole text.
      const words = gather ? (scratchTerms.all() as string[]).join(' ') : bodies.join('\n');
      if (written > 0) insWords.run(docKey, words);
      if (methods !== 1) setMethods.run(methods, docKey);
      linkValues(docKey, doc);
      if (gather) {
        insTerms.run();
        clearScratch.run();
      }
      return written;
    } finally {
      if (scratchOwner === owner) scratchOwner = null;
    }
  }

  /** The document's facet and reader values (search_values, search_links). */
  function linkValues(docKey: number, doc: IndexedDocument): void {
    const link = (kind: string, value: string) => {
      insValue.run(kind, value);
      insLink.run(docKey, valueId.get(kind, value));
    };
    for (const p of doc.parties ?? []) {
      link('party', p.id);
      link(`party:${p.role}`, p.id);
    }
    for (const id of doc.eventIds ?? []) link('event', id);
    for (const id of doc.storyIds ?? []) link('story', id);
    for (const id of doc.requestIds ?? []) link('request', id);
    for (const id of doc.allowedUserIds) link('user', id);
  }

  return {
    remove,
    writeInSteps,
    needsSteps(doc, pagesPerStep) {
      let chars = 0;
      for (const page of doc.pages) chars += page.text.length;
      return doc.pages.length > pagesPerStep || chars >= STEP_CHARS;
    },
    write(doc, opts) {
      const steps = writeInSteps(doc, opts, Infinity);
      for (;;) {
        const step = steps.next();
        if (step.done) return step.value;
      }
    },
  };
}

/**
 * The embargo end as `Date#toISOString()` writes it, the form the access rule compares with `now`
 * as text: "2026-03-01T10:00:00Z" and "…00.000Z" are the same instant but not the same string
 * ("Z" sorts after "."). Unparseable text is kept as it is.
 */
function isoInstant(value: string | null): string | null {
  if (value === null) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : value;
}
