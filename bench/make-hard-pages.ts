/**
 * Makes the hard pages of the OCR benchmark (bench/ocr-hard.bench.ts) and of the tests
 * (test/fixtures/ocr-hard/): texts written for Kilde, typeset with pdf-lib, rendered to grey
 * pixels by MuPDF, then spoilt the way scans from authorities are — turned 1–4°, faxed (half
 * vertical resolution, 1 bit, speckle; stretched to square pixels, and as a 200 × 100 dpi TIFF), grey ink on yellowed paper in a quality-35 JPEG inside a
 * PDF, 100 dpi, upside down, a quarter turn, two columns, a phone photo at an angle with uneven
 * light. Every random choice comes from a seeded generator, so running it again writes the same
 * pages. Each page `X.png|jpg|pdf` gets its ground truth `X.txt` (the words drawn on it, in the
 * order a person reads them).
 *
 *   node bin/build.js && node dist/bench/make-hard-pages.js
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts, type PDFFont } from 'pdf-lib';
import sharp from 'sharp';

type SharpImage = ReturnType<typeof sharp>;
import { createMupdfEngine } from '../server/ingest/extractors/mupdf.engine';
import { createCpuSlots } from '../server/ingest/threads/cpu-slots';

/** The repository: this file runs from bench/ (sources) or dist/bench/ (built). */
const ROOT = [path.resolve(__dirname, '..'), path.resolve(__dirname, '..', '..')].find((d) => fs.existsSync(path.join(d, 'test', 'fixtures'))) ?? process.cwd();
export const HARD_PAGES_DIR = path.join(ROOT, 'test', 'fixtures', 'ocr-hard');

const LETTER = `Kære Maria Jensen

Kommunen har modtaget din anmodning om aktindsigt i sagen om støjen fra den nye omfartsvej ved Skovbyen. Vi har fundet elleve dokumenter, som er omfattet af din anmodning. Du får fuld adgang til syv af dem. I fire dokumenter er oplysninger om private beboeres helbred og økonomi undtaget efter offentlighedslovens regler.

Målingerne fra marts viser, at støjen om natten ligger over den vejledende grænseværdi på otte af de tolv målepunkter. Forvaltningen vil derfor foreslå udvalget, at der sættes en støjskærm op langs strækningen, og at hastigheden sænkes til halvtreds kilometer i timen.

Du kan klage over afgørelsen til Ankestyrelsen inden fire uger. Har du spørgsmål, er du velkommen til at ringe til os på hverdage mellem klokken ni og femten.

Med venlig hilsen
Teknik og Miljø`;

const MEMO = `Notat til direktionen

Regionens it-afdeling har gennemgået hændelsen den niende januar, hvor journalsystemet var utilgængeligt i seks timer. Årsagen var en fejl i en opdatering af databaseserveren, som ikke var afprøvet i testmiljøet. Ingen patientdata gik tabt, men tre afdelinger måtte skrive notater på papir.

Afdelingen anbefaler, at alle opdateringer fremover afprøves i et testmiljø, der svarer til driften, og at der laves en plan for nødprocedurer. Udgiften anslås til to millioner kroner om året. Sagen forelægges regionsrådet i februar.

The supplier has accepted responsibility and will cover the cost of the extra staff hours.`;

const NEWS_LEFT = `Borgere i Nørreby har i flere år klaget over lugt fra renseanlægget ved havnen. Nu viser dokumenter, som avisen har fået aktindsigt i, at forsyningen allerede i foråret kendte til utætte tanke. En intern rapport fra maj beskriver revner i to af de fire bassiner og anbefaler en hurtig reparation. Reparationen blev udskudt til næste år af hensyn til budgettet.`;

const NEWS_RIGHT = `Formanden for grundejerforeningen kalder forløbet dybt beklageligt og kræver svar fra kommunalbestyrelsen. Forsyningens direktør oplyser, at lugten ikke udgør nogen fare for sundheden, og at reparationen nu er fremrykket til oktober. Miljøstyrelsen har bedt om en redegørelse inden udgangen af måneden og vil herefter tage stilling til et påbud.`;

const SHORT = `Afgørelse om aktindsigt

Styrelsen har behandlet din anmodning af fjortende august om indsigt i korrespondancen med ministeriet om tilskud til lokale busruter. Du får aktindsigt i alle dokumenter på nær to interne notater, som er undtaget efter lovens regler om ministerbetjening. Dokumenterne vedlægges denne afgørelse som bilag.`;

