import { Router } from 'express';
import { requireRole, viewerOf } from '../auth/viewer';
import { parse } from '../http/validate';
import type { Viewer } from '../auth/viewer';
import type { DocumentsService } from '../documents/documents.service';
import type { fileUnderChoices } from '../documents/file-under';
import { bundleUrl, clearFiltersUrl, exactSearchUrl, facetGroups, filterChips, hasFilters, pager, presentJson, searchUrl, titleMarker } from './search.presenter';
import { readSearchPage, searchQuery } from './search.schema';
import { localiseError } from '../i18n/messages.errors';
import type { SearchService } from './search.service';

/**
 * Search for people (HTML) and scripts (JSON), the health of the engine and its outbox, and the
 * admin's reindex (JSON and a small page). Every search runs as the signed-in viewer.
 */
export interface SearchRouteDeps {
  /** Built once by the composition root (server/kilde.ts), with the reindexer and the audit log. */
  service: SearchService;
  /** The rest of /api/health: database, job queue, disk space (server/ops/health.ts). */
  opsHealth?: () => Promise<{ ok: boolean }>;
  /**
   * What the bulk bar offers on the results (the documents list's bar, posting to its route
   * /documents/bulk): the stories and requests the viewer may file under, and the tags in use.
   */
  bulkChoices?: (viewer: Viewer) => BulkChoices;
  /** Whether saving a search may ask for e-mail (SMTP configured): not offered when it could not be kept. */
  mailAvailable?: boolean;
}

export type BulkChoices = ReturnType<typeof fileUnderChoices> & { tags: ReturnType<DocumentsService['tags']> };

const NO_RESULT = { total: 0, page: 1, perPage: 20, hits: [], tookMs: 0, terms: [], facets: {} };

/**
 * `GET /api/search` on its own router, so the app can mount it right behind the sign-in guard: a
 * script's search then skips the matching against every other area's routes (a few hundred
 * patterns, none of which answers it), while passing the same security headers, sign-in and guard.
 */
export function searchApiRoutes(service: SearchService): Router {
  const r = Router();
  r.get('/api/search', async (req, res) => {
    const viewer = viewerOf(res);
    const q = parse(searchQuery, req.query);
    const result = await service.search(viewer, q, { facets: true });
    res.json(presentJson(q, result, service.labels(viewer, q, result)));
  });
  return r;
}

/** The search page, /api/health and the admin's reindex (`GET /api/search` is `searchApiRoutes`). */
export function searchRoutes(deps: SearchRouteDeps): Router {
  const { service } = deps;
  const r = Router();

  /** A field's name as the search form labels it. */
  const FIELD_LABELS: Record<string, string> = { q: 'nav.search', from: 'search.date.from', to: 'search.date.to' };

  r.get('/search', async (req, res) => {
    const viewer = viewerOf(res);
    // A field that cannot be read is named beside the rest of the search, not an error page.
    const { q, problems, typed } = readSearchPage(req.query as Record<string, unknown>);
    const lang = res.locals.lang === 'da' ? 'da' : 'en';
    const problem = problems.map((p) => `${FIELD_LABELS[p.field] ? res.locals.t(FIELD_LABELS[p.field]) : p.field}: ${localiseError(lang, p.message).text}`).join(' ');
    if (problem) res.status(400);
    const result = q.q.trim() ? await service.searchPage(viewer, q) : null;
    const labels = service.labels(viewer, q, result ?? NO_RESULT);
    const heading = res.locals.t('search.heading') as string;
    const choices = result && result.hits.length > 0 && viewer.role !== 'researcher' ? deps.bulkChoices?.(viewer) ?? null : null;
    res.render('search/results', {
      title: q.q ? `${q.q} — ${heading}` : heading,
      q,
      result,
      groups: result ? facetGroups(q, result, labels) : [],
      chips: filterChips(q, labels),
      pager: result ? pager(q, result) : null,
      markTitle: titleMarker(q, result),
      filtered: hasFilters(q),
      clearHref: clearFiltersUrl(q),
      selfHref: searchUrl(q),
      exactHref: result && result.corrections.length > 0 ? exactSearchUrl(q, result.corrections.map((c) => c.typed)) : null,
      undatedHref: searchUrl(q, { undated: 'include', page: 1 }),
      datedOnlyHref: searchUrl(q, { undated: undefined, page: 1 }),
      bundleHref: result && result.total > 0 ? bundleUrl(q) : null,
      bulk: choices ? { targets: { stories: choices.stories, requests: choices.requests }, allTags: choices.tags } : null,
      lists: q,
      problem: problem || null,
      mailAvailable: deps.mailAvailable ?? false,
      typed,
    });
  });

  r.get('/api/health', async (_req, res) => {
    const health = await service.health();
    const ops = await deps.opsHealth?.();
    const ok = health.ok && (ops?.ok ?? true);
    res.status(ok ? 200 : 503).json({ ...health, ...ops, ok });
  });

  r.get('/api/admin/reindex', (_req, res) => {
    res.json(service.reindexStatus(viewerOf(res)));
  });

  r.post('/api/admin/reindex', (_req, res) => {
    const status = service.startReindex(viewerOf(res), res.locals.requestId as string | undefined);
    res.status(202).json(status);
  });

  r.get('/admin/search', async (_req, res) => {
    const viewer = viewerOf(res);
    requireRole(viewer, 'admin');
    const status = service.reindexStatus(viewer);
    const health = await service.health();
    res.render('search/admin', { title: res.locals.t('search.admin.heading'), status, health });
  });

  r.post('/admin/search/reindex', (_req, res) => {
    service.startReindex(viewerOf(res), res.locals.requestId as string | undefined);
    res.redirect(303, '/admin/search');
  });

  return r;
}
