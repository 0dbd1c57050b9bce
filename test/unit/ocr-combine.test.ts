import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { AGREEMENT, combineReadings, joinSplit, LEXICON, lexiconCandidates, NOTHING_CONFIDENCE, overlap, splitGlued, vote } from '../../server/ingest/ocr/combine';
import type { OcrResult, OcrWord } from '../../server/ingest/ocr/ocr-pool';
import { createPrep, type Prep } from '../../server/ingest/ocr/ocr-prep';
import { readPage } from '../../server/ingest/ocr/page-reader';
import { composeWords, parseTsvLayout } from '../../server/ingest/ocr/tsv';

/**
 * Readings of one page combined word by word (server/ingest/ocr/combine.ts): words lined up by
 * their boxes on the page, whatever order or splitting each reading used, and a vote in each
 * place by agreement and confidence.
 */

/** A reading of a page of 1000 × 1000 pixels: lines of [word, confidence], each word 100 wide with 20 between, lines 40 apart. */
function reading(lines: Array<Array<[string, number]>>, opts: { dx?: number; paragraphs?: number[] } = {}): OcrResult {
  const words: OcrWord[] = [];
  lines.forEach((line, l) => {
    let x = 50 + (opts.dx ?? 0);
    for (const [text, confidence] of line) {
      // A word's width follows its length, so "om" + "fartsvej" covers what "omfartsvej" covers.
      const w = 10 * text.length;
      words.push({ text, confidence, box: [x, 100 + 40 * l, x + w, 120 + 40 * l], line: l, paragraph: opts.paragraphs?.[l] ?? 0 });
      x += w + 10;
    }
  });
  return composeWords(words, 1000, 1000);
}
const w = (text: string, confidence: number): OcrWord => ({ text, confidence, box: [0, 0, 10, 10], line: 0, paragraph: 0 });
const texts = (ws: OcrWord[]) => ws.map((x) => x.text).join(' ');

describe('OCR combination — the vote', () => {
  test('vote — two readings of three agree, the third is surer of another word — the two win', () => {
    expect(texts(vote([[w('clleve', 90)], [w('elleve', 60)], [w('elleve', 62)]]))).toBe('elleve');
  });

  test('vote — two readings disagree — the surer one wins; equally sure, the backbone (the first) wins', () => {
    expect(texts(vote([[w('clleve', 60)], [w('elleve', 80)]]))).toBe('elleve');
    expect(texts(vote([[w('clleve', 70)], [w('elleve', 70)]]))).toBe('clleve');
    expect(texts(vote([[w('elleve', 70)], [w('clleve', 70)]]))).toBe('elleve');
  });

  test('vote — a word only one reading of three saw — goes, however sure; a word two of three saw stays when they are sure enough', () => {
    expect(vote([[], [w('fire', 100)], []])).toEqual([]);
    expect(texts(vote([[w('fire', 20)], [w('fire', 30)], []]))).toBe('fire');
    // Two of four against two: the surer side wins, "nothing" being NOTHING_CONFIDENCE sure.
    expect(texts(vote([[w('fire', NOTHING_CONFIDENCE + 5)], [w('fire', 1)], [], []]))).toBe('fire');
    expect(vote([[w('fire', NOTHING_CONFIDENCE - 5)], [w('fire', 1)], [], []])).toEqual([]);
    expect(AGREEMENT).toBeGreaterThan(0.5);
  });

  test('vote — a word split in two by one reading — the split is one offer, voted on as a whole', () => {
    expect(texts(vote([[w('omfartsvej', 70)], [w('om', 60), w('fartsvej', 60)], [w('omfartsvej', 50)]]))).toBe('omfartsvej');
    expect(texts(vote([[w('omfartsvej', 40)], [w('om', 90), w('fartsvej', 90)]]))).toBe('om fartsvej');
  });

  test('vote — nothing offered, one offer, or the same word everywhere — no surprise', () => {
    expect(vote([])).toEqual([]);
    expect(vote([[], []])).toEqual([]);
    expect(texts(vote([[w('ni', 10)]]))).toBe('ni');
    expect(texts(vote([[w('ni', 10)], [w('ni', 5)], [w('ni', 1)]]))).toBe('ni');
  });

  test('overlap — boxes apart, inside one another, touching, and of no width — 0, 1, 0, 1', () => {
    expect(overlap([0, 0, 10, 10], [20, 0, 30, 10])).toBe(0);
    expect(overlap([0, 0, 100, 20], [10, 5, 30, 15])).toBe(1);
    expect(overlap([0, 0, 10, 10], [10, 0, 20, 10])).toBe(0);
    expect(overlap([5, 0, 5, 10], [0, 0, 10, 10])).toBe(1);
    expect(overlap([0, 0, 10, 10], [5, 0, 15, 10])).toBeCloseTo(0.5);
  });
});

