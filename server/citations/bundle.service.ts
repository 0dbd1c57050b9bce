import { createHash } from 'node:crypto';
import { ZipFile } from 'yazl';
import type { AuditLog } from '../auth/audit';
import type { Viewer } from '../auth/viewer';
import type { DocumentsService } from '../documents/documents.service';
import type { DocumentRecord } from '../documents/documents.types';
import { AppError } from '../lib/errors';
import type { Lang } from '../i18n/messages';
import type { Clock } from '../lib/clock';
import type { SearchQuery } from '../search-pages/search.schema';
import type { SearchService } from '../search-pages/search.service';
import type { LinksService, TimelineService } from '../story';
import type { BlobStore } from '../storage/blob-store';
import type { CitationService } from './citation.service';
import { bundleIndexHtml, csvLine, safeZipName } from './citations.presenter';

/**
 * Source bundles: a story, a search result or a selection of documents as one zip, streamed to the
 * client as it is written (yazl reads each original from disk when its turn comes; nothing is built
 * in memory but the small manifests). It holds the originals, manifest.json and manifest.csv
 * (title, date, parties by role, pages, SHA-256, permanent links, citations, FOI provenance), an
 * index.html to read offline, and SHA256SUMS, which `sha256sum -c SHA256SUMS` checks.
 *
 * Only documents the exporter may read go in: a story's through its timeline (which applies the
 * access rule), a search's through the search service as the viewer — with the same query and
 * filters as the search page (server/search-pages/search.schema.ts) — and a selection's one by one
 * through the documents service; every one is checked again here. The export is audited.
 */
export type BundleSource = { kind: 'story'; storyId: string } | { kind: 'search'; query: SearchQuery } | { kind: 'selection'; ids: string[] };

export const MAX_BUNDLE_DOCUMENTS = 500;

export interface ManifestEntry {
  id: string;
  title: string;
  date: string | null;
  datePrecision: string | null;
  filename: string;
  mediaType: string;
  size: number;
  pages: number | null;
  sha256: string;
  /** Where the original is inside the zip; null when the stored original is missing. */
  path: string | null;
  permalink: string;
  parties: Record<string, string[]>;
  citation: string;
  fullCitation: string;
  provenance: string | null;
}

export interface Bundle {
  name: string;
  entries: ManifestEntry[];
  /** Pipe it to the response; the zip is written as it is read. */
  stream: NodeJS.ReadableStream;
}

