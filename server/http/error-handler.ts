import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { AppError } from '../lib/errors';
import { pickLang } from '../i18n/messages';
import { localiseError } from '../i18n/messages.errors';
import type { Logger } from '../lib/logger';
import { SizeLimitError } from '../storage/blob-store';
import { setBasics } from './view-helpers';

/**
 * The last middleware: translates library errors at the edge, logs once with the request id, and
 * answers JSON (`{ error: { code, message } }`) under /api and an HTML page elsewhere. Unknown
 * errors say only "internal error": no stack trace ever reaches a client, whatever NODE_ENV says —
 * Express's own final handler (which prints stacks outside production) is never reached, because
 * this handler does not fail (a page that cannot render falls back to plain text) and `lastResort`
 * stands behind it.
 */
export function wantsJson(req: Request): boolean {
  return req.path.startsWith('/api/') || (req.accepts(['html', 'json']) === 'json' && !req.accepts('html'));
}

export function toAppError(err: unknown, maxUploadBytes: number): AppError | null {
  if (err instanceof AppError) return err;
  if (err instanceof multer.MulterError) {
    if (err.code === 'LIMIT_FILE_SIZE') return new AppError('payload_too_large', `The file is larger than the limit of ${Math.round(maxUploadBytes / 1024 / 1024)} MB.`);
    if (err.code === 'LIMIT_UNEXPECTED_FILE') return new AppError('bad_request', `Unexpected file field "${err.field ?? ''}". Send the file in the field "file".`);
    if (err.code === 'LIMIT_FILE_COUNT') return new AppError('payload_too_large', 'Too many files in one upload.');
    return new AppError('bad_request', `The upload could not be read: ${err.message}.`);
  }
  if (err instanceof SizeLimitError) return new AppError('payload_too_large', 'The file is larger than the upload limit.');
  if (err instanceof z.ZodError) {
    const first = err.issues[0];
    const where = first?.path.length ? `${first.path.join('.')}: ` : '';
    return new AppError('validation_failed', `${where}${first?.message ?? 'invalid input'}`, { issues: err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  }
  const e = err as { type?: string; status?: number; statusCode?: number; message?: string };
  if (e?.type === 'entity.too.large') return new AppError('payload_too_large', 'The request body is too large.');
  if (e?.type === 'entity.parse.failed') return new AppError('bad_request', 'The request body is not valid JSON.');
  if (e?.type === 'charset.unsupported' || e?.type === 'encoding.unsupported') {
    return new AppError('unsupported_type', 'The request body uses a character set or content encoding Kilde does not read. Send UTF-8.');
  }
  // The router's "Failed to decode param", express.static's malformed paths, a cookie or header decoded by a library.
  if (err instanceof URIError || (typeof e?.message === 'string' && e.message.startsWith('Failed to decode param'))) {
    return new AppError('bad_request', 'The address contains a broken %-escape.');
  }
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status === 413) return new AppError('payload_too_large', 'The request is too large.');
  // send's answer to a Range outside the file (its Content-Range: bytes */size stays on the answer).
  if (typeof status === 'number' && status === 416) return new AppError('range_not_satisfiable', 'The requested byte range lies outside the file.');
  if (typeof status === 'number' && status >= 400 && status < 500) return new AppError('bad_request', 'The request could not be understood.');
  if (typeof e?.message === 'string' && /Multipart: Boundary not found|Unexpected end of form|Malformed part header/i.test(e.message)) {
    return new AppError('bad_request', 'The upload is not a valid multipart form.');
  }
  return null;
}

export function errorHandler(logger: Logger, maxUploadBytes: number): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const known = toAppError(err, maxUploadBytes);
    const error = known ?? new AppError('internal', 'Internal error.');
    if (known) logger.info('request refused', { requestId: res.locals.requestId, status: error.status, code: error.code, path: req.path });
    else logger.error('request failed', { requestId: res.locals.requestId, path: req.path, error: err instanceof Error ? err.stack : String(err) });
    if (res.headersSent) return void res.end();
    // A file route set the file's type and name before sending it failed: the error is no such file.
    res.removeHeader('Content-Type');
    res.removeHeader('Content-Disposition');
    res.status(error.status);
    if (wantsJson(req)) return void res.json({ error: { code: error.code, message: error.message } });
    // The error may come from before viewHelpers ran (body parsing, a broken cookie): give the layout what it needs.
    if (typeof res.locals.t !== 'function') setBasics(res.locals, pickLang(undefined, req.headers['accept-language']), req.path);
    const renderFailed = (renderErr: unknown) => {
      logger.error('error page failed to render', { requestId: res.locals.requestId, error: renderErr instanceof Error ? renderErr.stack : String(renderErr) });
      plainAnswer(res, error);
    };
    // The page speaks the reader's language; the JSON above keeps the English message scripts match on.
    const shown = localiseError(res.locals.lang === 'da' ? 'da' : 'en', error.message);
    try {
      // Rendering fails either through the callback (a template error) or by throwing (no view engine).
      res.render('errors/error', { status: error.status, code: error.code, message: shown.text, messageLang: shown.lang, title: `${error.status}` }, (renderErr, html) => {
        if (renderErr) return renderFailed(renderErr);
        res.send(html);
      });
    } catch (renderErr) {
      renderFailed(renderErr);
    }
  };
}

function plainAnswer(res: Response, error: AppError): void {
  if (res.headersSent) return void res.end();
  res.status(error.status).type('text/plain; charset=utf-8').send(`${error.status} ${error.message}\n`);
}

/**
 * Behind `errorHandler`: if it ever fails itself, answer "internal error" here rather than let
 * Express's final handler print the error (with a stack outside production).
 */
export function lastResort(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    logger.error('error handler failed', { requestId: res.locals.requestId, path: req.path, error: err instanceof Error ? err.stack : String(err) });
    plainAnswer(res, new AppError('internal', 'Internal error.'));
  };
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(new AppError('not_found', req.path.startsWith('/api/') ? 'No such API route.' : 'This page does not exist.'));
};

/**
 * Gives views `errorText(message)`: a service message (an AppError's, kept in English for the API)
 * as `{ text, lang }` in the reader's language, `lang` 'en' when the table has no Danish for it.
 * Runs after `viewHelpers`, which chose the language.
 */
export const errorTextHelper: RequestHandler = (_req, res, next) => {
  res.locals.errorText = (message: unknown) => localiseError(res.locals.lang === 'da' ? 'da' : 'en', typeof message === 'string' ? message : String(message ?? ''));
  next();
};
