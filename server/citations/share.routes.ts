import { Router, type Response } from 'express';
import { AppError } from '../lib/errors';
import type { CitationsArea } from './index';

/**
 * The public side of share links, mounted BEFORE the sign-in guard: `/s/:token` (a read-only page)
 * and `/s/:token/embed` (the same, framable by any site, for an embed snippet). Each shows only the
 * one document or page, says `noindex` in a header and a meta tag, and keeps no cookie of its own.
 * Every way a link can stop working answers the same 404.
 */
export function shareRoutes(area: CitationsArea): Router {
  const r = Router();

  function show(token: string, res: Response, embed: boolean): void {
    res.setHeader('X-Robots-Tag', 'noindex, nofollow');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    let view;
    try {
      view = area.shares.openPublic(token, res.locals.requestId as string | undefined);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'not_found') throw err;
      res.status(404).render('citations/shared', { title: res.locals.t('unavailable.heading'), view: null, embed });
      return;
    }
    if (embed) {
      // Only the embed may be framed, and only by pages that embed it; it runs no script.
      res.removeHeader('X-Frame-Options');
      res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'self'; img-src 'self' data:; frame-ancestors *; base-uri 'none'; form-action 'none'");
    }
    res.render('citations/shared', { title: view.document.title, view, embed });
  }

  r.get('/s/:token', (req, res) => show(String(req.params.token), res, false));
  r.get('/s/:token/embed', (req, res) => show(String(req.params.token), res, true));
  return r;
}
