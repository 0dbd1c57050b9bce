import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type multer from 'multer';
import { AppError } from '../lib/errors';

/**
 * The CSRF token of a browser session travels only in a form field (`_csrf`) or the
 * `X-CSRF-Token` header — never in a URL, where it would end up in logs, history and Referer
 * headers. The guard (server/auth/auth.middleware.ts) checks it before any route runs; for a
 * multipart upload form, whose fields are not read yet at that point, it defers the check to the
 * upload itself: `_csrf` must come before the first file (browsers send fields in page order, so
 * the hidden input goes first in the form), and no byte of a file is stored before it matched.
 */
export const csrfRefused = (): AppError => new AppError('forbidden', 'The form expired or did not come from Kilde. Reload the page and try again.');

/** Constant-time comparison; hashing first makes both sides equally long whatever was sent. */
export function tokensMatch(sent: unknown, expected: unknown): boolean {
  if (typeof sent !== 'string' || typeof expected !== 'string' || sent.length === 0 || expected.length === 0) return false;
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(sent), digest(expected));
}

/** Set by the guard when a multipart form's token is to be read from its fields. */
export function deferCsrf(res: Response): void {
  res.locals.csrfDeferred = true;
}

/** Checks a deferred token against the fields read so far; clears the deferral once it matched. */
function settleDeferred(req: Request): AppError | null {
  const res = req.res;
  if (!res?.locals.csrfDeferred) return null;
  if (!tokensMatch((req.body as { _csrf?: unknown } | undefined)?._csrf, res.locals.csrfToken)) return csrfRefused();
  res.locals.csrfDeferred = false;
  return null;
}

/** multer `fileFilter`: runs before a file's bytes are handed to storage. */
export function csrfFileFilter(req: Request, _file: Express.Multer.File, cb: multer.FileFilterCallback): void {
  const refused = settleDeferred(req);
  if (refused) return cb(refused as unknown as Error);
  cb(null, true);
}

/** Wraps a multer instance so a form without files is checked too, once all its fields are read. */
export function csrfCheckedUpload(upload: multer.Multer): multer.Multer {
  const after = (mw: RequestHandler): RequestHandler => (req, res, next) => {
    mw(req, res, (err?: unknown) => (err ? next(err) : next(settleDeferred(req) ?? undefined)));
  };
  return {
    single: (name) => after(upload.single(name)),
    array: (name, max) => after(upload.array(name, max)),
    fields: (fields) => after(upload.fields(fields)),
    any: () => after(upload.any()),
    none: () => after(upload.none()),
  };
}
