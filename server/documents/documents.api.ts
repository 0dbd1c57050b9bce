import { Router, type Request, type Response } from 'express';
import type multer from 'multer';
import { viewerOf } from '../auth/viewer';
import { AppError } from '../errors';
import { attachmentHeader } from '../http/content-disposition';
import type { UploadedFile } from '../http/upload-storage';
import { parse } from '../http/validate';
import { parsePartialDate } from '../lib/dates';
import { accessBody, documentId, extractBody, listQuery, uploadFields } from './documents.schema';
import { presentDocument, presentPage } from './documents.presenter';
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
    res.status(outcome.kind === 'stored' ? 202 : 200).json({
      id: outcome.document.id,
      sha256: outcome.document.sha256,
      status: outcome.document.status,
      duplicate: outcome.kind === 'duplicate',
      links: presentDocument(outcome.document).links,
    });
  });

  r.get('/api/documents', (req, res) => {
    const q = parse(listQuery, req.query);
    const { documents: list, total } = documents.recent(viewerOf(res), q.page, q.perPage);
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

/** Validates the form fields before the staged file is kept; on any refusal the file is discarded. */
export async function intakeUpload(
  intake: IntakeService,
  file: UploadedFile,
  body: unknown,
  extra: Partial<IntakeMeta> = {},
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
    };
  } catch (err) {
    await intake.discard(file.staged);
    throw err;
  }
  const outcome = await intake.intake(file.staged, meta);
  if (outcome.kind === 'unsupported') throw new AppError('unsupported_type', outcome.reason);
  return outcome;
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
