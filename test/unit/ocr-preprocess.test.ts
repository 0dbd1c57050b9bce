import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { createPrep, decodeGrey, deskew, tiffResolution, toPgm, turn, type Grey, type Prep } from '../../server/ingest/ocr/ocr-prep';
import { parseTsvLayout } from '../../server/ingest/ocr/tsv';
import { parseOsd } from '../../server/ingest/ocr/native-ocr';
import { better, readPage, type PageReaderEngine } from '../../server/ingest/ocr/page-reader';
import { describeOcrSteps } from '../../server/documents/ocr-steps';
import { translate } from '../../server/i18n/messages';

/**
 * Preparing page images for OCR (server/ingest/ocr/ocr-prep.ts, measure.ts), on the generated hard
 * pages of test/fixtures/ocr-hard/ (bench/make-hard-pages.ts): the skew of a page measured within
 * half a degree, pages turned a quarter found out, the light of a photographed page flattened, and
 * tesseract's word boxes spread over the characters of the text they belong to.
 */
const HARD = path.join(__dirname, '..', 'fixtures', 'ocr-hard');
const page = async (name: string): Promise<Grey> => (await decodeGrey(fs.readFileSync(path.join(HARD, name))))!;

let prep: Prep;
beforeAll(() => {
  prep = createPrep();
});
afterAll(() => prep.close());

