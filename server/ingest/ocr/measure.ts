/**
 * What a page image tells before OCR reads it, measured on a small greyscale copy (ocr-prep.ts
 * sends it to a thread, prep.thread.ts, so these loops never run on the main thread):
 *   - skew: the angle its text lines are turned by, from projection profiles — the ink projected
 *     onto rows is most peaked (lines and gaps alternate) at the angle of the lines;
 *   - vertical: whether the lines run up and down (a page turned by 90° or 270°);
 *   - lineHeight: the pitch of its text lines, in pixels of the measured copy, so a page of small
 *     or low-resolution text can be upscaled to the size OCR reads best;
 *   - threshold: Otsu's grey level between ink and paper;
 *   - grain: how noisy the paper is (JPEG ringing, grain, dither), so a noisy page is smoothed
 *     before it is made black and white;
 *   - upsideDown: whether its lines carry more ink below their cores than above. Latin letters
 *     reach up (capitals, b d f h k l t) far more than down (g j p q y), so upright lines are
 *     heavier above the x-height band; a page turned round is heavier below (Leptonica's up-down
 *     test, done on the row profile). Read that way up first, a page scanned upside down costs one
 *     reading, not two.
 */
export interface PageMeasure {
  /** Degrees the text lines are turned clockwise (rotate by −skew to straighten them). */
  skew: number;
  vertical: boolean;
  /** Median distance between text lines in pixels of the measured image; 0 when none were found. */
  lineHeight: number;
  /** Bands of ink across the page (its lines of text, side-by-side columns counted once); 0 when unknown. */
  lines: number;
  /** Otsu's level: ink is darker than it. */
  threshold: number;
  /** Mean grey-level difference between neighbouring paper pixels: ~0.5 on a clean scan, 2 and more on a coarse JPEG. */
  grain: number;
  /** Its lines are clearly heavier below their cores than above: it is upside down (false when unsure). */
  upsideDown: boolean;
}

/** Angles searched: beyond ±8° a page is not skewed, it is a photograph or a collage. */
const MAX_SKEW = 8;
const COARSE_STEP = 0.5;
const FINE_STEP = 0.05;
/** Ink pixels used at most: enough for a 0.1° answer, few enough for ~10 ms. */
const MAX_POINTS = 40_000;
/** Closer lines than this (pixels of the measured copy) are noise, not text. */
const MIN_PITCH = 6;
/** Ink below the lines' cores over ink above them from which a page counts as upside down (upright Latin text: ~0.3–0.6). */
const DOWN_RATIO = 1.4;
/** Lines it takes before the up-down test is believed. */
const DOWN_LINES = 4;

export function otsu(data: Uint8Array): number {
  return otsuOf(histogram(data), data.length);
}

function histogram(data: Uint8Array): Uint32Array {
  const hist = new Uint32Array(256);
  for (let i = 0; i < data.length; i++) hist[data[i]!]!++;
  return hist;
}

function otsuOf(hist: Uint32Array, total: number): number {
  let sumAll = 0;
  for (let t = 0; t < 256; t++) sumAll += t * hist[t]!;
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let threshold = 128;
  for (let t = 0; t < 256; t++) {
    wB += hist[t]!;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * hist[t]!;
    const mB = sumB / wB;
    const mF = (sumAll - sumB) / wF;
    const between = wB * wF * (mB - mF) ** 2;
    if (between > best) {
      best = between;
      threshold = t + 1; // ink is darker than the threshold: levels 0…t
    }
  }
  return threshold;
}

/** Sum of squared bin counts of the ink projected at `deg` onto rows (or onto columns). */
function peakedness(xs: Int32Array, ys: Int32Array, n: number, deg: number, size: number, bins: Int32Array): number {
  const t = Math.tan((deg * Math.PI) / 180);
  const pad = Math.ceil(Math.abs(t) * size) + 1;
  bins.fill(0);
  for (let i = 0; i < n; i++) bins[(ys[i]! - xs[i]! * t + pad + 0.5) | 0]!++;
  let s = 0;
  for (let i = 0; i < bins.length; i++) s += bins[i]! * bins[i]!;
  return s;
}

