/**
 * Reading one page image the way a careful person would feed it to OCR: look at it first, read it,
 * and when the reading is poor, prepare the image harder and read again, keeping the best reading.
 *
 *   1. decode to grey — a TIFF fax with fewer rows than columns an inch (204 × 98 dpi) stretched to
 *      square pixels ("square") — and measure it (ocr-prep.ts): skew, whether its lines run up and
 *      down, line pitch, how many lines of text it has, how uneven its light is, how grainy its paper;
 *   2. read it upright as far as the measurement tells (the way its lines run, and which way up
 *      their ink says), straightened when turned ≥ 2.5° (below
 *      that tesseract copes, and turning costs more than it gains), text too small for OCR
 *      upscaled, the light of a shadowed or photographed page flattened;
 *   3. mean confidence below GOOD_CONFIDENCE, or far fewer lines read than the page shows (a
 *      confident reading of half a page is not done), and below ORIENTATION_DOUBT (a page read the
 *      wrong way up reads far worse than a hard upright one): ask which way up it is (tesseract's OSD on the native
 *      path; where there is none, or it cannot tell, a quarter of the page is read turned round and
 *      compared with the same band as first read) and read it so;
 *   4. still not done, one after the other: straightened (from 0.2°) and upscaled to ~300 dpi-sized
 *      text; then the paper's light flattened; then despeckled and binarised (Otsu) — unless the
 *      upscaled reading still reads below NOT_OUR_TEXT (another script, a chart, handwriting: no
 *      preparation makes those readable). On grainy paper (a coarse JPEG: ringing and specks
 *      around every letter) a reading smoothed (a Gaussian blur) and binarised comes right after
 *      the upscaled one; on other pages it comes last (alone it never beat the others there, but it
 *      loses other words than they do: see 5).
 * The reading with the best confidence wins (one that lost most of the words does not), and says
 * which steps made its image (`steps`), which way it was turned (`rotation`), and where its words
 * are on the upright page (`layout`, `words`). A clean page costs one reading plus ~0.1 s of
 * preparation, and when nothing needed changing the engine gets the bytes as they came.
 *   5. a page that took three readings or more (no preparation made it easy) is not left to one
 *      of them: its readings (the way up kept, by the same engine) are combined word by word,
 *      the best one as the backbone (combine.ts), a word of the OCR languages (lexicon.ts:
 *      Danish and English dictionaries) preferred where they disagree; no further OCR, and the steps list those of
 *      every reading combined, then `combine:<readings>`. On the hard fax pages each preparation
 *      loses different letters, and on a grainy JPEG the smoothed reading's words win where it
 *      is right although its mean confidence stayed just under GOOD_CONFIDENCE.
 *
 * Page segmentation is automatic (`--psm 3`, set for tesseract.js too, whose default is one
 * block): tesseract finds the columns and reads each top to bottom, so a two-column page's text
 * comes out column by column.
 */
import { band, binarise, decodeGrey, deskew, despeckle, smooth, toPgm, turn, upscale, type Grey, type Prep } from './ocr-prep';
import { combineReadings, lexiconCandidates } from './combine';
import type { PageMeasure } from './measure';
import type { OcrLayout, OcrResult, OcrWord } from './ocr-pool';

/** Mean word confidence at or above which a reading is kept without trying anything else. */
export const GOOD_CONFIDENCE = 85;
/** Lines closer than this many pixels apart are too small for OCR: upscaled at once. */
const SMALL_PITCH = 24;
/** The line pitch upscaling aims at (≈ 10–11 pt text at 300 dpi). */
const TARGET_PITCH = 48;
const MIN_SKEW = 0.2;
/** An upscaled page stays below this many pixels (memory, and OCR time). */
const MAX_PIXELS = 36_000_000;
/**
 * Tesseract finds lines turned by up to ~2° itself, and turning a 150-dpi JPEG costs it more
 * (interpolation blurs the strokes) than the skew does: measured on the hard pages, a 2° JPEG read
 * 95 % as it was and 89 % straightened, a 3.2° page 28 % as it was and 100 % straightened. So the
 * first reading straightens only from this angle on; later ones always do.
 */
const FIRST_SKEW = 2.5;
/** Paper whose light varies more than this (0–255, a shadow, a photo) is flattened from the first reading on. */
const UNEVEN_LIGHT = 55;
/**
 * Paper grainier than this (PageMeasure.grain: ≤ 1.1 on the other hard pages, even the phone
 * photo; 2.3 on their quality-35 JPEG) gets the smoothed reading, before the flattened one.
 */
