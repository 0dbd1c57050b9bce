import { Router } from 'express';
import type multer from 'multer';
import { parseQuery } from '../../search/query/parse';
import { tokenize } from '../../search/danish';
import { highlightAll } from '../../search/highlight';
import type { Query } from '../../search/query/ast';
import { typoAlternatives } from '../../search/query/typo';
import { viewerOf } from '../auth/viewer';
import { AppError } from '../errors';
import type { UploadedFile } from '../http/upload-storage';
import { parse, optionalString } from '../http/validate';
import { accessForm, extractBody, listQuery } from './documents.schema';
import { idParam, intakeUpload, sendOriginal } from './documents.api';
import { statusLine } from './documents.presenter';
import type { DocumentsService } from './documents.service';
import type { IntakeService } from './intake.service';

/** Server-rendered pages of documents; every core flow works without JavaScript. */
export function documentsWeb(deps: { documents: DocumentsService; intake: IntakeService; upload: multer.Multer; maxUploadBytes: number }): Router {
  const { documents, intake, upload } = deps;
  const r = Router();

  r.get('/', (_req, res) => {
    const { documents: recent, total } = documents.recent(viewerOf(res), 1, 15);
    res.render('home', { title: 'Kilde', recent, total, statusLine });
  });

  r.get('/documents', (req, res) => {
    const q = parse(listQuery, req.query);
    const { documents: list, total } = documents.recent(viewerOf(res), q.page, q.perPage);
    res.render('documents/list', { title: 'Documents', list, total, page: q.page, perPage: q.perPage, statusLine });
  });

  r.get('/upload', (_req, res) => {
    res.render('documents/upload', { title: 'Upload', maxUploadMb: Math.round(deps.maxUploadBytes / 1024 / 1024), results: null });
  });

  r.post('/upload', upload.array('files', 50), async (req, res) => {
    const files = (req.files as UploadedFile[] | undefined) ?? [];
    if (files.length === 0) throw new AppError('bad_request', 'Choose at least one file to upload.');
    const results: Array<{ filename: string; ok: boolean; duplicate?: boolean; id?: string; message?: string }> = [];
    for (const file of files) {
      try {
        const outcome = await intakeUpload(intake, file, files.length === 1 ? req.body : { notes: (req.body as { notes?: string })?.notes }, { createdBy: viewerOf(res) });
        results.push({ filename: file.originalname, ok: true, duplicate: outcome.kind === 'duplicate', id: outcome.document.id });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        results.push({ filename: file.originalname, ok: false, message: err.message });
      }
    }
    if (results.length === 1 && results[0].ok) return res.redirect(303, `/documents/${results[0].id}`);
    res.status(results.some((x) => x.ok) ? 200 : 415);
    res.render('documents/upload', { title: 'Upload', maxUploadMb: Math.round(deps.maxUploadBytes / 1024 / 1024), results });
  });

  r.get('/documents/:id', (req, res) => {
    const view = documents.view(viewerOf(res), idParam(req));
    const q = parse(optionalString, req.query.q)?.slice(0, 1000) ?? '';
    const query = q.trim() ? parseQuery(q) : null;
    const pages = view.pages.map((p) => ({ ...p, html: query ? highlightAll(p.text, query, { matched: typoMatches(query, p.text) }) : null }));
    res.render('documents/show', { title: view.document.title, view, pages, q, statusLine });
  });

  r.get('/documents/:id/status', (req, res) => {
    // Polled by the page's script for live progress; the page itself refreshes without JS.
    const doc = documents.get(viewerOf(res), idParam(req));
    res.json({ status: doc.status, line: statusLine(doc), progress: doc.progress, error: doc.error });
  });

  r.get('/documents/:id/original', (req, res) => sendOriginal(documents, idParam(req), res));

  r.post('/documents/:id/extract', (req, res) => {
    const body = parse(extractBody, req.body ?? {});
    const doc = documents.reextract(viewerOf(res), idParam(req), body.password?.length ? body.password : undefined);
    res.redirect(303, `/documents/${doc.id}`);
  });

  r.post('/documents/:id/access', (req, res) => {
    const body = parse(accessForm, req.body ?? {});
    const users = (body.users ?? '').split(',').map((u) => u.trim()).filter(Boolean);
    const embargoUntil = body.embargoUntil ? new Date(body.embargoUntil).toISOString() : null;
    const doc = documents.setAccess(viewerOf(res), idParam(req), { level: body.level, embargoUntil, userIds: users });
    res.redirect(303, `/documents/${doc.id}`);
  });

  r.post('/documents/:id/delete', async (req, res) => {
    await documents.remove(viewerOf(res), idParam(req));
    res.redirect(303, '/documents');
  });

  return r;
}

/** The page's words a search matched through typo tolerance, so the page marks what search found. */
function typoMatches(query: Query, text: string): string[] {
  const vocabulary = new Set(tokenize(text).map((t) => t.folded));
  return query.terms.flatMap((t) => (t.kind === 'term' ? typoAlternatives(t, vocabulary) : []));
}
