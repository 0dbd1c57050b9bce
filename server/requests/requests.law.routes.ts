import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { canWrite, viewerOf } from '../auth/viewer';
import { AppError } from '../lib/errors';
import { formRefusal } from '../http/field-problem';
import { firstValue, parse } from '../http/validate';
import { requestParam } from './requests.http';
import type { LawService } from './requests.law.service';
import { clockStopBody, clockStopUpdateBody, directoryUpdateBody, exemptionBody, exemptionUpdateBody } from './core/requests.schema';
import type { ClockStopRecord, ExemptionRecord } from './core/requests.types';

/**
 * Routes for clock stops, exemption records (the aktliste) and the authority directory, as JSON
 * and as form posts from the request page (which redirect back to it).
 */
function idParam(req: Request, name: string, what: string): number {
  const v = req.params[name];
  if (typeof v !== 'string' || !/^[1-9][0-9]{0,14}$/.test(v)) throw AppError.notFound(what);
  return Number(v);
}

const directoryKey = (req: Request): string => {
  const k = req.params.key;
  if (typeof k !== 'string' || !/^[a-z0-9_]{1,100}$/.test(k)) throw AppError.notFound('This authority');
  return k;
};

/** The directory's groups in the order a Danish journalist looks for them. */
const DIRECTORY_CATEGORIES = ['ministry', 'agency', 'municipality', 'region', 'appeal_body', 'other'] as const;
const oneText = (max: number) => z.preprocess(firstValue, z.string().trim().max(max).optional().transform((s) => s || undefined)).catch(undefined);
const directoryQuery = z.object({ q: oneText(100), category: oneText(30) });

export const presentStop = (s: ClockStopRecord) => ({ id: s.id, kind: s.kind, from: s.from, to: s.to, note: s.note, createdAt: s.createdAt });
export const presentExemption = (e: ExemptionRecord) => ({
  id: e.id, number: e.number, title: e.title, documentDate: e.documentDate, decision: e.decision, bases: e.bases, note: e.note,
  documentId: e.documentId, state: e.state, sourceDocumentId: e.sourceDocumentId, createdAt: e.createdAt, updatedAt: e.updatedAt,
});

