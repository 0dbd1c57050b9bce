import type { OcrLayout, OcrResult, OcrWord } from './ocr-pool';

/**
 * Text and mean word confidence from tesseract's TSV (level 5 rows are words): words joined by
 * spaces, lines by "\n", paragraphs and blocks by a blank line, like tesseract.js's `text`. With
 * it, where each line's characters are in the image (`layout`, pixels): each word's box split
 * evenly across its UTF-16 units, the space between two words boxed by the gap between them; and
 * the words themselves with their confidence and box (`words`), which combine.ts votes on.
 */
export function parseTsvLayout(tsv: string): OcrResult {
  const words: OcrWord[] = [];
  let lineKey = '';
  let parKey = '';
  let line = -1;
  let paragraph = -1;
  let width = 0;
  let height = 0;
  for (const row of tsv.split('\n')) {
    const c = row.split('\t');
    if (c[0] === '1' && c.length >= 10) {
      width = Number(c[8]) || width;
      height = Number(c[9]) || height;
    }
    if (c[0] !== '5' || c.length < 12) continue;
    const text = c.slice(11).join('\t').trim();
    const confidence = Number(c[10]);
    if (!text || !(confidence >= 0)) continue;
    const par = `${c[1]}.${c[2]}.${c[3]}`;
    const ln = `${par}.${c[4]}`;
    if (par !== parKey) paragraph++;
    if (ln !== lineKey || par !== parKey) line++;
    parKey = par;
    lineKey = ln;
    const [left, top, w, h] = [Number(c[6]) || 0, Number(c[7]) || 0, Number(c[8]) || 0, Number(c[9]) || 0];
    words.push({ text, confidence, box: [left, top, left + w, top + h], line, paragraph });
  }
  return composeWords(words, width, height);
}

/**
 * A reading from its words in reading order: a new line where `line` changes, a blank line where
 * `paragraph` does; the confidence is the words' mean. `width` × `height`: the image the boxes are in.
 */
export function composeWords(words: readonly OcrWord[], width: number, height: number): OcrResult {
  let text = '';
  const lines: OcrLayout['lines'] = [];
  let boxes: number[] = [];
  let sum = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const prev = i > 0 ? words[i - 1]! : null;
    if (!prev || prev.line !== w.line || prev.paragraph !== w.paragraph) {
      if (prev) text += prev.paragraph !== w.paragraph ? '\n\n' : '\n';
      boxes = [];
      lines.push({ start: text.length, boxes });
    } else {
      text += ' ';
      boxes.push(prev.box[2], Math.min(prev.box[1], w.box[1]), Math.max(prev.box[2], w.box[0]), Math.max(prev.box[3], w.box[3]));
    }
    const [x0, y0, x1, y1] = w.box;
    const n = w.text.length;
    for (let k = 0; k < n; k++) boxes.push(x0 + ((x1 - x0) * k) / n, y0, x0 + ((x1 - x0) * (k + 1)) / n, y1);
    text += w.text;
    sum += w.confidence;
  }
  return {
    text: text ? `${text}\n` : '',
    confidence: words.length ? sum / words.length : 0,
    layout: width > 0 && height > 0 && lines.length ? { width, height, lines } : undefined,
    words: [...words],
  };
}

/** Text and mean word confidence alone (parseTsvLayout without the boxes). */
export function parseTsv(tsv: string): OcrResult {
  const { text, confidence } = parseTsvLayout(tsv);
  return { text, confidence };
}
