import { Router, type Response } from 'express';
import { z } from 'zod';
import { AppError } from '../errors';
import { toAppError, wantsJson } from '../http/error-handler';
import { localiseError } from '../i18n/messages.errors';
import { parse } from '../http/validate';
import type { AuthService } from './auth.service';
import type { LoginThrottle } from './login-throttle';
import { SESSION_COOKIE } from './auth.middleware';
import type { AuditLog } from './audit';
import { ROLES, requireRole, viewerOf, type Role } from './viewer';

/** Sign-in, first-run setup, the account page (password, API tokens), user admin and the audit log. */
const credentials = z.object({ username: z.string().max(64), password: z.string().max(200), next: z.string().max(2000).optional() });
const newUser = z.object({
  username: z.string().max(64),
  displayName: z.string().max(200).optional(),
  role: z.enum(ROLES as [Role, ...Role[]]),
  password: z.string().max(200),
});
const passwordChange = z.object({ current: z.string().max(200), next: z.string().max(200), revokeTokens: z.union([z.enum(['on', 'off']), z.boolean()]).optional() });
const auditQuery = z.object({
  actor: z.string().max(100).optional(),
  action: z.string().max(50).optional(),
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});

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
    res.render('auth/login', { title: 'Sign in', next: safeNext(req.query.next as string | undefined), error: null, username: '' });
  });

  // Every refusal depends only on what was typed and from where, never on whether the user exists.
  r.post('/login', async (req, res) => {
    const raw = (req.body ?? {}) as Record<string, unknown>;
    const parsed = credentials.safeParse(raw);
    if (!parsed.success) {
      // A form that cannot be read (a name too long, a field missing) comes back with the name kept.
      if (wantsJson(req)) throw parsed.error;
      const shown = localiseError(res.locals.lang === 'da' ? 'da' : 'en', toAppError(parsed.error, 0)?.message ?? '');
      return res.status(400).render('auth/login', { title: 'Sign in', next: safeNext(typed(raw.next, 2000)), error: shown.text, errorLang: shown.lang, username: typed(raw.username, 64) });
    }
    const body = parsed.data;
    const address = req.ip ?? 'unknown';
    const refuse = (status: number, key: string) =>
      res.status(status).render('auth/login', { title: 'Sign in', next: safeNext(body.next), error: res.locals.t(key), username: body.username });
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
    res.render('auth/setup', { title: 'Set up Kilde', error: null, errorField: null, values: { username: '', displayName: '' } });
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
        title: 'Set up Kilde',
        error: shown.text,
        errorLang: shown.lang,
        errorField: setupField(refusal),
        values: { username: typed(raw.username, 64), displayName: typed(raw.displayName, 200) },
      });
    }
    setSession(res, auth.toViewer(user));
    res.redirect(303, '/');
  });

  r.get('/account', (_req, res) => {
    const viewer = viewerOf(res);
    res.render('auth/account', { title: 'Account', tokens: auth.tokens(viewer), newToken: null, message: null });
  });

  // Other sessions always end; API tokens are revoked unless the form says to keep them (the box is
  // ticked by default: whoever knew the old password may have made a token).
  r.post('/account/password', async (req, res) => {
    const body = parse(passwordChange, req.body ?? {});
    const done = await auth.changePassword(viewerOf(res), body.current, body.next, { keepSessionId: res.locals.sessionId, keepTokens: body.revokeTokens !== 'on' && body.revokeTokens !== true });
    if (wantsJson(req)) return res.json(done);
    const t = res.locals.t as (key: string) => string;
    const message = [
      t('auth.passwordChanged').replace('{n}', String(done.sessionsEnded)),
      done.tokensRevoked > 0 ? t('auth.tokensRevoked').replace('{n}', String(done.tokensRevoked)) : '',
      done.tokensKept > 0 ? t('auth.tokensKept').replace('{n}', String(done.tokensKept)) : '',
    ].filter(Boolean).join(' ');
    res.render('auth/account', { title: 'Account', tokens: auth.tokens(viewerOf(res)), newToken: null, message });
  });

  r.post('/account/tokens', (req, res) => {
    const body = parse(z.object({ name: z.string().max(100) }), req.body ?? {});
    const created = auth.createToken(viewerOf(res), body.name);
    res.render('auth/account', { title: 'Account', tokens: auth.tokens(viewerOf(res)), newToken: created.token, message: null });
  });

  r.post('/account/tokens/:id/revoke', (req, res) => {
    auth.revokeToken(viewerOf(res), String(req.params.id));
    res.redirect(303, '/account');
  });

  r.get('/api/me', (_req, res) => {
    const v = viewerOf(res);
    res.json({ id: v.userId, username: v.username, name: v.name, role: v.role });
  });

  r.post('/api/tokens', (req, res) => {
    const body = parse(z.object({ name: z.string().max(100) }), req.body ?? {});
    const created = auth.createToken(viewerOf(res), body.name);
    res.status(201).json({ id: created.id, token: created.token, note: 'Shown once: store it now.' });
  });

  r.delete('/api/tokens/:id', (req, res) => {
    auth.revokeToken(viewerOf(res), String(req.params.id));
    res.status(204).end();
  });

  r.get('/admin/users', (_req, res) => {
    requireRole(viewerOf(res), 'admin');
    res.render('admin/users', { title: 'Users', users: auth.list(), roles: ROLES, error: null });
  });

  r.post('/admin/users', (req, res) => {
    const actor = viewerOf(res);
    requireRole(actor, 'admin');
    auth.createUser(actor, parse(newUser, req.body ?? {}));
    res.redirect(303, '/admin/users');
  });

  r.post('/admin/users/:id', (req, res) => {
    const actor = viewerOf(res);
    requireRole(actor, 'admin');
    const body = parse(z.object({ role: z.enum(ROLES as [Role, ...Role[]]).optional(), disabled: z.enum(['true', 'false']).optional() }), req.body ?? {});
    auth.updateUser(actor, String(req.params.id), { role: body.role, disabled: body.disabled === undefined ? undefined : body.disabled === 'true' });
    res.redirect(303, '/admin/users');
  });

  r.get('/api/admin/users', (_req, res) => {
    requireRole(viewerOf(res), 'admin');
    res.json({ users: auth.list().map((u) => ({ id: u.id, username: u.username, name: u.displayName, role: u.role, disabled: u.disabled })) });
  });

  r.post('/api/admin/users', (req, res) => {
    const actor = viewerOf(res);
    requireRole(actor, 'admin');
    const u = auth.createUser(actor, parse(newUser, req.body ?? {}));
    res.status(201).json({ id: u.id, username: u.username, role: u.role });
  });

  // The role is checked before the query is read, so a non-admin learns nothing from a 400.
  r.get('/admin/audit', (req, res) => {
    const viewer = viewerOf(res);
    requireRole(viewer, 'admin');
    const q = parse(auditQuery, req.query);
    res.render('admin/audit', { title: 'Audit log', q, ...audit.entries(viewer, q) });
  });
  r.get('/api/admin/audit', (req, res) => {
    const viewer = viewerOf(res);
    requireRole(viewer, 'admin');
    res.json(audit.entries(viewer, parse(auditQuery, req.query)));
  });

  return r;
}
