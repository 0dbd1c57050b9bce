import { Router, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import { viewerOf, type Viewer } from '../auth/viewer';
import { parse } from '../http/validate';
import type { AlertsService } from './alerts.service';

/**
 * Saved searches and alerts: pages (forms work without JavaScript), JSON for scripts, and the
 * public Atom feed (its secret URL is the only credential, so it is mounted before sign-in).
 */
const checkbox = z.preprocess((v) => (Array.isArray(v) ? v.at(-1) : v), z.union([z.boolean(), z.enum(['on', 'true', '1', 'false', '0', ''])]).optional())
  .transform((v) => v === true || v === 'on' || v === 'true' || v === '1');
const saveBody = z.object({
  name: z.preprocess((v) => v ?? '', z.string().max(200, 'the name is longer than 200 characters')),
  search: z.string({ error: 'search: give the search to save (its URL or query string)' }).max(4000, 'search: the search is longer than 4,000 characters'),
  alertEmail: checkbox,
});
const updateBody = z.object({
  name: z.string().max(200, 'the name is longer than 200 characters').optional(),
  alertEmail: checkbox,
});
const settingsBody = z.object({
  email: z.preprocess((v) => (v === undefined ? undefined : v ?? ''), z.string().max(320).optional()),
  foiAlerts: checkbox.optional(),
});

const idOf = (req: Request) => (typeof req.params.id === 'string' ? req.params.id : '');

export function alertFeedRoutes(alerts: AlertsService): Router {
  const r = Router();
  r.get('/alerts/feed/:token.atom', (req, res) => {
    const xml = alerts.feed(typeof req.params.token === 'string' ? req.params.token : '');
    if (xml === null) return res.status(404).type('text/plain').send('No such feed.');
    res.set('Cache-Control', 'private, no-store').type('application/atom+xml; charset=utf-8').send(xml);
  });
  return r;
}

/**
 * The bell in the header (views/partials/head.ejs reads `alertCount`, a number): counted just
 * before a page renders, for a signed-in viewer, so JSON, files, images and redirects cost no query.
 */
export function bellCount(alerts: Pick<AlertsService, 'unread'>): RequestHandler {
  return (_req, res, next) => {
    const render = res.render.bind(res);
    res.render = ((view: string, ...rest: unknown[]) => {
      const viewer = res.locals.viewer as Viewer | null | undefined;
      res.locals.alertCount = viewer ? alerts.unread(viewer) : 0;
      return (render as (view: string, ...rest: unknown[]) => void)(view, ...rest);
    }) as typeof res.render;
    next();
  };
}

export function alertRoutes(alerts: AlertsService): Router {
  const r = Router();

  r.get('/saved-searches', (_req, res) => {
    const viewer = viewerOf(res);
    res.render('alerts/saved-searches', { title: res.locals.t('alerts.savedSearches'), searches: alerts.list(viewer), settings: alerts.settings(viewer), feed: null });
  });
  r.post('/saved-searches', (req, res) => {
    const body = parse(saveBody, req.body ?? {});
    const saved = alerts.save(viewerOf(res), { name: body.name, params: body.search, alertEmail: body.alertEmail });
    res.redirect(303, `/saved-searches/${encodeURIComponent(saved.id)}${saved.existing ? '?already=1' : ''}`);
  });
  r.get('/saved-searches/:id', (req, res) => {
    const opened = alerts.open(viewerOf(res), idOf(req));
    res.render('alerts/saved-search', { title: opened.search.name, ...opened, already: req.query.already === '1' });
  });
  r.post('/saved-searches/:id', (req, res) => {
    const body = parse(updateBody, req.body ?? {});
    const viewer = viewerOf(res);
    // Without a mail server the form has no e-mail box: leave the choice as it was.
    alerts.update(viewer, idOf(req), { name: body.name ?? '', alertEmail: alerts.mailAvailable ? body.alertEmail : undefined });
    res.redirect(303, `/saved-searches/${encodeURIComponent(idOf(req))}`);
  });
  r.post('/saved-searches/:id/delete', (req, res) => {
    alerts.remove(viewerOf(res), idOf(req));
    res.redirect(303, '/saved-searches');
  });

  r.get('/alerts', (_req, res) => {
    const viewer = viewerOf(res);
    res.render('alerts/alerts', { title: res.locals.t('alerts.title'), alerts: alerts.alerts(viewer), settings: alerts.settings(viewer), feed: null });
  });
  r.post('/alerts/read', (_req, res) => {
    alerts.markRead(viewerOf(res));
    res.redirect(303, '/alerts');
  });
  r.post('/alerts/settings', (req, res) => {
    const body = parse(settingsBody, req.body ?? {});
    alerts.saveSettings(viewerOf(res), { email: body.email ?? null, foiAlerts: body.foiAlerts ?? false });
    res.redirect(303, '/alerts');
  });
  r.post('/alerts/feed/off', (_req, res) => {
    alerts.dropFeed(viewerOf(res).userId);
    res.redirect(303, '/alerts');
  });
  r.post('/alerts/feed', (_req, res) => {
    const viewer = viewerOf(res);
    // The secret is shown on this answer only.
    res.render('alerts/alerts', { title: res.locals.t('alerts.title'), alerts: alerts.alerts(viewer), settings: alerts.settings(viewer), feed: alerts.newFeed(viewer) });
  });

  r.get('/api/saved-searches', (_req, res) => {
    res.json({ savedSearches: alerts.list(viewerOf(res)) });
  });
  r.post('/api/saved-searches', (req, res) => {
    const body = parse(saveBody, req.body ?? {});
    const saved = alerts.save(viewerOf(res), { name: body.name, params: body.search, alertEmail: body.alertEmail });
    res.status(saved.existing ? 200 : 201).json(saved);
  });
  r.get('/api/saved-searches/:id', (req, res) => {
    res.json(alerts.open(viewerOf(res), idOf(req)));
  });
  r.patch('/api/saved-searches/:id', (req, res) => {
    const raw = (req.body ?? {}) as Record<string, unknown>;
    const body = parse(updateBody, raw);
    res.json(alerts.update(viewerOf(res), idOf(req), { name: body.name, alertEmail: raw.alertEmail === undefined ? undefined : body.alertEmail }));
  });
  r.delete('/api/saved-searches/:id', (req, res) => {
    alerts.remove(viewerOf(res), idOf(req));
    res.status(204).end();
  });
  r.get('/api/alerts', (_req, res) => {
    const viewer = viewerOf(res);
    res.json({ unread: alerts.unread(viewer), alerts: alerts.alerts(viewer) });
  });
  r.post('/api/alerts/read', (_req, res) => {
    res.json({ marked: alerts.markRead(viewerOf(res)) });
  });
  r.put('/api/alerts/settings', (req, res) => {
    const body = parse(settingsBody, req.body ?? {});
    const viewer = viewerOf(res);
    alerts.saveSettings(viewer, { email: body.email, foiAlerts: req.body?.foiAlerts === undefined ? undefined : body.foiAlerts });
    res.json(alerts.settings(viewer));
  });
  r.post('/api/alerts/feed', (_req, res) => {
    res.status(201).json(alerts.newFeed(viewerOf(res)));
  });
  r.delete('/api/alerts/feed', (_req, res) => {
    alerts.dropFeed(viewerOf(res).userId);
    res.status(204).end();
  });
  return r;
}
