/**
 * Machine citation formats — CSL-JSON, RIS and BibTeX — through citation-js, the one file that
 * imports it. citation-js ships CommonJS without type declarations; its plugins register
 * themselves with the core when required, so they are loaded once here, lazily, on first use.
 */
export interface CslName {
  literal?: string;
  family?: string;
  given?: string;
}

/** The subset of a CSL-JSON item Kilde writes (https://citationstyles.org, CSL 1.0.2). */
export interface CslItem {
  id: string;
  type: 'document' | 'personal_communication';
  title: string;
  author?: CslName[];
  recipient?: CslName[];
  issued?: { 'date-parts': number[][] };
  accessed?: { 'date-parts': number[][] };
  URL: string;
  page?: string;
  archive?: string;
  'archive_location'?: string;
  publisher?: string;
  note?: string;
  language?: string;
}

interface CiteInstance {
  data: Array<Record<string, unknown>>;
  format(kind: string, opts?: Record<string, unknown>): string;
}
type CiteConstructor = new (input: unknown) => CiteInstance;

let Cite: CiteConstructor | null = null;

function cite(): CiteConstructor {
  if (!Cite) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const core = require('@citation-js/core') as { Cite: CiteConstructor };
    require('@citation-js/plugin-csl');
    require('@citation-js/plugin-ris');
    require('@citation-js/plugin-bibtex');
    Cite = core.Cite;
  }
  return Cite;
}

export interface MachineCitations {
  csl: string;
  ris: string;
  bibtex: string;
}

export function machineCitations(item: CslItem): MachineCitations {
  // citation-js tells a list of names by `instanceof Array`, which fails for arrays made in another
  // JavaScript realm — under Jest, rows from the native SQLite driver and everything mapped from them
  // are such arrays, and the names silently vanished from RIS. A JSON copy is made in this realm, and
  // a CSL item is plain JSON anyway.
  const local = JSON.parse(JSON.stringify(item)) as CslItem;
  const c = new (cite())([local]);
  return {
    csl: JSON.stringify([cleanCsl(c.data[0] ?? {})], null, 2),
    ris: risText(c.format('ris', { format: 'object' }) as unknown as RisEntry[]),
    bibtex: c.format('bibtex').trim(),
  };
}

type RisEntry = Record<string, string | number | Array<string | number>>;

/**
 * RIS written here from citation-js's tag objects rather than by its text output, which folds every
 * value at 70 characters: reference managers read a field as one line, so a folded title or SHA-256
 * came in cut short. One line per value; a line break inside a value becomes a space.
 */
function risText(entries: RisEntry[]): string {
  const line = (tag: string, value: string | number) => `${tag}  - ${String(value).replace(/\s*[\r\n]+\s*/g, ' ').trim()}`;
  return entries
    .map((entry) => {
      const lines = [line('TY', String(entry.TY ?? 'GEN'))];
      for (const [tag, value] of Object.entries(entry)) {
        if (tag !== 'TY') for (const v of ([] as Array<string | number>).concat(value)) lines.push(line(tag, v));
      }
      lines.push('ER  - ');
      return lines.join('\n');
    })
    .join('\n');
}

/** Parses CSL-JSON, RIS or BibTeX text back into CSL items (tests, and scripts checking an export). */
export function parseCitations(text: string): Array<Record<string, unknown>> {
  return new (cite())(text).data.map(cleanCsl);
}

/** citation-js adds its own bookkeeping (`_graph`) to every item; a reference manager needs none of it. */
function cleanCsl(item: Record<string, unknown>): Record<string, unknown> {
  const { _graph: _g, ...rest } = item;
  return rest;
}
