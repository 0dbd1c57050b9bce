import type { Router } from 'express';
import { z } from 'zod';
import { wantsJson } from '../http/error-handler';
import { parse } from '../http/validate';
import type { AuthService } from './auth.service';
import { viewerOf } from './viewer';

const passwordChange = z.object({ current: z.string().max(200), next: z.string().max(200), revokeTokens: z.union([z.enum(['on', 'off']), z.boolean()]).optional() });

/** The account page (password, API tokens) and the API's own tokens, added to the router of authRoutes. */
export function accountRoutes(r: Router, auth: AuthService): void {
  r.get('/account', (_req, res) => {
    const viewer = viewerOf(res);
    res.render('auth/account', { title: res.locals.t('auth.account'), tokens: auth.tokens(viewer), newToken: null, message: null });
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
    res.render('auth/account', { title: res.locals.t('auth.account'), tokens: auth.tokens(viewerOf(res)), newToken: null, message });
  });

  r.post('/account/tokens', (req, res) => {
    const body = parse(z.object({ name: z.string().max(100) }), req.body ?? {});
    const created = auth.createToken(viewerOf(res), body.name);
    res.render('auth/account', { title: res.locals.t('auth.account'), tokens: auth.tokens(viewerOf(res)), newToken: created.token, message: null });
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
}