describe('OCR preparation — measuring a page', () => {
  test('skew — the page turned 3.2° clockwise — measures within 0.5° of 3.2', async () => {
    const m = await prep.measure(await page('skew-3.2.png'));
    expect(Math.abs(m.skew - 3.2)).toBeLessThanOrEqual(0.5);
    expect(m.vertical).toBe(false);
  });

  test('skew — the page turned 1.3° counter-clockwise at 200 dpi — measures within 0.5° of −1.3', async () => {
    const m = await prep.measure(await page('skew-minus-1.3.png'));
    expect(Math.abs(m.skew - -1.3)).toBeLessThanOrEqual(0.5);
  });

  test('skew — a clean page turned here by −2.6° and by 0.8° — each measured within 0.5°', async () => {
    const clean = await page('clean.png');
    expect(Math.abs((await prep.measure(clean)).skew)).toBeLessThan(0.5);
    for (const angle of [-2.6, 0.8]) {
      const turned = await sharp(clean.data, { raw: { width: clean.width, height: clean.height, channels: 1 } })
        .rotate(angle, { background: '#ffffff' }).toColourspace('b-w').extractChannel(0).raw().toBuffer({ resolveWithObject: true });
      const m = await prep.measure({ data: turned.data, width: turned.info.width, height: turned.info.height, dpi: 150 });
      expect(Math.abs(m.skew - angle)).toBeLessThanOrEqual(0.5);
    }
  });

  test('deskew — a page turned by the measured angle — measures straight afterwards', async () => {
    const skewed = await page('skew-3.2.png');
    const straight = await deskew(skewed, (await prep.measure(skewed)).skew);
    expect(Math.abs((await prep.measure(straight)).skew)).toBeLessThan(0.3);
    expect(straight.width).toBeGreaterThan(skewed.width); // the canvas grows to hold the turned page
  });

  test('orientation — a page turned a quarter — has vertical lines; upside down and upright pages do not', async () => {
    expect((await prep.measure(await page('quarter-turn.png'))).vertical).toBe(true);
    expect((await prep.measure(await page('upside-down.png'))).vertical).toBe(false);
    expect((await prep.measure(await page('two-columns.png'))).vertical).toBe(false);
  });

  test('which way up — upright pages, even skewed, faxed or photographed, are never taken for upside down; the same text turned round is', async () => {
    for (const name of ['clean.png', 'two-columns.png', 'lowres-100dpi.png', 'skew-3.2.png', 'skew-minus-1.3.png', 'fax.png', 'fax-200x100.tif', 'photo.jpg']) {
      expect([name, (await prep.measure(await page(name))).upsideDown]).toEqual([name, false]);
    }
    expect((await prep.measure(await page('upside-down.png'))).upsideDown).toBe(true);
    expect((await prep.measure(await turn(await page('upside-down.png'), 180))).upsideDown).toBe(false);
    for (const name of ['clean.png', 'two-columns.png', 'lowres-100dpi.png']) {
      expect([name, (await prep.measure(await turn(await page(name), 180))).upsideDown]).toEqual([name, true]);
    }
    // A quarter turn either way: measured upright, the wrong one of the two reads upside down.
    const quarter = await page('quarter-turn.png');
    expect((await prep.measure(await turn(quarter, 90))).upsideDown).toBe(true);
    expect((await prep.measure(await turn(quarter, 270))).upsideDown).toBe(false);
  });

  test('which way up — a blank page and a page of two lines — not called upside down (too little to tell)', async () => {
    const blank = { data: Buffer.alloc(800 * 1000, 255), width: 800, height: 1000, dpi: 100 };
    expect((await prep.measure(blank)).upsideDown).toBe(false);
    const clean = await page('clean.png');
    const rows = Math.round(clean.height * 0.12);
    const twoLines = { data: clean.data.subarray(0, clean.width * rows), width: clean.width, height: rows, dpi: clean.dpi };
    expect((await prep.measure(await turn(twoLines, 180))).upsideDown).toBe(false);
  });

  test('line pitch — 10.5 pt text at 100 dpi and at 150 dpi — about 19 and 28 pixels', async () => {
    expect((await prep.measure(await page('lowres-100dpi.png'))).lineHeight).toBeGreaterThan(15);
    expect((await prep.measure(await page('lowres-100dpi.png'))).lineHeight).toBeLessThan(24);
    expect((await prep.measure(await page('clean.png'))).lineHeight).toBeGreaterThan(24);
  });

  test('flatten — a photographed page with light falling off to one side — comes out evenly lit', async () => {
    const photo = await page('photo.jpg');
    const before = await prep.measure(photo);
    expect(before.uneven).toBeGreaterThan(55);
    expect((await prep.measure(await page('clean.png'))).uneven).toBeLessThan(55);
    const flat = await prep.flatten(photo);
    expect([flat.width, flat.height]).toEqual([photo.width, photo.height]);
    // The paper on the dark left and on the bright right is now the same white.
    const mean = async (left: number) => (await sharp(flat.data, { raw: { width: flat.width, height: flat.height, channels: 1 } })
      .extract({ left, top: Math.round(flat.height * 0.6), width: Math.round(flat.width * 0.15), height: Math.round(flat.height * 0.2) }).stats()).channels[0]!.mean;
    const [l, r] = [await mean(Math.round(flat.width * 0.12)), await mean(Math.round(flat.width * 0.7))];
    expect(Math.abs(l - r)).toBeLessThan(12);
    expect(Math.min(l, r)).toBeGreaterThan(235);
  });

  test('grain — a clean scan, and the same page in grey on grainy paper as a quality-35 JPEG — below 1, and above 1.5', async () => {
    const clean = await page('clean.png');
    expect((await prep.measure(clean)).grain).toBeLessThan(1);
    const grainy = Buffer.alloc(clean.data.length);
    let seed = 7;
    for (let i = 0; i < grainy.length; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      grainy[i] = Math.round(95 + (120 * clean.data[i]!) / 255 + ((seed >>> 16) % 21) - 10);
    }
    const jpeg = await sharp(grainy, { raw: { width: clean.width, height: clean.height, channels: 1 } }).jpeg({ quality: 35 }).toBuffer();
    expect((await prep.measure((await decodeGrey(jpeg, 150))!)).grain).toBeGreaterThan(1.5);
  });

  test('square pixels — a fax as a TIFF of 200 × 100 dpi — decoded stretched to its full height, saying so; a square TIFF is left alone', async () => {
    const clean = await page('clean.png');
    const rows = Math.floor(clean.height / 2);
    const half = sharp(clean.data, { raw: { width: clean.width, height: clean.height, channels: 1 } })
      .resize(clean.width, rows, { fit: 'fill' }).threshold(128).toColourspace('b-w');
    const fax = await half.clone().tiff({ compression: 'ccittfax4', bitdepth: 1, xres: 200 / 25.4, yres: 100 / 25.4, resolutionUnit: 'inch' }).toBuffer();
    expect(tiffResolution(fax)).toEqual({ x: 200, y: 100 });
    const g = (await decodeGrey(fax))!;
    expect([g.width, g.height, g.dpi, g.squared]).toEqual([clean.width, 2 * rows, 200, true]);
    // Its text where it is on the page it was made from (squashed, it ended half-way down).
    const inkRows = (p: Grey) => {
      const rows: number[] = [];
      for (let y = 0; y < p.height; y++) if (p.data.subarray(y * p.width, (y + 1) * p.width).some((v) => v < 128)) rows.push(y);
      return [rows[0]!, rows[rows.length - 1]!];
    };
    const [[top, bottom], [cleanTop, cleanBottom]] = [inkRows(g), inkRows(clean)];
    expect(Math.abs(top - cleanTop)).toBeLessThan(4);
    expect(Math.abs(bottom - cleanBottom)).toBeLessThan(4);
    // A bilevel fax is stretched as a fax machine prints it, each row twice: its strokes stay black
    // and white (interpolated, the thin ones turned grey and read worse). A grey scan is interpolated.
    const row = (p: Grey, y: number) => p.data.subarray(y * p.width, (y + 1) * p.width);
    for (let y = 0; y + 1 < g.height; y += 2) expect(row(g, y).equals(row(g, y + 1))).toBe(true);
    expect(g.data.every((v) => v === 0 || v === 255)).toBe(true);
    const greyScan = await sharp(clean.data, { raw: { width: clean.width, height: clean.height, channels: 1 } }).resize(clean.width, rows, { fit: 'fill' })
      .tiff({ compression: 'lzw', xres: 200 / 25.4, yres: 100 / 25.4, resolutionUnit: 'inch' }).toBuffer();
    const gs = (await decodeGrey(greyScan))!;
    expect([gs.height, gs.squared]).toEqual([2 * rows, true]);
    expect(gs.data.some((v) => v > 0 && v < 255)).toBe(true);
    let inked = 0;
    let same = 0;
    for (let y = 0; y + 1 < gs.height; y += 2) {
      if (!row(gs, y).some((v) => v < 200)) continue;
      inked++;
      if (row(gs, y).equals(row(gs, y + 1))) same++;
    }
    expect(inked).toBeGreaterThan(50);
    expect(same).toBeLessThan(inked / 2); // interpolated: a row with ink differs from its neighbour

    const square = await half.clone().tiff({ compression: 'lzw', xres: 150 / 25.4, yres: 150 / 25.4, resolutionUnit: 'inch' }).toBuffer();
    const s = (await decodeGrey(square))!;
    expect([s.width, s.height, s.squared]).toEqual([clean.width, rows, undefined]);
    expect(tiffResolution(Buffer.from('II*\0\0\0\0\0'))).toBeNull(); // no directory where it points
    expect(tiffResolution(await fs.promises.readFile(path.join(HARD, 'clean.png')))).toBeNull();
  });

  test('decode — a PGM as the PDF engine renders it — is read without copying, and written back the same', async () => {
    const clean = await page('clean.png');
    const pgm = toPgm(clean);
    const back = (await decodeGrey(pgm, 150))!;
    expect([back.width, back.height, back.dpi]).toEqual([clean.width, clean.height, 150]);
    expect(Buffer.compare(back.data, clean.data)).toBe(0);
    expect(await decodeGrey(Buffer.from('not an image'))).toBeNull();
  });
});

