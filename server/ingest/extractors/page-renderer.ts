import fs from 'node:fs';
import { createCpuSlots, type CpuSlots } from '../threads/cpu-slots';
import { tiffPageToPng } from './image.extractor';
import { createMupdfEngine, type PdfEngine } from './mupdf.engine';
import { renderPage, type RenderOutcome } from './pdf.extractor';
import type { PdfReaders } from './pdfjs.reader';
import { DEFAULT_EXTRACTOR_LIMITS } from './registry';

/**
 * Draws single pages of stored originals for the page images (server/documents/page-images.ts):
 * a PDF page with MuPDF (pdf.js draws what MuPDF refuses), a TIFF page decoded to PNG. Built once
 * by the composition root, which closes it on shutdown; its MuPDF threads start on the first PDF
 * page asked for, so building it starts nothing. MuPDF draws a page ~7× faster than pdf.js, whose
 * reader threads (`readers`) are the extraction's, owned and closed by the composition root.
 */
export interface PageRenderer {
  pdfPage(file: string, n: number): Promise<RenderOutcome>;
  /** PNG of page `n` (1-based) of a TIFF; null when the file has no such page. Throws on a broken file. */
  tiffPage(file: string, n: number): Promise<Buffer | null>;
  /** Stops the idle MuPDF drawing threads (the pdf.js readers are closed by their owner). */
  close(): void;
}

export function createPageRenderer(opts: { threads: number; readers: PdfReaders }): PageRenderer {
  let engine: PdfEngine | null = null;
  let slots: CpuSlots | null = null;
  function mupdf(): PdfEngine {
    slots ??= createCpuSlots({ cores: opts.threads });
    engine ??= createMupdfEngine({ threads: opts.threads, slots, stepTimeoutMs: 20_000, renderTimeoutMs: 60_000, heapMb: 512 });
    return engine;
  }
  return {
    pdfPage: (file, n) => renderPage(file, n, undefined, {}, mupdf(), opts.readers),
    tiffPage: async (file, n) => tiffPageToPng(await fs.promises.readFile(file), n, DEFAULT_EXTRACTOR_LIMITS),
    close() {
      engine?.closeIdle();
      slots?.close();
    },
  };
}
