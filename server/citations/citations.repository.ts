import { requestAccessSql } from '../auth/follows';
import type { Viewer } from '../auth/viewer';
import type { Db } from '../db/connection';

/** All SQL of the citations area: quotes, share links, and what a provenance line is built from. */
export interface QuoteRecord {
  id: string;
  documentId: string;
  pageNumber: number;
  start: number;
  end: number;
  text: string;
  pageHash: string;
  createdBy: string | null;
  createdAt: string;
}

export interface ShareLinkRecord {
  id: string;
  token: string;
  documentId: string;
  pageNumber: number | null;
  confirmedFlags: number[];
  createdBy: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** The FOI request a document was released under, as a provenance line needs it. */
export interface ProvenanceRow {
  requestId: string;
  role: 'request' | 'response' | 'correspondence';
  authorityName: string | null;
  authorityShortName: string | null;
  law: string;
  jurisdiction: string;
  authorityReference: string;
  ourReference: string;
  /** The day the letter holding it was logged as received, if it was added through the log. */
  receivedDate: string | null;
  linkedAt: string;
}

interface QuoteRow {
  id: string;
  document_id: string;
  page_number: number;
  start_offset: number;
  end_offset: number;
  text: string;
  page_hash: string;
  created_by: string | null;
  created_at: string;
}

interface ShareRow {
  id: string;
  token: string;
  document_id: string;
  page_number: number | null;
  confirmed_flags: string;
  created_by: string | null;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

const toQuote = (r: QuoteRow): QuoteRecord => ({
  id: r.id, documentId: r.document_id, pageNumber: r.page_number, start: r.start_offset, end: r.end_offset,
  text: r.text, pageHash: r.page_hash, createdBy: r.created_by, createdAt: r.created_at,
});

const toShare = (r: ShareRow): ShareLinkRecord => ({
  id: r.id, token: r.token, documentId: r.document_id, pageNumber: r.page_number,
  confirmedFlags: JSON.parse(r.confirmed_flags) as number[], createdBy: r.created_by, createdAt: r.created_at,
  expiresAt: r.expires_at, revokedAt: r.revoked_at,
});

export function createCitationsRepository(db: Db) {
  const quoteById = db.prepare<[string], QuoteRow>('SELECT * FROM quotes WHERE id = ?');
  const sameQuote = db.prepare<[string, number, number, number, string], QuoteRow>(
    'SELECT * FROM quotes WHERE document_id = ? AND page_number = ? AND start_offset = ? AND end_offset = ? AND page_hash = ? ORDER BY created_at LIMIT 1',
  );
  const shareByToken = db.prepare<[string], ShareRow>('SELECT * FROM share_links WHERE token = ?');
  const shareById = db.prepare<[string], ShareRow>('SELECT * FROM share_links WHERE id = ?');

  return {
    quote(id: string): QuoteRecord | null {
      const r = quoteById.get(id);
      return r ? toQuote(r) : null;
    },

    /** The quote already stored for this very passage of this very page text, to link it again. */
    sameQuote(q: Pick<QuoteRecord, 'documentId' | 'pageNumber' | 'start' | 'end' | 'pageHash'>): QuoteRecord | null {
      const r = sameQuote.get(q.documentId, q.pageNumber, q.start, q.end, q.pageHash);
      return r ? toQuote(r) : null;
    },

    insertQuote(q: QuoteRecord): void {
      db.prepare(
        `INSERT INTO quotes (id, document_id, page_number, start_offset, end_offset, text, page_hash, created_by, created_at)
         VALUES (@id, @documentId, @pageNumber, @start, @end, @text, @pageHash, @createdBy, @createdAt)`,
      ).run(q);
    },

    shareByToken(token: string): ShareLinkRecord | null {
      const r = shareByToken.get(token);
      return r ? toShare(r) : null;
    },

    share(id: string): ShareLinkRecord | null {
      const r = shareById.get(id);
      return r ? toShare(r) : null;
    },

    insertShare(s: Omit<ShareLinkRecord, 'revokedAt'>): void {
      db.prepare(
        `INSERT INTO share_links (id, token, document_id, page_number, confirmed_flags, created_by, created_at, expires_at)
         VALUES (@id, @token, @documentId, @pageNumber, @flags, @createdBy, @createdAt, @expiresAt)`,
      ).run({ ...s, flags: JSON.stringify(s.confirmedFlags) });
    },

    revokeShare(id: string, by: string, at: string): void {
      db.prepare('UPDATE share_links SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL').run(at, by, id);
    },

    /** Share links made by this user (every link for `all`), newest first. */
    shares(createdBy: string | null, all: boolean, documentId?: string): ShareLinkRecord[] {
      const rows = db.prepare(
        `SELECT * FROM share_links WHERE (@all = 1 OR created_by = @by) AND (@doc IS NULL OR document_id = @doc) ORDER BY created_at DESC, id LIMIT 500`,
      ).all({ all: all ? 1 : 0, by: createdBy, doc: documentId ?? null }) as ShareRow[];
      return rows.map(toShare);
    },

    /**
     * The FOI requests a document belongs to that the viewer may see (a request follows its story:
     * server/auth/follows.ts), responses first, with the authority and the day it was received.
     */
    provenance(viewer: Viewer, documentId: string, now: Date): ProvenanceRow[] {
      const visible = requestAccessSql(viewer, now, 'r');
      return db.prepare(
        `SELECT r.id AS requestId, rd.role AS role, p.name AS authorityName, p.short_name AS authorityShortName,
                r.law AS law, r.jurisdiction AS jurisdiction, r.authority_reference AS authorityReference,
                r.our_reference AS ourReference, l.entry_date AS receivedDate, rd.created_at AS linkedAt
           FROM request_documents rd
           JOIN requests r ON r.id = rd.request_id
           LEFT JOIN parties p ON p.id = r.authority_id
           LEFT JOIN request_log l ON l.id = rd.log_entry_id
          WHERE rd.document_id = @documentId AND ${visible.sql}
          ORDER BY CASE rd.role WHEN 'response' THEN 0 WHEN 'correspondence' THEN 1 ELSE 2 END, rd.created_at`,
      ).all({ ...visible.params, documentId }) as ProvenanceRow[];
    },
  };
}

export type CitationsRepository = ReturnType<typeof createCitationsRepository>;
