import { Router } from 'express';
import { viewerOf } from '../auth/viewer';
import type { Lang } from '../i18n/messages';
import { parse } from '../http/validate';
import { checkCsv, presentOpening, presentShare } from './citations.presenter';
import { checkBody, citationQuery, quoteCreate, shareCreate } from './citations.schema';
import type { CitationsArea } from './index';
import { draftUpload, readDraft, sendBundle, siteBase } from './http';

/** JSON routes of citing (described in server/http/openapi.citations.ts). */
export function citationsApi(area: CitationsArea): Router {
  const r = Router();

  r.get('/api/documents/:id/citation', (req, res) => {
    const q = parse(citationQuery, req.query);
    res.json(area.citations.build(viewerOf(res), String(req.params.id), q.page ?? null, { lang: (q.lang ?? res.locals.lang) as Lang, base: siteBase(area.publicUrl, req) }));
  });

  r.post('/api/quotes', (req, res) => {
    const quote = area.quotes.create(viewerOf(res), parse(quoteCreate, req.body ?? {}));
    res.status(201).json({ ...quote, url: `${siteBase(area.publicUrl, req)}/q/${quote.id}` });
  });

  r.get('/api/quotes/:id', (req, res) => {
    res.json(presentOpening(area.quotes.open(viewerOf(res), String(req.params.id))));
  });

  r.post('/api/quotes/check', draftUpload, async (req, res) => {
    const draft = parse(checkBody, { draft: await readDraft(req) }).draft;
    const results = await area.quotes.check(viewerOf(res), draft);
    const base = siteBase(area.publicUrl, req);
    if (req.query.format === 'csv') return void res.type('text/csv; charset=utf-8').attachment('quote-check.csv').send(checkCsv(results, base));
    res.json({ quotes: results.map((x) => ({ ...x, url: x.quoteId ? `${base}/q/${x.quoteId}` : null })) });
  });

  r.get('/api/bundles', (req, res) => sendBundle(area, req, res));

  r.get('/api/share-links', (req, res) => {
    const base = siteBase(area.publicUrl, req);
    res.json({ links: area.shares.list(viewerOf(res)).map((l) => presentShare(l, base)) });
  });

  r.post('/api/share-links', (req, res) => {
    const link = area.shares.create(viewerOf(res), parse(shareCreate, req.body ?? {}), res.locals.requestId as string | undefined);
    res.status(201).json(presentShare(link, siteBase(area.publicUrl, req)));
  });

  r.delete('/api/share-links/:id', (req, res) => {
    area.shares.revoke(viewerOf(res), String(req.params.id), res.locals.requestId as string | undefined);
    res.status(204).end();
  });

  return r;
}
