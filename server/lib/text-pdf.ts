import { PDFDocument, StandardFonts } from 'pdf-lib';

/**
 * A real text PDF, one string per page (the standard fonts' WinAnsi covers æ, ø and å). Its bytes
 * depend only on its content — no "now" in the metadata — so the same letter made twice is the same
 * document (the demo story relies on that; tests use it to make fixtures).
 */
export async function textPdf(pages: string[], opts: { title?: string; producer?: string } = {}): Promise<Buffer> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  if (opts.title) pdf.setTitle(opts.title);
  if (opts.producer) pdf.setProducer(opts.producer);
  const fixed = new Date('2018-01-01T00:00:00Z');
  pdf.setCreationDate(fixed);
  pdf.setModificationDate(fixed);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const text of pages) {
    const page = pdf.addPage([595, 842]);
    let y = 780;
    for (const line of wrap(text, 85)) {
      page.drawText(line, { x: 50, y, size: 11, font });
      y -= 16;
      if (y < 50) break;
    }
  }
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/)) {
      if ((line + ' ' + word).trim().length > width) {
        lines.push(line);
        line = word;
      } else line = (line + ' ' + word).trim();
    }
    lines.push(line);
  }
  return lines;
}
