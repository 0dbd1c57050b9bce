import { Router, type Response } from 'express';
import { z } from 'zod';
import { canWrite, viewerOf, type Viewer } from '../auth/viewer';
import type { DocumentRecord } from '../documents/documents.types';
import { AppError } from '../errors';
import { toAppError } from '../http/error-handler';
import { parse } from '../http/validate';
import { email, idFromInput, postalAddress, type PartiesService } from '../story';
import { getRules, listJurisdictions } from './deadlines';
import type { LawService } from './requests.law.service';
import { letterParam, documentParam, entryParam, orDiscard, requestParam, stagedUploads } from './requests.http';
import type { RequestsRoutesDeps } from './requests.api';
import { BUCKETS, NEEDS_ACTION } from './requests.overview';
import { createRequestBody, LETTER_KINDS, letterQuery, linkDocumentBody, listQuery, logBody, statusBody, updateRequestBody } from './requests.schema';
import { STATUS_LABELS, TRANSITIONS } from './requests.status';
import { CHANNELS, DOCUMENT_ROLES, LOG_KINDS, type RequestStatus } from './requests.types';
import { uploadAccessFields } from '../documents/documents.schema';

/** Documents the viewer may read whose title or file name contains the text (the documents area's list). */
export type DocumentFinder = (viewer: Viewer, text: string, limit: number) => Array<Pick<DocumentRecord, 'id' | 'title' | 'filename' | 'documentDate' | 'datePrecision' | 'status'>>;

export interface RequestsWebDeps extends RequestsRoutesDeps {
  law: LawService;
  /** the parties area, where an authority's e-mail and postal address live; null in a partial area. */
  parties: PartiesService | null;
  findDocuments: DocumentFinder | null;
}

/** The directory's groups in the order a Danish journalist looks for them. */
const DIRECTORY_GROUPS = ['ministry', 'agency', 'municipality', 'region', 'appeal_body', 'other'] as const;
/** A directory entry chosen on the form before it is a party: "dir:<key>". */
const DIRECTORY_PREFIX = 'dir:';

/** The request form's fields for the authority's addresses: blank keeps what is recorded. */
const contactFields = z.object({
  authorityEmail: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), email),
  authorityPostalAddress: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), postalAddress),
});

/** The search box of "link a document": a few words of a title or file name. */
const docSearchQuery = z.object({
  docq: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string().trim().transform((s) => s.slice(0, 200) || undefined).optional()).catch(undefined),
  role: z.preprocess((v) => (Array.isArray(v) ? v[0] : v === '' ? undefined : v), z.enum(DOCUMENT_ROLES).optional()).catch(undefined),
});

/** Server-rendered pages of requests; every flow works without JavaScript. */
export function requestViewHelpers(res: Response) {
  const lang = (res.locals.lang as 'da' | 'en') ?? 'en';
  return {
    statusLabel: (s: RequestStatus) => STATUS_LABELS[s]?.[lang] ?? s,
    deadlineName: (d: { name: string; nameDa?: string | null }) => (lang === 'da' && d.nameDa ? d.nameDa : d.name),
  };
}

export function requestsWeb(deps: RequestsWebDeps): Router {
  const { requests, log, letters, intake, upload, law, parties, findDocuments } = deps;
  const r = Router();

  /**
   * The authority picker: the archive's authorities, then the Danish directory's entries that are not
   * a party yet (choosing one makes it a party), then every other party. A plain <select>: the
   * browser's own type-to-jump works without JavaScript; requests.js adds a filter box.
   */
  function authorityChoices() {
    const all = requests.parties();
    const names = new Set(all.map((p) => p.name.toLocaleLowerCase('da')));
    const unlinked = law.directory({}).filter((d) => !d.partyId && !names.has(d.name.toLocaleLowerCase('da')));
    return {
      authorities: all.filter((p) => p.kind === 'authority'),
      others: all.filter((p) => p.kind !== 'authority'),
      directory: DIRECTORY_GROUPS.map((category) => ({
        category,
        entries: unlinked.filter((d) => d.category === category).sort((a, b) => a.name.localeCompare(b.name, 'da')),
      })).filter((g) => g.entries.length > 0),
    };
  }

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
    });
  };

  /** The authority's recorded addresses (null when unknown or the parties area is absent). */
  function contactOf(partyId: string): { email: string | null; postalAddress: string | null; name: string } | null {
    if (!parties) return null;
    try {
      const p = parties.get(partyId);
      return { name: p.name, email: p.email, postalAddress: p.postalAddress };
    } catch {
      return null;
    }
  }

  /** "dir:<key>" becomes the directory entry's party (created on first use); a party id stays as it is. */
  function resolveAuthority(viewer: Viewer, authorityId: string): string {
    if (!authorityId.startsWith(DIRECTORY_PREFIX)) return authorityId;
    const key = authorityId.slice(DIRECTORY_PREFIX.length);
    if (!/^[a-z0-9_]{1,100}$/.test(key)) throw AppError.notFound('This authority');
    return law.partyFor(viewer, key).partyId;
  }

  /** Records what the form gave of the authority's addresses; a blank field keeps what is there. */
  function saveContact(viewer: Viewer, partyId: string, contact: z.infer<typeof contactFields>): void {
    if (!parties) return;
    const patch: { email?: string; postalAddress?: string } = {};
    if (contact.authorityEmail) patch.email = contact.authorityEmail;
    if (contact.authorityPostalAddress) patch.postalAddress = contact.authorityPostalAddress;
    if (Object.keys(patch).length) parties.update(viewer, partyId, patch);
  }

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
    res.redirect(303, backTo(id, body.back));
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
    const q = parse(letterQuery, req.query);
    const letter = letters.letter(viewer, id, kind, q.lang);
    const request = requests.get(viewer, id);
    res.render('requests/letter', { title: letter.subject, letter, request, canWrite: canWrite(viewer) && parties !== null, mailto: mailtoOf(letter.to?.email ?? null, letter.subject, letter.body) });
  });

  return r;
}

/** Where a form on the request or letter page returns to: the letter it came from, or the request. */
function backTo(id: string, back: unknown): string {
  if (typeof back === 'string' && (LETTER_KINDS as readonly string[]).includes(back)) return `/requests/${id}/letters/${back}`;
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

/** Validation and not-found problems are shown on the form; anything else goes to the error handler. */
function toKnown(err: unknown) {
  const e = toAppError(err, 0);
  return e && (e.code === 'validation_failed' || e.code === 'not_found' || e.code === 'bad_request') ? e : null;
}