describe('OCR combination — words of the language preferred', () => {
  const known = new Set(['er', 'fra', 'den', 'af', 'din', 'of', 'offentlighedslovens', 'pc', 'en', 'eks', 'i']);

  test('vote — a known word against a misread one — wins by one reading\'s vote (3 to 2), not by three (4 to 1)', () => {
    const offers = (wrong: number, right: number) => [...Array.from({ length: wrong }, () => [w('cr', 70)]), ...Array.from({ length: right }, () => [w('er', 70)])];
    expect(texts(vote(offers(3, 2), AGREEMENT, NOTHING_CONFIDENCE / 100, known))).toBe('er');
    expect(texts(vote(offers(3, 2)))).toBe('cr'); // without the lexicon, the votes alone
    expect(texts(vote(offers(4, 1), AGREEMENT, NOTHING_CONFIDENCE / 100, known))).toBe('cr');
    // One vote among five is 0.14 of the score; the lexicon's weight lies between one and two.
    expect(LEXICON).toBeGreaterThan(AGREEMENT / 5);
    expect(LEXICON).toBeLessThan((2 * AGREEMENT) / 5);
  });

  test('vote — a single letter is no evidence (a speck reads as "i"); a split into a word and a non-word is not a word', () => {
    expect(vote([[], [], [w('i', 90)]], AGREEMENT, NOTHING_CONFIDENCE / 100, known)).toEqual([]);
    const split = () => [w('of', 80), w('fentlighedslovens', 80)];
    expect(texts(vote([split(), split(), split(), [w('offentlighedslovens', 80)], [w('offentlighedslovens', 80)]], AGREEMENT, NOTHING_CONFIDENCE / 100, known))).toBe('offentlighedslovens');
    // Marks at a word's ends do not hide it: "er," is the known "er".
    expect(texts(vote([[w('cr', 70)], [w('cr', 70)], [w('cr', 70)], [w('er,', 70)], [w('er,', 70)]], AGREEMENT, NOTHING_CONFIDENCE / 100, known))).toBe('er,');
  });

  test('splitGlued — a speck read as a mark between two words — parted, each half its share of the box; abbreviations, endings after an apostrophe and known wholes stay', () => {
    const glued = (text: string) => ({ ...w(text, 60), box: [100, 10, 170, 30] as OcrWord['box'] });
    const parts = splitGlued([glued('fra,den')], known);
    expect(parts.map((p) => p.text)).toEqual(['fra,', 'den']);
    expect(parts[0]!.box).toEqual([100, 10, 140, 30]);
    expect(parts[1]!.box).toEqual([140, 10, 170, 30]);
    expect(splitGlued([glued("af'din")], known).map((p) => p.text)).toEqual(["af'", 'din']);
    expect(splitGlued([glued('„fra.den.')], known).map((p) => p.text)).toEqual(['„fra.', 'den.']);
    for (const stays of ["pc'en", 'f.eks', 'bl.a.', 'fra-den', 'fra,dem', '3,5', 'www.kilde.dk']) expect(splitGlued([glued(stays)], known).map((p) => p.text)).toEqual([stays]);
    expect(splitGlued([glued('fra,den')], new Set([...known, 'fraden'])).map((p) => p.text)).toEqual(['fra,den']);
  });

  test('joinSplit — a word broken where its boxes touch — joined when the whole is a word and a half is not; neighbours a gap apart, two words, or no word stay', () => {
    // One line, words 10 apart as usual; "of" and "fentlighedslovens" touch.
    const line = (pieces: Array<[string, number, number]>) => pieces.map(([text, x0, x1]): OcrWord => ({ text, confidence: 80, box: [x0, 0, x1, 20], line: 0, paragraph: 0 }));
    const words = line([['efter', 0, 50], ['of', 60, 80], ['fentlighedslovens', 80, 250], ['regler,', 260, 330], ['i', 340, 350], ['sagen', 350, 400], ['Mud', 410, 440], ['venlig', 440, 500]]);
    const joined = joinSplit(words, new Set([...known, 'efter', 'regler', 'sagen', 'venlig', 'isagen']));
    expect(joined.map((x) => x.text)).toEqual(['efter', 'offentlighedslovens', 'regler,', 'i', 'sagen', 'Mud', 'venlig']);
    expect(joined[1]!.box).toEqual([60, 0, 250, 20]);
    // The same two a usual gap apart: two words, as read.
    const apart = line([['efter', 0, 50], ['of', 60, 80], ['fentlighedslovens', 90, 260], ['regler', 270, 330]]);
    expect(joinSplit(apart, known).map((x) => x.text)).toEqual(['efter', 'of', 'fentlighedslovens', 'regler']);
    // On two lines: not neighbours.
    const twoLines = words.slice(1, 3).map((x, i) => ({ ...x, line: i }));
    expect(joinSplit(twoLines, known).map((x) => x.text)).toEqual(['of', 'fentlighedslovens']);
  });

  test('combine with a lexicon — the misread most readings share is mended, a glued pair parted; without one, as before', () => {
    const readings = [
      reading([[['Vi', 90], ['cr', 80], ['fra,den', 70], ['kommune', 90]]]),
      reading([[['Vi', 90], ['cr', 75], ['fra,den', 70], ['kommune', 90]]]),
      reading([[['Vi', 90], ['cr', 75], ['fra,den', 70], ['kommune', 90]]]),
      reading([[['Vi', 90], ['er', 70], ['fra,den', 70], ['kommune', 90]]]),
      reading([[['Vi', 90], ['er', 70], ['fra,den', 70], ['kommune', 90]]]),
    ];
    // Each word, the halves of a glued one, and what neighbours would make joined.
    expect(lexiconCandidates(readings).sort()).toEqual(['Vi', 'cr', 'den', 'er', 'fra', 'fraden', 'kommune', 'Vicr', 'Vier', 'crfra', 'erfra', 'denkommune'].sort());
    expect(combineReadings(readings)!.text.trim()).toBe('Vi cr fra,den kommune');
    const c = combineReadings(readings, { known: new Set([...known, 'Vi', 'kommune']) })!;
    expect(c.text.trim()).toBe('Vi er fra, den kommune');
    expect(c.words.map((x) => x.text)).toEqual(['Vi', 'er', 'fra,', 'den', 'kommune']);
  });
});

