/**
 * A deterministic corpus of Danish pages for the search benchmark, built from the real Danish text
 * in `../shared/corpus/text-da` (Folketinget debates of 2023, the Copenhagen Dependency Treebank
 * texts and the UD Danish DDT sentences; see that folder's SOURCES.md for origins and licences).
 *
 * Pages are made by sampling whole sentences with a seeded generator until a page holds about 250
 * words (PERF-NOTES: 100k pages ≈ 25M words), so the same seed always gives the same corpus, and the
 * text keeps real Danish word frequencies, spellings (æ, ø, å) and sentence structure.
 *
 * Each document draws its sentences from one window of the source (a stretch of a debate or of the
 * treebank texts), as a real letter keeps to its subject: words cluster in the documents about them
 * instead of every page mixing every topic of the whole source.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface CorpusPage {
  number: number;
  text: string;
}

export interface CorpusDocument {
  id: string;
  title: string;
  mediaType: string;
  language: string;
  documentDate: string;
  method: 'text' | 'ocr';
  partyIds: string[];
  pages: CorpusPage[];
}

/** Small, fast, seedable PRNG (mulberry32): good enough for sampling, identical on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function defaultCorpusDir(): string {
  return process.env.KILDE_CORPUS_DIR ?? path.resolve(process.cwd(), '..', 'shared', 'corpus', 'text-da');
}

/** Every sentence of the source texts, in file order (so sampling by index is deterministic). */
export function loadSentences(dir = defaultCorpusDir()): string[] {
  const texts: string[] = [];
  const files = fs.readdirSync(dir).sort();
  for (const file of files) {
    const full = path.join(dir, file);
    if (file.endsWith('.jsonl')) {
      for (const line of fs.readFileSync(full, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        const text = (JSON.parse(line) as { text?: unknown }).text;
        if (typeof text === 'string') texts.push(text);
      }
    } else if (file.endsWith('.conllu')) {
      for (const line of fs.readFileSync(full, 'utf8').split('\n')) {
        if (line.startsWith('# text = ')) texts.push(line.slice('# text = '.length));
      }
    }
  }
  const sentences: string[] = [];
  for (const text of texts) {
    for (const s of text.replace(/\s+/g, ' ').split(/(?<=[.!?])\s+(?=[A-ZÆØÅ0-9"«])/u)) {
      const trimmed = s.trim();
      if (trimmed.length >= 20 && trimmed.length <= 600) sentences.push(trimmed);
    }
  }
  if (sentences.length < 1000) throw new Error(`too few sentences in ${dir}: ${sentences.length}`);
  return sentences;
}

const MEDIA_TYPES = ['application/pdf', 'application/pdf', 'application/pdf', 'message/rfc822', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'text/plain'];
const LANGUAGES = ['da', 'da', 'da', 'da', 'en'];
export const BENCH_PARTIES = Array.from({ length: 40 }, (_, i) => `party_${String(i).padStart(2, '0')}`);

/**
 * Documents of 1–20 pages (10.5 on average) until `pages` pages exist. Each page is sentences
 * sampled uniformly from the pool until it holds at least `wordsPerPage` words.
 */
export function* generateCorpus(opts: { pages: number; seed?: number; wordsPerPage?: number; sentences?: string[]; window?: number }): Generator<CorpusDocument> {
  const sentences = opts.sentences ?? loadSentences();
  const random = seededRandom(opts.seed ?? 1);
  const wordsPerPage = opts.wordsPerPage ?? 250;
  const window = Math.min(sentences.length, opts.window ?? 400);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  let made = 0;
  let n = 0;
  while (made < opts.pages) {
    const pageCount = Math.min(opts.pages - made, 1 + Math.floor(random() * 20));
    const from = Math.floor(random() * (sentences.length - window + 1));
    const pages: CorpusPage[] = [];
    for (let p = 1; p <= pageCount; p++) {
      const parts: string[] = [];
      let words = 0;
      while (words < wordsPerPage) {
        const s = sentences[from + Math.floor(random() * window)] as string;
        parts.push(s);
        words += s.split(' ').length;
      }
      pages.push({ number: p, text: parts.join(' ') });
    }
    const first = pages[0]?.text ?? '';
    const day = 1 + Math.floor(random() * 3650);
    const date = new Date(Date.UTC(2015, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
    const parties = new Set<string>();
    const partyCount = Math.floor(random() * 4);
    for (let i = 0; i < partyCount; i++) parties.add(pick(BENCH_PARTIES));
    yield {
      id: `doc_bench${String(n).padStart(7, '0')}`,
      title: first.split(' ').slice(0, 8).join(' '),
      mediaType: pick(MEDIA_TYPES),
      language: pick(LANGUAGES),
      documentDate: date,
      method: random() < 0.2 ? 'ocr' : 'text',
      partyIds: [...parties],
      pages,
    };
    made += pageCount;
    n++;
  }
}