describe('OCR preparation — readings', () => {
  const TSV = [
    'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
    '1\t1\t0\t0\t0\t0\t0\t0\t1000\t800\t-1\t',
    '5\t1\t1\t1\t1\t1\t100\t50\t40\t20\t90\tKære',
    '5\t1\t1\t1\t1\t2\t150\t50\t50\t20\t80\tSøren',
    '5\t1\t2\t1\t1\t1\t100\t200\t60\t20\t70\tHilsen',
  ].join('\n');

  test('parseTsvLayout — two words on a line and a second paragraph — a box for every character, the space boxed by the gap', () => {
    const r = parseTsvLayout(TSV);
    expect(r.text).toBe('Kære Søren\n\nHilsen\n');
    expect(r.layout!.width).toBe(1000);
    const [first, second] = r.layout!.lines;
    expect(first!.start).toBe(0);
    expect(first!.boxes.length / 4).toBe('Kære Søren'.length);
    expect(first!.boxes.slice(0, 4)).toEqual([100, 50, 110, 70]); // "K": a quarter of "Kære"
    expect(first!.boxes.slice(16, 20)).toEqual([140, 50, 150, 70]); // the space: from "Kære" to "Søren"
    expect(second!.start).toBe('Kære Søren\n\n'.length);
    expect(second!.boxes.length / 4).toBe('Hilsen'.length);
  });

  test('parseOsd — tesseract --psm 0 on an upside-down page, and on a page with too few letters — the turn, or nothing', () => {
    expect(parseOsd('Page number: 0\nOrientation in degrees: 180\nRotate: 180\nOrientation confidence: 25.61\nScript: Latin\n')).toEqual({ degrees: 180, confidence: 25.61 });
    expect(parseOsd('Rotate: 270\nOrientation confidence: 4.03\n')).toEqual({ degrees: 270, confidence: 4.03 });
    expect(parseOsd('Too few characters. Skipping this page\nError during processing.\n')).toBeNull();
  });

  /**
   * A stand-in for tesseract that reads every image alike, at `confidence`, and counts what it is
   * asked: the ladder's own rules are what is tested, on a real page and real preparation.
   */
  const scripted = (confidence: number) => {
    const asked = { reads: 0, orientation: 0 };
    const engine: PageReaderEngine = {
      async read() {
        asked.reads++;
        return { text: 'Kommunen har modtaget din anmodning om aktindsigt i sagen.\nVi sender dig hermed dokumenterne.', confidence, engine: 'scripted' };
      },
      async orientation() {
        asked.orientation++;
        return { degrees: 0, confidence: 1 };
      },
    };
    return { engine, asked };
  };

  test('readPage — a poor reading of an upright page (80) — is read again prepared harder, without asking which way up it is', async () => {
    const { engine, asked } = scripted(80);
    const r = await readPage(fs.readFileSync(path.join(HARD, 'clean.png')), engine, prep);
    expect(asked.orientation).toBe(0);
    expect(asked.reads).toBeGreaterThan(1);
    expect(r.rotation).toBe(0);
  });

  test('readPage — a reading as poor as a page the wrong way up (45) — asks which way up it is, once', async () => {
    const { engine, asked } = scripted(45);
    await readPage(fs.readFileSync(path.join(HARD, 'clean.png')), engine, prep);
    expect(asked.orientation).toBe(1);
  });

  test('readPage — a page still reading below 70 once upscaled (another script, a chart) — is not read up the rest of the ladder; a hard page of our languages (80) is', async () => {
    const page = fs.readFileSync(path.join(HARD, 'clean.png'));
    const foreign = scripted(60);
    await readPage(page, foreign.engine, prep);
    const hard = scripted(80);
    await readPage(page, hard.engine, prep);
    expect(foreign.asked.reads).toBeLessThanOrEqual(2);
    expect(hard.asked.reads).toBeGreaterThanOrEqual(3);
  });

  test('better — a confident reading that lost most of the words — does not beat a fuller one', () => {
    const full = { text: 'Kommunen har modtaget din anmodning om aktindsigt i sagen', confidence: 80 };
    const partial = { text: 'Kommunen har', confidence: 95 };
    expect(better(partial, full)).toBe(false);
    expect(better(full, partial)).toBe(true);
    expect(better({ ...full, confidence: 90 }, full)).toBe(true);
    expect(better(full, null)).toBe(true);
  });
});

