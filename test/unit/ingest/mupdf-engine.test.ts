import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { createMupdfEngine, EnginePassword, EngineRefused, type PdfEngine, type TextPage } from '../../../server/ingest/extractors/mupdf.engine';
import { boxesOf, decodeBoxes } from '../../../server/ingest/extractors/page-boxes';
import { createCpuSlots } from '../../../server/ingest/threads/cpu-slots';
import { scannedPdf } from '../../helpers/generated';
import { fixture } from '../../helpers/fixtures';
import { makePdf } from '../../helpers/pdf';
import { writeTemp } from '../../helpers/extraction';

/**
 * MuPDF in its threads: the text of generated PDFs with each character's box where pdf-lib drew
 * it, pages read in parallel across the pool, grayscale renders for OCR at a scan's own
 * resolution, and encrypted or broken files as typed errors.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kilde-mupdf-'));
const slots = createCpuSlots({ cores: 2 });
let engine: PdfEngine;
beforeAll(() => {
  engine = createMupdfEngine({ threads: 2, slots, stepTimeoutMs: 60_000, renderTimeoutMs: 60_000, heapMb: 512 });
});
afterAll(() => {
  engine.closeIdle();
  slots.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const write = (name: string, bytes: Buffer): string => writeTemp(dir, name, bytes);

async function readAll(file: string, pages: number[], password?: string): Promise<TextPage[]> {
  const out: TextPage[] = [];
  await engine.text(file, password, pages, (p) => out.push(p));
  return out.sort((a, b) => a.n - b.n);
}

describe('MuPDF engine', () => {
  test('warm — threads started before the first file — every pool thread starts, and a file is read after', async () => {
    const warmEngine = createMupdfEngine({ threads: 2, slots, stepTimeoutMs: 60_000, renderTimeoutMs: 60_000, heapMb: 512 });
    try {
      expect(await warmEngine.warm()).toBe(2);
      const file = write('warm.pdf', await makePdf(['Varm tråd læser brevet.']));
      const pages: TextPage[] = [];
      await warmEngine.text(file, undefined, [1], (p) => pages.push(p));
      expect(pages[0]!.text).toContain('Varm tråd');
    } finally {
      warmEngine.closeIdle();
    }
  });

  test('warm — after the engine was closed — keeps no thread', async () => {
    const closedEngine = createMupdfEngine({ threads: 2, slots, stepTimeoutMs: 60_000, renderTimeoutMs: 60_000, heapMb: 512 });
    closedEngine.closeIdle();
    expect(await closedEngine.warm()).toBe(0);
  });

  test('text and boxes — a line drawn at a known place — reads the words and boxes each letter where it was drawn', async () => {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    const page = pdf.addPage([600, 800]);
    page.drawText('Kære Søren Ågård', { x: 100, y: 700, size: 20, font });
    page.drawText('personfølsomme data', { x: 100, y: 400, size: 10, font });
    const file = write('boxes.pdf', Buffer.from(await pdf.save()));

    const [p] = await readAll(file, [1]);
    expect(p!.text).toBe('Kære Søren Ågård\npersonfølsomme data');
    const layout = decodeBoxes(p!.boxes!);
    expect(layout.width).toBeCloseTo(600, 0);
    expect(layout.height).toBeCloseTo(800, 0);
    // "Kære": starts at x = 100, baseline 700 pt from the bottom = 100 pt from the top.
    const [k] = boxesOf(layout, 0, 1);
    expect(k![0]).toBeGreaterThan(98);
    expect(k![0]).toBeLessThan(102);
    expect(k![3]).toBeGreaterThan(95); // the letter's bottom sits near the baseline (y = 100 from the top)
    expect(k![3]).toBeLessThan(106);
    // "Ågård" lies right of "Søren", on the same line; the second line is lower down the page.
    const start = p!.text.indexOf('Ågård');
    const [aagaard] = boxesOf(layout, start, start + 5);
    const [soeren] = boxesOf(layout, start - 6, start - 1);
    expect(aagaard![0]).toBeGreaterThan(soeren![2]);
    expect(aagaard![1]).toBeCloseTo(soeren![1], 0);
    const second = p!.text.indexOf('data');
    const [data] = boxesOf(layout, second, second + 4);
    expect(data![1]).toBeGreaterThan(385); // 10 pt letters on a baseline 400 pt from the top
    expect(data![1]).toBeLessThan(400);
    expect(data![3]).toBeGreaterThan(398);
    expect(data![3]).toBeLessThan(406);
    // Every character of the page text, but the newline, has a box.
    const covered = layout.lines.reduce((n, l) => n + l.boxes.length / 4, 0);
    expect(covered).toBe(p!.text.length - 1);
  });

  test('page-parallel — 24 pages — every page once, in any order, each with its own text', async () => {
    const file = write('many.pdf', await makePdf(Array.from({ length: 24 }, (_, i) => `Dette er side nummer ${i + 1} af aktindsigten`)));
    const info = await engine.open(file, undefined);
    expect(info.total).toBe(24);
    const pages = await readAll(file, Array.from({ length: 24 }, (_, i) => i + 1));
    expect(pages.map((p) => p.n)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    for (const p of pages) expect(p.text).toContain(`side nummer ${p.n} af`);
  });

  test('render for OCR — a 200-dpi scan — is a grayscale PGM at the scan\'s own resolution', async () => {
    const file = write('scan.pdf', await scannedPdf([['Side et af brevet fra kommunen']]));
    const shot = await engine.render(file, undefined, 1, { dpi: 'scan', gray: true, maxPixels: 25_000_000 });
    expect(Buffer.from(shot.data.subarray(0, 2)).toString('latin1')).toBe('P5');
    const header = `P5\n${shot.width} ${shot.height}\n255\n`;
    expect(shot.data.length).toBe(header.length + shot.width * shot.height);
    expect(shot.dpi).toBeGreaterThanOrEqual(150);
    expect(shot.dpi).toBeLessThanOrEqual(300);
    const color = await engine.render(file, undefined, 1, { dpi: 150, gray: false, maxPixels: 25_000_000 });
    expect(Buffer.from(color.data.subarray(1, 4)).toString('latin1')).toBe('PNG');
  });

  test('password — an encrypted fixture — needs one, refuses a wrong one, reads with the right one', async () => {
    const encrypted = fixture('tricky/pdfjs-encrypted-password-aeoeaa.pdf');
    await expect(engine.open(encrypted, undefined)).rejects.toBeInstanceOf(EnginePassword);
    await expect(engine.open(encrypted, 'forkert')).rejects.toMatchObject({ wrong: true });
    const info = await engine.open(encrypted, 'æøå');
    expect(info.total).toBeGreaterThan(0);
  });

  test('broken — not a PDF at all — is refused with a typed error, and the thread reads the next file', async () => {
    const junk = write('junk.pdf', Buffer.from('this is not a pdf, only text pretending'));
    await expect(engine.open(junk, undefined)).rejects.toBeInstanceOf(EngineRefused);
    const ok = write('ok.pdf', await makePdf(['Et almindeligt brev om vejstøj og aktindsigt.']));
    expect((await readAll(ok, [1]))[0]!.text).toContain('vejstøj');
  });
});
