import { Router, type Request } from 'express';
import multer from 'multer';
import { toCsv } from '../../search/batch';
import { viewerOf } from '../auth/viewer';
import { AppError } from '../lib/errors';
import { parse } from '../http/validate';
import { batchInput, inDocumentQuery } from './tools.schema';
import type { BatchRow, SearchTools } from './tools.service';

/**
 * Search inside a document (page and JSON) and batch search (page, JSON, CSV). The batch page's
 * form is a GET — a batch search only reads — so every role may use it without a script; a file
 * (one name a line, or CSV) is uploaded to the JSON route.
 */
const MAX_LIST_BYTES = 1024 * 1024;
const listUpload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_LIST_BYTES, files: 1, fields: 5 } });

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

  r.get('/search/batch', async (req, res) => {
    const input = parse(batchInput, req.query);
    const result = input.names.trim() ? await tools.batch(viewerOf(res), input.names, { perLine: input.perLine }) : null;
    if (result && input.format === 'csv') return sendCsv(res, result.rows);
    res.render('search/batch', { title: res.locals.t('search.batch.title'), names: input.names, result });
  });

  const answer = (res: Parameters<Parameters<Router['get']>[1]>[1], format: string | undefined, result: { rows: BatchRow[]; truncated: boolean }) => {
    if (format === 'csv') return sendCsv(res, result.rows);
    res.json({ ...result, rows: result.rows.map((row) => ({ ...row, links: { search: `/search?q=${encodeURIComponent(row.text)}` } })) });
  };

  r.get('/api/search/batch', async (req, res) => {
    const input = parse(batchInput, req.query);
    answer(res, input.format, await tools.batch(viewerOf(res), input.names, { perLine: input.perLine }));
  });

  r.post('/api/search/batch', listUpload.single('file'), async (req, res) => {
    const input = parse(batchInput, { ...req.query, ...(req.body && typeof req.body === 'object' ? req.body : {}) });
    const file = req.file;
    if (file && !/^(text\/|application\/(csv|vnd\.ms-excel|octet-stream))/.test(file.mimetype)) {
      throw new AppError('unsupported_type', 'Upload the list as plain text or CSV.');
    }
    const text = file ? file.buffer.toString('utf8') : input.names;
    const csv = file ? /\.csv$/i.test(file.originalname) || /csv/.test(file.mimetype) : undefined;
    answer(res, input.format, await tools.batch(viewerOf(res), text, { perLine: input.perLine, csv }));
  });

  return r;
}

function sendCsv(res: Parameters<Parameters<Router['get']>[1]>[1], rows: BatchRow[]): void {
  const header = ['line', 'query', 'documents', 'top_document_ids', 'top_titles', 'top_pages'];
  const body = rows.map((row) => [
    row.line,
    row.text,
    row.total,
    row.hits.map((h) => h.documentId).join(' '),
    row.hits.map((h) => h.title).join(' | '),
    row.hits.map((h) => h.pages.join(' ')).join(' | '),
  ]);
  res.type('text/csv; charset=utf-8').attachment('batch-search.csv').send(`\uFEFF${toCsv([header, ...body])}`);
}