describe('OCR combination — readings of a page', () => {
  const truth: Array<Array<[string, number]>> = [
    [['Kommunen', 90], ['har', 92], ['modtaget', 88], ['din', 91]],
    [['anmodning', 85], ['om', 93], ['aktindsigt', 80]],
  ];

  test('combine — each reading lost a different word — the page comes out whole, in order, line by line', () => {
    const a = reading([[['Kommunen', 90], ['har', 92], ['rnodtaget', 55], ['din', 91]], [['anmodning', 85], ['om', 93], ['aktindsigt', 80]]]);
    const b = reading([[['Kommunen', 88], ['har', 90], ['modtaget', 80], ['din', 90]], [['anmodniug', 50], ['om', 90], ['aktindsigt', 82]]]);
    const c = reading([[['Kommunen', 85], ['bar', 60], ['modtaget', 75], ['din', 88]], [['anmodning', 70], ['om', 91], ['aktiudsigt', 45]]]);
    const r = combineReadings([a, b, c])!;
    expect(r.text).toBe('Kommunen har modtaget din\nanmodning om aktindsigt\n');
    expect(r.readings).toBe(3);
    expect(r.disagreements).toBe(4);
    // Its confidence: the mean of the confidences the words won with.
    const won = [90, 92, 80, 91, 85, 93, 82];
    expect(r.confidence).toBeCloseTo(won.reduce((s, x) => s + x, 0) / won.length, 5);
  });

  test('combine — the boxes of the combined text — one per character on each line, where its word is', () => {
    const a = reading([[['Kommunen', 90], ['bar', 50]]]);
    const b = reading([[['Kommunen', 90], ['har', 80]]]);
    const r = combineReadings([a, b])!;
    expect(r.text).toBe('Kommunen har\n');
    const [line] = r.layout!.lines;
    expect(line!.start).toBe(0);
    expect(line!.boxes.length / 4).toBe('Kommunen har'.length);
    // The last character, "r": the last third of b's box of "har".
    const [x0, y0, x1, y1] = b.words![1]!.box;
    expect(line!.boxes.slice(-4)).toEqual([x0 + ((x1 - x0) * 2) / 3, y0, x1, y1]);
    expect(r.layout!.width).toBe(1000);
  });

  test('combine — a reading that read the blocks in another order — lines up by the boxes, no word twice', () => {
    const a = reading(truth, { paragraphs: [0, 1] });
    const swapped = reading(truth, { paragraphs: [1, 0] });
    swapped.words = [...swapped.words!.filter((x) => x.line === 1), ...swapped.words!.filter((x) => x.line === 0)];
    const c = reading(truth.map((l) => l.map(([t, conf]) => [t === 'har' ? 'bar' : t, conf - 10] as [string, number])));
    const r = combineReadings([a, swapped, c])!;
    expect(r.text).toBe('Kommunen har modtaget din\n\nanmodning om aktindsigt\n');
  });

  test('combine — a word split in two, and words the backbone missed — kept on their line, in their place', () => {
    const a = reading([[['Kommunen', 90], ['har', 92], ['din', 91]]]);
    // The backbone's "din" sits where the others' "modtaget din" ends: the others are boxed apart to show it.
    a.words = [a.words![0]!, a.words![1]!, { ...a.words![2]!, box: [260, 100, 290, 120] }];
    const b = reading([[['Kommunen', 88], ['har', 90], ['modtaget', 85], ['din', 90]]]);
    const c = reading([[['Kommunen', 85], ['har', 60], ['mod', 40], ['taget', 40], ['din', 88]]]);
    const r = combineReadings([a, b, c])!;
    expect(r.text).toBe('Kommunen har modtaget din\n');
  });

  test('combine — fewer than two readings with words — null: nothing to combine', () => {
    const a = reading(truth);
    expect(combineReadings([])).toBeNull();
    expect(combineReadings([a])).toBeNull();
    expect(combineReadings([a, { text: '', confidence: 0 }])).toBeNull();
    expect(combineReadings([a, reading([])])).toBeNull();
    expect(combineReadings([{ text: 'no boxes', confidence: 90 }, a])).toBeNull();
    expect(combineReadings([reading([]), a])).toBeNull();
  });

  test('combine — an empty reading among three — counts as "nothing here" and the page survives it', () => {
    const a = reading(truth);
    const empty: OcrResult = { ...reading([]), layout: { width: 1000, height: 1000, lines: [] }, words: [] };
    const r = combineReadings([a, empty, reading(truth)])!;
    expect(r.readings).toBe(2); // a reading with no words is left out
    expect(r.text).toBe('Kommunen har modtaget din\nanmodning om aktindsigt\n');
  });

  test('combine — readings of very different length — the long one is not cut to the short one', () => {
    const long = reading(Array.from({ length: 20 }, (_, l) => Array.from({ length: 8 }, (_, k) => [`ord${l}x${k}`, 80] as [string, number])));
    const short = reading([[['ord0x0', 90], ['ord0x1', 90]]]);
    const r = combineReadings([long, short])!;
    expect(r.text.split(/\s+/).filter(Boolean)).toHaveLength(160);
    const r2 = combineReadings([short, long])!;
    // The short reading as backbone: the long one's words are words it missed, and with two readings they stay when sure enough.
    expect(r2.text.split(/\s+/).filter(Boolean).length).toBeGreaterThanOrEqual(2);
  });

  test('combine — hostile readings: a box over the whole page, boxes off the page, no confidence, thousands of words — no throw, sane', () => {
    const a = reading(truth);
    const hostile = reading(truth);
    hostile.words = [
      { text: '|||', confidence: 99, box: [0, 0, 1000, 1000], line: 0, paragraph: 0 },
      { text: 'ude', confidence: 70, box: [-5000, -5000, -4000, -4990], line: 1, paragraph: 0 },
      { text: 'nan', confidence: Number.NaN, box: [0, 0, 10, 10], line: 1, paragraph: 0 },
      { text: 'inf', confidence: 50, box: [0, 0, Number.POSITIVE_INFINITY, 10], line: 1, paragraph: 0 },
      { text: '   ', confidence: 50, box: [0, 0, 10, 10], line: 1, paragraph: 0 },
    ];
    const r = combineReadings([a, hostile, reading(truth)])!;
    expect(r.text).toContain('Kommunen har modtaget din');
    expect(r.text).toContain('anmodning om aktindsigt');
    expect(r.text).not.toMatch(/nan|inf/);
    // The same with the language's words (the hostile ones among them), and glued or broken words in odd places.
    const glued = reading(truth);
    glued.words = [...(glued.words ?? []), { text: "„ude,inf'", confidence: 60, box: [0, 0, 0, 0], line: 0, paragraph: 0 }, { text: 'a'.repeat(5000) + ',b', confidence: 60, box: [990, 990, 1e9, 1e9], line: 0, paragraph: 0 }];
    const withWords = combineReadings([a, hostile, glued], { known: new Set(['ude', 'inf', 'nan', 'Kommunen', 'har', 'modtaget', 'din']) })!;
    expect(withWords.text).toMatch(/Kommunen\s[\s\S]*har modtaget din/); // two readings saw a word off the page: it may stand on a line of its own
    expect(withWords.text).toContain('anmodning om aktindsigt');
    expect(withWords.words.every((w) => w.box.every(Number.isFinite))).toBe(true);
    expect(lexiconCandidates([a, hostile, glued]).every((w) => typeof w === 'string' && w.length > 0)).toBe(true);

    const many = (n: number) => reading(Array.from({ length: n / 50 }, (_, l) => Array.from({ length: 50 }, (_, k) => [`w${k}`, 70] as [string, number])));
    // How fast is the OCR benchmarks' matter, not a test's: a wall-clock bound here failed on a loaded machine.
    const big = combineReadings([many(5000), many(5000), many(4000)]);
    expect(big).not.toBeNull();
    // Beyond any page: not combined.
    expect(combineReadings([many(30_000), many(30_000), many(30_000)])).toBeNull();
  });

  test('combine — a reading of the page at another size — scaled onto the backbone\'s page before lining up', () => {
    const a = reading(truth);
    const half = composeWords(reading(truth.map((l) => l.map(([t, c]) => [t === 'om' ? 'orn' : t, c + 5] as [string, number]))).words!.map((x) => ({ ...x, box: x.box.map((v) => v / 2) as OcrWord['box'] })), 500, 500);
    const b = reading(truth.map((l) => l.map(([t, c]) => [t === 'din' ? 'dim' : t, c] as [string, number])));
    const r = combineReadings([a, half, b])!;
    expect(r.text).toBe('Kommunen har modtaget din\nanmodning om aktindsigt\n');
    expect(r.words.every((x) => x.box[2] <= 1000)).toBe(true);
  });
});

