import { tokenize } from '../../search/text/danish';
import type { SearchEngine } from '../../search/engine';
import type { Db } from '../db/connection';
import { createOpsRepository, type OpsRepository, type ReadyDocument } from './ops.repository';
import { checkOriginals, describeOriginalProblem } from './originals';

/**
 * `kilde verify`: is the archive whole? Each check answers problems as lines a person can act on;
 * a clean archive answers none.
 * - the database file (SQLite's quick_check) and its references (foreign_key_check);
 * - every page belongs to a document, and every ready document has pages 1..page_count;
 * - every original is on disk with the bytes its SHA-256 names;
 * - the search index against the database: it holds exactly the ready documents (what
 *   search/reindex.ts rebuilds from), each found by a phrase of its own text. Documents with an
 *   index update still queued in the outbox are skipped: the index catches up with them shortly.
 */
export interface VerifyOptions {
  db: Db;
  uploadsDir: string;
  engine: SearchEngine;
  /** Progress for long runs (originals hashed, documents looked up). */
  progress?(line: string): void;
}

export async function verifyArchive(opts: VerifyOptions): Promise<string[]> {
  const repo = createOpsRepository(opts.db);
  const problems: string[] = [];
  problems.push(...checkDatabase(repo));
  problems.push(...(await checkOriginals(opts.uploadsDir, repo.originals(), throttled(opts.progress, 'originals hashed'))).map(describeOriginalProblem));
  problems.push(...(await checkIndex(repo, opts.engine, opts.progress)));
  return problems;
}

function checkDatabase(repo: OpsRepository): string[] {
  const problems = repo.quickCheck().map((line) => `database: ${line}`);
  for (const fk of repo.foreignKeyProblems()) problems.push(`database: ${fk.count} rows of ${fk.table} refer to missing rows of ${fk.parent}`);
  for (const o of repo.orphanPages()) problems.push(`page: ${o.pages} pages belong to document ${o.documentId}, which does not exist`);
  for (const m of repo.pageCountMismatches()) {
    problems.push(`document ${m.id}: ${m.pageCount ?? 0} pages recorded, ${m.pages} stored${m.maxNumber !== m.pages ? ` (numbered up to ${m.maxNumber ?? 0})` : ''}`);
  }
  return problems;
}

/** An admin sees every document: the check must not miss a restricted one. */
const EVERYONE = { userId: '', role: 'admin' } as const;
/** Words of the probe phrase: enough to be rare, few enough to stay on one line of text. */
const PROBE_WORDS = 8;
const PROBE_PAGES = 5;
const PER_PAGE = 100;

async function checkIndex(repo: OpsRepository, engine: SearchEngine, progress?: (line: string) => void): Promise<string[]> {
  const health = await engine.health().catch((err: unknown) => ({ engine: engine.name, ok: false, detail: err instanceof Error ? err.message : String(err), documents: undefined }));
  if (!health.ok) return [`search index: the ${engine.name} engine is not available (${health.detail ?? 'no detail'}); the index was not checked`];
  const problems: string[] = [];
  const outbox = repo.outboxState();
  if (outbox.failing > 0) problems.push(`search index: ${outbox.failing} queued index updates keep failing (last error: ${outbox.lastError ?? 'none recorded'})`);
  const ready = repo.readyDocuments();
  if (outbox.backlog === 0 && health.documents !== undefined && health.documents !== ready.length) {
    problems.push(`search index: it holds ${health.documents} documents, the database has ${ready.length} ready ones (kilde reindex rebuilds it)`);
  }
  const pending = repo.pendingIndexIds();
  const report = throttled(progress, 'documents looked up in the index');
  let done = 0;
  for (const doc of ready) {
    if (!pending.has(doc.id) && (await foundInIndex(repo, engine, doc)) === false) {
      problems.push(`search index: document ${doc.id} ("${doc.title}") is missing from the index or out of date (kilde reindex rebuilds it)`);
    }
    report(++done, ready.length);
  }
  return problems;
}

/**
 * Whether a search for a phrase of the document's longest page (or of its title when its pages hold
 * no words) finds it. Null when there is nothing to search by, or when so many documents share the
 * phrase that it is not among the first results (form letters): then only the count above speaks.
 */
async function foundInIndex(repo: OpsRepository, engine: SearchEngine, doc: ReadyDocument): Promise<boolean | null> {
  const text = repo.pageTexts(doc.id, 1)[0] ?? '';
  const fromText = tokenize(text);
  const words = (fromText.length > 0 ? fromText : tokenize(doc.title)).slice(0, PROBE_WORDS).map((t) => t.word);
  if (words.length === 0) return null;
  const query = `"${words.join(' ')}"`;
  for (let page = 1; page <= PROBE_PAGES; page++) {
    const result = await engine.search({ query, viewer: EVERYONE, page, perPage: PER_PAGE, pagesPerDocument: 1, filters: { mediaType: [doc.mediaType] } });
    if (result.hits.some((h) => h.documentId === doc.id)) return true;
    if (page * PER_PAGE >= result.total) return false;
  }
  return null;
}

function throttled(progress: ((line: string) => void) | undefined, what: string): (done: number, total: number) => void {
  let last = Date.now();
  return (done, total) => {
    if (!progress || (Date.now() - last < 2000 && done < total)) return;
    last = Date.now();
    if (done < total) progress(`verify: ${done}/${total} ${what}`);
  };
}
