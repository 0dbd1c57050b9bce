import { PDFDocument, StandardFonts } from 'pdf-lib';

/** Generates a real text PDF, one string per page (WinAnsi covers æ, ø and å). */
export async function makePdf(pages: string[], opts: { title?: string } = {}): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  if (opts.title) pdf.setTitle(opts.title);
  for (const text of pages) {
    const page = pdf.addPage([595, 842]);
    let y = 780;
    for (const line of wrap(text, 80)) {
      page.drawText(line, { x: 50, y, size: 11, font });
      y -= 16;
      if (y < 50) break;
    }
  }
  return Buffer.from(await pdf.save());
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