/** Seeded, so the pages are the same every run (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    if (!para.trim()) {
      out.push('');
      continue;
    }
    let line = '';
    for (const word of para.split(/\s+/)) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) > width && line) {
        out.push(line);
        line = word;
      } else line = next;
    }
    out.push(line);
  }
  return out;
}

/** A page of one or two columns of text (a 6 × 7.5 inch sheet, 10.5 pt Times), as a PDF. */
async function typeset(columns: string[], size = 10.5): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.TimesRoman);
  const W = 432;
  const H = 540;
  const page = pdf.addPage([W, H]);
  const margin = 36;
  const gutter = 20;
  const colWidth = (W - 2 * margin - gutter * (columns.length - 1)) / columns.length;
  columns.forEach((text, c) => {
    let y = H - margin - size;
    for (const line of wrap(text, font, size, colWidth)) {
      if (line) page.drawText(line, { x: margin + c * (colWidth + gutter), y, size, font });
      y -= size * 1.3;
    }
  });
  return Buffer.from(await pdf.save());
}

interface Grey {
  data: Buffer;
  width: number;
  height: number;
}

const raw = (g: Grey) => sharp(g.data, { raw: { width: g.width, height: g.height, channels: 1 } });
async function toGrey(s: SharpImage): Promise<Grey> {
  const { data, info } = await s.toColourspace('b-w').extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Speckle: isolated dark dots and small blotches, as a fax or a dirty glass adds. */
function speckle(g: Grey, rnd: () => number, perMillion: number): void {
  const count = Math.round((g.width * g.height * perMillion) / 1e6);
  for (let i = 0; i < count; i++) {
    const x = Math.floor(rnd() * g.width);
    const y = Math.floor(rnd() * g.height);
    const r = rnd() < 0.85 ? 0 : 1;
    for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) {
      const xx = x + dx;
      const yy = y + dy;
      if (xx >= 0 && yy >= 0 && xx < g.width && yy < g.height) g.data[yy * g.width + xx] = 30;
    }
  }
}

/** Grey ink and paper: ink lightened to `ink`, paper darkened to `paper`, plus grain. */
function tone(g: Grey, rnd: () => number, ink: number, paper: number, grain: number): void {
  for (let i = 0; i < g.data.length; i++) {
    const v = ink + ((paper - ink) * g.data[i]!) / 255 + (rnd() - 0.5) * 2 * grain;
    g.data[i] = Math.max(0, Math.min(255, Math.round(v)));
  }
}

export interface HardPage {
  name: string;
  /** What is hard about it, for the benchmark's table. */
  what: string;
  truth: string;
}

