import { Router, type NextFunction, type Request, type Response } from 'express';
import { viewerOf } from '../auth/viewer';
import { AppError } from '../lib/errors';
import { idParam } from './documents.api';
import type { DocumentPageSection } from './document-page';
import type { PageImages } from './page-images';

/**
 * Page images over HTTP: `GET /documents/:id/pages/:n.png` for the document page's <img> tags and
 * `GET /api/documents/:id/pages/:n/image` for API clients; both answer the same picture. The
 * document page gets each image's URL from `pageImageSection`.
 */
export function pageImageRoutes(deps: { pageImages: PageImages }): Router {
  const { pageImages } = deps;
  const r = Router();

  r.get('/documents/:id/pages/:n.png', (req, res, next) => send(req, res, next));
  r.get('/api/documents/:id/pages/:n/image', (req, res, next) => send(req, res, next));

  async function send(req: Request, res: Response, next: NextFunction): Promise<void> {
    const image = await pageImages.image(viewerOf(res), idParam(req), pageParam(req));
    // Private: the picture is as confidential as the document; no-cache: every reuse is re-checked
    // against the access rule (a 304 after the check), so revoking access takes effect at once.
    res.setHeader('Content-Type', image.contentType);
    res.setHeader('Cache-Control', 'private, no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.sendFile(image.path, { dotfiles: 'allow' }, (err) => {
      if (!err || res.headersSent) return;
      // A Range outside the image is the request's fault (416); otherwise the cache file vanished
      // between the check and the send (someone cleared it): say so plainly.
      if ((err as { status?: number }).status === 416) return next(err);
      next(new AppError('not_found', 'The page image is being redrawn; try again.'));
    });
  }

  return r;
}

/** A page number as written in the URL: 1 to 999999, digits only. */
function pageParam(req: Request): number {
  const raw = req.params.n;
  if (typeof raw !== 'string' || !/^[1-9][0-9]{0,5}$/.test(raw)) throw new AppError('not_found', 'This page does not exist.');
  return Number(raw);
}

/** The document page's page images: the URL of each (null when there is none), so the view needs no rule of its own. */
export const pageImageSection = (pageImages: PageImages): DocumentPageSection => () => ({ pageImageUrl: pageImages.url });
