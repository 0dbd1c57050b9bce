import { Router } from 'express';
import { parseQuery } from '../../search/query/parse';
import { tokenize } from '../../search/text/danish';
import { highlightAll } from '../../search/highlight';
import type { Query } from '../../search/query/ast';
import { typoAlternatives } from '../../search/query/typo';
import type { AuthService } from '../auth/auth.service';
import { viewerOf, type Viewer } from '../auth/viewer';
import { parse, optionalString } from '../http/validate';
import type { Lang } from '../i18n/messages';
import type { DocumentPage } from './document-page';
import { fileUnderChoices, type RequestPicker, type StoryPicker } from './file-under';
import { accessForm, bulkForm, documentListQuery, extractBody } from './documents.schema';
import { metadataPatch } from './documents.metadata';
import { idParam, sendOriginal } from './documents.api';
import type { DocumentListFilter } from './documents.repository';
import type { BulkActions } from './documents.bulk';
import type { DocumentsService } from './documents.service';

/** Server-rendered pages of documents; every core flow works without JavaScript. */
export interface DocumentsWebDeps {
  documents: DocumentsService;
  /** User names instead of ids on the access form (type-ahead). */
  auth?: AuthService;
  /** The stories offered to file under. */
  story?: StoryPicker;
  /** The requests offered to file under. */
  requests?: RequestPicker;
  /** Built once in the composition root (server/kilde.ts). */
  bulk: BulkActions;
  /** The sections other areas add to a document's page (links, cite panel, page images). */
  page?: DocumentPage;
}

export function documentsWeb(deps: DocumentsWebDeps): Router {
  const { documents, story, requests, bulk } = deps;
  const r = Router();

  r.get('/documents', (req, res) => {
    const q = parse(documentListQuery, req.query);
    const viewer = viewerOf(res);
    const filter: DocumentListFilter = {
      status: q.status, mediaType: q.type, accessLevel: q.access, tag: q.tag, text: q.q?.trim() || undefined,
      createdBy: q.mine === '1' ? viewer.userId : undefined, sort: q.sort,
    };
    const { documents: list, total, tags } = documents.list(viewer, filter, q.page, q.perPage);
    res.render('documents/list', {
      title: res.locals.t('list.heading'), list, total, tags, page: q.page, perPage: q.perPage, filter: q,
      allTags: documents.tags(viewer), mediaTypes: documents.mediaTypes(viewer), targets: fileUnderChoices(viewer, story, requests), mayWrite: viewer.role !== 'researcher',
      filtered: Boolean(filter.status || filter.mediaType || filter.accessLevel || filter.tag || filter.text || filter.createdBy),
    });
  });

  r.post('/documents/bulk', async (req, res) => {
    const body = parse(bulkForm, req.body ?? {});
    const outcomes = await bulk.run(viewerOf(res), body);
    res.status(outcomes.some((o) => o.ok) ? 200 : 403);
    res.render('documents/bulk-result', { title: res.locals.t('bulk.resultHeading'), action: body.action, outcomes, returnTo: body.returnTo ?? '/documents' });
  });

  // The same for scripts: one outcome per document.
  r.post('/api/documents/bulk', async (req, res) => {
    const body = parse(bulkForm, req.body ?? {});
    res.json({ results: await bulk.run(viewerOf(res), body) });
  });

  r.get('/documents/:id', (req, res) => {
    const viewer = viewerOf(res);
    const view = documents.view(viewer, idParam(req));
    const q = parse(optionalString, req.query.q)?.slice(0, 1000) ?? '';
    // The page-jump form without JavaScript: back to the same page, scrolled to that page.
    const jump = Number(parse(optionalString, req.query.page));
    if (Number.isInteger(jump) && jump >= 1) {
      return res.redirect(303, `/documents/${view.document.id}${q ? `?q=${encodeURIComponent(q)}` : ''}#page-${Math.min(jump, Math.max(1, view.pages.length))}`);
    }
    const query = q.trim() ? parseQuery(q) : null;
    const pages = view.pages.map((p) => ({ ...p, html: query ? highlightAll(p.text, query, { matched: typoMatches(query, p.text) }) : null }));
    const hitPages = pages.filter((p) => p.html && p.html.includes('<mark')).map((p) => p.number);
    const users = deps.auth ? deps.auth.list().filter((u) => !u.disabled) : [];
    const named = view.namedUsers.map((id) => users.find((u) => u.id === id) ?? { id, username: id, displayName: id });
    const sections = deps.page?.locals(viewer, view.document.id, { q, lang: res.locals.lang as Lang, origin: `${req.protocol}://${req.get('host') ?? 'localhost'}` });
    res.render('documents/show', { ...sections, title: view.document.title, view, pages, q, hitPages, users, named, allTags: documents.tags(viewer), query: { saved: req.query.saved === '1', edit: req.query.edit === '1' } });
  });

  r.post('/documents/:id/metadata', (req, res) => {
    const doc = documents.updateMetadata(viewerOf(res), idParam(req), metadataPatch(req.body));
    res.redirect(303, `/documents/${doc.id}?saved=1`);
  });

  r.get('/documents/:id/status', (req, res) => {
    // Polled by the page's script for live progress; the page itself refreshes without JS.
    const doc = documents.get(viewerOf(res), idParam(req));
    const line = res.locals.statusLine as (d: typeof doc) => string;
    res.json({ status: doc.status, line: line(doc), progress: doc.progress, error: doc.error });
  });

  r.get('/documents/:id/original', (req, res) => sendOriginal(documents, idParam(req), res));

  r.post('/documents/:id/extract', (req, res) => {
    const body = parse(extractBody, req.body ?? {});
    const doc = documents.reextract(viewerOf(res), idParam(req), body.password?.length ? body.password : undefined);
    res.redirect(303, `/documents/${doc.id}`);
  });

  r.post('/documents/:id/access', (req, res) => {
    const body = parse(accessForm, req.body ?? {});
    const doc = documents.setAccess(viewerOf(res), idParam(req), { level: body.level, embargoUntil: body.embargoUntil ?? null, userIds: body.users ?? [] });
    res.redirect(303, `/documents/${doc.id}`);
  });

  r.post('/documents/:id/delete', async (req, res) => {
    await documents.remove(viewerOf(res), idParam(req));
    res.redirect(303, '/documents');
  });

  return r;
}

/** The page's words a search matched through typo tolerance, so the page marks what search found. */
function typoMatches(query: Query, text: string): string[] {
  const vocabulary = new Set(tokenize(text).map((t) => t.folded));
  return query.terms.flatMap((t) => (t.kind === 'term' ? typoAlternatives(t, vocabulary) : []));
}
