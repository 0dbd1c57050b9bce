import type { RequestHandler } from 'express';
import { translate, type Lang } from '../i18n/messages';
import { localiseFailure } from '../i18n/messages.extraction';
import { describeOcrSteps } from './ocr-steps';
import type { DocumentRecord, PageRecord } from './documents.types';

/** The JSON shape of a document in the API (stable field names, links for clients). */
export function presentDocument(d: DocumentRecord, extra: { indexed?: boolean; children?: DocumentRecord[] } = {}) {
  return {
    id: d.id,
    sha256: d.sha256,
    title: d.title,
    filename: d.filename,
    mediaType: d.mediaType,
    size: d.size,
    status: d.status,
    error: d.error,
    progress: d.progress,
    pageCount: d.pageCount,
    documentDate: d.documentDate,
    datePrecision: d.datePrecision,
    language: d.language,
    notes: d.notes,
    metadata: d.metadata,
    parentId: d.parentId,
    relation: d.relation,
    accessLevel: d.accessLevel,
    embargoUntil: d.embargoUntil,
    /** True when a container it sits in (an e-mail, a zip) narrows who may read it. */
    accessFromContainer: d.ancestors.some((a) => a.accessLevel !== 'newsroom'),
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    extractedAt: d.extractedAt,
    ...(extra.indexed === undefined ? {} : { indexed: extra.indexed }),
    ...(extra.children ? { children: extra.children.map((c) => ({ id: c.id, title: c.title, relation: c.relation, status: c.status })) } : {}),
    links: { self: `/api/documents/${d.id}`, html: `/documents/${d.id}`, original: `/api/documents/${d.id}/original` },
  };
}

export function presentPage(p: PageRecord) {
  return { number: p.number, method: p.method, confidence: p.confidence, text: p.text };
}

/** Human status line in the reader's language: "Extracting — page 3 of 12 (OCR)", "Klar — 1 side". */
export function statusLine(d: DocumentRecord, lang: Lang = 'en'): string {
  const t = (key: string) => translate(lang, key);
  switch (d.status) {
    case 'queued':
      return t('status.queued');
    case 'extracting': {
      const p = d.progress;
      if (!p || p.total === 0) return t('status.extracting');
      return t('status.extractingPage')
        .replace('{n}', String(Math.min(p.done + 1, p.total)))
        .replace('{total}', String(p.total))
        .replace('{ocr}', p.method === 'ocr' ? ' (OCR)' : '');
    }
    case 'ready':
      return t(d.pageCount === 1 ? 'status.ready.one' : 'status.ready.other').replace('{n}', String(d.pageCount ?? 0));
    case 'needs_password':
      return t('status.needsPassword');
    case 'failed':
      return t('status.failed');
  }
}

/**
 * How a page's text was got, in the reader's language: "OCR (tesseract, dansk+engelsk) · vendt 180°, rettet op 2,1° ·
 * sikkerhed 91 %". The engine and the preparation appear where page_layouts recorded them.
 */
export function pageMethodLine(p: Pick<PageRecord, 'method' | 'confidence' | 'engine' | 'ocrSteps' | 'ocrLangs'>, lang: Lang = 'en'): string {
  const t = (key: string) => translate(lang, key);
  // 'ocr' is the placeholder engine of a page OCR could not read: it names nothing.
  const engine = p.engine && p.engine !== 'ocr' && p.engine !== 'text' ? p.engine : null;
  // "dan+eng" → "dansk+engelsk"; a language without a name of ours keeps tesseract's code.
  const langs = p.method === 'ocr' && p.ocrLangs ? p.ocrLangs.split('+').map((code) => (translate(lang, `ocr.lang.${code}`) === `ocr.lang.${code}` ? code : t(`ocr.lang.${code}`))).join('+') : null;
  const how = [engine, langs].filter(Boolean).join(', ');
  const parts = [`${t(p.method === 'ocr' ? 'doc.ocr' : 'doc.textLayer')}${how ? ` (${how})` : ''}`];
  // The steps are one group of the line, so they are listed with commas, not the line's dots.
  if (p.method === 'ocr' && p.ocrSteps !== undefined && p.ocrSteps !== null) parts.push(describeOcrSteps(p.ocrSteps, t, lang).split(' · ').join(', '));
  if (p.confidence !== null) parts.push(`${t('doc.confidence')} ${Math.round(p.confidence)}${lang === 'da' ? ' %' : '%'}`);
  return parts.join(' · ');
}

/** Gives every page's views `statusLine(doc)`, `pageMethod(page)` and `failureText(reason)` in the reader's language (after the view helpers set it). */
export const documentViewLocals: RequestHandler = (_req, res, next) => {
  res.locals.statusLine = (d: DocumentRecord) => statusLine(d, res.locals.lang as Lang);
  res.locals.pageMethod = (p: PageRecord) => pageMethodLine(p, res.locals.lang === 'da' ? 'da' : 'en');
  // Why extraction failed, as `{ text, lang }`: the stored English reason in the reader's language.
  res.locals.failureText = (reason: string) => localiseFailure(res.locals.lang === 'da' ? 'da' : 'en', reason);
  next();
};
