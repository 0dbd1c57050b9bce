import { Router } from 'express';
import type { SearchEngine } from '../../search/engine';
import type { OutboxRepository } from '../../search/outbox.repository';
import { parse } from '../http/validate';
import { searchQuery, toSearchRequest } from './search.schema';

/** Search for people (HTML) and scripts (JSON), plus the health of the engine and its outbox. */
export function searchRoutes(deps: { engine: SearchEngine; outbox: OutboxRepository }): Router {
  const { engine, outbox } = deps;
  const r = Router();

  r.get('/api/search', async (req, res) => {
    const q = parse(searchQuery, req.query);
    const result = await engine.search(toSearchRequest(q));
    res.json({ query: q.q, ...result, hits: result.hits.map((h) => ({ ...h, links: { html: `/documents/${h.documentId}?q=${encodeURIComponent(q.q)}`, self: `/api/documents/${h.documentId}` } })) });
  });

  r.get('/search', async (req, res) => {
    const q = parse(searchQuery, req.query);
    const result = q.q.trim() ? await engine.search(toSearchRequest(q)) : null;
    res.render('search/results', { title: q.q ? `${q.q} — search` : 'Search', q, result });
  });

  r.get('/api/health', async (_req, res) => {
    const health = await engine.health().catch((err: Error) => ({ engine: engine.name, ok: false, detail: err.message }));
    const backlog = outbox.backlog();
    res.status(health.ok ? 200 : 503).json({
      ok: health.ok,
      search: { ...health, outboxBacklog: backlog, lastError: backlog > 0 ? outbox.lastError() : null },
    });
  });

  return r;
}
