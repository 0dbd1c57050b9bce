import { Router, type Request, type Response } from 'express';
import type multer from 'multer';
import { viewerOf } from '../auth/viewer';
import { AppError } from '../errors';
import { attachmentHeader } from '../http/content-disposition';
import type { UploadedFile } from '../http/upload-storage';
import { parse } from '../http/validate';
import { parsePartialDate } from '../lib/dates';
import type { Viewer } from '../auth/viewer';
import type { InitialAccess } from './documents.repository';
import { accessBody, documentId, documentListQuery, extractBody, uploadAccessFields, uploadFields, type UploadAccessFields } from './documents.schema';
import { presentDocument, presentPage } from './documents.presenter';
import { metadataPatch } from './documents.metadata';
import type { DocumentsService } from './documents.service';
import type { IntakeMeta, IntakeOutcome, IntakeService } from './intake.service';

/** JSON API of documents: upload, read, list, pages, original, re-extract. */
export function documentsApi(deps: { documents: DocumentsService; intake: IntakeService; upload: multer.Multer }): Router {
  const { documents, intake, upload } = deps;
  const r = Router();

  r.post('/api/documents', upload.single('file'), async (req, res) => {
    const file = req.file as UploadedFile | undefined;
    if (!file) throw new AppError('bad_request', 'No file was sent. Send the document in the multipart field "file".');
    const outcome = await intakeUpload(intake, file, req.body, { createdBy: viewerOf(res) });
    // A duplicate is always a document the uploader may read (or one of their own): nothing leaks.
    res.status(outcome.kind === 'stored' ? 202 : 200).json({
      id: outcome.document.id,
      sha256: outcome.document.sha256,
      status: outcome.document.status,
      duplicate: outcome.kind === 'duplicate',
      links: presentDocument(outcome.document).links,
    });
  });

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

/**
 * Validates the form fields (access included: checked and resolved before anything is stored)
 * before the staged file is kept; on any refusal the file is discarded. `extra.access`, when
 * given, is access already resolved for a whole batch.
 */
export async function intakeUpload(
  intake: IntakeService,
  file: UploadedFile,
  body: unknown,
  extra: Partial<IntakeMeta> & { createdBy: Viewer },
): Promise<Exclude<IntakeOutcome, { kind: 'unsupported' }>> {
  let meta: IntakeMeta;
  try {
    const fields = parse(uploadFields, body ?? {});
    meta = {
      filename: file.originalname,
      title: fields.title,
      notes: fields.notes,
      documentDate: fields.date?.trim() ? parsePartialDate(fields.date) : undefined,
      ...extra,
      access: extra.access ?? uploadAccess(intake, extra.createdBy, fields),
    };
  } catch (err) {
    await intake.discard(file.staged);
    throw err;
  }
  const outcome = await intake.intake(file.staged, meta);
  if (outcome.kind === 'unsupported') throw new AppError('unsupported_type', outcome.reason);
  return outcome;
}

/** The access fields of an upload, checked and completed (unknown users: 400 naming them). */
export function uploadAccess(intake: IntakeService, viewer: Viewer, fields: UploadAccessFields): InitialAccess {
  return intake.resolveAccess(viewer, { level: fields.access ?? 'newsroom', embargoUntil: fields.embargoUntil ?? null, users: fields.users ?? [] });
}

/** Parses and resolves the access fields of a form body; the staged files are discarded on refusal. */
export async function uploadAccessOrDiscard(intake: IntakeService, viewer: Viewer, body: unknown, staged: Array<UploadedFile['staged']>): Promise<InitialAccess> {
  try {
    return uploadAccess(intake, viewer, parse(uploadAccessFields, body ?? {}));
  } catch (err) {
    await Promise.all(staged.map((s) => intake.discard(s)));
    throw err;
  }
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
