import { Router, type Request, type Response } from 'express';
import { viewerOf } from '../auth/viewer';
import { AppError } from '../lib/errors';
import { attachmentHeader } from '../http/content-disposition';
import { parse } from '../http/validate';
import { accessBody, documentId, documentListQuery, extractBody } from './documents.schema';
import { presentDocument, presentPage } from './documents.presenter';
import { metadataPatch } from './documents.metadata';
import type { DocumentsService } from './documents.service';

/** JSON API of documents: read, list, pages, original, metadata, access, re-extract (uploads: server/ingest/upload.api.ts). */
export function documentsApi(deps: { documents: DocumentsService }): Router {
  const { documents } = deps;
  const r = Router();

  r.get('/api/documents', (req, res) => {
    // `q` (title or file name contains) serves type-ahead pickers; without it, newest first as before.
    const q = parse(documentListQuery, req.query);
    const { documents: list, total } = q.q?.trim()
      ? documents.list(viewerOf(res), { text: q.q.trim() }, q.page, q.perPage)
      : documents.recent(viewerOf(res), q.page, q.perPage);
    res.json({ total, page: q.page, perPage: q.perPage, documents: list.map((d) => presentDocument(d)) });
  });

  r.get('/api/documents/:id', (req, res) => {
    const view = documents.view(viewerOf(res), idParam(req));
    res.json(presentDocument(view.document, { indexed: view.indexed, children: view.children }));
  });

  r.get('/api/documents/:id/pages', (req, res) => {
    res.json({ pages: documents.pages(viewerOf(res), idParam(req)).map(presentPage) });
  });

  r.get('/api/documents/:id/original', (req, res) => sendOriginal(documents, idParam(req), res));

  /** Title, date (with precision), notes, language, tags; absent fields stay as they are. */
  r.patch('/api/documents/:id', (req, res) => {
    const doc = documents.updateMetadata(viewerOf(res), idParam(req), metadataPatch(req.body));
    res.json({ ...presentDocument(doc), tags: documents.tagsOf(viewerOf(res), doc.id) });
  });

  r.get('/api/tags', (req, res) => {
    const prefix = typeof req.query.prefix === 'string' ? req.query.prefix.slice(0, 60) : '';
    res.json({ tags: documents.tags(viewerOf(res), prefix, 50) });
  });

  r.put('/api/documents/:id/access', (req, res) => {
    const body = parse(accessBody, req.body ?? {});
    const doc = documents.setAccess(viewerOf(res), idParam(req), { level: body.level, embargoUntil: body.embargoUntil ?? null, userIds: body.users });
    res.json(presentDocument(doc));
  });

  r.delete('/api/documents/:id', async (req, res) => {
    await documents.remove(viewerOf(res), idParam(req));
    res.status(204).end();
  });

  r.post('/api/documents/:id/extract', (req, res) => {
    const body = parse(extractBody, req.body ?? {});
    const doc = documents.reextract(viewerOf(res), idParam(req), body.password);
    res.status(202).json({ id: doc.id, status: doc.status });
  });

  return r;
}

export function idParam(req: Request): string {
  const id = req.params.id;
  if (typeof id !== 'string' || !documentId.safeParse(id).success) throw AppError.notFound('This document');
  return id;
}

export function sendOriginal(documents: DocumentsService, id: string, res: Response): void {
  const { document, path } = documents.originalPath(viewerOf(res), id, res.locals.requestId as string);
  res.setHeader('Content-Type', document.mediaType.startsWith('text/') ? `${document.mediaType}; charset=utf-8` : document.mediaType);
  // Never rendered inline: an HTML file (or a PDF with scripts) must not run on Kilde's origin.
  res.setHeader('Content-Disposition', attachmentHeader(document.filename));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.sendFile(path, { dotfiles: 'allow', headers: { 'Cache-Control': 'private, max-age=0' } });
}
