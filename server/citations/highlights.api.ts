import { Router } from 'express';
import { z } from 'zod';
import { viewerOf } from '../auth/viewer';
import { AppError } from '../lib/errors';
import { firstValue, givenValue, parse } from '../http/validate';
import type { CitationsArea } from './index';
import { markedRanges } from './page-view';

/**
 * `GET /api/documents/:id/pages/:n/highlights?q=…&quote=q_…`: where the page link would mark the
 * words — the character ranges in the page text and, where the page's character or OCR word boxes
 * are stored, the rectangles on the page image (fractions of the page, top-left origin). Read
 * through the same page view as /d/:id/p/:n, so a page the caller may not read answers exactly as
 * one that does not exist.
 */
const highlightsQuery = z.object({
  q: z.preprocess(firstValue, z.string().max(1000).optional()),
  quote: z.preprocess(givenValue, z.string().max(100).optional()),
});

export function highlightsApi(area: CitationsArea): Router {
  const r = Router();

  r.get('/api/documents/:id/pages/:n/highlights', (req, res) => {
    const viewer = viewerOf(res);
    const raw = String(req.params.n);
    // As the page image route: a page number that is no page number is a page that does not exist.
    if (!/^[1-9][0-9]{0,5}$/.test(raw)) throw new AppError('not_found', 'This page does not exist.');
    const n = Number(raw);
    const { q, quote: quoteId } = parse(highlightsQuery, req.query);
    const view = area.pageView.build(viewer, String(req.params.id), n, { q });
    let quote: { id: string; status: 'found' | 'not_found'; page: number | null } | null = null;
    let at: { start: number; end: number } | undefined;
    if (quoteId) {
      const opening = area.quotes.open(viewer, quoteId);
      if (opening.kind === 'unavailable' || opening.document.id !== view.document.id) throw new AppError('not_found', 'This quote does not exist.');
      quote = { id: opening.quote.id, status: opening.kind === 'found' ? 'found' : 'not_found', page: opening.kind === 'found' ? opening.page : null };
      if (opening.kind === 'found' && opening.page === n) at = { start: opening.start, end: opening.end };
    }
    const ranges = markedRanges(view.page.text, { q, quote: at });
    res.json({
      documentId: view.document.id,
      page: n,
      q: view.q,
      quote,
      ranges: ranges.map((x) => ({ start: x.start, end: x.end, kind: x.quote ? 'quote' : 'term' })),
      boxes: at ? area.highlights.boxes(view.document.id, n, view.page.text, ranges) : view.boxes,
    });
  });

  return r;
}
