/**
 * Several readings of one page combined word by word, the way ROVER combines speech recognisers
 * (Fiscus 1997): differently prepared images of a hard page lose different words, and where one
 * reading lost a word another often kept it.
 *
 *   1. align: every word of the other readings is matched to the words of the first reading (the
 *      backbone: the reading kept so far) whose boxes it covers, on the upright page — so readings
 *      that put the page's blocks in a different order, or split or join words differently, still
 *      line up; a reading's words that cover none of the backbone's are words the backbone missed;
 *   2. vote: in each place every reading offers what it read there (nothing, a word, or the words
 *      it split one into); an offer scores AGREEMENT × the share of readings making it plus
 *      (1 − AGREEMENT) × the best confidence any of them gave it ("nothing" has NOTHING_CONFIDENCE);
 *      the highest score wins, a tie goes to the backbone;
 *      an offer whose words are words of the page's languages (`known`, from lexicon.ts) scores
 *      LEXICON more: a misread letter mostly makes a non-word ("cr" for "er"), so where readings
 *      disagree the word is likelier right — by more than one reading's vote, less than two;
 *   3. the winners, in the backbone's order, make the reading: its text, its boxes (each word's
 *      own), and as its confidence the mean of the confidences the words won with; a speck every
 *      reading took for a mark between two words ("fra,den") parts them again (`splitGlued`), and
 *      a word every reading broke at a wide gap between its letters ("of fentlighedslovens") is
 *      joined again (`joinSplit`), each only where the language's words say so.
 *
 * Pure and cheap (no OCR): three readings of a thousand words combine in well under 0.1 s. Readings without
 * words (no boxes), or too many words for their page, are not combined: the caller keeps its best.
 */
import type { OcrResult, OcrWord } from './ocr-pool';
import { composeWords } from './tsv';

/**
 * The weight of agreement against confidence in an offer's score (ROVER's α). Agreement counts
 * more: on damaged letters tesseract's word confidence says little (on the hard fax pages, right
 * words came with 0–20 and wrong ones with 87).
 */
export const AGREEMENT = 0.7;
/** The confidence "nothing here" is offered with: a word half the readings saw stays when they are surer of it than this. */
export const NOTHING_CONFIDENCE = 40;
/**
 * What an offer of known words gains in the vote: more than one reading's vote among five (0.7 ÷ 5
 * = 0.14), less than two (0.28), so a clear majority still wins. Measured on the hard fax pages:
 * from 0.2 to 0.35 both engines read alike (native 96.1 % on both faxes, tesseract.js 95.3 %); at
 * 0.15 tesseract.js lost a word of the TIFF.
 */
export const LEXICON = 0.2;
/** Share of the smaller box that must lie inside the other for two words to be read in the same place. */
const MIN_OVERLAP = 0.5;
/** More words than this in all readings together is no page: not combined. */
const MAX_WORDS = 60_000;

type Box = OcrWord['box'];

export interface CombineOptions {
  agreement?: number;
  nothingConfidence?: number;
  /** The words of the page's languages among `lexiconCandidates(readings)` (lexicon.ts); none: no word is preferred. */
  known?: ReadonlySet<string>;
  /** What an offer of known words gains (LEXICON unless given). */
  lexicon?: number;
}

export interface Combined extends OcrResult {
  words: OcrWord[];
  /** How many readings voted, and in how many places they did not all agree. */
  readings: number;
  disagreements: number;
}

const area = (b: Box) => Math.max(1, b[2] - b[0]) * Math.max(1, b[3] - b[1]);

/** How much of the smaller of two boxes lies inside the other (0–1). */
export function overlap(a: Box, b: Box): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  if (w <= 0 || h <= 0) {
    // Boxes of no width or height (a "." or "|") still meet when one lies on the other.
    if (w < 0 || h < 0) return 0;
    return (a[2] === a[0] || a[3] === a[1] || b[2] === b[0] || b[3] === b[1]) ? 1 : 0;
  }
  return (w * h) / Math.min(area(a), area(b));
}

