import type { Router } from 'express';
import { z } from 'zod';
import { parse } from '../http/validate';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, type AuditLog } from './audit';
import type { AuthService } from './auth.service';
import { ROLES, requireRole, viewerOf, type Role } from './viewer';

/** A new user as an admin creates one; first-run setup takes the same without the role. */
export const newUser = z.object({
  username: z.string().max(64),
  displayName: z.string().max(200).optional(),
  role: z.enum(ROLES as [Role, ...Role[]]),
  password: z.string().max(200),
});
const auditQuery = z.object({
  actor: z.string().max(100).optional(),
  action: z.string().max(50).optional(),
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  // The document page links here with `?entity=<id>`; it means the same as entityId.
  entity: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
}).transform(({ entity, ...q }) => ({ ...q, entityId: q.entityId || entity || undefined }));

/** User admin and the audit log (admins only), added to the router of authRoutes. */
export function adminRoutes(r: Router, deps: { auth: AuthService; audit: AuditLog }): void {
  const { auth, audit } = deps;

  r.get('/admin/users', (_req, res) => {
    requireRole(viewerOf(res), 'admin');
    res.render('admin/users', { title: res.locals.t('admin.users'), users: auth.list(), roles: ROLES, error: null });
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
    res.render('admin/audit', { title: res.locals.t('admin.audit'), q, actions: AUDIT_ACTIONS, entityTypes: AUDIT_ENTITY_TYPES, ...audit.entries(viewer, q) });
  });
  r.get('/api/admin/audit', (req, res) => {
    const viewer = viewerOf(res);
    requireRole(viewer, 'admin');
    res.json(audit.entries(viewer, parse(auditQuery, req.query)));
  });
}
