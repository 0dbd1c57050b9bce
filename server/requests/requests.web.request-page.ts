import type { Router } from 'express';
import { z } from 'zod';
import { canWrite, requireWriter, viewerOf, type Viewer } from '../auth/viewer';
import { uploadAccessFields } from '../documents/documents.schema';
import { AppError } from '../lib/errors';
import { parse } from '../http/validate';
import { email, idFromInput, postalAddress, type PartiesService } from '../story';
import type { RequestsRoutesDeps } from './requests.api';
import { letterParam, documentParam, entryParam, orDiscard, requestParam, stagedUploads } from './requests.http';
import { LETTER_KINDS, letterPageQuery, linkDocumentBody, logBody, statusBody } from './core/requests.schema';
import { DOCUMENT_ROLES } from './core/requests.types';

type RequestPageDeps = Pick<RequestsRoutesDeps, 'requests' | 'log' | 'letters' | 'intake' | 'upload'> & { parties: PartiesService | null };

/** The forms of a request's page and its letters, added to the router of requestsWeb after the request form. */
export function requestPageRoutes(r: Router, deps: RequestPageDeps): void {
  const { requests, log, letters, intake, upload, parties } = deps;

  /** The authority's addresses, set from the request or letter page (where a missing one is noticed). */
  r.post('/requests/:id/authority-contact', (req, res) => {
    const viewer = viewerOf(res);
    const id = requestParam(req);
    const request = requests.get(viewer, id);
    if (!request.authorityId || !parties) throw AppError.notFound('The authority of this request');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const contact = parse(z.object({ email, postalAddress }), { email: body.email, postalAddress: body.postalAddress });
    const patch: { email?: string | null; postalAddress?: string | null } = {};
    if (body.email !== undefined) patch.email = contact.email ?? null;
    if (body.postalAddress !== undefined) patch.postalAddress = contact.postalAddress ?? null;
    if (Object.keys(patch).length) parties.update(viewer, request.authorityId, patch);
    res.redirect(303, backTo(id, body.back, body.letter));
  });

  // Deleting asks first, with or without JavaScript (as parties do): the page's button leads to this
  // question, and a post that did not come from it (no confirm=yes) is sent back to it.
  r.get('/requests/:id/delete', (req, res) => {
    const viewer = viewerOf(res);
    requireWriter(viewer);
    const view = requests.view(viewer, requestParam(req));
    res.render('requests/delete', { title: `${res.locals.t('requests.delete')}: ${view.request.subject}`, request: view.request, counts: { log: view.log.length, documents: view.documents.length } });
  });

  r.post('/requests/:id/delete', (req, res) => {
    const id = requestParam(req);
    if ((req.body as Record<string, unknown> | undefined)?.confirm !== 'yes') return res.redirect(303, `/requests/${id}/delete`);
    requests.remove(viewerOf(res), id);
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
    const raw = (req.body ?? {}) as Record<string, unknown>;
    const typed = typeof raw.documentId === 'string' ? raw.documentId.trim() : '';
    // Words instead of an id (no JavaScript, or no suggestion picked): show the matching documents to choose from.
    if (typed && !/^doc_/.test(idFromInput('document', typed))) {
      const role = typeof raw.role === 'string' && (DOCUMENT_ROLES as readonly string[]).includes(raw.role) ? raw.role : 'response';
      requests.get(viewerOf(res), id);
      return res.redirect(303, `/requests/${id}?${new URLSearchParams({ docq: typed.slice(0, 200), role }).toString()}#link-document`);
    }
    const body = parse(linkDocumentBody, { ...raw, documentId: typed ? idFromInput('document', typed) : raw.documentId });
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
    const q = parse(letterPageQuery, req.query);
    const letter = letters.letter(viewer, id, kind, q.letter);
    const request = requests.get(viewer, id);
    // The page's title in the interface's language; the letter's subject is in the letter's.
    res.render('requests/letter', { title: `${res.locals.t(`letters.${kind}`)} — ${request.subject}`, letter, request, canWrite: canWrite(viewer) && parties !== null, mailto: mailtoOf(letter.to?.email ?? null, letter.subject, letter.body) });
  });
}

/** Where a form on the request or letter page returns to: the letter it came from (in the language chosen there), or the request. */
function backTo(id: string, back: unknown, letter?: unknown): string {
  if (typeof back === 'string' && (LETTER_KINDS as readonly string[]).includes(back)) {
    return `/requests/${id}/letters/${back}${letter === 'da' || letter === 'en' ? `?letter=${letter}` : ''}`;
  }
  return `/requests/${id}`;
}

/**
 * The "open in my mail program" link: the authority's address as recipient, subject and body as
 * RFC 6068 fields (percent-encoded; line breaks as %0D%0A, which mail programs expect).
 */
export function mailtoOf(to: string | null, subject: string, body: string): string {
  const enc = (s: string) => encodeURIComponent(s);
  const recipient = to ? enc(to).replace(/%40/g, '@') : '';
  return `mailto:${recipient}?subject=${enc(subject)}&body=${enc(body.replace(/\r?\n/g, '\r\n'))}`;
}