describe('OCR preparation — in words', () => {
  const en = (key: string) => translate('en', key);
  const da = (key: string) => translate('da', key);

  test('describeOcrSteps — the steps a page record holds — as the OCR method line says them, in English and Danish', () => {
    expect(describeOcrSteps('turn:180 deskew:-2.13 upscale:2 flatten', en)).toBe('turned 180° · straightened 2.1° · enlarged 2× · light evened out');
    expect(describeOcrSteps('deskew:3.2 despeckle binarise', da, 'da')).toBe('rettet op 3,2° · pletter fjernet · gjort sort-hvid');
    expect(describeOcrSteps('square deskew:1 smooth binarise', en)).toBe('stretched to square pixels · straightened 1° · smoothed · made black and white');
    // Combined readings: the steps of every reading, each named once, then how many were combined.
    expect(describeOcrSteps('upscale:2 flatten upscale:2 smooth combine:3', en)).toBe('enlarged 2× · light evened out · smoothed · 3 readings combined word by word');
    expect(describeOcrSteps('upscale:2 combine:2', da, 'da')).toBe('forstørret 2× · 2 læsninger kombineret ord for ord');
    expect(describeOcrSteps('', en)).toBe('read as scanned');
    expect(describeOcrSteps(null, en)).toBe('');
  });
});