function bestAngle(xs: Int32Array, ys: Int32Array, n: number, along: number, across: number, fine = true): { angle: number; score: number } {
  const bins = new Int32Array(across + 2 * (Math.ceil(Math.tan((MAX_SKEW * Math.PI) / 180) * along) + 2));
  let angle = 0;
  let score = -1;
  for (let a = -MAX_SKEW; a <= MAX_SKEW + 1e-9; a += COARSE_STEP) {
    const s = peakedness(xs, ys, n, a, along, bins);
    if (s > score) [angle, score] = [a, s];
  }
  const centre = angle;
  if (!fine) return { angle, score };
  for (let a = centre - COARSE_STEP; a <= centre + COARSE_STEP + 1e-9; a += FINE_STEP) {
    const s = peakedness(xs, ys, n, a, along, bins);
    if (s > score) [angle, score] = [a, s];
  }
  return { angle, score };
}

/**
 * `data` is the page with its light flattened; `unflattened`, the same pixels before that, is
 * where the grain is measured (flattening pushes paper to white, clipping half its grain away).
 */
export function measurePage(data: Uint8Array, width: number, height: number, unflattened: Uint8Array = data): PageMeasure {
  const hist = histogram(data);
  const threshold = otsuOf(hist, data.length);
  // Ink pixels, thinned to at most MAX_POINTS so a dark photograph costs what a letter costs.
  let inkCount = 0;
  for (let v = 0; v < threshold; v++) inkCount += hist[v]!;
  const keepEvery = Math.max(1, Math.ceil(inkCount / MAX_POINTS));
  const xs = new Int32Array(Math.ceil(inkCount / keepEvery) + 1);
  const ys = new Int32Array(xs.length);
  let n = 0;
  let seen = 0;
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i++) {
      if (data[i]! >= threshold) continue;
      if (seen++ % keepEvery === 0 && n < xs.length) {
        xs[n] = x;
        ys[n] = y;
        n++;
      }
    }
  }
  // Blank, or ink everywhere (a photograph of a dark surface): nothing to measure.
  const grain = paperGrain(unflattened, width, height);
  if (n < 200 || inkCount > 0.6 * data.length) return { skew: 0, vertical: false, lineHeight: 0, lines: 0, threshold, grain, upsideDown: false };

  const rows = bestAngle(xs, ys, n, width, height);
  const cols = bestAngle(ys, xs, n, height, width, false);
  // Compare like with like: the peakedness per bin, relative to a flat spread over the same bins.
  const rowGain = rows.score / ((n * n) / height);
  const colGain = cols.score / ((n * n) / width);
  const vertical = colGain > rowGain * 1.15;
  // Lines turned clockwise fall to the right: y grows with x at tan(skew). For vertical lines the
  // same projection on columns gives the angle in the turned frame; the caller measures again
  // once the page is upright, so only the horizontal case is used as the skew.
  const skew = vertical ? 0 : rows.angle;
  const bands = vertical ? null : lineBands(xs, ys, n, rows.angle, width, height);
  return { skew: Math.round(skew * 100) / 100, vertical, lineHeight: bands?.pitch ?? 0, lines: bands?.count ?? 0, threshold, grain, upsideDown: bands?.upsideDown ?? false };
}

/** Paper this far above Otsu's level is paper for certain, not the soft edge of a letter. */
const PAPER_MARGIN = 20;

/** Mean |difference| between horizontally adjacent pixels that are both clearly paper (see PageMeasure.grain). */
function paperGrain(data: Uint8Array, width: number, height: number): number {
  const paper = otsu(data) + PAPER_MARGIN;
  let sum = 0;
  let count = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 1, i = y * width + 1; x < width; x++, i++) {
      const a = data[i]!;
      const b = data[i - 1]!;
      if (a >= paper && b >= paper) {
        sum += a > b ? a - b : b - a;
        count++;
      }
    }
  }
  return count ? Math.round((sum / count) * 100) / 100 : 0;
}

