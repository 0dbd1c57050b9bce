import { Router, type Response } from 'express';
import { viewerOf } from '../../auth/viewer';
import { parse } from '../../http/validate';
import { baseUrl } from '../requests.http';
import { letterQuery } from '../requests.schema';
import type { CalendarService } from './calendar.service';

/**
 * The deadline calendar: the signed-in feed, the secret feed for calendar apps (a public path: the
 * token is the credential), and creating or revoking that secret feed.
 */
function sendIcs(res: Response, ics: string): void {
  res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
  res.setHeader('Content-Disposition', 'inline; filename="kilde-deadlines.ics"');
  res.setHeader('Cache-Control', 'private, no-store');
  res.send(ics);
}

export function calendarRoutes(deps: { calendar: CalendarService }): Router {
  const { calendar } = deps;
  const r = Router();

  r.get('/requests/calendar.ics', (req, res) => {
    const q = parse(letterQuery, req.query);
    sendIcs(res, calendar.feed(viewerOf(res), q.lang ?? (res.locals.lang as 'da' | 'en') ?? 'da', baseUrl(req)));
  });

  // No sign-in: calendar apps fetch this. The token (random, stored hashed) is the credential.
  r.get('/calendar/:token.ics', (req, res) => {
    const q = parse(letterQuery, req.query);
    const viewer = calendar.viewerForToken(String(req.params.token));
    res.setHeader('Referrer-Policy', 'no-referrer');
    sendIcs(res, calendar.feed(viewer, q.lang ?? 'da', baseUrl(req)));
  });

  r.get('/api/calendar/feed', (_req, res) => {
    const status = calendar.feedStatus(viewerOf(res));
    res.json({ exists: status !== null, createdAt: status?.createdAt ?? null, lastUsedAt: status?.lastUsedAt ?? null });
  });

  r.post('/api/calendar/feed', (req, res) => {
    const { token, createdAt } = calendar.createFeed(viewerOf(res));
    res.status(201).json({ url: `${baseUrl(req)}/calendar/${token}.ics`, createdAt });
  });

  r.delete('/api/calendar/feed', (_req, res) => {
    calendar.revokeFeed(viewerOf(res));
    res.status(204).end();
  });

  r.get('/requests/calendar', (req, res) => {
    const viewer = viewerOf(res);
    res.render('requests/calendar', { title: res.locals.t('calendar.heading'), status: calendar.feedStatus(viewer), url: null, base: baseUrl(req) });
  });

  r.post('/requests/calendar/feed', (req, res) => {
    const viewer = viewerOf(res);
    const { token } = calendar.createFeed(viewer);
    // Shown once, on this response only; the page after a reload no longer knows it.
    res.setHeader('Cache-Control', 'no-store');
    res.render('requests/calendar', { title: res.locals.t('calendar.heading'), status: calendar.feedStatus(viewer), url: `${baseUrl(req)}/calendar/${token}.ics`, base: baseUrl(req) });
  });

  r.post('/requests/calendar/feed/delete', (_req, res) => {
    calendar.revokeFeed(viewerOf(res));
    res.redirect(303, '/requests/calendar');
  });

  return r;
}
