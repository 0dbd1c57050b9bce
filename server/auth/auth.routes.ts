import { Router, type Response } from 'express';
import { z } from 'zod';
import { AppError } from '../lib/errors';
import { toAppError, wantsJson } from '../http/error-handler';
import { localiseError } from '../i18n/messages.errors';
import { parse } from '../http/validate';
import type { AuthService } from './auth.service';
import type { LoginThrottle } from './login-throttle';
import { SESSION_COOKIE } from './auth.middleware';
import type { AuditLog } from './audit';
import { accountRoutes } from './account.routes';
import { adminRoutes, newUser } from './admin.routes';

/**
 * Sign-in, first-run setup, the account page (password, API tokens), user admin and the audit log;
 * the account page's routes (account.routes.ts) and the admin's (admin.routes.ts) are added after
 * sign-in and setup, in that order.
 */
const credentials = z.object({ username: z.string().max(64), password: z.string().max(200), next: z.string().max(2000).optional() });

/** Only same-site paths: "next" must not send a user to another site after sign-in. */
const safeNext = (next: string | undefined) => (next && /^\/(?!\/)[^\\]*$/.test(next) ? next : '/');

/** A typed form value to show again: the first if sent twice, cut to what the field takes. */
const typed = (v: unknown, max: number): string => {
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first.slice(0, max) : '';
};

type SetupField = 'username' | 'displayName' | 'password';

/** Which field of the setup form a refusal is about: zod names it; the service's messages say it. */
function setupField(err: AppError): SetupField {
  const issues = (err.details?.issues ?? []) as Array<{ path?: string }>;
  const named = issues[0]?.path?.split('.')[0];
  if (named === 'username' || named === 'displayName' || named === 'password') return named;
  return /password/i.test(err.message) ? 'password' : 'username';
}

export function authRoutes(deps: { auth: AuthService; audit: AuditLog; secureCookies: boolean; throttle: LoginThrottle }): Router {
  const { auth, audit, throttle } = deps;
  const r = Router();

  const setSession = (res: Response, viewer: ReturnType<AuthService['toViewer']>) => {
    const s = auth.startSession(viewer);
    res.cookie(SESSION_COOKIE, s.sessionId, { httpOnly: true, sameSite: 'lax', secure: deps.secureCookies, maxAge: s.maxAgeMs, path: '/' });
  };

  r.get('/login', (req, res) => {
    if (!auth.hasUsers()) return res.redirect(303, '/setup');
    res.render('auth/login', { title: res.locals.t('auth.signIn'), next: safeNext(req.query.next as string | undefined), error: null, username: '' });
  });

  // Every refusal depends only on what was typed and from where, never on whether the user exists.
  r.post('/login', async (req, res) => {
    const raw = (req.body ?? {}) as Record<string, unknown>;
    const parsed = credentials.safeParse(raw);
    if (!parsed.success) {
      // A form that cannot be read (a name too long, a field missing) comes back with the name kept.
      if (wantsJson(req)) throw parsed.error;
      const shown = localiseError(res.locals.lang === 'da' ? 'da' : 'en', toAppError(parsed.error, 0)?.message ?? '');
      return res.status(400).render('auth/login', { title: res.locals.t('auth.signIn'), next: safeNext(typed(raw.next, 2000)), error: shown.text, errorLang: shown.lang, username: typed(raw.username, 64) });
    }
    const body = parsed.data;
    const address = req.ip ?? 'unknown';
    const refuse = (status: number, key: string) =>
      res.status(status).render('auth/login', { title: res.locals.t('auth.signIn'), next: safeNext(body.next), error: res.locals.t(key), username: body.username });
    const verdict = throttle.check(address, body.username);
    if (verdict !== 'ok') return refuse(429, verdict === 'address' ? 'auth.throttledAddress' : 'auth.throttledPair');
    let viewer: ReturnType<AuthService['toViewer']>;
    try {
      viewer = await auth.signIn(body.username, body.password);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'unauthorized') throw err;
      throttle.fail(address, body.username);
      return refuse(401, 'auth.refused');
    }
    throttle.succeed(address, body.username);
    setSession(res, viewer);
    res.redirect(303, safeNext(body.next));
  });

  r.post('/logout', (_req, res) => {
    const sid = res.locals.sessionId as string | undefined;
    if (sid) auth.endSession(sid, res.locals.viewer ?? null);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.redirect(303, '/login');
  });

  r.get('/setup', (_req, res) => {
    if (auth.hasUsers()) return res.redirect(303, '/login');
    res.render('auth/setup', { title: res.locals.t('auth.setup'), error: null, errorField: null, values: { username: '', displayName: '' } });
  });

  // A refused name or password brings the form back with what was typed (never the password) and
  // the reason beside the field, in the reader's language; JSON callers get the usual error.
  r.post('/setup', (req, res) => {
    if (auth.hasUsers()) throw new AppError('forbidden', 'Kilde is already set up. Sign in instead.');
    const raw = (req.body ?? {}) as Record<string, unknown>;
    let user: ReturnType<AuthService['createUser']>;
    try {
      const body = parse(newUser.omit({ role: true }), raw);
      user = auth.createUser(null, { ...body, role: 'admin' });
    } catch (err) {
      const refusal = toAppError(err, 0);
      if (!refusal || wantsJson(req)) throw err;
      const shown = localiseError(res.locals.lang === 'da' ? 'da' : 'en', refusal.message);
      return res.status(refusal.status).render('auth/setup', {
        title: res.locals.t('auth.setup'),
        error: shown.text,
        errorLang: shown.lang,
        errorField: setupField(refusal),
        values: { username: typed(raw.username, 64), displayName: typed(raw.displayName, 200) },
      });
    }
    setSession(res, auth.toViewer(user));
    res.redirect(303, '/');
  });

  accountRoutes(r, auth);
  adminRoutes(r, { auth, audit });

  return r;
}
