import fs from 'node:fs';
import { PDFParse, PasswordException } from 'pdf-parse';
import type { ExtractedPage, ExtractionContext, ExtractionOutcome, Extractor } from './extractor';

/**
 * PDFs through pdf-parse v2 — the only file that imports it. Text is read page by page from the text
 * layer; a page whose layer holds too little text (a scan, or a fax with a stamp) is rendered and
 * handed to OCR when an OCR engine is wired in. Encryption and broken files are outcomes, not throws.
 */
export interface PageOcr {
  recognize(image: Buffer, opts?: { signal?: AbortSignal }): Promise<{ text: string; confidence: number }>;
}

/** Fewer letters than this on a page means the text layer is missing or useless. */
const MIN_LETTERS_PER_PAGE = 25;
const RENDER_DPI = 150;

export function createPdfExtractor(deps: { ocr?: PageOcr } = {}): Extractor {
  return {
    mediaTypes: ['application/pdf'],
    async extract(ctx: ExtractionContext): Promise<ExtractionOutcome> {
      const data = new Uint8Array(await fs.promises.readFile(ctx.path));
      const parser = new PDFParse({ data, password: ctx.password, verbosity: 0 });
      try {
        const info = await parser.getInfo();
        const total = info.total;
        const pages: ExtractedPage[] = [];
        for (let n = 1; n <= total; n++) {
          if (ctx.signal.aborted) throw new Error('extraction aborted');
          const layer = (await parser.getText({ partial: [n], pageJoiner: '' })).getPageText(n).trim();
          if (letterCount(layer) >= MIN_LETTERS_PER_PAGE || !deps.ocr) {
            ctx.onProgress(n, total, 'text');
            pages.push({ number: n, text: layer, method: 'text', confidence: null });
            continue;
          }
          ctx.onProgress(n - 1, total, 'ocr');
          const shot = await parser.getScreenshot({ partial: [n], scale: RENDER_DPI / 72, imageDataUrl: false, imageBuffer: true });
          const image = shot.pages[0]?.data;
          const ocr = image ? await deps.ocr.recognize(Buffer.from(image), { signal: ctx.signal }) : { text: '', confidence: 0 };
          // Keep whichever reading holds more words: a stamp on a text page must not replace its text.
          const useOcr = letterCount(ocr.text) > letterCount(layer);
          pages.push(useOcr
            ? { number: n, text: ocr.text.trim(), method: 'ocr', confidence: ocr.confidence }
            : { number: n, text: layer, method: 'text', confidence: null });
          ctx.onProgress(n, total, 'ocr');
        }
        // The file's creation date is not the letter's date (a 2018 letter scanned in 2023), so it is kept
        // as metadata only; the document date comes from the user or from suggestions.
        const metadata: Record<string, string> = {};
        const created = pdfDate(info.info?.CreationDate);
        if (created) metadata.pdfCreated = created;
        if (typeof info.info?.Author === 'string' && info.info.Author.trim()) metadata.pdfAuthor = info.info.Author.trim().slice(0, 200);
        return { kind: 'ok', title: cleanTitle(info.info?.Title), pages, metadata };
      } catch (err) {
        return outcomeOf(err, ctx.password);
      } finally {
        await parser.destroy().catch(() => undefined);
      }
    },
  };
}

function outcomeOf(err: unknown, password: string | undefined): ExtractionOutcome {
  if (err instanceof PasswordException || (err as { name?: string })?.name === 'PasswordException') {
    const code = (err as { code?: number }).code;
    // pdf.js: code 1 = a password is needed, 2 = the password given is wrong.
    if (password && code === 2) return { kind: 'wrong_password', reason: 'The password is not correct for this PDF.' };
    return { kind: 'needs_password', reason: 'This PDF is encrypted: it needs a password to be read.' };
  }
  if (err instanceof Error && err.message === 'extraction aborted') throw err;
  const detail = err instanceof Error ? err.message : String(err);
  return { kind: 'failed', reason: `This PDF could not be read (it may be damaged or incomplete): ${detail}` };
}

function letterCount(text: string): number {
  return (text.match(/\p{L}/gu) ?? []).length;
}

function cleanTitle(title: unknown): string | undefined {
  if (typeof title !== 'string') return undefined;
  const t = title.replace(/\s+/g, ' ').trim();
  // Producers often leave "untitled" or the template's name; only a real-looking title is kept.
  return t.length >= 3 && !/^(untitled|microsoft word - .*|document\d*)$/i.test(t) ? t.slice(0, 300) : undefined;
}

/** PDF dates look like "D:20180628120000+02'00'". */
function pdfDate(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const m = /^D?:?(\d{4})(\d{2})(\d{2})/.exec(raw);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}
