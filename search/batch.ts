/**
 * Batch search input and output: a pasted or uploaded list of names or terms (one a line, or CSV
 * whose first column holds them) becomes at most `MAX_BATCH_LINES` queries, and the answer can be
 * exported as CSV. Every line is searched as words (search/query/parse.ts), so a line can never be
 * an engine operator; CSV cells that a spreadsheet would run as a formula are defused.
 */
import { parse as parseCsv } from 'csv-parse/sync';

export const MAX_BATCH_LINES = 200;
export const MAX_LINE_CHARS = 300;
/** The first cell of a CSV's header row. */
const HEADER = /^(name|navn|names|navne|term|terms|query|søgning)$/i;

export interface BatchLine {
  /** 1-based line of the input (the last, for a quoted CSV cell over several lines). */
  line: number;
  text: string;
}

/**
 * The lines to search: blank lines and repeats dropped, each cut to `MAX_LINE_CHARS`; `listed`
 * counts them before the `MAX_BATCH_LINES` cut. A CSV gives
 * the first non-empty cell of each row, and its header row named "name", "navn", "term" or "query"
 * is skipped. A CSV is a file sent as one (`csv`), or pasted text whose first line separates cells
 * with a tab or semicolon, or is such a header row. A comma alone makes no CSV: in a pasted list it
 * belongs to the name ("Hummelgaard, Peter"; "Vestas Wind Systems, Aarhus").
 */
export function parseBatch(input: string, opts: { csv?: boolean } = {}): { lines: BatchLine[]; truncated: boolean; listed: number } {
  const text = String(input ?? '').replace(/^\uFEFF/, '');
  const first = text.split(/\r\n|\n|\r/, 1)[0] ?? '';
  const csv = opts.csv ?? (/[;\t]/.test(first) || HEADER.test(firstCell(first).trim()));
  // A first row without a separator (a header "Navn" over one column): the file has one column,
  // and a comma in a later row belongs to the name ("Østergaard, Søren").
  const separators = /[,;\t]/.test(first) ? ',;\t' : '';
  const rows = (csv ? csvRows(text, separators) : null) ?? text.split(/\r\n|\n|\r/).map((row, i) => ({ line: i + 1, cell: csv ? firstCell(row, separators) : row }));
  const seen = new Set<string>();
  const lines: BatchLine[] = [];
  let truncated = false;
  let listed = 0;
  rows.forEach(({ line, cell }, i) => {
    const value = cell.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, MAX_LINE_CHARS);
    if (!value) return;
    if (csv && i === 0 && HEADER.test(value)) return;
    const key = value.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    listed++;
    if (lines.length >= MAX_BATCH_LINES) truncated = true;
    else lines.push({ line, text: value });
  });
  return { lines, truncated, listed };
}

/**
 * A CSV's rows as their first non-empty cell, read by csv-parse (a quoted cell may hold a line
 * break or a separator); null when it cannot read it (an unclosed quote): each line is then read
 * on its own.
 */
function csvRows(text: string, separators: string): Array<{ line: number; cell: string }> | null {
  try {
    const rows = parseCsv(text, {
      // One column: a separator no list holds (control characters leave every name anyway).
      delimiter: separators ? [...separators] : '\u0001',
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      info: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
    return rows.map((r) => ({ line: r.info.lines, cell: r.record.find((c) => c.trim() !== '') ?? '' }));
  } catch {
    return null;
  }
}

/** The first non-empty cell of one row (separators `,`, `;` and tab unless told; `"` quotes, `""` inside): the first row's, and every row's of a CSV csv-parse cannot read. */
function firstCell(row: string, separators = ',;\t'): string {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < row.length; i++) {
    const c = row[i] as string;
    if (quoted) {
      if (c === '"' && row[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (separators.includes(c)) {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells.find((c) => c.trim() !== '') ?? '';
}

/** One CSV cell: quoted when needed; a leading =, +, -, @, tab or CR is prefixed with ' (no formula). */
export function csvCell(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * An uploaded list's text, or null when it is not text (a PDF, a zip, an image). Spreadsheets save
 * lists as UTF-8 (with or without a BOM), as UTF-16 with a BOM ("Unicode text"), or — Danish Excel's
 * "CSV" — as Windows-1252, where "København" is not valid UTF-8: each is read as written, not
 * turned into replacement characters that match nothing.
 */
export function decodeList(bytes: Buffer): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.subarray(0, 8192).includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** CSV text; `;` for spreadsheets set up for Danish (and most of Europe), where `,` is the decimal sign. */
export function toCsv(rows: Array<Array<string | number | null | undefined>>, separator: ',' | ';' = ','): string {
  return `${rows.map((r) => r.map(csvCell).join(separator)).join('\r\n')}\r\n`;
}
