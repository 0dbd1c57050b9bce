import { Router } from 'express';
import type multer from 'multer';
import { viewerOf, type Viewer } from '../auth/viewer';
import type { InitialAccess } from '../documents/documents.repository';
import { presentDocument } from '../documents/documents.presenter';
import { uploadFields, type UploadAccessFields } from '../documents/documents.schema';
import { AppError } from '../lib/errors';
import type { UploadedFile } from '../http/upload-storage';
import { parse } from '../http/validate';
import { parsePartialDate } from '../lib/dates';
import type { IntakeMeta, IntakeOutcome, IntakeService } from './intake.service';

/** `POST /api/documents`: one file into the archive through intake; 202 when stored, 200 for a duplicate. */
export function uploadApi(deps: { intake: IntakeService; upload: multer.Multer }): Router {
  const { intake, upload } = deps;
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

  return r;
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
