import type { Request, RequestHandler } from 'express';
import { AppError } from '../errors';
import { wantsJson } from '../http/error-handler';
import type { AuthService } from './auth.service';
import type { Viewer } from './viewer';

/**
 * Who is asking, and may they? Runs before every route:
 * 1. a `Bearer` token (scripts) or the session cookie (browsers) identifies the viewer;
 * 2. everything but the public paths needs a viewer (HTML → sign-in page, JSON → 401);
 * 3. a browser's state-changing request must carry the session's CSRF token and come from our origin;
 * 4. researchers read and search only.
 */
export const SESSION_COOKIE = 'kilde_session';

const PUBLIC = [/^\/static\//, /^\/login$/, /^\/setup$/, /^\/api\/health$/, /^\/api\/openapi\.json$/, /^\/calendar\/[A-Za-z0-9_-]+\.ics$/];
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Account actions every role may take. */
const ANY_ROLE_WRITES = [/^\/logout$/, /^\/account\/password$/, /^\/account\/tokens(\/[^/]+\/revoke)?$/, /^\/api\/tokens(\/[^/]+)?$/];

export function readCookie(req: Request, name: string): string | undefined {
  const m = new RegExp(`(?:^|;\\s*)${name}=([^;]*)`).exec(req.headers.cookie ?? '');
  return m ? decodeURIComponent(m[1]) : undefined;
}

export function authenticate(auth: AuthService): RequestHandler {
  return (req, res, next) => {
    res.locals.viewer = null;
    res.locals.csrfToken = '';
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const viewer = auth.resolveToken(header.slice(7).trim());
      if (!viewer) return next(new AppError('unauthorized', 'This API token is not valid or has been revoked.'));
      res.locals.viewer = viewer;
      res.locals.viaToken = true;
      return next();
    }
    const sid = readCookie(req, SESSION_COOKIE);
    const session = sid ? auth.resolveSession(sid) : null;
    if (session) {
      res.locals.viewer = session.viewer;
      res.locals.csrfToken = session.csrf;
      res.locals.sessionId = sid;
    }
    next();
  };
}

export function guard(auth: AuthService): RequestHandler {
  return (req, res, next) => {
    const isPublic = PUBLIC.some((p) => p.test(req.path));
    const viewer = res.locals.viewer as Viewer | undefined;
    const origin = req.headers.origin;
    if (!SAFE.has(req.method) && !res.locals.viaToken && origin && origin !== 'null' && safeHost(origin) !== req.headers.host) {
      return next(new AppError('forbidden', 'This request came from another site and was refused.'));
    }
    if (!viewer) {
      if (isPublic) return next();
      if (!auth.hasUsers() && !wantsJson(req)) return res.redirect(303, '/setup');
      if (wantsJson(req)) return next(new AppError('unauthorized', 'Sign in, or send an API token as "Authorization: Bearer <token>".'));
      return res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
    }
    if (!SAFE.has(req.method) && !res.locals.viaToken) {
      const multipart = (req.headers['content-type'] ?? '').startsWith('multipart/');
      const sent = (req.headers['x-csrf-token'] as string | undefined) ?? (req.body as { _csrf?: string } | undefined)?._csrf ?? (multipart ? (req.query._csrf as string | undefined) : undefined);
      if (!sent || sent !== res.locals.csrfToken) {
        return next(new AppError('forbidden', 'The form expired or did not come from Kilde. Reload the page and try again.'));
      }
    }
    if (!SAFE.has(req.method) && viewer.role === 'researcher' && !ANY_ROLE_WRITES.some((p) => p.test(req.path))) {
      return next(new AppError('forbidden', 'Researchers can read and search, but not change the archive.'));
    }
    next();
  };
}

function safeHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