const GRAINY = 1.5;
/**
 * Below this mean confidence a first reading may be of a page the wrong way up, and which way up
 * is asked (OSD, or a band read turned round). Read the wrong way up, the pages measured read
 * 40–48 (a half turn, a quarter turn the wrong way); upright but poor ones 56–85 (a Greek page, the
 * fax pages, a screenshot). Asking costs as much as a reading (OSD: 0.8–1.6 s on a 300-dpi page).
 */
const ORIENTATION_DOUBT = 70;
/**
 * Below this mean confidence after the upright page was read upscaled and straightened too, the
 * page is not a hard scan of the configured languages but another script, a chart or handwriting:
 * the harder preparations gave such pages no readable text (measured: a Greek affidavit read
 * 54–58 on every rung, a chart's axis labels 38–76) and cost a reading each — four readings took a
 * Greek page from 2 s to 10 s. Hard scans of Danish and English read 80 and more (the fax pages,
 * the quality-35 JPEG) and go on up the ladder.
 */
const NOT_OUR_TEXT = 70;
/** Readings of a page it takes before they are combined word by word rather than the best one kept. */
const COMBINE_FROM = 3;
/** The share of the page's height read the other way up to ask which way up it is, where no OSD answers. */
const PROBE_BAND = 0.25;
/** How much more confident (0–100) the band must read turned round than the same band read as it is. */
const PROBE_MARGIN = 10;
/** Letters the turned band must hold for its confidence to count. */
const PROBE_LETTERS = 20;
/** The blur before the smoothed threshold, in pixels at the aimed-at line pitch (TARGET_PITCH): measured on the JPEG and fax pages. */
const SMOOTH_SIGMA = 1.5;

export interface PageReaderEngine {
  read(image: Buffer, opts: { signal?: AbortSignal; dpi?: number }): Promise<OcrResult>;
  orientation?(image: Buffer, opts: { signal?: AbortSignal; dpi?: number }): Promise<{ degrees: number; confidence: number } | null>;
  /** Which of `words` are words of the OCR languages (lexicon.ts), for combining readings; absent: none preferred. No words: loads them. */
  known?(words: readonly string[], opts: { signal?: AbortSignal }): Promise<ReadonlySet<string>>;
}

export interface ReadOptions {
  signal?: AbortSignal;
  dpi?: number;
  /** Confidence to reach before stopping (tests and the benchmark vary it). */
  good?: number;
  /** Every reading made, kept or not, with its rung of the ladder (the benchmark scores each). */
  onAttempt?(reading: OcrResult, stage: AttemptStage): void;
}

export type AttemptStage = 'light' | 'other' | 'upscale' | 'flatten' | 'binarise' | 'smooth' | 'combine';
const STAGES: readonly AttemptStage[] = ['light', 'upscale', 'flatten', 'binarise', 'smooth'];

/** One way to prepare the page: turned by `rotation`, and how hard (0 light … 3 despeckled and binarised, 4 smoothed and binarised). */
interface Attempt {
  rotation: number;
  level: 0 | 1 | 2 | 3 | 4;
}

const letters = (text: string) => (text.match(/\p{L}/gu) ?? []).length;

/** Whether reading `a` beats `b`: more confident, unless it kept less than half of the letters. */
export function better(a: OcrResult, b: OcrResult | null): boolean {
  if (!b) return true;
  const la = letters(a.text);
  const lb = letters(b.text);
  if (la < lb * 0.5) return false;
  if (lb < la * 0.5) return true;
  return a.confidence > b.confidence;
}

/** Preparing the image failed (a thread stopped, libvips refused): not the page's fault, and OCR can still read it as it is. */
class PrepFailed extends Error {}
const prepared = async <T>(work: Promise<T>): Promise<T> => {
  try {
    return await work;
  } catch (err) {
    throw new PrepFailed(String((err as Error)?.message ?? err));
  }
};

export async function readPage(image: Buffer, engine: PageReaderEngine, prep: Prep, opts: ReadOptions = {}): Promise<OcrResult> {
  const kept: { best: OcrResult | null } = { best: null };
  try {
    return await ladder(image, engine, prep, opts, (r) => {
      if (better(r, kept.best)) kept.best = r;
      return kept.best!;
    });
  } catch (err) {
    if (!(err instanceof PrepFailed) || opts.signal?.aborted) throw err;
    return kept.best ?? { ...(await engine.read(image, opts)), steps: [], rotation: 0 };
  }
}

