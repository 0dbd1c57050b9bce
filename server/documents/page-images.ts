import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Viewer } from '../auth/viewer';
import { AppError } from '../lib/errors';
import type { BlobStore } from '../storage/blob-store';
import type { DocumentRecord } from './documents.types';
import type { DocumentsService } from './documents.service';
import type sharpType from 'sharp';

/**
 * Page images: each page as a picture beside its text, so a reader can check OCR against the scan.
 * A PDF page is rendered, a TIFF page decoded to PNG, on first request, and cached under
 * `<derivedDir>/<documentId>/page-<n>.png` (written to a temp file and renamed, so a half-written
 * image is never served). The cache is derived: deleting it only costs a new rendering. A single
 * PNG, JPEG or WebP image is its own page image and is served as stored. Every request goes
 * through the documents service, so a document the viewer may not read is "not found".
 *
 * A page OCR read upright only after turning it (a scan fed upside down: server/ingest/ocr/
 * page-reader.ts) is shown turned the same way, so the picture reads as its text does and the
 * OCR word boxes fall on their words; such pictures are cached under a name with the turn in it.
 */
export interface PageImage {
  /** The file to send. */
  path: string;
  contentType: string;
}

const IMAGE_ORIGINALS = new Set(['image/png', 'image/jpeg', 'image/webp']);
/** Renderings at once; more wait. Each holds a PDF reader thread and a full-page bitmap. */
export const MAX_RENDERS = 2;

/** What drawing one PDF page gave (the renderer may say more; this is what a page image needs). */
export type PageRender =
  | { kind: 'ok'; png: Buffer }
  | { kind: 'no_such_page' }
  | { kind: 'needs_password'; reason: string }
  | { kind: 'failed'; reason: string };

/**
 * Draws pages of stored originals (server/ingest/extractors/page-renderer.ts, built by the
 * composition root with MAX_RENDERS threads). `tiffPage` gives null for a page the file lacks.
 */
export interface PageDrawer {
  pdfPage(file: string, n: number): Promise<PageRender>;
  tiffPage(file: string, n: number): Promise<Buffer | null>;
}

export function createPageImages(deps: {
  documents: Pick<DocumentsService, 'get'>;
  blobs: Pick<BlobStore, 'pathOf' | 'exists'>;
  derivedDir: string;
  /** Draws the pages; tests may pass their own to count or slow renderings. */
  drawer: PageDrawer;
  /** Degrees (0, 90, 180, 270) page `n` was turned clockwise to be read upright; 0 when not given. */
  rotationOf?: (documentId: string, n: number) => number;
}) {
  const { drawer } = deps;
  const inFlight = new Map<string, Promise<string>>();
  const waiting: Array<() => void> = [];
  let running = 0;

  /** Runs `work` when fewer than MAX_RENDERS run; a finishing rendering hands its place to the next. */
  async function slot<T>(work: () => Promise<T>): Promise<T> {
    if (running >= MAX_RENDERS) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  }

  /** Whether the document's pages can be shown as images (the view shows no picture otherwise). */
  function available(doc: DocumentRecord): boolean {
    if (doc.status !== 'ready' || !doc.pageCount) return false;
    if (doc.mediaType === 'application/pdf') return doc.metadata.passwordProtected !== 'yes';
    return doc.mediaType === 'image/tiff' || IMAGE_ORIGINALS.has(doc.mediaType);
  }

  const noImage = (message = 'This page has no image.') => new AppError('not_found', message);

  async function produce(doc: DocumentRecord, n: number, original: string, target: string, rotation: number): Promise<string> {
    let png: Buffer;
    if (IMAGE_ORIGINALS.has(doc.mediaType)) {
      png = await slot(async () => {
        try {
          // EXIF orientation first (as a browser shows the original), then OCR's turn.
          return await loadSharp()(original, { failOn: 'none', autoOrient: true }).rotate(rotation).png().toBuffer();
        } catch (err) {
          throw noImage(`This page could not be drawn. ${(err as Error).message}`);
        }
      });
    } else if (doc.mediaType === 'application/pdf') {
      const outcome = await slot(() => drawer.pdfPage(original, n));
      if (outcome.kind === 'no_such_page') throw noImage('This page does not exist.');
      if (outcome.kind === 'needs_password') throw noImage('Page images of password-protected PDFs are not shown.');
      if (outcome.kind === 'failed') throw noImage(`This page could not be drawn. ${outcome.reason}`);
      png = outcome.png;
    } else {
      const decoded = await slot(async () => {
        try {
          return await drawer.tiffPage(original, n);
        } catch (err) {
          throw noImage(`This page could not be drawn. ${(err as Error).message}`);
        }
      });
      if (!decoded) throw noImage('This page does not exist.');
      png = decoded;
    }
    if (rotation && !IMAGE_ORIGINALS.has(doc.mediaType)) png = await slot(() => loadSharp()(png).rotate(rotation).png().toBuffer());
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await fs.promises.writeFile(temp, png);
      await fs.promises.rename(temp, target);
    } catch (err) {
      await fs.promises.rm(temp, { force: true });
      throw err;
    }
    return target;
  }

  return {
    available,

    /** The image of page `n` of a document the viewer may read; AppError not_found otherwise. */
    async image(viewer: Viewer, id: string, n: number): Promise<PageImage> {
      const doc = deps.documents.get(viewer, id);
      if (!available(doc)) throw noImage(doc.status === 'ready' ? 'This document has no page images.' : 'Page images are shown once the document is extracted.');
      if (!Number.isInteger(n) || n < 1 || n > doc.pageCount!) throw noImage('This page does not exist.');
      if (!deps.blobs.exists(doc.sha256)) throw noImage('The original file of this document is missing from storage.');
      const original = deps.blobs.pathOf(doc.sha256);
      const rotation = normalRotation(deps.rotationOf?.(doc.id, n) ?? 0);
      if (IMAGE_ORIGINALS.has(doc.mediaType) && rotation === 0) return { path: original, contentType: doc.mediaType };

      const target = path.join(deps.derivedDir, doc.id, rotation ? `page-${n}-r${rotation}.png` : `page-${n}.png`);
      if (fs.existsSync(target)) return { path: target, contentType: 'image/png' };
      const key = `${doc.id}/${n}/${rotation}`;
      let pending = inFlight.get(key);
      if (!pending) {
        pending = produce(doc, n, original, target, rotation).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      return { path: await pending, contentType: 'image/png' };
    },

    /** The URL of a page's image, or null when the document's pages have none (for the views). */
    url(doc: DocumentRecord, n: number): string | null {
      return available(doc) ? `/documents/${encodeURIComponent(doc.id)}/pages/${n}.png` : null;
    },
  };
}

export type PageImages = ReturnType<typeof createPageImages>;

const normalRotation = (r: number) => ([90, 180, 270].includes(r) ? r : 0);

/** sharp (libvips), loaded on the first turned page: importing this module starts nothing. */
function loadSharp(): typeof sharpType {
  return require('sharp') as typeof sharpType;
}
