import { Router, type Request, type Response } from 'express';
import { viewerOf } from '../auth/viewer';
import { AppError } from '../lib/errors';
import type { Lang } from '../i18n/messages';
import { parse, optionalString } from '../http/validate';
import { checkCsv } from './citations.presenter';
import { checkBody, pageParam, quoteCreate, shareCreate } from './citations.schema';
import type { CitationsArea } from './index';
import { highlightsApi } from './highlights.api';
import { draftUpload, readDraft, sendBundle, siteBase } from './http';

/**
 * The pages of citing: permanent document and page links, quote links, the quote check with its
 * printable sheet and CSV, share links and source bundles (the cite panel of the document page is
 * its section in index.ts). Every flow works without JavaScript (public/cite.js only adds copy buttons, selection
 * to quote and printing); the draft upload is a multipart form whose first field is its CSRF token.
 */
export function citationsWeb(area: CitationsArea): Router {
  const r = Router();
  const lang = (res: Response) => res.locals.lang as Lang;
  // JSON for scripts: where a page link would mark the words (kept beside the page it describes).
  r.use(highlightsApi(area));

  const unavailable = (res: Response) => res.status(404).render('citations/unavailable', { title: res.locals.t('unavailable.heading') });

  function readableOrNull<T>(fn: () => T): T | null {
    try {
      return fn();
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found') return null;
      throw err;
    }
  }

  r.get('/d/:id', (req, res) => {
    const viewer = viewerOf(res);
    const doc = readableOrNull(() => area.documents.get(viewer, String(req.params.id)));
    if (!doc) return unavailable(res);
    const q = parse(optionalString, req.query.q);
    res.redirect(302, `/documents/${encodeURIComponent(doc.id)}${q ? `?q=${encodeURIComponent(q)}` : ''}`);
  });

  r.get('/d/:id/p/:n', (req, res) => {
    const viewer = viewerOf(res);
    const n = readableOrNull(() => parse(pageParam, req.params.n));
    const view = n === null ? null : readableOrNull(() => area.pageView.build(viewer, String(req.params.id), n, { q: parse(optionalString, req.query.q) }));
    if (!view) {
      // A document the viewer reads, with no such page: say that, not "deleted or not yours".
      const doc = readableOrNull(() => area.documents.get(viewer, String(req.params.id)));
      if (doc) return res.status(404).render('citations/unavailable', { title: res.locals.t('unavailable.heading'), missingPage: { id: doc.id, title: doc.title, pageCount: doc.pageCount ?? 0 } });
      return unavailable(res);
    }
    renderPage(req, res, view, null);
  });

  r.get('/q/:id', (req, res) => {
    const opening = area.quotes.open(viewerOf(res), String(req.params.id));
    if (opening.kind === 'unavailable') return unavailable(res);
    const page = opening.kind === 'found' ? opening.page : opening.quote.pageNumber;
    const view = readableOrNull(() => area.pageView.build(viewerOf(res), opening.document.id, page, opening.kind === 'found' ? { quote: opening } : {}));
    if (!view) return unavailable(res);
    renderPage(req, res, view, opening);
  });

  function renderPage(req: Request, res: Response, view: ReturnType<CitationsArea['pageView']['build']>, opening: ReturnType<CitationsArea['quotes']['open']> | null): void {
    const viewer = viewerOf(res);
    // A quote's page cites the quote: its passage and its own link.
    const quote = opening && opening.kind === 'found' ? { id: opening.quote.id, text: opening.quote.text } : undefined;
    const cite = area.citations.build(viewer, view.document.id, view.page.number, { lang: lang(res), base: siteBase(area.publicUrl, req), quote });
    res.render('citations/page', { title: `${view.document.title} — ${view.page.number}`, view, cite, opening, pageImageUrl: area.pageImageUrl(view.document, view.page.number) });
  }

  r.post('/quotes', (req, res) => {
    const body = parse(quoteCreate, req.body ?? {});
    const quote = area.quotes.create(viewerOf(res), body);
    res.redirect(303, `/q/${quote.id}`);
  });

  r.get('/check', (_req, res) => {
    res.render('citations/check', { title: res.locals.t('check.heading'), results: null, draft: '' });
  });

  r.post('/check', draftUpload, async (req, res) => {
    const draft = await readDraft(req);
    const results = await area.quotes.check(viewerOf(res), parse(checkBody, { draft }).draft);
    res.render('citations/check', { title: res.locals.t('check.results'), results, draft });
  });

  r.post('/check.csv', draftUpload, async (req, res) => {
    const results = await area.quotes.check(viewerOf(res), parse(checkBody, { draft: await readDraft(req) }).draft);
    res.type('text/csv; charset=utf-8').attachment('quote-check.csv').send(checkCsv(results, siteBase(area.publicUrl, req)));
  });

  r.get('/documents/:id/share', (req, res) => {
    const viewer = viewerOf(res);
    const doc = area.documents.get(viewer, String(req.params.id));
    res.render('citations/share-form', { title: res.locals.t('share.new'), doc, flags: area.shares.openFlags(viewer, doc.id), error: null, page: parse(optionalString, req.query.page) ?? '' });
  });

  r.post('/documents/:id/share', (req, res) => {
    const viewer = viewerOf(res);
    const body = parse(shareCreate, { ...(req.body ?? {}), documentId: String(req.params.id) });
    try {
      const link = area.shares.create(viewer, body, res.locals.requestId as string | undefined);
      res.redirect(303, `/shares#${link.id}`);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'conflict') throw err;
      const doc = area.documents.get(viewer, String(req.params.id));
      res.status(409).render('citations/share-form', { title: res.locals.t('share.new'), doc, flags: area.shares.openFlags(viewer, doc.id), error: err.message, page: body.page ?? '' });
    }
  });

  r.get('/shares', (req, res) => {
    res.render('citations/shares', { title: res.locals.t('share.heading'), links: area.shares.list(viewerOf(res)), base: siteBase(area.publicUrl, req), now: area.clock.now().toISOString() });
  });

  r.post('/shares/:id/revoke', (req, res) => {
    area.shares.revoke(viewerOf(res), String(req.params.id), res.locals.requestId as string | undefined);
    res.redirect(303, '/shares');
  });

  r.get('/bundle', (req, res) => sendBundle(area, req, res));

  return r;
}