export function lawRoutes(deps: { law: LawService }): Router {
  const { law } = deps;
  const r = Router();
  const back = (id: string, anchor: string) => `/requests/${id}#${anchor}`;

  // — clock stops —
  r.get('/api/requests/:id/clock-stops', (req, res) => {
    res.json({ clockStops: law.stops(viewerOf(res), requestParam(req)).map(presentStop) });
  });
  r.post('/api/requests/:id/clock-stops', (req, res) => {
    res.status(201).json(presentStop(law.addStop(viewerOf(res), requestParam(req), parse(clockStopBody, req.body ?? {}))));
  });
  r.patch('/api/requests/:id/clock-stops/:stopId', (req, res) => {
    const body = parse(clockStopUpdateBody, req.body ?? {});
    res.json(presentStop(law.endStop(viewerOf(res), requestParam(req), idParam(req, 'stopId', 'This clock stop'), body.to ?? null, body.note)));
  });
  r.delete('/api/requests/:id/clock-stops/:stopId', (req, res) => {
    law.deleteStop(viewerOf(res), requestParam(req), idParam(req, 'stopId', 'This clock stop'));
    res.status(204).end();
  });
  r.post('/requests/:id/clock-stops', (req, res) => {
    const id = requestParam(req);
    law.addStop(viewerOf(res), id, parse(clockStopBody, req.body ?? {}));
    res.redirect(303, back(id, 'deadlines'));
  });
  r.post('/requests/:id/clock-stops/:stopId', (req, res) => {
    const id = requestParam(req);
    const body = parse(clockStopUpdateBody, req.body ?? {});
    law.endStop(viewerOf(res), id, idParam(req, 'stopId', 'This clock stop'), body.to ?? null, body.note);
    res.redirect(303, back(id, 'deadlines'));
  });
  r.post('/requests/:id/clock-stops/:stopId/delete', (req, res) => {
    const id = requestParam(req);
    law.deleteStop(viewerOf(res), id, idParam(req, 'stopId', 'This clock stop'));
    res.redirect(303, back(id, 'deadlines'));
  });

  // — exemption records —
  r.get('/api/requests/:id/exemptions', (req, res) => {
    res.json({ exemptions: law.exemptions(viewerOf(res), requestParam(req)).map(presentExemption) });
  });
  r.post('/api/requests/:id/exemptions', (req, res) => {
    res.status(201).json(presentExemption(law.addExemption(viewerOf(res), requestParam(req), parse(exemptionBody, req.body ?? {}))));
  });
  r.post('/api/requests/:id/exemptions/read', (req, res) => {
    const documentId = typeof req.body?.documentId === 'string' ? req.body.documentId : '';
    if (!documentId) throw AppError.invalid('documentId: name the answer whose list of documents should be read.');
    const viewer = viewerOf(res);
    const id = requestParam(req);
    const { added } = law.readAktliste(viewer, id, documentId);
    res.json({ added, exemptions: law.exemptions(viewer, id).map(presentExemption) });
  });
  r.patch('/api/requests/:id/exemptions/:recordId', (req, res) => {
    const body = parse(exemptionUpdateBody, req.body ?? {});
    res.json(presentExemption(law.updateExemption(viewerOf(res), requestParam(req), idParam(req, 'recordId', 'This record'), body)));
  });
  r.delete('/api/requests/:id/exemptions/:recordId', (req, res) => {
    law.deleteExemption(viewerOf(res), requestParam(req), idParam(req, 'recordId', 'This record'));
    res.status(204).end();
  });
  r.post('/requests/:id/exemptions', (req, res) => {
    const id = requestParam(req);
    law.addExemption(viewerOf(res), id, parse(exemptionBody, req.body ?? {}));
    res.redirect(303, back(id, 'exemptions'));
  });
  r.post('/requests/:id/exemptions/:recordId', (req, res) => {
    const id = requestParam(req);
    law.updateExemption(viewerOf(res), id, idParam(req, 'recordId', 'This record'), parse(exemptionUpdateBody, req.body ?? {}));
    res.redirect(303, back(id, 'exemptions'));
  });
  r.post('/requests/:id/exemptions/:recordId/delete', (req, res) => {
    const id = requestParam(req);
    law.deleteExemption(viewerOf(res), id, idParam(req, 'recordId', 'This record'));
    res.redirect(303, back(id, 'exemptions'));
  });

  // — directory —
  r.get('/api/foi/authorities', (req, res) => {
    viewerOf(res);
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 100) : undefined;
    const category = typeof req.query.category === 'string' ? req.query.category.slice(0, 30) : undefined;
    res.json({ authorities: law.directory({ q, category }) });
  });
  r.patch('/api/foi/authorities/:key', (req, res) => {
    const body = parse(directoryUpdateBody, req.body ?? {});
    res.json(law.updateDirectory(viewerOf(res), directoryKey(req), body));
  });
  r.post('/api/foi/authorities/:key/party', (req, res) => {
    const result = law.partyFor(viewerOf(res), directoryKey(req));
    res.status(result.created ? 201 : 200).json(result);
  });

  // The directory as a page: find an entry, see and edit where to write to it (works without JavaScript).
  r.get('/foi/authorities', (req, res) => {
    const viewer = viewerOf(res);
    const q = parse(directoryQuery, req.query);
    res.render('requests/directory', {
      title: res.locals.t('directory.heading'), entries: law.directory(q), q, categories: DIRECTORY_CATEGORIES, canWrite: canWrite(viewer),
      saved: typeof req.query.saved === 'string' ? req.query.saved : null,
    });
  });
  const entryPage = (res: Response, key: string, values: Record<string, unknown> | null, error: string | null) => {
    const all = law.directory({});
    const entry = all.find((d) => d.key === key);
    if (!entry) throw AppError.notFound('This authority');
    // Who can hear complaints: the appeal bodies, the ministries (for their agencies), and whatever the entry names now.
    const appealBodies = all.filter((d) => d.key !== key && (d.category === 'appeal_body' || d.category === 'ministry' || d.key === entry.appealBodyKey));
    res.render('requests/directory-entry', { title: entry.name, entry, appealBodies, values: values ?? entry, error });
  };
  r.get('/foi/authorities/:key', (req, res) => {
    viewerOf(res);
    entryPage(res, directoryKey(req), null, null);
  });
  r.post('/foi/authorities/:key', (req, res) => {
    const viewer = viewerOf(res);
    const key = directoryKey(req);
    const values = { ...((req.body ?? {}) as Record<string, unknown>) };
    try {
      law.updateDirectory(viewer, key, parse(directoryUpdateBody, values));
    } catch (err) {
      const e = formRefusal(err);
      if (!e) throw err;
      res.status(e.status);
      return entryPage(res, key, values, e.message);
    }
    res.redirect(303, `/foi/authorities?saved=${encodeURIComponent(key)}#${encodeURIComponent(key)}`);
  });

  return r;
}