/** Words indexed by the rows of the page they cover, to find those on a box's rows without trying every word. */
function rowIndex(words: readonly OcrWord[]): (box: Box) => number[] {
  const heights = words.map((w) => w.box[3] - w.box[1]).filter((h) => h > 0).sort((a, b) => a - b);
  const band = Math.max(4, heights[Math.floor(heights.length / 2)] ?? 16);
  const bands = new Map<number, number[]>();
  words.forEach((w, i) => {
    const last = Math.floor(w.box[3] / band);
    for (let k = Math.floor(w.box[1] / band); k <= last; k++) {
      let list = bands.get(k);
      if (!list) bands.set(k, (list = []));
      list.push(i);
      if (k - Math.floor(w.box[1] / band) > 200) break; // a box taller than the page is no word; a few bands are enough to find it
    }
  });
  return (box) => {
    const seen = new Set<number>();
    const last = Math.min(Math.floor(box[3] / band), Math.floor(box[1] / band) + 200);
    for (let k = Math.floor(box[1] / band); k <= last; k++) for (const i of bands.get(k) ?? []) seen.add(i);
    return [...seen].sort((a, b) => a - b);
  };
}

/** One place on the page and what each reading read there ([] for nothing). */
interface Place {
  /** Backbone words in it (a run on one line), or null where only other readings read something. */
  backbone: [number, number] | null;
  offers: OcrWord[][];
  /** Where it goes: at the backbone word of this index, a place the backbone missed before the backbone's own (by `order`). */
  at: number;
  order: number;
}

interface Missed {
  /** The reading and its word. */
  r: number;
  i: number;
  at: number;
}

/**
 * The readings combined, the first being the backbone (the one trusted most), or null when fewer
 * than two of them have words to combine or they are too large.
 */
