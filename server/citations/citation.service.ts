import type { Viewer } from '../auth/viewer';
import type { DocumentsService } from '../documents/documents.service';
import type { DocumentRecord } from '../documents/documents.types';
import { AppError } from '../lib/errors';
import type { Lang } from '../i18n/messages';
import type { Clock } from '../lib/clock';
import type { LinksService } from '../story';
import { machineCitations, type CslItem, type MachineCitations } from './citation-formats';
import type { CitationsRepository, ProvenanceRow } from './citations.repository';
import { formatDay, formatPartialDate } from './citations.presenter';

/**
 * Citations of a document or one of its pages, built from what Kilde knows about it: its links
 * (who sent it to whom), its date, the FOI request it was released under, its permanent link and
 * SHA-256. Everything is read as the viewer: a party link or request the viewer may not see never
 * appears in a citation they copy.
 */
export interface Citation {
  documentId: string;
  page: number | null;
  title: string;
  /** "Brev fra STAR til KL, 28. juni 2018, s. 2" */
  short: string;
  /** "udleveret af … ved aktindsigt, j.nr. …, modtaget 12. oktober 2018", or null without a request. */
  provenance: string | null;
  /** The short line, the title, the provenance, where it is archived, the SHA-256 and the link. */
  full: string;
  permalink: string;
  /** The quoted passage, when citing a quote (its permalink is then the quote's). */
  quote: string | null;
  sha256: string;
  archivedAt: string;
  machine: MachineCitations;
}

const WORDS = {
  da: { letter: 'Brev', email: 'E-mail', document: 'Dokument', from: 'fra', to: 'til', page: 's.', released: 'udleveret af', foi: 'ved aktindsigt', ref: 'j.nr.', received: 'modtaget', archived: 'Arkiveret i Kilde', undated: 'udateret' },
  en: { letter: 'Letter', email: 'E-mail', document: 'Document', from: 'from', to: 'to', page: 'p.', released: 'released by', foi: 'under a freedom-of-information request', ref: 'ref.', received: 'received', archived: 'Archived in Kilde', undated: 'undated' },
} as const;

export function createCitationService(deps: { documents: Pick<DocumentsService, 'get'>; links: Pick<LinksService, 'forDocument'>; repo: CitationsRepository; clock: Clock }) {
  const { documents, links, repo, clock } = deps;

  function kindWord(d: DocumentRecord, lang: Lang): string {
    const w = WORDS[lang];
    if (d.mediaType === 'message/rfc822' || d.mediaType === 'application/vnd.ms-outlook' || d.mediaType.includes('mbox')) return w.email;
    return d.mediaType === 'application/pdf' || d.mediaType.startsWith('image/') || d.mediaType.includes('word') ? w.letter : w.document;
  }

  function provenanceLine(rows: ProvenanceRow[], d: DocumentRecord, lang: Lang): string | null {
    const r = rows.find((x) => x.role === 'response') ?? rows[0];
    if (!r) return null;
    const w = WORDS[lang];
    const parts: string[] = [];
    const authority = r.authorityName ?? r.authorityShortName;
    parts.push(authority ? `${w.released} ${authority} ${w.foi}` : `${w.released.split(' ')[0]} ${w.foi}`);
    if (r.authorityReference.trim()) parts.push(`${w.ref} ${r.authorityReference.trim()}`);
    const received = r.receivedDate ?? d.createdAt.slice(0, 10);
    parts.push(`${w.received} ${formatDay(received, lang)}`);
    return parts.join(', ');
  }

  return {
    /** The citation of a document (page null) or of one of its pages; `base` is the site's address for permanent links. */
    /**
     * With `quote`, the citation is of that passage: the full form opens with it and every link is
     * the quote's own (/q/…), which finds the passage again after the text is read anew.
     */
    build(viewer: Viewer, documentId: string, page: number | null, opts: { lang: Lang; base: string; quote?: { id: string; text: string } }): Citation {
      const d = documents.get(viewer, documentId);
      if (page !== null && (d.pageCount === null || page > d.pageCount)) throw new AppError('not_found', 'This page does not exist.');
      const { lang, base } = opts;
      const w = WORDS[lang];
      const l = links.forDocument(viewer, documentId);
      const named = (role: string) => l.parties.filter((p) => p.role === role).map((p) => p.party);
      const senders = named('sender');
      const recipients = named('recipient');
      const label = (p: { name: string; shortName: string | null }) => p.shortName ?? p.name;

      const date = d.documentDate ? formatPartialDate(d.documentDate, d.datePrecision, lang) : w.undated;
      const head = senders.length || recipients.length
        ? [kindWord(d, lang), senders.length ? `${w.from} ${senders.map(label).join(', ')}` : '', recipients.length ? `${w.to} ${recipients.map(label).join(', ')}` : ''].filter(Boolean).join(' ')
        : d.title;
      const short = [head, date, page !== null ? `${w.page} ${page}` : ''].filter(Boolean).join(', ');
      const provenance = provenanceLine(repo.provenance(viewer, documentId, clock.now()), d, lang);
      const permalink = opts.quote
        ? `${base}/q/${encodeURIComponent(opts.quote.id)}`
        : `${base}/d/${encodeURIComponent(d.id)}${page !== null ? `/p/${page}` : ''}`;
      const archivedAt = d.createdAt;
      const full = [
        opts.quote ? `»${opts.quote.text}«` : '',
        `${short}.`,
        head === d.title ? '' : `»${d.title}«.`,
        provenance ? `${provenance.charAt(0).toUpperCase()}${provenance.slice(1)}.` : '',
        `${w.archived} ${formatDay(archivedAt.slice(0, 10), lang)}, SHA-256 ${d.sha256}.`,
        permalink,
      ].filter(Boolean).join(' ');

      const item: CslItem = {
        // RIS keeps ids of at most 20 characters: the document id fits, the page has its own field.
        id: d.id,
        type: 'document',
        title: d.title,
        URL: permalink,
        archive: 'Kilde',
        'archive_location': d.id,
        accessed: { 'date-parts': [dateParts(clock.now().toISOString().slice(0, 10))] },
        note: [provenance, `SHA-256 ${d.sha256}`].filter(Boolean).join('; '),
      };
      if (senders.length) item.author = senders.map((p) => ({ literal: p.name }));
      if (recipients.length) item.recipient = recipients.map((p) => ({ literal: p.name }));
      if (d.documentDate) item.issued = { 'date-parts': [dateParts(d.documentDate)] };
      if (page !== null) item.page = String(page);
      if (d.language) item.language = d.language;
      if (opts.quote) item.note = [`»${opts.quote.text}«`, item.note].filter(Boolean).join('; ');
      return { documentId: d.id, page, title: d.title, short, provenance, full, permalink, quote: opts.quote?.text ?? null, sha256: d.sha256, archivedAt, machine: machineCitations(item) };
    },
  };
}

function dateParts(iso: string): number[] {
  return iso.split('-').map(Number).filter((n) => Number.isFinite(n));
}

export type CitationService = ReturnType<typeof createCitationService>;