async function ladder(image: Buffer, engine: PageReaderEngine, prep: Prep, opts: ReadOptions, keep: (r: OcrResult) => OcrResult): Promise<OcrResult> {
  const measure = (g: Grey) => prepared(prep.measure(g));
  const good = opts.good ?? GOOD_CONFIDENCE;
  const g0 = await prepared(decodeGrey(image, opts.dpi));
  if (!g0) return { ...(await engine.read(image, opts)), steps: [], rotation: 0 };
  const squared = g0.squared === true;
  const m0 = await measure(g0);
  opts.signal?.throwIfAborted();

  const uprights = new Map<number, Promise<{ g: Grey; m: PageMeasure & { uneven: number } }>>();
  /** Lines of text the measurement saw, per way up: a reading should find most of them. */
  const expectedLines = new Map<number, number>();
  /** Whether the measurement found text lines at a regular pitch, per way up. */
  const linesSeen = new Map<number, boolean>();
  const upright = (rotation: number) => {
    let u = uprights.get(rotation);
    if (!u) {
      u = (async () => {
        const g = await turn(g0, rotation);
        // A half turn keeps the lines' slope and pitch; a quarter turn is measured anew.
        const m = rotation % 180 === 0 ? m0 : await measure(g);
        expectedLines.set(rotation, m.lines);
        linesSeen.set(rotation, m.lineHeight > 0);
        return { g, m };
      })();
      uprights.set(rotation, u);
    }
    return u;
  };

  const preparedImages = new Map<string, ReturnType<typeof prepareImage>>();
  const prepare = (a: Attempt) => {
    const key = `${a.rotation}/${a.level}`;
    if (!preparedImages.has(key)) preparedImages.set(key, prepareImage(a));
    return prepared(preparedImages.get(key)!);
  };
  async function prepareImage(a: Attempt): Promise<{ image: Grey; steps: string[]; skew: number; scale: number; upright: Grey }> {
    const { g, m } = await upright(a.rotation);
    const steps: string[] = squared ? ['square'] : [];
    if (a.rotation) steps.push(`turn:${a.rotation}`);
    const skew = Math.abs(m.skew) >= (a.level === 0 ? FIRST_SKEW : MIN_SKEW) ? m.skew : 0;
    const pitch = m.lineHeight;
    let scale = 1;
    if (a.level === 0 && pitch > 0 && pitch < SMALL_PITCH) scale = Math.min(2.5, TARGET_PITCH / pitch);
    if (a.level >= 1) scale = pitch > 0 ? Math.min(2.5, Math.max(1, TARGET_PITCH / pitch)) : g.dpi && g.dpi < 250 ? Math.min(2.5, 300 / g.dpi) : 1;
    scale = Math.min(scale, Math.sqrt(MAX_PIXELS / (g.width * g.height)));
    if (scale <= 1.1) scale = 1;
    // Upscaled first, then turned: interpolating at the larger size blurs the strokes less.
    let img = await upscale(g, scale);
    if (scale > 1) steps.push(`upscale:${Math.round(scale * 10) / 10}`);
    img = await deskew(img, skew);
    if (skew) steps.push(`deskew:${skew}`);
    if (a.level >= 2 || m.uneven > UNEVEN_LIGHT) {
      img = await prep.flatten(img);
      steps.push('flatten');
    }
    if (a.level >= 3) {
      // Specks removed by a median, or the grain blurred into the strokes (its width follows the text's size).
      img = a.level === 4 ? await smooth(img, (SMOOTH_SIGMA * pitch * scale) / TARGET_PITCH || SMOOTH_SIGMA) : await despeckle(img);
      const threshold = (await measure(img)).threshold;
      img = await binarise(img, threshold);
      steps.push(a.level === 4 ? 'smooth' : 'despeckle', 'binarise');
    }
    return { image: img, steps, skew, scale, upright: g };
  }

  /**
   * Every reading made, by the image it read (way up and steps): a rung that prepares the same image
   * as an earlier one (text already large and straight, light already flattened) is not read again.
   */
  const byImage = new Map<string, OcrResult>();
  let best: OcrResult | null = null;
  async function attempt(a: Attempt, stage: AttemptStage = STAGES[a.level]!): Promise<OcrResult> {
    opts.signal?.throwIfAborted();
    const p = await prepare(a);
    const key = `${a.rotation}|${p.steps.join(' ')}`;
    const same = byImage.get(key);
    if (same) {
      opts.onAttempt?.(same, stage);
      return same;
    }
    // Nothing to change: the engine gets the bytes as they came (a G4 fax stays 1 bit, not 8).
    const asItCame = p.steps.length === 0 && !g0!.reoriented;
    const r = await engine.read(asItCame ? image : toPgm(p.image), { signal: opts.signal, dpi: p.image.dpi ?? undefined });
    const result: OcrResult = { ...r, steps: p.steps, rotation: a.rotation, ...(r.layout ? toUpright({ layout: r.layout, words: r.words }, p) : { layout: undefined, words: undefined }) };
    byImage.set(key, result);
    opts.onAttempt?.(result, stage);
    best = keep(result);
    return result;
  }
  // Confident is not enough: a reading that found far fewer lines than the page shows (tesseract
  // skipped the shadowed half of a photo, confidently) is not done either.
  const lineCount = (r: OcrResult) => r.text.split('\n').filter((l) => l.trim()).length;
  const complete = (r: OcrResult) => lineCount(r) >= 0.6 * (expectedLines.get(r.rotation ?? 0) ?? 0);
  // Nothing read where the measurement saw no run of text lines either (no line pitch: a band or
  // two of ink is a picture's edge or a stamp): a blank page or a picture, not a hard page.
  const nothingThere = () => best !== null && letters(best.text) === 0 && !linesSeen.get(best.rotation ?? 0);
  const settled = () => best !== null && ((best.confidence >= good && complete(best)) || nothingThere());

  let rotation = m0.vertical ? 90 : 0;
  // Which way up, as far as the ink tells (measure.ts: heavier below the lines' cores than above).
  if (rotation === 0 ? m0.upsideDown : (await upright(rotation)).m.upsideDown) rotation += 180;
  await attempt({ rotation, level: 0 });
  if (!settled() && best!.confidence < ORIENTATION_DOUBT) {
    // Which way up after all? The engine's own answer where it has one; else a band of the page read turned round.
    const base = await prepare({ rotation, level: 0 });
    const osd = engine.orientation ? await engine.orientation(toPgm(base.image), { signal: opts.signal, dpi: base.image.dpi ?? undefined }) : null;
    const other = osd ? (rotation + osd.degrees) % 360 : (await readsBetterTurned(rotation, best!)) ? (rotation + 180) % 360 : rotation;
    if (other !== rotation) {
      const r = await attempt({ rotation: other, level: 0 }, 'other');
      if (r === best) rotation = other;
    }
  }
  // Grainy paper gets the smoothed reading early; other paper only when nothing else read it well,
  // as one more differently prepared reading to combine (on the fax pages it lifts the combination by 1–2 %).
  const levels = m0.grain > GRAINY ? ([1, 4, 2, 3] as const) : ([1, 2, 3, 4] as const);
  for (const level of levels) {
    if (settled() || (level !== 1 && best!.confidence < NOT_OUR_TEXT)) break;
    // This reading makes the page one to combine: the dictionaries load while it is read.
    if (byImage.size + 1 === COMBINE_FROM) engine.known?.([], { signal: opts.signal }).catch(() => undefined);
    await attempt({ rotation, level });
  }
  return (await combined()) ?? best!;

  /**
   * Whether the page reads better the other way up, where no OSD answers (tesseract.js, or too few
   * letters for it): a band of the page (PROBE_BAND of its height, where the first reading found
   * the most words) is read turned round and compared with the first reading's words in that band.
   * A quarter of a reading instead of a whole second one on every poor page, most of them upright.
   */
  async function readsBetterTurned(rot: number, first: OcrResult): Promise<boolean> {
    const { g } = await upright(rot);
    const height = Math.max(1, Math.round(g.height * PROBE_BAND));
    const words = (first.rotation ?? 0) === rot ? (first.words ?? []) : [];
    const centre = (w: OcrWord) => (w.box[1] + w.box[3]) / 2;
    const inBand = (top: number) => words.filter((w) => centre(w) >= top && centre(w) < top + height);
    let top = Math.round((g.height - height) / 2);
    for (let k = 0; k <= 6; k++) {
      const t = Math.round(((g.height - height) * k) / 6);
      if (inBand(t).length > inBand(top).length) top = t;
    }
    const here = inBand(top);
    const asItIs = here.length ? here.reduce((sum, w) => sum + w.confidence, 0) / here.length : 0;
    const image = await prepared(band(g, top, height).then((b) => turn(b, 180)));
    opts.signal?.throwIfAborted();
    const turned = await engine.read(toPgm(image), { signal: opts.signal, dpi: image.dpi ?? undefined });
    return letters(turned.text) >= PROBE_LETTERS && turned.confidence >= asItIs + PROBE_MARGIN;
  }

  /**
   * A page that needed COMBINE_FROM readings or more is hard for every preparation, and what one
   * reading lost another often kept: the readings of the page the way up the kept one was read,
   * by the same engine, are combined word by word (combine.ts), the kept one as the backbone.
   * The steps say so: those of every reading combined, in order, then `combine:<readings>`.
   */
  async function combined(): Promise<OcrResult | null> {
    const kept = best!;
    const others = [...byImage.values()].filter((r) => r !== kept && (r.rotation ?? 0) === (kept.rotation ?? 0) && r.engine === kept.engine && letters(r.text) >= 0.5 * letters(kept.text));
    if (others.length + 1 < COMBINE_FROM) return null;
    const readings = [kept, ...others];
    const c = combineReadings(readings, { known: await lookUp(readings) });
    if (!c || c.readings < COMBINE_FROM || letters(c.text) < 0.5 * letters(kept.text)) return null;
    const steps = [...new Set([kept, ...others].flatMap((r) => r.steps ?? []))];
    const result: OcrResult = { text: c.text, confidence: c.confidence, engine: kept.engine, steps: [...steps, `combine:${c.readings}`], rotation: kept.rotation, layout: c.layout, words: c.words };
    opts.onAttempt?.(result, 'combine');
    return result;
  }

  /**
   * The readings' words the OCR languages know, for the vote. Without them (no dictionary for the
   * languages, or its thread failed) the readings are combined on their votes alone, as before.
   */
  async function lookUp(readings: OcrResult[]): Promise<ReadonlySet<string> | undefined> {
    if (!engine.known) return undefined;
    try {
      return await engine.known(lexiconCandidates(readings), { signal: opts.signal });
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      return undefined;
    }
  }
}