/** The ink bands of the row profile at `deg`: how many, the median distance between their centres, and which way up they are. */
function lineBands(xs: Int32Array, ys: Int32Array, n: number, deg: number, width: number, height: number): { count: number; pitch: number; upsideDown: boolean } {
  const t = Math.tan((deg * Math.PI) / 180);
  const pad = Math.ceil(Math.abs(t) * width) + 1;
  const profile = new Float64Array(height + 2 * pad + 1);
  for (let i = 0; i < n; i++) profile[Math.round(ys[i]! - xs[i]! * t) + pad]!++;
  let max = 0;
  for (let i = 0; i < profile.length; i++) max = Math.max(max, profile[i]!);
  const cut = max * 0.15;
  const centres: number[] = [];
  const spans: Array<[number, number]> = [];
  let start = -1;
  for (let i = 0; i <= profile.length; i++) {
    const inBand = i < profile.length && profile[i]! > cut;
    if (inBand && start < 0) start = i;
    if (!inBand && start >= 0) {
      centres.push((start + i - 1) / 2);
      spans.push([start, i - 1]);
      start = -1;
    }
  }
  const gaps: number[] = [];
  for (let i = 1; i < centres.length; i++) gaps.push(centres[i]! - centres[i - 1]!);
  if (gaps.length < 3) return { count: centres.length, pitch: 0, upsideDown: false };
  gaps.sort((a, b) => a - b);
  const pitch = gaps[Math.floor(gaps.length / 2)]!;
  return pitch >= MIN_PITCH ? { count: centres.length, pitch, upsideDown: heavierBelow(profile, spans) } : { count: 0, pitch: 0, upsideDown: false };
}

/**
 * Ink above and below each line's core (its rows at half the line's peak or more: the x-height
 * band), out to halfway to the next line's core, summed over the page; true when the ink below
 * outweighs the ink above by DOWN_RATIO on DOWN_LINES lines or more.
 */
function heavierBelow(profile: Float64Array, spans: Array<[number, number]>): boolean {
  const cores = spans.map(([a, b]) => {
    let peak = 0;
    for (let i = a; i <= b; i++) peak = Math.max(peak, profile[i]!);
    let top = a;
    while (profile[top]! < peak / 2) top++;
    let bottom = b;
    while (profile[bottom]! < peak / 2) bottom--;
    return [top, bottom] as const;
  });
  let above = 0;
  let below = 0;
  for (let k = 0; k < cores.length; k++) {
    const [top, bottom] = cores[k]!;
    const from = k > 0 ? Math.ceil((cores[k - 1]![1] + top) / 2) : Math.max(0, top - (bottom - top) * 2);
    const to = k + 1 < cores.length ? Math.floor((bottom + cores[k + 1]![0]) / 2) : Math.min(profile.length - 1, bottom + (bottom - top) * 2);
    for (let i = from; i < top; i++) above += profile[i]!;
    for (let i = bottom + 1; i <= to; i++) below += profile[i]!;
  }
  return cores.length >= DOWN_LINES && below > DOWN_RATIO * above;
}

/**
 * The page divided by its background (`bg`, a `bw` × `bh` picture of the paper without its text,
 * stretched bilinearly over the page): paper becomes white, ink keeps its contrast to the paper
 * around it. In place; returns `data`.
 */
export function divideBackground(data: Uint8Array, width: number, height: number, bg: Uint8Array, bw: number, bh: number): Uint8Array {
  const fx = bw / width;
  const fy = bh / height;
  const row = new Float64Array(width);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(bh - 1, Math.max(0, (y + 0.5) * fy - 0.5));
    const y0 = Math.floor(sy);
    const y1 = Math.min(bh - 1, y0 + 1);
    const wy = sy - y0;
    for (let x = 0; x < width; x++) {
      const sx = Math.min(bw - 1, Math.max(0, (x + 0.5) * fx - 0.5));
      const x0 = Math.floor(sx);
      const x1 = Math.min(bw - 1, x0 + 1);
      const wx = sx - x0;
      const top = bg[y0 * bw + x0]! * (1 - wx) + bg[y0 * bw + x1]! * wx;
      const bottom = bg[y1 * bw + x0]! * (1 - wx) + bg[y1 * bw + x1]! * wx;
      row[x] = top * (1 - wy) + bottom * wy;
    }
    const at = y * width;
    for (let x = 0; x < width; x++) {
      const b = Math.max(16, row[x]!);
      const v = (data[at + x]! * 255) / b;
      data[at + x] = v >= 255 ? 255 : v;
    }
  }
  return data;
}

