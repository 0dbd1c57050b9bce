import type { AuditLog } from '../../auth/audit';
import type { Viewer } from '../../auth/viewer';
import type { Db } from '../../db/connection';
import type { DocumentsService } from '../../documents/documents.service';
import { AppError } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import { parsePartialDate } from '../../lib/dates';
import type { Logger } from '../../lib/logger';
import type { LinksService } from '../links/links.service';
import type { DocumentPartyRole } from '../links/links.types';
import type { PartiesService } from '../parties/parties.service';
import type { PartySummary } from '../parties/parties.types';
import type { Guards } from '../shared/guards';
import type { Reindex } from '../shared/writes';
import { createScanner } from './scan';
import type { NewSuggestion, SuggestionRecord, SuggestionState, SuggestionsRepository } from './suggestions.repository';

/**
 * Suggestions from a document's text, and their decisions. A scan runs right after extraction
 * (the ingest pipeline calls `afterExtraction`) and again, lazily, whenever someone opens a
 * document whose last scan predates its current extraction — which also covers documents extracted
 * before this feature existed. A scan never fails an extraction: errors are logged and dropped.
 */
export interface AcceptInput {
  role?: DocumentPartyRole;
  title?: string | null;
  eventId?: string;
  storyId?: string | null;
}

export function createSuggestionsService(deps: {
  db: Db;
  suggestions: SuggestionsRepository;
  /** Only its viewer-less reads: the scan runs after extraction, with no viewer; the other uses check access first (`guards`). */
  documents: Pick<DocumentsService, 'unchecked'>;
  parties: PartiesService;
  links: LinksService;
  guards: Guards;
  reindex: Reindex;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
}) {
  const { db, suggestions, documents, parties, links, guards, reindex, audit, clock, logger } = deps;
  const now = () => clock.now().toISOString();

  /** What the scan needs besides the pages, read at the start of a scan. */
  function scanInput(documentId: string) {
    const doc = documents.unchecked.get(documentId);
    if (!doc || doc.status !== 'ready') return null;
    return {
      doc,
      scanner: createScanner({
        parties: parties.allNames().map((p) => ({ id: p.id, names: [p.name, ...(p.shortName ? [p.shortName] : []), ...p.aliases] })),
        linkedPartyIds: new Set(links.partyIdsOf(documentId)),
        documentDate: doc.documentDate,
      }),
    };
  }

  function save(documentId: string, extractedAt: string | null, found: NewSuggestion[]): void {
    // The document may have been deleted or extracted again while a background scan ran.
    if (documents.unchecked.get(documentId)?.extractedAt !== extractedAt) return;
    db.transaction(() => {
      suggestions.replaceOpen(documentId, found, now());
      suggestions.markScanned(documentId, extractedAt, now());
    })();
  }

  function scan(documentId: string): void {
    const input = scanInput(documentId);
    if (!input) return;
    for (const page of documents.unchecked.pages(documentId)) input.scanner.page(page);
    save(documentId, input.doc.extractedAt, input.scanner.finish());
  }

  /** The same scan, pausing every ~20 ms (between pages, and between pieces of a page of megabytes) so a long document never stalls the server. */
  async function scanInBackground(documentId: string): Promise<void> {
    const input = scanInput(documentId);
    if (!input) return;
    let since = Date.now();
    for (const page of documents.unchecked.pages(documentId)) {
      for (const _piece of input.scanner.pageInPieces(page)) {
        if (Date.now() - since > 20) {
          await new Promise((resolve) => setImmediate(resolve));
          since = Date.now();
        }
      }
    }
    save(documentId, input.doc.extractedAt, input.scanner.finish());
  }

  function ensureScanned(documentId: string): void {
    const doc = documents.unchecked.get(documentId);
    if (!doc || doc.status !== 'ready') return;
    const last = suggestions.lastScan(documentId);
    if (!last || last.extractedAt !== doc.extractedAt) scan(documentId);
  }

  function own(viewer: Viewer, documentId: string, id: number): SuggestionRecord {
    guards.document(viewer, documentId);
    const s = Number.isSafeInteger(id) ? suggestions.get(id) : null;
    if (!s || s.documentId !== documentId) throw AppError.notFound('This suggestion');
    if (s.state !== 'open') throw new AppError('conflict', `This suggestion was already ${s.state}.`);
    return s;
  }

  return {
    scan,

    /** The ingest pipeline's hook (awaited by the extraction job): never rejects, so extraction never fails because of it. */
    async afterExtraction(documentId: string): Promise<void> {
      try {
        await scanInBackground(documentId);
      } catch (err) {
        logger.warn('suggestion scan failed', { documentId, error: err instanceof Error ? err.message : String(err) });
      }
    },

    /** A document's suggestions with the parties they name; scans first if the text changed. */
    list(viewer: Viewer, documentId: string, state?: SuggestionState): Array<SuggestionRecord & { party?: PartySummary }> {
      guards.document(viewer, documentId);
      ensureScanned(documentId);
      const list = suggestions.forDocument(documentId, state);
      const named = parties.summaries(list.filter((s) => s.kind === 'party_mention').map((s) => s.value));
      return list.flatMap((s) => (s.kind !== 'party_mention' ? [s] : named.has(s.value) ? [{ ...s, party: named.get(s.value) }] : []));
    },

    rescan(viewer: Viewer, documentId: string): void {
      guards.requireWrite(viewer);
      guards.document(viewer, documentId);
      scan(documentId);
    },

    /** Pages holding personal data (CPR numbers), unless dismissed; `confirmed` once accepted. */
    personalData(documentId: string): { pages: number[]; confirmed: boolean } {
      const rows = suggestions.forDocument(documentId).filter((s) => s.kind === 'personal_data' && s.state !== 'dismissed');
      return { pages: rows.map((r) => r.pageNumber ?? 0).filter(Boolean).sort((a, b) => a - b), confirmed: rows.some((r) => r.state === 'accepted') };
    },

    /**
     * Accepting does what the suggestion proposes: links the party as "mentioned" (or the role
     * given), sets the document date, creates (or links) the event, or confirms the personal data.
     */
    accept(viewer: Viewer, documentId: string, id: number, input: AcceptInput = {}): SuggestionRecord {
      guards.requireWrite(viewer);
      const s = own(viewer, documentId, id);
      const doc = documents.unchecked.get(documentId)!;
      const detail: Record<string, unknown> = { ...s.detail };
      db.transaction(() => {
        switch (s.kind) {
          case 'party_mention':
            links.linkParty(viewer, documentId, { partyId: s.value, role: input.role ?? 'mentioned' });
            detail.role = input.role ?? 'mentioned';
            break;
          case 'document_date': {
            const d = parsePartialDate(s.value);
            const before = documents.unchecked.get(documentId);
            suggestions.setDocumentDate(documentId, d.value, d.precision, now());
            reindex([documentId]);
            audit.record(viewer, { action: 'update', entityType: 'document', entityId: documentId, summary: `date ${d.value} (suggested)`, before: { documentDate: before?.documentDate ?? null }, after: { documentDate: d.value } });
            break;
          }
          case 'event_date': {
            // Without a title, the event says where it came from; it can be renamed on its page. A
            // new event follows this document's access (server/auth/follows.ts): its title and date
            // come from the document, so nobody who may not read the document sees it.
            const title = input.title?.trim() || `${String(s.detail.text ?? s.value)} — ${doc.title}`.slice(0, 300);
            const r = links.linkEvent(viewer, documentId, input.eventId ? { eventId: input.eventId } : { title, date: s.value, storyId: input.storyId ?? null, fromDocument: true });
            detail.eventId = r.eventId;
            break;
          }
          case 'personal_data':
            audit.record(viewer, { action: 'update', entityType: 'document', entityId: documentId, summary: `personal data confirmed on page ${s.pageNumber}` });
            break;
        }
        suggestions.decide(s.id, 'accepted', viewer.userId, now(), detail);
      })();
      return suggestions.get(s.id)!;
    },

    dismiss(viewer: Viewer, documentId: string, id: number): SuggestionRecord {
      guards.requireWrite(viewer);
      const s = own(viewer, documentId, id);
      db.transaction(() => {
        suggestions.decide(s.id, 'dismissed', viewer.userId, now());
        audit.record(viewer, { action: 'dismiss', entityType: 'suggestion', entityId: String(s.id), summary: `${s.kind} ${s.kind === 'personal_data' ? s.value : s.value.slice(0, 60)} on ${documentId}` });
      })();
      return suggestions.get(s.id)!;
    },
  };
}

export type SuggestionsService = ReturnType<typeof createSuggestionsService>;
