import { randomBytes } from 'node:crypto';
import { isOpenToNewsroom } from '../auth/access';
import type { AuditLog } from '../auth/audit';
import { assertMayChange, mayManage } from '../auth/permissions';
import type { Viewer } from '../auth/viewer';
import type { DocumentsRepository } from '../documents/documents.repository';
import type { DocumentsService } from '../documents/documents.service';
import type { DocumentRecord, PageRecord } from '../documents/documents.types';
import { AppError } from '../lib/errors';
import type { Clock } from '../lib/clock';
import { newId } from '../lib/ids';
import type { SuggestionsService } from '../story';
import type { CitationsRepository, ShareLinkRecord } from './citations.repository';

/**
 * Share links: a public, read-only, revocable, optionally expiring link to one document or one
 * page, for readers of a published story.
 *
 * - Making one: a writer who may read the document; one not open to the whole newsroom (restricted,
 *   or an embargo still running) only by whoever may manage it (server/auth/permissions.ts), and an
 *   embargoed one never before its embargo ends.
 * - Refused while the document has unreviewed CPR flags, unless the sharer confirms each of them.
 * - Opening one shows only that document (or page); it stops working when revoked, expired, the
 *   document deleted, its embargo set again, or a new CPR flag appears that nobody confirmed.
 * - Made, revoked and opened are audited.
 */
export interface SharedView {
  link: ShareLinkRecord;
  document: DocumentRecord;
  pages: PageRecord[];
}

export function createShareService(deps: {
  documents: Pick<DocumentsService, 'get'>;
  documentsRepo: Pick<DocumentsRepository, 'get' | 'pages'>;
  suggestions: Pick<SuggestionsService, 'list'>;
  repo: CitationsRepository;
  audit: AuditLog;
  clock: Clock;
}) {
  const { documents, documentsRepo, suggestions, repo, audit, clock } = deps;

  /** Open CPR flags as the suggestions area counts them (an unreviewed personal-data suggestion). */
  function openFlags(viewer: Viewer, documentId: string): Array<{ id: number; page: number | null; value: string; masked: string[] }> {
    return suggestions.list(viewer, documentId, 'open').filter((s) => s.kind === 'personal_data').map((s) => ({
      id: s.id, page: s.pageNumber, value: s.value,
      // The numbers as the suggestion shows them (070761-****): enough to find them, never the whole number.
      masked: Array.isArray(s.detail.masked) ? s.detail.masked.map(String) : [],
    }));
  }

  function embargoRunning(doc: DocumentRecord, now: Date): boolean {
    return [doc, ...doc.ancestors].some((g) => g.accessLevel === 'embargoed' && !isOpenToNewsroom(g, now));
  }

  return {
    openFlags,

    create(viewer: Viewer, input: { documentId: string; page?: number | null; expiresAt?: string | null; confirm?: number[] }, requestId?: string): ShareLinkRecord & { title: string } {
      assertMayChange(viewer);
      const doc = documents.get(viewer, input.documentId);
      const now = clock.now();
      const closed = [doc, ...doc.ancestors].some((g) => !isOpenToNewsroom(g, now));
      if (closed && !mayManage(viewer, doc)) throw new AppError('forbidden', 'Only the person who added this document, an editor or an admin may share it publicly.');
      if (embargoRunning(doc, now)) throw new AppError('conflict', 'This document is under embargo: it can be shared once the embargo has ended.');
      const page = input.page ?? null;
      if (page !== null && (doc.pageCount === null || page > doc.pageCount)) throw new AppError('not_found', 'This page does not exist.');
      if (input.expiresAt && input.expiresAt <= now.toISOString()) throw AppError.invalid('The expiry must be in the future.');
      const flags = openFlags(viewer, doc.id);
      const confirmed = new Set(input.confirm ?? []);
      const unconfirmed = flags.filter((f) => !confirmed.has(f.id));
      if (unconfirmed.length > 0) {
        const pages = [...new Set(unconfirmed.map((f) => f.page).filter((p): p is number => p !== null))].join(', ');
        throw new AppError('conflict', `This document has ${unconfirmed.length} unreviewed CPR number${unconfirmed.length === 1 ? '' : 's'}${pages ? ` (page ${pages})` : ''}: confirm each one before sharing it publicly.`, { flags: unconfirmed.map((f) => f.id) });
      }
      const link = {
        id: newId('sh'),
        token: randomBytes(18).toString('base64url'),
        documentId: doc.id,
        pageNumber: page,
        confirmedFlags: flags.map((f) => f.id),
        createdBy: viewer.userId,
        createdAt: now.toISOString(),
        expiresAt: input.expiresAt ?? null,
      };
      repo.insertShare(link);
      audit.record(viewer, { action: 'share', entityType: 'document', entityId: doc.id, summary: `public link${page ? ` to page ${page}` : ''}`, after: { shareId: link.id, page, expiresAt: link.expiresAt, confirmedFlags: link.confirmedFlags }, requestId });
      return { ...link, revokedAt: null, title: doc.title };
    },

    /** The viewer's own links (every link for editors and admins), optionally of one document. */
    list(viewer: Viewer, documentId?: string): Array<ShareLinkRecord & { title: string | null }> {
      const all = viewer.role === 'admin' || viewer.role === 'editor';
      return repo.shares(viewer.userId, all, documentId).map((s) => {
        const doc = documentsRepo.get(s.documentId);
        let title: string | null = null;
        try {
          if (doc) title = documents.get(viewer, doc.id).title;
        } catch {
          title = null;
        }
        return { ...s, title };
      });
    },

    revoke(viewer: Viewer, id: string, requestId?: string): ShareLinkRecord {
      const link = repo.share(id);
      const own = link && (link.createdBy === viewer.userId || viewer.role === 'admin' || viewer.role === 'editor');
      if (!link || !own) throw AppError.notFound('This share link');
      if (!link.revokedAt) {
        repo.revokeShare(id, viewer.userId, clock.now().toISOString());
        audit.record(viewer, { action: 'unshare', entityType: 'document', entityId: link.documentId, summary: 'public link revoked', before: { shareId: id }, requestId });
      }
      return repo.share(id)!;
    },

    /** What a public reader sees, or not_found for every reason a link stopped working. */
    openPublic(token: string, requestId?: string): SharedView {
      const gone = AppError.notFound('This shared document');
      const link = /^[A-Za-z0-9_-]{10,60}$/.test(token) ? repo.shareByToken(token) : null;
      if (!link || link.revokedAt) throw gone;
      const now = clock.now();
      if (link.expiresAt && link.expiresAt <= now.toISOString()) throw gone;
      const doc = documentsRepo.get(link.documentId);
      if (!doc || doc.status !== 'ready' || embargoRunning(doc, now)) throw gone;
      // A CPR number found after sharing (the text was read again) closes the link until reviewed.
      const system: Viewer = { userId: '', username: 'share-link', name: 'share link', role: 'admin' };
      if (openFlags(system, doc.id).some((f) => !link.confirmedFlags.includes(f.id))) throw gone;
      const pages = documentsRepo.pages(doc.id).filter((p) => link.pageNumber === null || p.number === link.pageNumber);
      audit.record(null, { action: 'share_view', entityType: 'document', entityId: doc.id, summary: `public link ${link.id} opened`, requestId });
      return { link, document: doc, pages };
    },
  };
}

export type ShareService = ReturnType<typeof createShareService>;
