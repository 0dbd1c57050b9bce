import { Router } from 'express';
import type multer from 'multer';
import { viewerOf } from '../auth/viewer';
import type { IntakeService } from '../ingest/intake.service';
import { parse } from '../http/validate';
import type { CalendarService } from './feeds/feeds.service';
import type { LettersService } from './letters/letters.service';
import { documentParam, entryParam, letterParam, orDiscard, partyParam, requestParam, stagedUploads } from './requests.http';
import type { RequestLogService } from './requests.log.service';
import {
  presentChange, presentDeadlines, presentLinkedDocument, presentLogEntry, presentOverview, presentRequest, presentView,
} from './requests.presenter';
import type { AuthorityRecordFn } from './requests.record';
import {
  createRequestBody, letterQuery, linkDocumentBody, listQuery, logBody, statusBody, updateRequestBody,
} from './core/requests.schema';
import type { RequestsService } from './core/requests.service';
import { uploadAccessFields } from '../documents/documents.schema';

export interface RequestsRoutesDeps {
  requests: RequestsService;
  log: RequestLogService;
  letters: LettersService;
  record: AuthorityRecordFn;
  calendar: CalendarService;
  intake: IntakeService;
  upload: multer.Multer;
}

/** JSON API of FOI requests: CRUD, status changes, correspondence log, documents, deadlines, letters. */
export function requestsApi(deps: RequestsRoutesDeps): Router {
  const { requests, log, letters, record, intake, upload } = deps;
  const r = Router();

  r.get('/api/requests', (req, res) => {
    const viewer = viewerOf(res);
    const q = parse(listQuery, req.query);
    const filter = { status: q.status, storyId: q.story, authorityId: q.authority, createdBy: q.mine ? viewer.userId : undefined };
    const { requests: list, total } = requests.list(viewer, filter, q.page, q.perPage);
    res.json({ total, page: q.page, perPage: q.perPage, requests: list.map(presentRequest) });
  });

  // Before /api/requests/:id, which would otherwise read "overview" as an id.
  r.get('/api/requests/overview', (req, res) => {
    const viewer = viewerOf(res);
    const q = parse(listQuery, req.query);
    const filter = { status: q.status, storyId: q.story, authorityId: q.authority, createdBy: q.mine ? viewer.userId : undefined };
    res.json(presentOverview(requests.overview(viewer, filter, q.groupBy)));
  });

  r.post('/api/requests', (req, res) => {
    const created = requests.create(viewerOf(res), parse(createRequestBody, req.body ?? {}));
    res.status(201).location(`/api/requests/${created.id}`).json(presentRequest(created));
  });

  r.get('/api/requests/:id', (req, res) => {
    res.json(presentView(requests.view(viewerOf(res), requestParam(req))));
  });

  r.patch('/api/requests/:id', (req, res) => {
    res.json(presentRequest(requests.update(viewerOf(res), requestParam(req), parse(updateRequestBody, req.body ?? {}))));
  });

  r.delete('/api/requests/:id', (req, res) => {
    requests.remove(viewerOf(res), requestParam(req));
    res.status(204).end();
  });

  r.post('/api/requests/:id/status', (req, res) => {
    const { request, change } = requests.changeStatus(viewerOf(res), requestParam(req), parse(statusBody, req.body ?? {}));
    res.json({ request: presentRequest(request), change: presentChange(change) });
  });

  r.get('/api/requests/:id/history', (req, res) => {
    res.json({ history: requests.view(viewerOf(res), requestParam(req)).history.map(presentChange) });
  });

  r.get('/api/requests/:id/deadlines', (req, res) => {
    const viewer = viewerOf(res);
    res.json(presentDeadlines(requests.deadlines(viewer, requestParam(req)), requests.today()));
  });

  r.get('/api/requests/:id/log', (req, res) => {
    res.json({ log: log.entries(viewerOf(res), requestParam(req)).map(presentLogEntry) });
  });

  // JSON, or multipart with the documents in the field "files".
  r.post('/api/requests/:id/log', upload.array('files', 20), async (req, res) => {
    const files = stagedUploads(req);
    const { viewer, id, body, access } = await orDiscard(intake, files, () => ({
      viewer: viewerOf(res), id: requestParam(req), body: parse(logBody, req.body ?? {}), access: parse(uploadAccessFields, req.body ?? {}),
    }));
    const result = await log.addEntry(viewer, id, body, files, { level: access.access ?? 'newsroom', embargoUntil: access.embargoUntil ?? null, users: access.users ?? [] });
    res.status(201).json({ entry: presentLogEntry(result.entry), documents: result.documents, refused: result.refused });
  });

  r.delete('/api/requests/:id/log/:entryId', (req, res) => {
    log.deleteEntry(viewerOf(res), requestParam(req), entryParam(req));
    res.status(204).end();
  });

  r.get('/api/requests/:id/documents', (req, res) => {
    res.json({ documents: log.documents(viewerOf(res), requestParam(req)).map(presentLinkedDocument) });
  });

  r.post('/api/requests/:id/documents', (req, res) => {
    const body = parse(linkDocumentBody, req.body ?? {});
    const { added } = log.linkDocument(viewerOf(res), requestParam(req), body.documentId, body.role);
    res.status(added ? 201 : 200).json({ documentId: body.documentId, role: body.role, added });
  });

  r.delete('/api/requests/:id/documents/:documentId', (req, res) => {
    log.unlinkDocument(viewerOf(res), requestParam(req), documentParam(req));
    res.status(204).end();
  });

  r.get('/api/requests/:id/letters/:kind', (req, res) => {
    const kind = letterParam(req);
    const q = parse(letterQuery, req.query);
    const letter = letters.letter(viewerOf(res), requestParam(req), kind, q.lang);
    res.json({ kind: letter.kind, lang: letter.lang, subject: letter.subject, body: letter.body, template: letter.template, to: letter.to });
  });

  r.get('/api/parties/:id/foi-record', (req, res) => {
    res.json(record(partyParam(req), viewerOf(res)));
  });

  return r;
}
