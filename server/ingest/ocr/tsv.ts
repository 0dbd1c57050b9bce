import type { OcrResult } from './ocr-pool';

/**
 * Text and mean word confidence from tesseract's TSV (level 5 rows are words): words joined by
 * spaces, lines by "\n", paragraphs and blocks by a blank line, like tesseract.js's `text`. With
 * it, where each line's characters are in the image (`layout`, pixels): each word's box split
 * evenly across its UTF-16 units, the space between two words boxed by the gap between them.
 */
export function parseTsvLayout(tsv: string): OcrResult {
  type Word = { text: string; box: [number, number, number, number] };
  const paragraphs: Word[][][] = [];
  let lineKey = '';
  let parKey = '';
  let line: Word[] = [];
  let sum = 0;
  let count = 0;
  let width = 0;
  let height = 0;
  const flushLine = () => {
    if (line.length) paragraphs[paragraphs.length - 1]!.push(line);
    line = [];
  };
  for (const row of tsv.split('\n')) {
    const c = row.split('\t');
    if (c[0] === '1' && c.length >= 10) {
      width = Number(c[8]) || width;
      height = Number(c[9]) || height;
    }
    if (c[0] !== '5' || c.length < 12) continue;
    const word = c.slice(11).join('\t').trim();
    const conf = Number(c[10]);
    if (!word || conf < 0) continue;
    const par = `${c[1]}.${c[2]}.${c[3]}`;
    const ln = `${par}.${c[4]}`;
    if (par !== parKey) {
      flushLine();
      paragraphs.push([]);
      parKey = par;
    } else if (ln !== lineKey) {
      flushLine();
    }
    lineKey = ln;
    const [left, top, w, h] = [Number(c[6]), Number(c[7]), Number(c[8]), Number(c[9])];
    line.push({ text: word, box: [left, top, left + w, top + h] });
    sum += conf;
    count++;
  }
  flushLine();
  let text = '';
  const lines: Array<{ start: number; boxes: number[] }> = [];
  for (const [pi, par] of paragraphs.filter((p) => p.length).entries()) {
    if (pi > 0) text += '\n\n';
    for (const [li, words] of par.entries()) {
      if (li > 0) text += '\n';
      const boxes: number[] = [];
      const start = text.length;
      words.forEach((w, wi) => {
        if (wi > 0) {
          const prev = words[wi - 1]!.box;
          text += ' ';
          boxes.push(prev[2], Math.min(prev[1], w.box[1]), Math.max(prev[2], w.box[0]), Math.max(prev[3], w.box[3]));
        }
        const [x0, y0, x1, y1] = w.box;
        const n = w.text.length;
        for (let i = 0; i < n; i++) boxes.push(x0 + ((x1 - x0) * i) / n, y0, x0 + ((x1 - x0) * (i + 1)) / n, y1);
        text += w.text;
      });
      lines.push({ start, boxes });
    }
  }
  return {
    text: text ? `${text}\n` : '',
    confidence: count ? sum / count : 0,
    layout: width > 0 && height > 0 && lines.length ? { width, height, lines } : undefined,
  };
}

/** Text and mean word confidence alone (parseTsvLayout without the boxes). */
export function parseTsv(tsv: string): OcrResult {
  const { text, confidence } = parseTsvLayout(tsv);
  return { text, confidence };
}
