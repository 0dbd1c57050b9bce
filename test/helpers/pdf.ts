import { textPdf } from '../../server/lib/text-pdf';

/** Generates a real text PDF, one string per page (WinAnsi covers æ, ø and å). */
export function makePdf(pages: string[], opts: { title?: string } = {}): Promise<Buffer> {
  return textPdf(pages, opts);
}
