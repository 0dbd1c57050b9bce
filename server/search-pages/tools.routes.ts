import { Router, type Request, type RequestHandler, type Response } from 'express';
import multer from 'multer';
import { decodeList, toCsv } from '../../search/batch';
import { viewerOf } from '../auth/viewer';
import { csrfCheckedUpload, csrfFileFilter } from '../http/csrf';
import { AppError } from '../lib/errors';
import { parse } from '../http/validate';
import { batchInput, inDocumentQuery, type BatchInput } from './tools.schema';
import type { BatchResult, SearchTools } from './tools.service';

/**
 * Search inside a document (page and JSON) and batch search (page, JSON, CSV). A batch search only
 * reads, so every role may use it. The page's form is POSTed, with the list pasted or a file
 * (one name a line, or CSV): a list of a thousand names does not fit in a URL (Node refuses one
 * over 16 KB). A short list still works as a GET link (`/search/batch?names=…`).
 */
const MAX_LIST_BYTES = 1024 * 1024;
const listUpload = csrfCheckedUpload(multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_LIST_BYTES, files: 1, fields: 5 }, fileFilter: csrfFileFilter }));
/** The list's file, refused with its own limit (the general upload limit is another). */
const readList: RequestHandler = (req, res, next) =>
  listUpload.single('file')(req, res, (err?: unknown) =>
    next(err instanceof multer.MulterError && err.code === 'LIMIT_FILE_SIZE' ? new AppError('payload_too_large', 'The list file is larger than 1 MB.') : err));

/** The list as text: the uploaded file (refused unless text or CSV), else the pasted names. */
function listOf(req: Request, names: string): { text: string; csv?: boolean } {
  const file = req.file;
  if (!file || file.size === 0) return { text: names };
  if (!/^(text\/|application\/(csv|vnd\.ms-excel|octet-stream))/.test(file.mimetype)) {
    throw new AppError('unsupported_type', 'Upload the list as plain text or CSV.');
  }
  const text = decodeList(file.buffer);
  if (text === null) throw new AppError('unsupported_type', 'Upload the list as plain text or CSV.');
  return { text, csv: /\.csv$/i.test(file.originalname) || /csv/.test(file.mimetype) };
}

function idOf(req: Request): string {
  const id = req.params.id;
  return typeof id === 'string' ? id : '';
}

export function searchToolRoutes(tools: SearchTools): Router {
  const r = Router();

  r.get('/documents/:id/search', (req, res) => {
    const { q } = parse(inDocumentQuery, req.query);
    const result = tools.inDocument(viewerOf(res), idOf(req), q);
    res.render('search/document', { title: `${result.document.title} — ${q}`, result, q });
  });

  r.get('/api/documents/:id/search', (req, res) => {
    const { q } = parse(inDocumentQuery, req.query);
    const { document, ...result } = tools.inDocument(viewerOf(res), idOf(req), q);
    res.json({
      documentId: document.id,
      ...result,
      pages: result.pages.map((p) => ({ ...p, links: { html: `/documents/${encodeURIComponent(document.id)}?q=${encodeURIComponent(q)}#page-${p.number}` } })),
    });
  });

  const page = async (req: Request, res: Response, input: BatchInput, list: { text: string; csv?: boolean }) => {
    if (list.text.trim() && input.format !== 'csv' && req.get('accept')?.includes(NDJSON)) return streamBatch(req, res, tools, input, list);
    const result = list.text.trim() ? await tools.batch(viewerOf(res), list.text, { perLine: input.perLine, csv: list.csv, upTo: input.upTo }) : null;
    if (result && input.format === 'csv') return sendCsv(res, result, 'people');
    res.render('search/batch', { title: res.locals.t('search.batch.title'), names: list.text, result });
  };
  r.get('/search/batch', async (req, res) => {
    const input = parse(batchInput, req.query);
    await page(req, res, input, { text: input.names });
  });
  r.post('/search/batch', readList, async (req, res) => {
    const input = parse(batchInput, req.body ?? {});
    await page(req, res, input, listOf(req, input.names));
  });

  const answer = (res: Response, format: string | undefined, result: BatchResult) => {
    if (format === 'csv') return sendCsv(res, result);
    // The space: the search page takes the last word as typed, as the batch searched it, not as a prefix.
    res.json({ ...result, rows: result.rows.map((row) => ({ ...row, links: { search: `/search?q=${encodeURIComponent(`${row.text} `)}` } })) });
  };

  r.get('/api/search/batch', async (req, res) => {
    const input = parse(batchInput, req.query);
    answer(res, input.format, await tools.batch(viewerOf(res), input.names, { perLine: input.perLine, upTo: input.upTo }));
  });

  r.post('/api/search/batch', readList, async (req, res) => {
    const input = parse(batchInput, { ...req.query, ...(req.body && typeof req.body === 'object' ? req.body : {}) });
    const list = listOf(req, input.names);
    answer(res, input.format, await tools.batch(viewerOf(res), list.text, { perLine: input.perLine, csv: list.csv, upTo: input.upTo }));
  });

  return r;
}

