import type { Request } from 'express';
import { documentId } from '../documents/documents.schema';
import type { IntakeService } from '../ingest/intake.service';
import { AppError } from '../lib/errors';
import type { UploadedFile } from '../http/upload-storage';
import type { StagedUpload } from './requests.log.service';
import { letterKind, requestId, type LetterKind } from './core/requests.schema';

/** HTTP helpers shared by the JSON and HTML routes of requests. */
export function requestParam(req: Request): string {
  const id = req.params.id;
  if (typeof id !== 'string' || !requestId.safeParse(id).success) throw AppError.notFound('This request');
  return id;
}

export function entryParam(req: Request): number {
  const id = req.params.entryId;
  if (typeof id !== 'string' || !/^[1-9][0-9]{0,14}$/.test(id)) throw AppError.notFound('This log entry');
  return Number(id);
}

export function documentParam(req: Request): string {
  const id = req.params.documentId;
  if (typeof id !== 'string' || !documentId.safeParse(id).success) throw AppError.notFound('This document');
  return id;
}

/** Any party id the parties area hands out; unknown ones are a 404 from the service. */
export function partyParam(req: Request): string {
  const id = req.params.id;
  if (typeof id !== 'string' || id.length === 0 || id.length > 100) throw AppError.notFound('This party');
  return id;
}

export function letterParam(req: Request): LetterKind {
  const kind = letterKind.safeParse(req.params.kind);
  if (!kind.success) throw new AppError('not_found', 'There is no such letter. Letters: request, reminder, appeal.');
  return kind.data;
}

export function stagedUploads(req: Request): StagedUpload[] {
  const files = (req.files as UploadedFile[] | undefined) ?? [];
  return files.filter((f) => f.staged).map((f) => ({ filename: f.originalname, staged: f.staged }));
}

/** Runs `fn` (usually input parsing); when it throws, the uploaded files are discarded first. */
export async function orDiscard<T>(intake: IntakeService, files: StagedUpload[], fn: () => T): Promise<T> {
  try {
    return fn();
  } catch (err) {
    await Promise.all(files.map((f) => intake.discard(f.staged)));
    throw err;
  }
}
