import { Router, type Response } from 'express';
import { z } from 'zod';
import { requireWriter, viewerOf, type Viewer } from '../auth/viewer';
import type { DocumentRecord } from '../documents/documents.types';
import { toAppError } from '../http/error-handler';
import { firstValue, givenValue, parse } from '../http/validate';
import type { PartiesService } from '../story';
import { getRules, listJurisdictions } from './deadlines';
import type { LawService } from './requests.law.service';
import { requestParam } from './requests.http';
import type { RequestsRoutesDeps } from './requests.api';
import { BUCKETS, NEEDS_ACTION } from './core/requests.overview';
import { createRequestBody, listQuery, updateRequestBody } from './core/requests.schema';
import { STATUS_LABELS, TRANSITIONS } from './core/requests.status';
import { CHANNELS, DOCUMENT_ROLES, LOG_KINDS, type RequestStatus } from './core/requests.types';
import { authorityForm, contactFields, DIRECTORY_PREFIX } from './requests.web.authority';
import { requestPageRoutes } from './requests.web.request-page';

/** Documents the viewer may read whose title or file name contains the text (the documents area's list). */
export type DocumentFinder = (viewer: Viewer, text: string, limit: number) => Array<Pick<DocumentRecord, 'id' | 'title' | 'filename' | 'documentDate' | 'datePrecision' | 'status'>>;

export interface RequestsWebDeps extends RequestsRoutesDeps {
  law: LawService;
  /** the parties area, where an authority's e-mail and postal address live; null in a partial area. */
  parties: PartiesService | null;
  findDocuments: DocumentFinder | null;
}

/** The search box of "link a document": a few words of a title or file name. */
const docSearchQuery = z.object({
  docq: z.preprocess(firstValue, z.string().trim().transform((s) => s.slice(0, 200) || undefined).optional()).catch(undefined),
  role: z.preprocess(givenValue, z.enum(DOCUMENT_ROLES).optional()).catch(undefined),
});

/** Server-rendered pages of requests; every flow works without JavaScript. */
export function requestViewHelpers(res: Response) {
  const lang = (res.locals.lang as 'da' | 'en') ?? 'en';
  return {
    statusLabel: (s: RequestStatus) => STATUS_LABELS[s]?.[lang] ?? s,
    /** A deadline's or a jurisdiction's name in the page's language (the English one where there is no Danish). */
    localName: (d: { name: string; nameDa?: string | null }) => (lang === 'da' && d.nameDa ? d.nameDa : d.name),
    /** A jurisdiction's subdivision (a Land, an EU institution) by the name the page's language gives it. */
    regionName: (j: { regions: Record<string, string> | null; regionsDa: Record<string, string> | null }, code: string) =>
      (lang === 'da' ? j.regionsDa?.[code] : undefined) ?? j.regions?.[code] ?? code,
    /** A deadline's rule sentence in the page's language; `lang` set when only the English one exists (for lang="en"). */
    deadlineRule: (d: { rule: string; ruleDa?: string | null }) => said(d.rule, d.ruleDa),
    /** A report's assumptions or notes in the page's language, each marked like `deadlineRule`. */
    reportSentences: (en: string[], da?: Array<string | null>) => en.map((text, i) => said(text, da?.[i])),
  };
  function said(en: string, da: string | null | undefined): { text: string; lang: 'en' | null } {
    return lang === 'da' && da ? { text: da, lang: null } : { text: en, lang: lang === 'en' ? null : 'en' };
  }
}

