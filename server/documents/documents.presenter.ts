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

/** Human status line: "Extracting — page 3 of 12 (OCR)". */
export function statusLine(d: DocumentRecord): string {
  switch (d.status) {
    case 'queued':
      return 'Queued for extraction';
    case 'extracting': {
      const p = d.progress;
      if (!p || p.total === 0) return 'Extracting…';
      return `Extracting — page ${Math.min(p.done + 1, p.total)} of ${p.total}${p.method === 'ocr' ? ' (OCR)' : ''}`;
    }
    case 'ready':
      return `Ready — ${d.pageCount ?? 0} page${d.pageCount === 1 ? '' : 's'}`;
    case 'needs_password':
      return 'Needs a password';
    case 'failed':
      return 'Extraction failed';
  }
}
