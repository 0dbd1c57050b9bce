import { Router, type Response } from 'express';
import { viewerOf } from '../../auth/viewer';
import { parse } from '../../http/validate';
import { letterQuery } from '../core/requests.schema';
import type { CalendarService } from './feeds.service';

/**
 * The deadline calendar: the signed-in feed, the secret feed for calendar apps (a public path: the
 * token is the credential), and creating or revoking that secret feed.
 *
 * Absolute addresses come from KILDE_PUBLIC_URL only, never from the Host header: a forged Host on
 * the request that makes the secret address would otherwise hand the journalist a link to someone
 * else's server, which then receives the secret token with every calendar refresh. Without
 * KILDE_PUBLIC_URL the address is a same-origin path (the page shows it as a link, whose address the
 * browser resolves against the site it is really on), and feed entries carry no link.
 */
function sendIcs(res: Response, ics: string): void {
  res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
  res.setHeader('Content-Disposition', 'inline; filename="kilde-deadlines.ics"');
  res.setHeader('Cache-Control', 'private, no-store');
  res.send(ics);
}

export function calendarRoutes(deps: { calendar: CalendarService; publicUrl: string | null }): Router {
  const { calendar, publicUrl } = deps;
  const r = Router();
  const feedPath = (token: string) => `/calendar/${token}.ics`;
  const feedUrl = (token: string) => `${publicUrl ?? ''}${feedPath(token)}`;

  r.get('/requests/calendar.ics', (req, res) => {
    const q = parse(letterQuery, req.query);
    sendIcs(res, calendar.feed(viewerOf(res), q.lang ?? (res.locals.lang as 'da' | 'en') ?? 'da', publicUrl));
  });

  // No sign-in: calendar apps fetch this. The token (random, stored hashed) is the credential.
  r.get('/calendar/:token.ics', (req, res) => {
    const q = parse(letterQuery, req.query);
    const viewer = calendar.viewerForToken(String(req.params.token));
    res.setHeader('Referrer-Policy', 'no-referrer');
    sendIcs(res, calendar.feed(viewer, q.lang ?? 'da', publicUrl));
  });

  r.get('/api/calendar/feed', (_req, res) => {
    const status = calendar.feedStatus(viewerOf(res));
    res.json({ exists: status !== null, createdAt: status?.createdAt ?? null, lastUsedAt: status?.lastUsedAt ?? null });
  });

  // `url` is absolute when KILDE_PUBLIC_URL is set, else the same path as `path`.
  r.post('/api/calendar/feed', (_req, res) => {
    const { token, createdAt } = calendar.createFeed(viewerOf(res));
    res.status(201).json({ url: feedUrl(token), path: feedPath(token), createdAt });
  });

  r.delete('/api/calendar/feed', (_req, res) => {
    calendar.revokeFeed(viewerOf(res));
    res.status(204).end();
  });

  r.get('/requests/calendar', (_req, res) => {
    const viewer = viewerOf(res);
    res.render('requests/calendar', { title: res.locals.t('calendar.heading'), status: calendar.feedStatus(viewer), url: null, absolute: publicUrl !== null });
  });

  r.post('/requests/calendar/feed', (_req, res) => {
    const viewer = viewerOf(res);
    const { token } = calendar.createFeed(viewer);
    // Shown once, on this response only; the page after a reload no longer knows it.
    res.setHeader('Cache-Control', 'no-store');
    res.render('requests/calendar', { title: res.locals.t('calendar.heading'), status: calendar.feedStatus(viewer), url: feedUrl(token), absolute: publicUrl !== null });
  });

  r.post('/requests/calendar/feed/delete', (_req, res) => {
    calendar.revokeFeed(viewerOf(res));
    res.redirect(303, '/requests/calendar');
  });

  return r;
}
