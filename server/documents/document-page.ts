import type { Viewer } from '../auth/viewer';
import type { Lang } from '../i18n/messages';

/** What a section of the document page is told besides who reads which document. */
export interface DocumentPageContext {
  /** The searched words the page was opened with ('' for none). */
  q: string;
  lang: Lang;
  /** This request's scheme and host, for links when no public address is configured. */
  origin: string;
}

/**
 * A section of a document's page that another area fills — the Links section (server/story), the
 * cite panel and the searched words on the page images (server/citations), the page images
 * themselves (page-images.ts) — as the locals its partial reads. It is called only once the viewer
 * was found to read the document.
 */
export type DocumentPageSection = (viewer: Viewer, documentId: string, ctx: DocumentPageContext) => Record<string, unknown>;

/**
 * The document page's one assembler: the composition root hands it the sections, the page's route
 * asks it for their locals, so no router has to run before another to fill part of the page.
 */
export function createDocumentPage(sections: ReadonlyArray<DocumentPageSection | undefined>) {
  const parts = sections.filter((s): s is DocumentPageSection => s !== undefined);
  return {
    locals: (viewer: Viewer, documentId: string, ctx: DocumentPageContext): Record<string, unknown> => Object.assign({}, ...parts.map((s) => s(viewer, documentId, ctx))),
  };
}

export type DocumentPage = ReturnType<typeof createDocumentPage>;