export function combineReadings(readings: readonly OcrResult[], opts: CombineOptions = {}): Combined | null {
  const agreement = opts.agreement ?? AGREEMENT;
  const nothing = (opts.nothingConfidence ?? NOTHING_CONFIDENCE) / 100;
  const base = readings[0];
  if (!base?.layout || base.layout.width <= 0 || base.layout.height <= 0) return null;
  const { width, height } = base.layout;
  // Each reading's words on the backbone's page (the same upright page; a reading of another size is scaled to it).
  const usable = (r: OcrResult) => (r.words ?? []).filter((w) => w.text.trim() && w.box.every(Number.isFinite) && Number.isFinite(w.confidence));
  const backbone = usable(base);
  if (!backbone.length) return null;
  const all: OcrWord[][] = [backbone];
  let total = backbone.length;
  for (const r of readings.slice(1)) {
    if (!r.layout || r.layout.width <= 0 || r.layout.height <= 0) continue;
    const words = usable(r);
    if (!words.length) continue;
    const sx = width / r.layout.width;
    const sy = height / r.layout.height;
    all.push(sx === 1 && sy === 1 ? words : words.map((w) => ({ ...w, box: [w.box[0] * sx, w.box[1] * sy, w.box[2] * sx, w.box[3] * sy] })));
    total += words.length;
  }
  if (all.length < 2 || total > MAX_WORDS) return null;
  const n = all.length;
  const near = rowIndex(backbone);

  // 1. Each other reading's words matched to the run of backbone words they cover (on one line).
  const runs: Array<Array<[number, number] | null>> = [backbone.map((_, i) => [i, i])];
  const joined = new Uint8Array(backbone.length); // joined[i]: backbone words i and i + 1 are one place
  for (let r = 1; r < n; r++) {
    runs.push(all[r]!.map((w) => {
      const hits = near(w.box).filter((i) => overlap(w.box, backbone[i]!.box) >= MIN_OVERLAP);
      if (!hits.length) return null;
      const lo = hits[0]!;
      const hi = hits[hits.length - 1]!;
      if (hi - lo + 1 !== hits.length || backbone[lo]!.line !== backbone[hi]!.line) {
        const best = hits.reduce((a, b) => (overlap(w.box, backbone[b]!.box) > overlap(w.box, backbone[a]!.box) ? b : a));
        return [best, best];
      }
      for (let i = lo; i < hi; i++) joined[i] = 1;
      return [lo, hi];
    }));
  }

  // Places on the backbone: runs of backbone words joined by some reading's word.
  const placeOf = new Int32Array(backbone.length);
  const places: Place[] = [];
  for (let i = 0; i < backbone.length; i++) {
    if (i === 0 || !joined[i - 1]) places.push({ backbone: [i, i], offers: Array.from({ length: n }, () => []), at: i, order: Number.MAX_SAFE_INTEGER });
    places[places.length - 1]!.backbone![1] = i;
    placeOf[i] = places.length - 1;
  }
  // Words the backbone missed go before the place that follows the reading's last matched word;
  // matched among the other readings by their boxes, each group a place of its own.
  const missed: Missed[] = [];
  for (let r = 0; r < n; r++) {
    let at = 0;
    all[r]!.forEach((w, i) => {
      const run = runs[r]![i];
      if (!run) return void missed.push({ r, i, at });
      const place = places[placeOf[run[0]]!]!;
      place.offers[r]!.push(w);
      at = place.backbone![1] + 1;
    });
  }
  groupMissed(missed, all).forEach((group, order) => {
    const place: Place = { backbone: null, offers: Array.from({ length: n }, () => []), at: group[0]!.at, order };
    for (const m of group) place.offers[m.r]!.push(all[m.r]![m.i]!);
    places.push(place);
  });
  places.sort((a, b) => a.at - b.at || a.order - b.order);

  // 2. The vote, place by place; 3. the winners in order.
  const out: OcrWord[] = [];
  let disagreements = 0;
  for (const place of places) {
    const winner = opts.known ? splitGlued(vote(place.offers, agreement, nothing, opts.known, opts.lexicon), opts.known) : vote(place.offers, agreement, nothing);
    if (new Set(place.offers.map(textOf)).size > 1) disagreements++;
    for (const w of winner) {
      const prev = out[out.length - 1];
      if (place.backbone) {
        const b = backbone[place.backbone[0]]!;
        out.push({ ...w, line: b.line, paragraph: b.paragraph });
      } else {
        // A word the backbone missed joins the line before it, unless it lies below that line or back to its left (a line of its own).
        const own = !prev || (w.box[1] + w.box[3]) / 2 > prev.box[3] || w.box[2] <= prev.box[0];
        out.push({ ...w, line: own ? -1 - out.length : prev.line, paragraph: prev?.paragraph ?? backbone[0]!.paragraph });
      }
    }
  }
  const words = opts.known ? joinSplit(out, opts.known) : out;
  return { ...composeWords(words, width, height), words, readings: n, disagreements };
}

const textOf = (words: readonly OcrWord[]) => words.map((w) => w.text).join(' ');
const meanConfidence = (words: readonly OcrWord[]) => words.reduce((s, w) => s + w.confidence, 0) / words.length / 100;

/**
 * What an offer says, for the vote: its words without the punctuation at their ends ("anmodning,"
 * and "anmodning." say the same word; a speck read as a comma must not split the vote).
 */
function meaning(words: readonly OcrWord[]): string {
  return words.map(bare).join(' ');
}

const bare = (w: OcrWord) => w.text.normalize('NFC').replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '') || w.text;
/** A word worth looking up: two letters or more, letters only (a single letter is as likely a speck). */
const WORD = /^\p{L}{2,}$/u;

/**
 * Words that are words of the page's languages, for the vote: every word of an offer of two letters
 * or more must be known, and one at least must be there (single letters and marks neither help nor hurt).
 */