async function makePages(outDir: string): Promise<HardPage[]> {
  const cores = Math.max(1, Math.min(2, os.availableParallelism()));
  const engine = createMupdfEngine({ threads: 1, slots: createCpuSlots({ cores }), stepTimeoutMs: 20_000, renderTimeoutMs: 60_000, heapMb: 512 });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kilde-hard-pages-'));
  let k = 0;
  async function render(columns: string[], dpi: number): Promise<Grey> {
    const file = path.join(tmp, `p${k++}.pdf`);
    fs.writeFileSync(file, await typeset(columns));
    const shot = await engine.render(file, undefined, 1, { dpi, gray: true, maxPixels: 50_000_000 });
    const header = `P5\n${shot.width} ${shot.height}\n255\n`.length;
    return { data: Buffer.from(shot.data.subarray(header)), width: shot.width, height: shot.height };
  }
  const pages: HardPage[] = [];
  const write = async (name: string, what: string, truth: string, bytes: Buffer) => {
    fs.writeFileSync(path.join(outDir, name), bytes);
    fs.writeFileSync(path.join(outDir, name.replace(/\.\w+$/, '.txt')), `${truth}\n`);
    pages.push({ name, what, truth });
  };
  // As a scanner writes them: the resolution declared, grey levels few (small files).
  const png = (s: SharpImage, dpi: number, colours = 16) => s.withDensity(dpi).png({ palette: true, colours, compressionLevel: 9, effort: 10 }).toBuffer();

  // 1. Clean: 150 dpi, as a good scanner sends it.
  await write('clean.png', 'clean 150 dpi scan', LETTER, await png(raw(await render([LETTER], 150)), 150));

  // 2. Skewed 3.2° clockwise.
  {
    const g = await toGrey(raw(await render([MEMO], 150)).rotate(3.2, { background: '#ffffff' }));
    await write('skew-3.2.png', 'turned 3.2° clockwise', MEMO, await png(raw(g), 150));
  }

  // 3. Skewed 1.3° counter-clockwise at 200 dpi.
  {
    const g = await toGrey(raw(await render([SHORT], 200)).rotate(-1.3, { background: '#ffffff' }));
    await write('skew-minus-1.3.png', 'turned 1.3° counter-clockwise', SHORT, await png(raw(g), 200, 8));
  }

  // 4. Fax: 200 × 100 dpi (every other line), 1 bit, speckle, 1° skew, stretched back to square pixels;
  // and the same fax as a fax machine files it: a G4 TIFF of 200 × 100 dpi, its pixels twice as tall as wide.
  {
    let g = await toGrey(raw(await render([LETTER], 200)).rotate(1, { background: '#ffffff' }));
    g = await toGrey(raw(g).resize(g.width, Math.round(g.height / 2), { kernel: 'nearest', fit: 'fill' }).threshold(150));
    speckle(g, random(4), 1500);
    const tiff = await raw(g).threshold(128).toColourspace('b-w').tiff({ compression: 'ccittfax4', bitdepth: 1, xres: 200 / 25.4, yres: 100 / 25.4, resolutionUnit: 'inch' }).toBuffer();
    g = await toGrey(raw(g).resize(g.width, g.height * 2, { kernel: 'nearest', fit: 'fill' }));
    await write('fax.png', 'fax: 200×100 dpi, 1 bit, speckle, 1° skew', LETTER, await png(raw(g), 200, 2));
    await write('fax-200x100.tif', 'fax as a G4 TIFF of 200×100 dpi (pixels twice as tall as wide)', LETTER, tiff);
  }

  // 5. Grey ink on yellowed paper, speckle, 2° skew, a quality-35 JPEG inside a PDF (150 dpi).
  {
    const g = await toGrey(raw(await render([MEMO], 150)).rotate(2, { background: '#ffffff' }));
    tone(g, random(5), 95, 215, 10);
    speckle(g, random(55), 900);
    const jpeg = await raw(g).jpeg({ quality: 35 }).toBuffer();
    const pdf = await PDFDocument.create();
    const img = await pdf.embedJpg(jpeg);
    const page = pdf.addPage([(g.width * 72) / 150, (g.height * 72) / 150]);
    page.drawImage(img, { x: 0, y: 0, width: page.getWidth(), height: page.getHeight() });
    // Fixed dates: the same bytes every run.
    pdf.setCreationDate(new Date('2026-01-05T09:00:00Z'));
    pdf.setModificationDate(new Date('2026-01-05T09:00:00Z'));
    await write('jpeg35.pdf', 'grey ink on yellowed paper, speckle, 2° skew, JPEG q35 in a PDF', MEMO, Buffer.from(await pdf.save({ useObjectStreams: false })));
  }

  // 6. 100 dpi: small text for OCR.
  await write('lowres-100dpi.png', '100 dpi', SHORT, await png(raw(await render([SHORT], 100)), 100));

  // 7. Upside down (a page fed the wrong way through the scanner).
  await write('upside-down.png', 'upside down', LETTER, await png(raw(await render([LETTER], 150)).rotate(180), 150));

  // 8. A quarter turn (a landscape scan of a portrait page).
  await write('quarter-turn.png', 'turned 90° clockwise', SHORT, await png(raw(await render([SHORT], 150)).rotate(90), 150, 8));

  // 9. Two columns: read column by column.
  await write('two-columns.png', 'two columns', `${NEWS_LEFT}\n${NEWS_RIGHT}`, await png(raw(await render([NEWS_LEFT, NEWS_RIGHT], 150)), 150));

  // 10. A phone photo: 4° turn, sheared (taken at an angle), light falling off to one side, soft focus, JPEG.
  {
    let g = await render([MEMO], 150);
    g = await toGrey(raw(g).affine([[1, 0.035], [0.02, 1]], { background: '#ffffff' }).rotate(-4, { background: '#e0e0e0' }).blur(0.8));
    const rnd = random(10);
    for (let y = 0; y < g.height; y++) {
      for (let x = 0; x < g.width; x++) {
        const light = 0.55 + 0.4 * (x / g.width) + 0.05 * (1 - y / g.height);
        const i = y * g.width + x;
        g.data[i] = Math.max(0, Math.min(255, Math.round(g.data[i]! * light + 10 + (rnd() - 0.5) * 12)));
      }
    }
    await write('photo.jpg', 'phone photo: sheared, 4° turn, uneven light, soft, JPEG', MEMO, await raw(g).jpeg({ quality: 60 }).toBuffer());
  }

  engine.closeIdle();
  fs.rmSync(tmp, { recursive: true, force: true });
  return pages;
}

/** The pages and what is hard about each, as the benchmark lists them (read from the folder). */
export function hardPages(dir = HARD_PAGES_DIR): Array<{ file: string; truth: string }> {
  return fs.readdirSync(dir)
    .filter((n) => /\.(png|jpg|pdf|tif)$/.test(n))
    .sort()
    .map((n) => ({ file: path.join(dir, n), truth: fs.readFileSync(path.join(dir, n.replace(/\.\w+$/, '.txt')), 'utf8') }));
}

if (require.main === module) {
  const out = process.argv[2] ? path.resolve(process.argv[2]) : HARD_PAGES_DIR;
  fs.mkdirSync(out, { recursive: true });
  makePages(out).then((pages) => {
    let total = 0;
    for (const p of pages) {
      const size = fs.statSync(path.join(out, p.name)).size;
      total += size;
      console.log(`${p.name.padEnd(22)} ${String(Math.round(size / 1024)).padStart(4)} KB  ${p.what}`);
    }
    console.log(`${pages.length} pages, ${Math.round(total / 1024)} KB, in ${out}`);
    process.exit(0);
  }).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
