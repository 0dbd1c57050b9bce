import type { Request, RequestHandler } from 'express';
import { AppError } from '../lib/errors';
import { readCookie } from '../http/cookies';
import { csrfRefused, deferCsrf, tokensMatch } from '../http/csrf';
import { wantsJson } from '../http/error-handler';
import type { AuthService } from './auth.service';
import { researcherMay } from './permissions';
import { researcherRefused, type Viewer } from './viewer';

/**
 * Who is asking, and may they? Runs before every route:
 * 1. a `Bearer` token (scripts) or the session cookie (browsers) identifies the viewer;
 * 2. everything but the public paths needs a viewer (HTML → sign-in page, JSON → 401);
 * 3. a browser's state-changing request must carry the session's CSRF token (in the `_csrf` form
 *    field or the `X-CSRF-Token` header, never the URL) and come from our origin;
 * 4. researchers read and search only (and may make the read-only POSTs and the writes to their own
 *    saved searches and alerts listed in server/auth/permissions.ts).
 */
export const SESSION_COOKIE = 'kilde_session';

const PUBLIC = [/^\/static\//, /^\/login$/, /^\/setup$/, /^\/api\/health$/, /^\/api\/openapi\.json$/, /^\/calendar\/[A-Za-z0-9_-]+\.ics$/];
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
/**
 * The routes that read a multipart form through the CSRF-checked upload (server/http/csrf.ts): only
 * there may a browser's token wait in the form's fields, which are read after this guard. A
 * multipart post anywhere else must send the token in the header.
 */
const MULTIPART_FORMS = [/^\/upload$/, /^\/api\/documents$/, /^\/requests\/[^/]+\/log$/, /^\/api\/requests\/[^/]+\/log$/, /^\/check$/, /^\/search\/batch$/, /^\/api\/search\/batch$/];
/** Account actions every role may take. */
const ANY_ROLE_WRITES = [/^\/logout$/, /^\/account\/password$/, /^\/account\/tokens(\/[^/]+\/revoke)?$/, /^\/api\/tokens(\/[^/]+)?$/];

const isMultipart = (req: Request) => (req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/');

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
      const sent = req.headers['x-csrf-token'] ?? (req.body as { _csrf?: unknown } | undefined)?._csrf;
      if (sent === undefined && isMultipart(req) && MULTIPART_FORMS.some((p) => p.test(req.path))) deferCsrf(res);
      else if (!tokensMatch(sent, res.locals.csrfToken)) return next(csrfRefused());
    }
    if (!SAFE.has(req.method) && viewer.role === 'researcher' && !ANY_ROLE_WRITES.some((p) => p.test(req.path)) && !researcherMay(req.method, req.path)) {
      return next(researcherRefused());
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
