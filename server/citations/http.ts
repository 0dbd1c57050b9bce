import type { NextFunction, Request, Response } from 'express';
import multer from 'multer';
import { viewerOf } from '../auth/viewer';
import { AppError } from '../lib/errors';
import { csrfCheckedUpload, csrfFileFilter } from '../http/csrf';
import type { Lang } from '../i18n/messages';
import { parse } from '../http/validate';
import { searchQuery } from '../search-pages/search.schema';
import { bundleQuery } from './citations.schema';
import { draftText, MAX_DRAFT_BYTES } from './draft-reader';
import type { CitationsArea } from './index';

/** HTTP helpers shared by the citations pages and API. */

/** The site's address for permanent links: KILDE_PUBLIC_URL, or the address the request came to. */
export function siteBase(publicUrl: string | null, req: Request): string {
  return publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

// The no-JavaScript upload form sends its CSRF token as its first field (server/http/csrf.ts): no
// byte of the file is read before it matched.
const memory = csrfCheckedUpload(multer({
  storage: multer.memoryStorage(),
  fileFilter: csrfFileFilter,
  defParamCharset: 'utf8',
  limits: { fileSize: MAX_DRAFT_BYTES, files: 1, fields: 10, fieldSize: 1024 * 1024 },
}));

/** A draft file in the field "file" (multipart), kept in memory: drafts are small, and capped. */
export function draftUpload(req: Request, res: Response, next: NextFunction): void {
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/')) return next();
  memory.single('file')(req, res, (err: unknown) => {
    if (err instanceof multer.MulterError && (err.code === 'LIMIT_FILE_SIZE' || err.code === 'LIMIT_FIELD_VALUE')) {
      return next(new AppError('payload_too_large', `The draft is larger than ${MAX_DRAFT_BYTES / 1024 / 1024} MB.`));
    }
    next(err);
  });
}

export async function readDraft(req: Request): Promise<string> {
  const body = (req.body ?? {}) as { draft?: unknown };
  const pasted = typeof body.draft === 'string' ? body.draft : undefined;
  return draftText(pasted, req.file as { buffer: Buffer } | undefined);
}

/** Streams a source bundle (story, search or selection) as a zip attachment. */
export async function sendBundle(area: CitationsArea, req: Request, res: Response): Promise<void> {
  const q = parse(bundleQuery, req.query);
  // A search bundle takes the search page's own parameters (q and every filter), parsed as it does.
  const source = q.story ? { kind: 'story' as const, storyId: q.story } : q.ids ? { kind: 'selection' as const, ids: q.ids } : { kind: 'search' as const, query: parse(searchQuery, req.query) };
  const bundle = await area.bundles.create(viewerOf(res), source, { lang: res.locals.lang as Lang, base: siteBase(area.publicUrl, req), requestId: res.locals.requestId as string | undefined });
  res.setHeader('Content-Type', 'application/zip');
  res.setHeader('Content-Disposition', `attachment; filename="${bundle.name}"`);
  res.setHeader('Cache-Control', 'private, no-store');
  bundle.stream.on('error', () => res.destroy());
  bundle.stream.pipe(res);
}