export function requestsWeb(deps: RequestsWebDeps): Router {
  const { requests, law, parties, findDocuments } = deps;
  const r = Router();

  const { authorityChoices, contactOf, resolveAuthority, saveContact } = authorityForm({ requests, law, parties });

  const formPage = (res: Response, viewer: Viewer, values: Record<string, unknown>, error: string | null, editing: string | null) => {
    const authorityId = typeof values.authorityId === 'string' ? values.authorityId : '';
    const current = authorityId && !authorityId.startsWith(DIRECTORY_PREFIX) ? contactOf(authorityId) : null;
    res.render('requests/form', {
      title: res.locals.t(editing ? 'requests.edit' : 'requests.new'),
      values,
      error,
      editing,
      choices: authorityChoices(),
      contact: current,
      stories: requests.stories(viewer),
      jurisdictions: listJurisdictions(),
      channels: CHANNELS,
      ...requestViewHelpers(res),
    });
  };

  r.get('/requests', (req, res) => {
    const viewer = viewerOf(res);
    const q = parse(listQuery, req.query);
    const filter = { status: q.status, storyId: q.story, authorityId: q.authority, createdBy: q.mine ? viewer.userId : undefined };
    const overview = requests.overview(viewer, filter, q.groupBy, res.locals.t('requests.none'));
    // What needs the journalist first (the law's dates falling now), then the rest; empty buckets are left out.
    const order = [...NEEDS_ACTION, ...BUCKETS.filter((b) => !NEEDS_ACTION.includes(b))];
    res.render('requests/overview', {
      title: res.locals.t('requests.heading'),
      overview,
      buckets: order,
      needsAction: NEEDS_ACTION,
      q,
      parties: requests.parties(),
      stories: requests.stories(viewer),
      ...requestViewHelpers(res),
    });
  });

  r.get('/requests/new', (req, res) => {
    const viewer = viewerOf(res);
    requireWriter(viewer);
    const preset = { authorityId: typeof req.query.authority === 'string' ? req.query.authority : '', storyId: typeof req.query.story === 'string' ? req.query.story : '' };
    formPage(res, viewer, { jurisdiction: 'DK', ...preset }, null, null);
  });

  r.post('/requests', (req, res) => {
    const viewer = viewerOf(res);
    const values = { ...((req.body ?? {}) as Record<string, unknown>) };
    try {
      const input = parse(createRequestBody, values);
      const contact = parse(contactFields, values);
      // The directory's entry becomes a party once the form's fields are valid. Should the service still
      // refuse the request (a date out of order), the party stays: it is the same authority next time.
      input.authorityId = resolveAuthority(viewer, input.authorityId);
      values.authorityId = input.authorityId;
      const created = requests.create(viewer, input);
      saveContact(viewer, input.authorityId, contact);
      // An address field left empty: the authority's address recorded in the directory, if any.
      law.fillFromDirectory(viewer, input.authorityId);
      res.redirect(303, `/requests/${created.id}`);
    } catch (err) {
      const e = toKnown(err);
      if (!e) throw err;
      res.status(e.status);
      formPage(res, viewer, values, e.message, null);
    }
  });

  r.get('/requests/:id', (req, res) => {
    const viewer = viewerOf(res);
    const view = requests.view(viewer, requestParam(req));
    const search = parse(docSearchQuery, req.query);
    // "Link a document" without JavaScript: the words typed, the matching documents the viewer may read.
    const linked = new Set(view.documents.map((d) => d.documentId));
    const docResults = search.docq && findDocuments ? findDocuments(viewer, search.docq, 21).filter((d) => !linked.has(d.id)).slice(0, 20) : null;
    res.render('requests/show', {
      title: view.request.subject,
      view,
      next: TRANSITIONS[view.request.status],
      parties: requests.parties(),
      stories: requests.stories(viewer),
      logKinds: LOG_KINDS,
      documentRoles: DOCUMENT_ROLES,
      exemptionBases: getRules(view.request.jurisdiction).exemptions,
      contact: view.request.authorityId ? contactOf(view.request.authorityId) : null,
      docSearch: { q: search.docq ?? '', role: search.role ?? 'response', results: docResults },
      ...requestViewHelpers(res),
    });
  });

  r.get('/requests/:id/edit', (req, res) => {
    const viewer = viewerOf(res);
    requireWriter(viewer);
    const current = requests.get(viewer, requestParam(req));
    formPage(res, viewer, { ...current, sentDate: current.sentDate ?? '', receivedDate: current.receivedDate ?? '', channel: current.channel ?? '', storyId: current.storyId ?? '' }, null, current.id);
  });

  r.post('/requests/:id', (req, res) => {
    const viewer = viewerOf(res);
    const id = requestParam(req);
    requests.get(viewer, id); // an unknown request is the 404 page, not a form with an error
    const values = { ...((req.body ?? {}) as Record<string, unknown>) };
    try {
      const input = parse(updateRequestBody, values);
      const contact = parse(contactFields, values);
      if (input.authorityId) {
        input.authorityId = resolveAuthority(viewer, input.authorityId);
        values.authorityId = input.authorityId;
      }
      const updated = requests.update(viewer, id, input);
      if (updated.authorityId) saveContact(viewer, updated.authorityId, contact);
      res.redirect(303, `/requests/${id}`);
    } catch (err) {
      const e = toKnown(err);
      if (!e) throw err;
      res.status(e.status);
      formPage(res, viewer, values, e.message, id);
    }
  });

  requestPageRoutes(r, deps);

  return r;
}

/** Validation and not-found problems are shown on the form; anything else goes to the error handler. */
function toKnown(err: unknown) {
  const e = toAppError(err, 0);
  return e && (e.code === 'validation_failed' || e.code === 'not_found' || e.code === 'bad_request') ? e : null;
}