/**
 * Boxes from the prepared image (straightened, maybe upscaled) back onto the upright page: undo
 * the scale, then the deskew turn about the centre (libvips grows the canvas to the turned
 * image's bounding box, centred), and keep each box's bounding rectangle.
 */
function toUpright(reading: { layout: OcrLayout; words?: OcrWord[] }, p: { image: Grey; skew: number; scale: number; upright: Grey }): { layout: OcrLayout; words?: OcrWord[] } {
  const { layout } = reading;
  const a = (p.skew * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = p.image.width / 2;
  const cy = p.image.height / 2;
  const ux = (p.upright.width * p.scale) / 2;
  const uy = (p.upright.height * p.scale) / 2;
  const sx = p.image.width / layout.width;
  const sy = p.image.height / layout.height;
  const map = (x: number, y: number): [number, number] => {
    const dx = x * sx - cx;
    const dy = y * sy - cy;
    return [(ux + dx * cos - dy * sin) / p.scale, (uy + dx * sin + dy * cos) / p.scale];
  };
  const box = (x0: number, y0: number, x1: number, y1: number): [number, number, number, number] => {
    const corners = [map(x0, y0), map(x1, y0), map(x0, y1), map(x1, y1)];
    return [
      Math.max(0, Math.min(...corners.map((c) => c[0]))),
      Math.max(0, Math.min(...corners.map((c) => c[1]))),
      Math.min(p.upright.width, Math.max(...corners.map((c) => c[0]))),
      Math.min(p.upright.height, Math.max(...corners.map((c) => c[1]))),
    ];
  };
  const lines = layout.lines.map((line) => {
    const boxes: number[] = new Array(line.boxes.length);
    for (let i = 0; i < line.boxes.length; i += 4) {
      const b = box(line.boxes[i]!, line.boxes[i + 1]!, line.boxes[i + 2]!, line.boxes[i + 3]!);
      for (let k = 0; k < 4; k++) boxes[i + k] = b[k]!;
    }
    return { start: line.start, boxes };
  });
  const words = reading.words?.map((w) => ({ ...w, box: box(...w.box) }));
  return { layout: { width: p.upright.width, height: p.upright.height, lines }, ...(words ? { words } : {}) };
}
