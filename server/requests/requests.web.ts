import { Router, type Response } from 'express';
import { viewerOf, type Viewer } from '../auth/viewer';
import { toAppError } from '../http/error-handler';
import { parse } from '../http/validate';
import { getRules, listJurisdictions } from './deadlines';
import { letterParam, documentParam, entryParam, orDiscard, requestParam, stagedUploads } from './requests.http';
import type { RequestsRoutesDeps } from './requests.api';
import { BUCKETS } from './requests.overview';
import { createRequestBody, letterQuery, linkDocumentBody, listQuery, logBody, statusBody, updateRequestBody } from './requests.schema';
import { STATUS_LABELS, TRANSITIONS } from './requests.status';
import { CHANNELS, DOCUMENT_ROLES, LOG_KINDS, type RequestStatus } from './requests.types';
import { uploadAccessFields } from '../documents/documents.schema';

/** Server-rendered pages of requests; every flow works without JavaScript. */
export function requestViewHelpers(res: Response) {
  const lang = (res.locals.lang as 'da' | 'en') ?? 'en';
  return {
    statusLabel: (s: RequestStatus) => STATUS_LABELS[s]?.[lang] ?? s,
    deadlineName: (d: { name: string; nameDa?: string | null }) => (lang === 'da' && d.nameDa ? d.nameDa : d.name),
  };
}

export function requestsWeb(deps: RequestsRoutesDeps): Router {
  const { requests, log, letters, intake, upload } = deps;
  const r = Router();

  const formPage = (res: Response, viewer: Viewer, values: Record<string, unknown>, error: string | null, editing: string | null) =>
    res.render('requests/form', {
      title: res.locals.t(editing ? 'requests.edit' : 'requests.new'),
      values,
      error,
      editing,
      parties: requests.parties(),
      stories: requests.stories(viewer),
      jurisdictions: listJurisdictions(),
      channels: CHANNELS,
    });

  r.get('/requests', (req, res) => {
    const viewer = viewerOf(res);
    const q = parse(listQuery, req.query);
    const filter = { status: q.status, storyId: q.story, authorityId: q.authority, createdBy: q.mine ? viewer.userId : undefined };
    const overview = requests.overview(viewer, filter, q.groupBy, res.locals.t('requests.none'));
    res.render('requests/overview', {
      title: res.locals.t('requests.heading'),
      overview,
      buckets: BUCKETS,
      q,
      parties: requests.parties(),
      stories: requests.stories(viewer),
      ...requestViewHelpers(res),
    });
  });

  r.get('/requests/new', (req, res) => {
    const viewer = viewerOf(res);
    const preset = { authorityId: typeof req.query.authority === 'string' ? req.query.authority : '', storyId: typeof req.query.story === 'string' ? req.query.story : '' };
    formPage(res, viewer, { jurisdiction: 'DK', ...preset }, null, null);
  });

  r.post('/requests', (req, res) => {
    const viewer = viewerOf(res);
    try {
      const created = requests.create(viewer, parse(createRequestBody, req.body ?? {}));
      res.redirect(303, `/requests/${created.id}`);
    } catch (err) {
      const e = toKnown(err);
      if (!e) throw err;
      res.status(e.status);
      formPage(res, viewer, (req.body ?? {}) as Record<string, unknown>, e.message, null);
    }
  });

  r.get('/requests/:id', (req, res) => {
    const viewer = viewerOf(res);
    const view = requests.view(viewer, requestParam(req));
    res.render('requests/show', {
      title: view.request.subject,
      view,
      next: TRANSITIONS[view.request.status],
      parties: requests.parties(),
      stories: requests.stories(viewer),
      logKinds: LOG_KINDS,
      documentRoles: DOCUMENT_ROLES,
      exemptionBases: getRules(view.request.jurisdiction).exemptions,
      ...requestViewHelpers(res),
    });
  });

  r.get('/requests/:id/edit', (req, res) => {
    const viewer = viewerOf(res);
    const current = requests.get(viewer, requestParam(req));
    formPage(res, viewer, { ...current, sentDate: current.sentDate ?? '', receivedDate: current.receivedDate ?? '', channel: current.channel ?? '', storyId: current.storyId ?? '' }, null, current.id);
  });

  r.post('/requests/:id', (req, res) => {
    const viewer = viewerOf(res);
    const id = requestParam(req);
    requests.get(viewer, id); // an unknown request is the 404 page, not a form with an error
    try {
      requests.update(viewer, id, parse(updateRequestBody, req.body ?? {}));
      res.redirect(303, `/requests/${id}`);
    } catch (err) {
      const e = toKnown(err);
      if (!e) throw err;
      res.status(e.status);
      formPage(res, viewer, (req.body ?? {}) as Record<string, unknown>, e.message, id);
    }
  });

  r.post('/requests/:id/delete', (req, res) => {
    requests.remove(viewerOf(res), requestParam(req));
    res.redirect(303, '/requests');
  });

  r.post('/requests/:id/status', (req, res) => {
    const id = requestParam(req);
    requests.changeStatus(viewerOf(res), id, parse(statusBody, req.body ?? {}));
    res.redirect(303, `/requests/${id}#history`);
  });

  r.post('/requests/:id/log', upload.array('files', 20), async (req, res) => {
    const files = stagedUploads(req);
    const { viewer, id, body, access } = await orDiscard(intake, files, () => ({
      viewer: viewerOf(res), id: requestParam(req), body: parse(logBody, req.body ?? {}), access: parse(uploadAccessFields, req.body ?? {}),
    }));
    const result = await log.addEntry(viewer, id, body, files, { level: access.access ?? 'newsroom', embargoUntil: access.embargoUntil ?? null, users: access.users ?? [] });
    if (result.refused.length === 0) return res.redirect(303, `/requests/${id}#log`);
    // Some files were refused: say which, and why, rather than dropping them silently.
    res.status(result.documents.length ? 200 : 415);
    res.render('requests/log-result', { title: res.locals.t('log.heading'), requestId: id, result });
  });

  r.post('/requests/:id/log/:entryId/delete', (req, res) => {
    const id = requestParam(req);
    log.deleteEntry(viewerOf(res), id, entryParam(req));
    res.redirect(303, `/requests/${id}#log`);
  });

  r.post('/requests/:id/documents', (req, res) => {
    const id = requestParam(req);
    const body = parse(linkDocumentBody, req.body ?? {});
    log.linkDocument(viewerOf(res), id, body.documentId, body.role);
    res.redirect(303, `/requests/${id}#documents`);
  });

  r.post('/requests/:id/documents/:documentId/delete', (req, res) => {
    const id = requestParam(req);
    log.unlinkDocument(viewerOf(res), id, documentParam(req));
    res.redirect(303, `/requests/${id}#documents`);
  });

  r.get('/requests/:id/letters/:kind', (req, res) => {
    const viewer = viewerOf(res);
    const id = requestParam(req);
    const kind = letterParam(req);
    const q = parse(letterQuery, req.query);
    const letter = letters.letter(viewer, id, kind, q.lang);
    const request = requests.get(viewer, id);
    res.render('requests/letter', { title: letter.subject, letter, request });
  });

  return r;
}

/** Validation and not-found problems are shown on the form; anything else goes to the error handler. */
function toKnown(err: unknown) {
  const e = toAppError(err, 0);
  return e && (e.code === 'validation_failed' || e.code === 'not_found' || e.code === 'bad_request') ? e : null;
}