describe('OCR combination — words from tesseract', () => {
  test('parseTsvLayout — words with their confidence, box, line and paragraph — and composeWords gives back the same text and boxes', () => {
    const tsv = [
      'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
      '1\t1\t0\t0\t0\t0\t0\t0\t1000\t800\t-1\t',
      '5\t1\t1\t1\t1\t1\t100\t50\t40\t20\t90\tKære',
      '5\t1\t1\t1\t1\t2\t150\t50\t50\t20\t80\tSøren',
      '5\t1\t1\t1\t2\t1\t100\t80\t50\t20\t-1\t',
      '5\t1\t1\t1\t2\t1\t100\t80\t50\t20\tx\tbad',
      '5\t1\t1\t1\t2\t2\t100\t80\t50\t20\t75\taktindsigt',
      '5\t1\t2\t1\t1\t1\t100\t200\t60\t20\t70\tHilsen',
    ].join('\n');
    const r = parseTsvLayout(tsv);
    expect(r.text).toBe('Kære Søren\naktindsigt\n\nHilsen\n');
    expect(r.confidence).toBeCloseTo(78.75, 5);
    expect(r.words!.map((x) => [x.text, x.confidence, x.line, x.paragraph])).toEqual([['Kære', 90, 0, 0], ['Søren', 80, 0, 0], ['aktindsigt', 75, 1, 0], ['Hilsen', 70, 2, 1]]);
    expect(r.words![1]!.box).toEqual([150, 50, 200, 70]);
    const again = composeWords(r.words!, 1000, 800);
    expect(again.text).toBe(r.text);
    expect(again.layout).toEqual(r.layout);
  });
});