export function createBundleService(deps: {
  documents: Pick<DocumentsService, 'find'>;
  links: Pick<LinksService, 'forDocument'>;
  timeline: Pick<TimelineService, 'build'>;
  search: Pick<SearchService, 'search'>;
  citations: CitationService;
  blobs: Pick<BlobStore, 'exists' | 'pathOf'>;
  audit: AuditLog;
  clock: Clock;
}) {
  const { documents, links, timeline, search, citations, blobs, audit, clock } = deps;

  async function select(viewer: Viewer, source: BundleSource): Promise<{ ids: string[]; label: string }> {
    if (source.kind === 'story') {
      const t = timeline.build(viewer, source.storyId);
      const ids = [...t.entries.flatMap((e) => (e.kind === 'event' ? e.documents.map((d) => d.id) : [e.document.id])), ...t.undated.map((d) => d.id)];
      return { ids, label: t.story.title };
    }
    if (source.kind === 'search') {
      if (!source.query.q.trim()) throw new AppError('bad_request', 'Give a search to export.');
      const ids: string[] = [];
      // Every page of the result, in the search's own order, up to the bundle's limit.
      for (let page = 1; ids.length < MAX_BUNDLE_DOCUMENTS; page++) {
        const r = await search.search(viewer, { ...source.query, page, perPage: 100 }, { facets: false });
        ids.push(...r.hits.map((h) => h.documentId));
        if (r.hits.length < 100 || page * 100 >= r.total) break;
      }
      return { ids, label: source.query.q };
    }
    if (source.ids.length === 0) throw new AppError('bad_request', 'Choose at least one document to export.');
    return { ids: source.ids, label: 'selection' };
  }

  return {
    async create(viewer: Viewer, source: BundleSource, opts: { lang: Lang; base: string; requestId?: string }): Promise<Bundle> {
      const { ids, label } = await select(viewer, source);
      const docs = [...new Set(ids)].slice(0, MAX_BUNDLE_DOCUMENTS).map((id) => documents.find(viewer, id)).filter((d): d is DocumentRecord => d !== null);
      if (docs.length === 0) throw new AppError('not_found', 'There is nothing you can read to export here.');

      const entries: ManifestEntry[] = docs.map((d, i) => {
        const c = citations.build(viewer, d.id, null, { lang: opts.lang, base: opts.base });
        const parties: Record<string, string[]> = {};
        for (const p of links.forDocument(viewer, d.id).parties) (parties[p.role] ??= []).push(p.party.name);
        const stored = blobs.exists(d.sha256);
        return {
          id: d.id, title: d.title, date: d.documentDate, datePrecision: d.datePrecision, filename: d.filename, mediaType: d.mediaType,
          size: d.size, pages: d.pageCount, sha256: d.sha256, path: stored ? `originals/${safeZipName(i + 1, d.filename)}` : null,
          permalink: c.permalink, parties, citation: c.short, fullCitation: c.full, provenance: c.provenance,
        };
      });

      const zip = new ZipFile();
      const sums: string[] = [];
      const at = clock.now();
      const mtime = at;
      for (const [i, e] of entries.entries()) {
        if (!e.path) continue;
        zip.addFile(blobs.pathOf(docs[i]!.sha256), e.path, { mtime });
        sums.push(`${e.sha256}  ${e.path}`);
      }
      const manifest = { createdAt: at.toISOString(), createdBy: viewer.username, source: describeSource(source, label), documents: entries };
      const files: Array<[string, Buffer]> = [
        ['manifest.json', Buffer.from(JSON.stringify(manifest, null, 2), 'utf8')],
        ['manifest.csv', Buffer.from(manifestCsv(entries), 'utf8')],
        ['index.html', Buffer.from(bundleIndexHtml(label, at.toISOString(), entries, opts.lang), 'utf8')],
      ];
      for (const [name, buf] of files) {
        zip.addBuffer(buf, name, { mtime });
        sums.push(`${createHash('sha256').update(buf).digest('hex')}  ${name}`);
      }
      zip.addBuffer(Buffer.from(`${sums.join('\n')}\n`, 'utf8'), 'SHA256SUMS', { mtime });
      zip.end();

      audit.record(viewer, { action: 'export', entityType: source.kind === 'story' ? 'story' : 'document', entityId: source.kind === 'story' ? source.storyId : null, summary: `source bundle (${source.kind}) of ${entries.length} document${entries.length === 1 ? '' : 's'}`, after: { documents: entries.map((e) => e.id) }, requestId: opts.requestId });
      const name = `kilde-bundle-${at.toISOString().slice(0, 10)}.zip`;
      return { name, entries, stream: zip.outputStream };
    },
  };
}

/** The source as the manifest records it: a search with only the filters it used. */
function describeSource(source: BundleSource, label: string): Record<string, unknown> {
  if (source.kind !== 'search') return { ...source, label };
  const { q, page: _page, perPage: _perPage, ...rest } = source.query;
  const filters = Object.fromEntries(Object.entries(rest).filter(([k, v]) => v !== undefined && !(k === 'sort' && v === 'relevance')));
  return { kind: 'search', q, ...filters, label };
}

function manifestCsv(entries: ManifestEntry[]): string {
  const head = ['id', 'title', 'date', 'filename', 'media_type', 'pages', 'sha256', 'path', 'permalink', 'sender', 'recipient', 'cc', 'mentioned', 'subject', 'citation', 'provenance'];
  const rows = entries.map((e) => [e.id, e.title, e.date ?? '', e.filename, e.mediaType, e.pages ?? '', e.sha256, e.path ?? '', e.permalink,
    ...['sender', 'recipient', 'cc', 'mentioned', 'subject'].map((r) => (e.parties[r] ?? []).join('; ')), e.fullCitation, e.provenance ?? '']);
  return `\ufeff${[head, ...rows].map(csvLine).join('\r\n')}\r\n`;
}

export type BundleService = ReturnType<typeof createBundleService>;