function isKnown(words: readonly OcrWord[], known: ReadonlySet<string>): boolean {
  let any = false;
  for (const w of words) {
    const b = bare(w);
    if (!WORD.test(b)) continue;
    if (!known.has(b)) return false;
    any = true;
  }
  return any;
}

/**
 * A mark between two words with no space, as a speck between them is read ("fra,den", "af'din"):
 * the marks prose never writes inside a word. The first group is anything before the word ("„").
 */
const GLUED = /^([^\p{L}\p{N}]*)(\p{L}{2,})([,.;:'’])(\p{L}{2,})([^\p{L}\p{N}]*)$/u;

/**
 * Every word the lexicon is asked about for `combineReadings`: the readings' words, and the two
 * halves of glued ones.
 */
export function lexiconCandidates(readings: readonly OcrResult[]): string[] {
  const out = new Set<string>();
  for (const r of readings) {
    const words = r.words ?? [];
    words.forEach((w, i) => {
      const b = bare(w);
      if (WORD.test(b)) out.add(b);
      const g = GLUED.exec(w.text.normalize('NFC'));
      if (g) for (const part of [g[2]!, g[4]!, g[2]! + g[4]!]) out.add(part);
      const joined = joinable(words[i - 1], w);
      if (joined) out.add(joined);
    });
  }
  return [...out];
}

/** Two words of one line that could be one word broken in two: letters up to where they meet; the word they would make. */
function joinable(a: OcrWord | undefined, b: OcrWord): string | null {
  if (!a || a.line !== b.line) return null;
  const left = /(\p{L}+)$/u.exec(a.text.normalize('NFC'));
  const right = /^(\p{L}+)/u.exec(b.text.normalize('NFC'));
  return left && right ? left[1]! + right[1]! : null;
}

/**
 * Neighbours on a line joined into the word they make when it is a known word and one of them is
 * not ("of" + "fentlighedslovens"), and their boxes touch: no more than a quarter of the page's
 * usual gap between words apart ("i sagen", both words, stays; so does "Mud venlig", no word).
 */
export function joinSplit(words: OcrWord[], known: ReadonlySet<string>): OcrWord[] {
  const gaps = words.flatMap((w, i) => (i > 0 && words[i - 1]!.line === w.line ? [w.box[0] - words[i - 1]!.box[2]] : [])).sort((x, y) => x - y);
  if (!gaps.length) return words;
  const touching = Math.max(1, 0.25 * gaps[Math.floor(gaps.length / 2)]!);
  const out: OcrWord[] = [];
  for (const w of words) {
    const prev = out[out.length - 1];
    const joined = prev ? joinable(prev, w) : null;
    if (prev && joined && w.box[0] - prev.box[2] <= touching && known.has(joined) && !(known.has(bare(prev)) && known.has(bare(w)))) {
      out[out.length - 1] = {
        ...prev,
        text: prev.text + w.text,
        confidence: Math.min(prev.confidence, w.confidence),
        box: [Math.min(prev.box[0], w.box[0]), Math.min(prev.box[1], w.box[1]), Math.max(prev.box[2], w.box[2]), Math.max(prev.box[3], w.box[3])],
      };
    } else out.push(w);
  }
  return out;
}

/**
 * The winning words with a glued pair parted: when both halves are known words and the whole is
 * not. "bl.a." (no word "bl") and "f.eks." (one letter) stay; after an apostrophe the second half
 * must have three letters or more, since Danish writes endings after one ("pc'en", "cd'er") and
 * English contracts ("they're"). Each half gets its share of the box by its letters.
 */
export function splitGlued(words: OcrWord[], known: ReadonlySet<string>): OcrWord[] {
  return words.flatMap((w) => {
    const g = GLUED.exec(w.text.normalize('NFC'));
    if (!g) return [w];
    const [, lead, left, mark, right, tail] = g as unknown as [string, string, string, string, string, string];
    if (known.has(left + right) || !known.has(left) || !known.has(right) || (/['’]/.test(mark) && right.length < 3)) return [w];
    const [x0, y0, x1, y1] = w.box;
    const first = lead + left + mark;
    const cut = x0 + ((x1 - x0) * first.length) / (first.length + right.length + tail.length);
    return [
      { ...w, text: first, box: [x0, y0, cut, y1] },
      { ...w, text: right + tail, box: [cut, y0, x1, y1] },
    ];
  });
}

/** The winning offer of one place (see the top of the file); [] when "nothing" wins. */
export function vote(offers: readonly OcrWord[][], agreement = AGREEMENT, nothing = NOTHING_CONFIDENCE / 100, known?: ReadonlySet<string>, lexicon = LEXICON): OcrWord[] {
  const n = offers.length;
  type Tally = { count: number; confidence: number; first: number; word: boolean; forms: Map<string, { count: number; confidence: number; words: OcrWord[] }> };
  const tally = new Map<string, Tally>();
  offers.forEach((words, r) => {
    const key = words.length ? meaning(words) : '';
    const confidence = words.length ? meanConfidence(words) : nothing;
    let t = tally.get(key);
    if (!t) tally.set(key, (t = { count: 0, confidence, first: r, word: !!known && words.length > 0 && isKnown(words, known), forms: new Map() }));
    t.count++;
    t.confidence = Math.max(t.confidence, confidence);
    const form = textOf(words);
    const f = t.forms.get(form);
    if (!f) t.forms.set(form, { count: 1, confidence, words });
    else {
      f.count++;
      if (confidence > f.confidence) [f.confidence, f.words] = [confidence, words];
    }
  });
  let best: { score: number; t: Tally } | null = null;
  for (const t of tally.values()) {
    const score = (agreement * t.count) / n + (1 - agreement) * t.confidence + (t.word ? lexicon : 0);
    // Ties go to the reading trusted most (the backbone first); 1e-9 keeps rounding out of it.
    if (!best || score > best.score + 1e-9 || (Math.abs(score - best.score) <= 1e-9 && t.first < best.t.first)) best = { score, t };
  }
  if (!best) return [];
  // The winning word as most readings wrote it (its punctuation), the surest of them on a tie.
  let form: { count: number; confidence: number; words: OcrWord[] } | null = null;
  for (const f of best.t.forms.values()) if (!form || f.count > form.count || (f.count === form.count && f.confidence > form.confidence)) form = f;
  return form!.words;
}

/** The backbone's missed words grouped: words of different readings on the same spot are one place, at most one word of each reading. */
function groupMissed(missed: readonly Missed[], all: readonly OcrWord[][]): Missed[][] {
  const parent = missed.map((_, k) => k);
  const readingsIn = missed.map((m) => new Set([m.r]));
  const find = (k: number): number => {
    while (parent[k] !== k) k = parent[k] = parent[parent[k]!]!;
    return k;
  };
  const words = missed.map((m) => all[m.r]![m.i]!);
  const near = rowIndex(words);
  missed.forEach((m, k) => {
    for (const j of near(words[k]!.box)) {
      if (j <= k || missed[j]!.r === m.r || overlap(words[k]!.box, words[j]!.box) < MIN_OVERLAP) continue;
      const a = find(k);
      const b = find(j);
      if (a === b || [...readingsIn[b]!].some((r) => readingsIn[a]!.has(r))) continue;
      const [root, child] = a < b ? [a, b] : [b, a];
      parent[child] = root;
      for (const r of readingsIn[child]!) readingsIn[root]!.add(r);
    }
  });
  const groups = new Map<number, Missed[]>();
  missed.forEach((m, k) => {
    const root = find(k);
    let g = groups.get(root);
    if (!g) groups.set(root, (g = []));
    g.push(m);
  });
  return [...groups.values()];
}