describe('OCR combination — in the ladder of readings', () => {
  const HARD = path.join(__dirname, '..', 'fixtures', 'ocr-hard');
  const truthWords = ['Kommunen', 'har', 'modtaget', 'din', 'anmodning', 'om', 'aktindsigt'];
  let prep: Prep;
  beforeAll(() => {
    prep = createPrep();
  });
  afterAll(() => prep.close());

  /** An engine that reads the same `lines` lines wherever the image puts them, losing the call's own word (one per call), at `confidence`. */
  function engine(confidence: (call: number) => number, lines = 1) {
    const calls: number[] = [];
    return {
      calls,
      async read(image: Buffer): Promise<OcrResult> {
        const call = calls.length;
        calls.push(call);
        const pgm = /^P5\s+(\d+)\s+(\d+)\s/.exec(image.subarray(0, 30).toString('latin1'));
        const meta = pgm ? { width: Number(pgm[1]), height: Number(pgm[2]) } : await sharp(image).metadata();
        const [W, H] = [meta.width!, meta.height!];
        const words: OcrWord[] = Array.from({ length: lines }, (_, l) => truthWords.map((text, k): OcrWord => ({
          text: k === call % truthWords.length ? `${text.slice(0, -1)}c` : text,
          confidence: confidence(call),
          box: [W * (0.1 + 0.11 * k), H * (0.1 + 0.03 * l), W * (0.2 + 0.11 * k), H * (0.12 + 0.03 * l)],
          line: l,
          paragraph: 0,
        }))).flat();
        return composeWords(words, W, H);
      },
    };
  }

  /** Like `engine`, read at confidence 75 on call 2 and 60 after (5 on the other way up), each call misreading the word `misread(call)` says (-1: none). */
  function engineMisreading(misread: (call: number) => number) {
    const inner = engine((call) => (call === 1 ? 5 : call === 2 ? 75 : 60));
    const calls = inner.calls;
    return {
      calls,
      async read(image: Buffer): Promise<OcrResult> {
        const r = await inner.read(image);
        const k = misread(calls.length - 1);
        const words = r.words!.map((x, i) => (i === k ? { ...x, text: 'modtagct' } : i % truthWords.length === (calls.length - 1) % truthWords.length ? { ...x, text: truthWords[i % truthWords.length]! } : x));
        return composeWords(words, r.layout!.width, r.layout!.height);
      },
    };
  }

  test('readPage — a page no reading reads well — its readings combined: every word right, the steps of all and how many were combined', async () => {
    // Call 1: the page the other way up, hopeless. Call 2, upscaled, reads best, but not well: a
    // hard page of our languages (from 70), so the harder preparations are tried after it.
    const e = engine((call) => (call === 1 ? 5 : call === 2 ? 75 : 60));
    const r = await readPage(fs.readFileSync(path.join(HARD, 'clean.png')), e, prep);
    expect(e.calls).toHaveLength(6); // light, other way up, upscaled, flattened, binarised, smoothed
    expect(r.text.trim()).toBe(truthWords.join(' '));
    expect(r.rotation).toBe(0);
    expect(r.steps!.at(-1)).toBe('combine:5');
    expect(r.steps).toEqual(expect.arrayContaining(['flatten', 'despeckle', 'smooth', 'binarise']));
    expect(r.steps).not.toContain('turn:180');
    // Boxes on the upright page, where the words are on it.
    expect(r.layout!.width).toBe(900);
    expect(Math.abs(r.words![0]!.box[0] - 90)).toBeLessThan(3);
    expect(Math.abs(r.words![0]!.box[1] - 112.5)).toBeLessThan(3);
  }, 60_000);

  test('readPage — with the languages\' words — loaded while the third reading is read, then asked once about the readings\' words; a word most readings misread is mended; a lexicon that fails leaves the vote alone', async () => {
    // "modtaget" misread in three of the five readings combined (calls 2, 3, 4: upscaled, flattened, binarised; call 1 reads a band turned round).
    const misread = (call: number) => (call >= 2 && call <= 4 ? 2 : -1);
    const asked: string[][] = [];
    const readsBefore: number[] = [];
    const e = { ...engineMisreading(misread), known: async (words: readonly string[]) => {
      asked.push([...words]);
      readsBefore.push(e.calls.length);
      return new Set(words.filter((x) => x === 'modtaget' || truthWords.includes(x)));
    } };
    const r = await readPage(fs.readFileSync(path.join(HARD, 'clean.png')), e, prep);
    expect(r.steps!.at(-1)).toBe('combine:5');
    expect(r.text.trim()).toBe(truthWords.join(' '));
    expect(asked).toHaveLength(2);
    // The warm-up, as the page's third reading begins: after the light one, a band turned round (not a reading of the page) and the upscaled one.
    expect(asked[0]).toEqual([]);
    expect(readsBefore[0]).toBe(3);
    expect(asked[1]).toEqual(expect.arrayContaining(['modtagct', 'modtaget', 'Kommunen']));

    const failing = { ...engineMisreading(misread), known: async () => {
      throw new Error('the OCR dictionary thread stopped');
    } };
    const alone = await readPage(fs.readFileSync(path.join(HARD, 'clean.png')), failing, prep);
    expect(alone.steps!.at(-1)).toBe('combine:5');
    expect(alone.text.trim()).toBe(truthWords.map((x, k) => (k === 2 ? 'modtagct' : x)).join(' '));
  }, 60_000);

  test('readPage — a clean page read well at once — one reading, nothing combined', async () => {
    const e = engine(() => 95, 25); // as many lines as the page shows: a complete reading
    const r = await readPage(fs.readFileSync(path.join(HARD, 'clean.png')), e, prep);
    expect(e.calls).toHaveLength(1);
    expect(r.steps).toEqual([]);
    expect(r.text.split('\n')[0]).toBe(['Kommunec', ...truthWords.slice(1)].join(' '));
  }, 60_000);
});