const NDJSON = 'application/x-ndjson';

/**
 * The page's list searched with its progress shown (its script asks for this): one JSON object a
 * line, as each line of the list is searched — `start` (how many lines, the empty results table),
 * a `row` a line (with its table row as the page renders it), then `done`, or `error` with the
 * reason in the reader's language and the rows so far kept. A list that cannot be searched at all
 * is refused before the stream starts, as the form would be; a reader who leaves stops the search.
 */
async function streamBatch(req: Request, res: Response, tools: SearchTools, input: BatchInput, list: { text: string; csv?: boolean }): Promise<void> {
  const { lines, truncated, listed, partial } = tools.batchLines(list.text, { csv: list.csv, upTo: input.upTo });
  // The row's template is compiled once for all 200 rows by the app's view cache (KILDE_VIEW_CACHE).
  const render = (view: string, locals: Record<string, unknown>) =>
    new Promise<string>((resolve, reject) => req.app.render(view, { ...res.locals, ...locals }, (err: Error | null, html?: string) => (err ? reject(err) : resolve(html ?? ''))));
  const head = await render('search/batch-results', { result: { rows: [], truncated } });
  let left = false;
  res.on('close', () => (left = true));
  res.status(200).type(NDJSON).set({ 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
  const send = (message: Record<string, unknown>) => res.write(`${JSON.stringify(message)}\n`);
  send({ type: 'start', lines: lines.length, truncated, listed, partial, html: head });
  let done = 0;
  try {
    for await (const row of tools.batchRows(viewerOf(res), lines, input.perLine)) {
      if (left) break;
      send({ type: 'row', done: ++done, lines: lines.length, line: row.line, total: row.total, html: await render('search/batch-row', { row }) });
    }
    send({ type: 'done', done, lines: lines.length });
  } catch (err) {
    send({ type: 'error', done, lines: lines.length, message: res.locals.errorText(err instanceof AppError ? err.message : 'Internal error.').text });
    throw err; // logged by the error handler, which ends the answer
  }
  res.end();
}

/**
 * The CSV export; a list cut at its limit says so in a last row, as the page and the JSON do, and so
 * does an export of only the list's first lines (the lines searched before Stop). The
 * API's columns have fixed names for scripts; the page's file is for people, headed in the page's
 * language, and the Danish one has `;` between cells, as Danish Excel opens a CSV (with `,` it
 * puts every row in one cell).
 */
function sendCsv(res: Response, { rows, truncated, listed, partial }: BatchResult, audience: 'people' | 'scripts' = 'scripts'): void {
  const t = res.locals.t as (key: string) => string;
  const header = audience === 'people'
    ? [t('search.batch.line'), t('search.batch.query'), t('search.batch.documents'), t('search.batch.csv.ids'), t('search.batch.csv.titles'), t('search.batch.csv.pages')]
    : ['line', 'query', 'documents', 'top_document_ids', 'top_titles', 'top_pages'];
  const body = rows.map((row) => [
    row.line,
    row.text,
    row.total,
    row.hits.map((h) => h.documentId).join(' '),
    row.hits.map((h) => h.title).join(' | '),
    row.hits.map((h) => h.pages.join(' ')).join(' | '),
  ]);
  if (partial) body.push(['', res.locals.plural('search.batch.partial', rows.length, { lines: listed }) as string, '', '', '', '']);
  if (truncated) body.push(['', t('search.batch.truncated'), '', '', '', '']);
  res.type('text/csv; charset=utf-8').attachment('batch-search.csv').send(`\uFEFF${toCsv([header, ...body], audience === 'people' && res.locals.lang === 'da' ? ';' : ',')}`);
}
