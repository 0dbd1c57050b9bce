import { parseBatch, type BatchLine } from '../../search/batch';
import type { SearchEngine, SearchHit } from '../../search/engine';
import { searchInDocument, type InDocumentResult } from '../../search/in-document';
import type { Viewer } from '../auth/viewer';
import type { DocumentsService } from '../documents/documents.service';
import { AppError, isAppError } from '../lib/errors';
import type { Clock } from '../lib/clock';
import { afterPendingIo } from '../lib/turns';

/**
 * Search inside one document (its readable pages, through the documents service's access check)
 * and batch search (each line of a list searched as the viewer, with the engine's access rule).
 */
export interface BatchRow extends BatchLine {
  /** Matching documents the viewer may read. */
  total: number;
  hits: Array<Pick<SearchHit, 'documentId' | 'title' | 'documentDate'> & { pages: number[] }>;
}

/**
 * A list searched: `listed` lines in the list; more than `rows` when it was cut at the limit
 * (`truncated`) or only its first lines were asked for (`partial`).
 */
export interface BatchResult {
  rows: BatchRow[];
  truncated: boolean;
  listed: number;
  partial: boolean;
}

export function createSearchTools(deps: { engine: SearchEngine; documents: DocumentsService; clock: Clock }) {
  const { engine, documents, clock } = deps;

  /**
   * A list's lines to search (refused when it has none), whether it was cut at the limit, and how
   * many it has (`listed`, before the cut). With `upTo`, only its first lines are searched
   * (`partial`; the limit's cut, further on, is then not the one that matters).
   */
  function batchLines(input: string, opts: { csv?: boolean; upTo?: number }): { lines: BatchLine[]; truncated: boolean; listed: number; partial: boolean } {
    const parsed = parseBatch(input, { csv: opts.csv });
    if (parsed.lines.length === 0) throw AppError.invalid('The list is empty: give one name or term a line, or a CSV with them in the first column.');
    if (opts.upTo === undefined || opts.upTo >= parsed.lines.length) return { ...parsed, partial: false };
    return { lines: parsed.lines.slice(0, opts.upTo), truncated: false, listed: parsed.listed, partial: true };
  }

  /** Each line's row as it is searched: a page can show progress, and a consumer that stops stops the searching. */
  async function* batchRows(viewer: Viewer, lines: BatchLine[], perLine: number): AsyncGenerator<BatchRow> {
    for (const [i, line] of lines.entries()) {
      // Each line is a whole search, run synchronously by the embedded engine: other requests
      // get their turn between lines (200 lines at 1M pages are seconds of work).
      if (i > 0) await afterPendingIo();
      try {
        // A trailing space: a name is searched as written, its last word not as a prefix.
        const r = await engine.search({
          query: `${line.text} `,
          perPage: perLine,
          pagesPerDocument: 3,
          viewer: { userId: viewer.userId, role: viewer.role },
          now: clock.now(),
        });
        yield { ...line, total: r.total, hits: r.hits.map((h) => ({ documentId: h.documentId, title: h.title, documentDate: h.documentDate, pages: h.pages.map((p) => p.number) })) };
      } catch (err) {
        if (isAppError(err)) throw err;
        throw new AppError('unavailable', 'Search is not available right now; try the list again in a moment.');
      }
    }
  }

  return {
    batchLines,
    batchRows,

    inDocument(viewer: Viewer, documentId: string, q: string): InDocumentResult & { document: { id: string; title: string; pageCount: number } } {
      const doc = documents.get(viewer, documentId);
      const pages = documents.pages(viewer, documentId);
      return { ...searchInDocument(q, pages), document: { id: doc.id, title: doc.title, pageCount: pages.length } };
    },

    async batch(viewer: Viewer, input: string, opts: { perLine: number; csv?: boolean; upTo?: number }): Promise<BatchResult> {
      const { lines, truncated, listed, partial } = batchLines(input, opts);
      const rows: BatchRow[] = [];
      for await (const row of batchRows(viewer, lines, opts.perLine)) rows.push(row);
      return { rows, truncated, listed, partial };
    },
  };
}

export type SearchTools = ReturnType<typeof createSearchTools>;
