import { Router } from 'express';
import { viewerOf } from '../auth/viewer';
import type { IntegrityService } from './integrity.service';

/** The admin's integrity page: the last re-hash of the originals, and a button to run one. Plain HTML forms. */
export function integrityRoutes(integrity: IntegrityService): Router {
  const r = Router();
  r.get('/admin/integrity', (_req, res) => {
    res.render('admin/integrity', { title: res.locals.t('ops.integrity.heading'), status: integrity.status(viewerOf(res)) });
  });
  r.post('/admin/integrity', (_req, res) => {
    integrity.start(viewerOf(res), res.locals.requestId as string | undefined);
    res.redirect(303, '/admin/integrity');
  });
  return r;
}
