import type { ExemptionBasis } from './deadlines';
import type { ExemptionDecision } from './core/requests.types';

/**
 * Reads the list of documents (Danish "aktliste") in an authority's answer: one line per document
 * with its number, date, title, what was decided and under which paragraphs. Answers lay it out as
 * a numbered list, a table copied to text (tabs, pipes or runs of spaces) or an export; all have a
 * number first and a decision word somewhere on the line. Lines without both are skipped, so a
 * letter's prose ("I får fuld aktindsigt i dokumenterne …") is never mistaken for a document.
 *
 * The result is a suggestion for the journalist to accept, never a record by itself.
 */
export interface AktlisteLine {
  number: string;
  title: string;
  documentDate: string | null;
  decision: ExemptionDecision;
  /** keys of the jurisdiction's exemptions (rules file) cited on the line. */
  bases: string[];
  /** § references on the line that the rules file does not know, as written. */
  unknownRefs: string[];
  line: string;
}

// Order matters: "delvis" before "udleveret", "ikke udleveret" before "udleveret".
const DECISIONS: Array<[ExemptionDecision, RegExp]> = [
  ['not_held', /\b(findes ikke|ikke i sagen|ikke fundet|not held|no such document)\b/i],
  ['partly', /\b(delvis(t)?( aktindsigt| udleveret| imødekommet)?|udleveret med (undtagelse|overstregning)|med overstregninger|partly|partially|redacted)\b/i],
  ['refused', /\b(undtaget|undtages|afslag|afslået|ikke udleveret|udleveres ikke|gives ikke|nej|refused|withheld|exempt(ed)?)\b/i],
  ['granted', /\b(udleveret|udleveres|fuld aktindsigt|aktindsigt gives|imødekommet|ja|granted|released|disclosed)\b/i],
];

const NUMBER = /^\s*(?:(?:akt|dok(?:ument)?|bilag|doc(?:ument)?|nr)\.?\s*(?:nr\.?\s*)?)?(\d{1,4}(?:\.\d{1,3})?)[.):]?(?=\s|\t|\||$)/i;
const MONTHS: Record<string, number> = {
  januar: 1, februar: 2, marts: 3, april: 4, maj: 5, juni: 6, juli: 7, august: 8, september: 9, oktober: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, okt: 10, nov: 11, dec: 12,
};
const NUMERIC_DATE = /\b(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})\b|\b(\d{4})-(\d{2})-(\d{2})\b/;
const WORD_DATE = /\b(\d{1,2})\.?\s+(januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|jan|feb|mar|apr|jun|jul|aug|sep|okt|nov|dec)\.?\s+(\d{4})\b/i;
// "§ 23", "§23, stk. 1, nr. 1", "§§ 30, nr. 1, og 33", "§ 29 a"
const PARAGRAPHS = /§§?\s*\d+(?:\s*[a-z]\b)?(?:\s*,?\s*(?:stk\.\s*\d+|nr\.\s*\d+|og|,)\s*(?:\d+(?:\s*[a-z]\b)?)?)*/gi;

const pad = (n: number) => String(n).padStart(2, '0');

function findDate(line: string): { date: string | null; text: string } {
  const w = WORD_DATE.exec(line);
  if (w) return { date: `${w[3]}-${pad(MONTHS[w[2].toLowerCase()])}-${pad(Number(w[1]))}`, text: w[0] };
  const n = NUMERIC_DATE.exec(line);
  if (!n) return { date: null, text: '' };
  if (n[4]) return { date: `${n[4]}-${n[5]}-${n[6]}`, text: n[0] };
  const year = n[3].length === 2 ? 2000 + Number(n[3]) : Number(n[3]);
  const [d, m] = [Number(n[1]), Number(n[2])];
  if (m < 1 || m > 12 || d < 1 || d > 31) return { date: null, text: '' };
  return { date: `${year}-${pad(m)}-${pad(d)}`, text: n[0] };
}

/** The § numbers in a reference group: "§§ 30, nr. 1, og 33" → ["30", "33"] (stk./nr. are not sections). */
function sectionNumbers(group: string): string[] {
  const out: string[] = [];
  const re = /(stk\.|nr\.)?\s*(\d+)(\s*[a-z]\b)?/gi;
  for (let m = re.exec(group); m; m = re.exec(group)) {
    if (m[1]) continue;
    out.push(`${m[2]}${m[3] ? ` ${m[3].trim().toLowerCase()}` : ''}`);
  }
  return out;
}

/** Maps a section number to the rules file's exemption, preferring the law named on the line. */
function basisFor(section: string, line: string, exemptions: readonly ExemptionBasis[]): string | null {
  const candidates = exemptions.filter((e) => new RegExp(`§\\s*${section.replace(' ', '\\s*')}$`, 'i').test(e.ref));
  if (candidates.length <= 1) return candidates[0]?.key ?? null;
  const named = candidates.find((e) => {
    const law = e.ref.replace(/§.*$/, '').trim().toLowerCase();
    return law && line.toLowerCase().includes(law.slice(0, 12));
  });
  return (named ?? candidates.find((e) => e.ref.trim().startsWith('§')) ?? candidates[0]).key;
}

export function readAktliste(text: string, exemptions: readonly ExemptionBasis[]): AktlisteLine[] {
  const out: AktlisteLine[] = [];
  const seen = new Set<string>();
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.replace(/\u00a0/g, ' ').trim();
    if (line.length < 4 || line.length > 600) continue;
    const num = NUMBER.exec(line);
    if (!num) continue;
    const rest = line.slice(num[0].length);
    const decision = DECISIONS.find(([, re]) => re.test(rest));
    if (!decision) continue;
    // A numbered line in prose ("1. Jeg har fået aktindsigt …") has no cells and no date: skip it.
    const { date, text: dateText } = findDate(rest);
    const cells = rest.split(/\t|\s\|\s|\|| {3,}| [–—-] /).map((c) => c.trim()).filter(Boolean);
    if (!date && cells.length < 2) continue;

    const refs = rest.match(PARAGRAPHS) ?? [];
    const bases: string[] = [];
    const unknownRefs: string[] = [];
    for (const ref of refs) {
      for (const section of sectionNumbers(ref.replace(/^§§?/, ''))) {
        const key = basisFor(section, rest, exemptions);
        if (key) { if (!bases.includes(key)) bases.push(key); } else unknownRefs.push(`§ ${section}`);
      }
    }
    if (decision[0] === 'not_held' && !bases.includes('not_held') && exemptions.some((e) => e.key === 'not_held')) bases.push('not_held');

    // The title: the first cell that is neither the date, the decision nor a legal reference.
    const isNoise = (c: string) =>
      c === dateText || c.length < 3 || /^(jf\.|cf\.)?\s*[a-zæøå]*\s*§/i.test(c)
      || DECISIONS.some(([, re]) => re.test(c) && c.split(/\s+/).length <= 4);
    const title = (cells.find((c) => !isNoise(c)) ?? '').replace(/\s{2,}/g, ' ').replace(/^[\s,;:–—-]+|[\s,;:–—-]+$/g, '');
    if (!title) continue;
    const number = num[1];
    if (seen.has(`${number}|${title}`)) continue;
    seen.add(`${number}|${title}`);
    out.push({ number, title: title.slice(0, 500), documentDate: date, decision: decision[0], bases, unknownRefs, line });
  }
  return out;
}
