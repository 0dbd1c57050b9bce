import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createNativeOcr, findNativeTesseract, nativeTessdata } from '../../../server/ingest/ocr/native-ocr';
import { parseTsvLayout } from '../../../server/ingest/ocr/tsv';
import { startTesseractStream } from '../../../server/ingest/ocr/tesseract-stream';
import { createProgramRunner } from '../../../server/ingest/threads/program-runner';
import sharp from 'sharp';
import { textImage } from '../../helpers/generated';

/**
 * A tesseract program kept running, fed page after page: first against a stand-in program that
 * speaks its protocol (so the reading of its output in pieces, a program that dies, a deadline and
 * an abort are tested on every machine), then against the real program when the machine has it:
 * pages read one after another are read exactly as one-off programs read them.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kilde-tess-stream-'));
const runner = createProgramRunner();
afterAll(() => {
  runner.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const blank = path.join(dir, 'blank.pgm');
fs.writeFileSync(blank, Buffer.concat([Buffer.from('P5\n8 8\n255\n', 'latin1'), Buffer.alloc(64, 255)]));
const page = (name: string, content: string | Buffer) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
};

/**
 * Stands in for `tesseract stdin stdout … -c stream_filelist=true`: for each file named on stdin, a
 * page row and a word row holding the file's text, each row written in two pieces 10 ms apart. A
 * file holding "die" ends it (code 3); "hang" is never answered.
 */
const standIn = page('stand-in-tesseract', `#!${process.execPath}
const fs = require('fs');
let n = 0;
let hung = false;
const out = (s) => { fs.writeSync(1, s.slice(0, 3)); Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10); fs.writeSync(1, s.slice(3)); };
out('level\\tpage_num\\tblock_num\\tpar_num\\tline_num\\tword_num\\tleft\\ttop\\twidth\\theight\\tconf\\ttext\\n');
require('readline').createInterface({ input: process.stdin }).on('line', (file) => {
  if (hung) return;
  n++;
  const text = fs.readFileSync(file, 'latin1').startsWith('P5') ? '' : fs.readFileSync(file, 'utf8').trim();
  if (text === 'die') { process.stderr.write('Page ' + n + '\\nImage file ' + file + ' cannot be read!\\n'); process.exit(3); }
  if (text === 'hang') return void (hung = true);
  out('1\\t' + n + '\\t0\\t0\\t0\\t0\\t0\\t0\\t100\\t100\\t-1\\t\\n');
  if (text) out('5\\t' + n + '\\t1\\t1\\t1\\t1\\t0\\t0\\t10\\t10\\t91\\t' + text + '\\n');
});
`);
fs.chmodSync(standIn, 0o755);
const opts = { timeoutMs: 20_000, onTimeout: () => new Error('too slow') };
const words = (tsv: string) => parseTsvLayout(tsv).text.trim();

describe('a tesseract program kept running (a stand-in speaking its protocol)', () => {
  test('pages one after another — each gets its own rows, pieces of output joined; the program stays up between them', async () => {
    const s = startTesseractStream({ runner, bin: standIn, args: [], sentinel: blank });
    try {
      expect(words(await s.read(page('a.page', 'Kære Søren'), opts))).toBe('Kære Søren');
      expect(words(await s.read(page('b.page', 'aktindsigt'), opts))).toBe('aktindsigt');
      expect(words(await s.read(page('c.page', ''), opts))).toBe('');
      expect(words(await s.read(page('d.page', 'Hilsen'), opts))).toBe('Hilsen');
      expect(s.pages).toBe(4);
      expect(s.alive).toBe(true);
    } finally {
      s.close();
    }
  });

  test('one page at a time: a second read while one is out is refused; a name with a line break is refused', async () => {
    const s = startTesseractStream({ runner, bin: standIn, args: [], sentinel: blank });
    try {
      const first = s.read(page('e.page', 'først'), opts);
      await expect(s.read(page('f.page', 'anden'), opts)).rejects.toThrow(/one page at a time/);
      expect(words(await first)).toBe('først');
      await expect(s.read(path.join(dir, 'x\ny.page'), opts)).rejects.toThrow(/line break/);
      expect(s.alive).toBe(true);
    } finally {
      s.close();
    }
  });

  test('a program that dies on a page — that page fails with its exit code and last words; the program takes no more', async () => {
    const s = startTesseractStream({ runner, bin: standIn, args: [], sentinel: blank });
    expect(words(await s.read(page('g.page', 'levende'), opts))).toBe('levende');
    await expect(s.read(page('h.page', 'die'), opts)).rejects.toThrow(/OCR failed: tesseract exited 3: Image file .*h\.page cannot be read!/);
    expect(s.alive).toBe(false);
    await expect(s.read(page('i.page', 'igen'), opts)).rejects.toThrow(/stopped/);
  });

  test('a deadline or an abort — the page fails with the error asked for, the program is stopped', async () => {
    const late = startTesseractStream({ runner, bin: standIn, args: [], sentinel: blank });
    await expect(late.read(page('j.page', 'hang'), { timeoutMs: 300, onTimeout: () => new Error('OCR took longer than 0.3 s') })).rejects.toThrow('OCR took longer than 0.3 s');
    expect(late.alive).toBe(false);
    const ac = new AbortController();
    const aborted = startTesseractStream({ runner, bin: standIn, args: [], sentinel: blank });
    const reading = aborted.read(page('k.page', 'hang'), { ...opts, signal: ac.signal });
    ac.abort(new Error('upload deleted'));
    await expect(reading).rejects.toThrow('upload deleted');
    expect(aborted.alive).toBe(false);
  });

  test('close — the page being read fails as closed, and nothing more is read', async () => {
    const s = startTesseractStream({ runner, bin: standIn, args: [], sentinel: blank });
    const reading = s.read(page('l.page', 'hang'), opts);
    s.close();
    await expect(reading).rejects.toThrow(/closed/);
    await expect(s.read(page('m.page', 'mere'), opts)).rejects.toThrow(/stopped/);
  });
});

describe('a tesseract program kept running (the real program)', () => {
  test('three pages through one program read exactly as three one-off programs read them; a page that is no image fails alone', async () => {
    const found = await findNativeTesseract();
    if (!found) return void console.log('skipped: the native tesseract program is not installed (apt-get install tesseract-ocr)');
    const tessdata = await nativeTessdata('dan+eng', dir);
    const args = ['--tessdata-dir', tessdata, '--oem', '1', '-l', 'dan+eng', '-c', 'tessedit_create_tsv=1', '-c', 'tessedit_create_txt=0'];
    const files = [
      page('p1.png', textImage(['Kommunen har modtaget jeres anmodning', 'om aktindsigt i sagen om vejstøj.']).png),
      page('p2.png', textImage(['Med venlig hilsen', 'Teknik og Miljø']).png),
      page('p3.png', textImage(['Kommunen har modtaget jeres anmodning', 'om aktindsigt i sagen om vejstøj.']).png),
    ];
    const s = startTesseractStream({ runner, bin: found.bin, args, sentinel: blank, env: { OMP_THREAD_LIMIT: '1' } });
    try {
      for (const file of files) {
        const once = await runner.run(found.bin, [file, 'stdout', ...args], { env: { OMP_THREAD_LIMIT: '1' }, timeoutMs: 60_000, onTimeout: () => new Error('too slow') });
        const streamed = await s.read(file, { timeoutMs: 60_000, onTimeout: () => new Error('too slow') });
        expect(parseTsvLayout(streamed)).toEqual(parseTsvLayout(once.stdout.toString('utf8')));
        expect(parseTsvLayout(streamed).text).toMatch(/anmodning|hilsen/);
      }
      expect(s.pages).toBe(3);
      await expect(s.read(page('p4.page', 'not an image'), opts)).rejects.toThrow(/OCR failed: tesseract exited/);
      expect(s.alive).toBe(false);
    } finally {
      s.close();
    }
  }, 60_000);

  test('through the native OCR pool: a rendered grey page with its resolution reads as a one-off program told `--dpi` reads it, page after page', async () => {
    const found = await findNativeTesseract();
    if (!found) return void console.log('skipped: the native tesseract program is not installed (apt-get install tesseract-ocr)');
    // The fax fixture: tesseract reads it differently at each resolution, so a resolution lost on the way shows.
    const { data, info } = await sharp(path.join(__dirname, '../../fixtures/ocr-hard/fax.png')).greyscale().raw().toBuffer({ resolveWithObject: true });
    const pgm = Buffer.concat([Buffer.from(`P5\n${info.width} ${info.height}\n255\n`, 'latin1'), data]);
    const file = page('grey.pgm', pgm);
    const tessdata = await nativeTessdata('dan+eng', dir);
    const args = ['--tessdata-dir', tessdata, '--oem', '1', '-l', 'dan+eng', '-c', 'tessedit_create_tsv=1', '-c', 'tessedit_create_txt=0'];
    const ocr = createNativeOcr({ tesseract: found, workers: 1, langs: 'dan+eng', cacheDir: dir });
    try {
      for (const dpi of [300, 150]) {
        const once = await runner.run(found.bin, [file, 'stdout', ...args, '--dpi', String(dpi)], { env: { OMP_THREAD_LIMIT: '1' }, timeoutMs: 60_000, onTimeout: () => new Error('too slow') });
        expect(await ocr.recognize(pgm, { dpi })).toEqual(parseTsvLayout(once.stdout.toString('utf8')));
      }
    } finally {
      await ocr.close();
    }
  }, 120_000);

  test('through the native OCR pool: one program reads page after page; one that read its share is replaced; one left idle ends', async () => {
    const found = await findNativeTesseract();
    if (!found) return void console.log('skipped: the native tesseract program is not installed (apt-get install tesseract-ocr)');
    if (!fs.existsSync('/proc/self/cmdline')) return void console.log('skipped: no /proc to list the running programs in');
    const cacheDir = path.join(dir, 'kept');
    /** The pool's programs kept running: the processes reading a page list with the models under `cacheDir`. */
    const kept = () => fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n)).flatMap((n) => {
      try {
        const args = fs.readFileSync(`/proc/${n}/cmdline`, 'utf8').split('\0');
        return args.includes('stream_filelist=true') && args.some((a) => a.startsWith(cacheDir)) ? [Number(n)] : [];
      } catch {
        return []; // ended while listed
      }
    });
    const until = async (done: () => boolean, ms: number) => {
      for (let i = 0; i < ms / 50 && !done(); i++) await new Promise((r) => setTimeout(r, 50));
      return done();
    };
    const ocr = createNativeOcr({ tesseract: found, workers: 1, langs: 'dan+eng', cacheDir, idleMs: 3000, renewAfter: 3 });
    const png = textImage(['Kommunen har modtaget jeres anmodning']).png;
    try {
      expect((await ocr.recognize(png)).text).toMatch(/anmodning/);
      const first = kept();
      expect(first).toHaveLength(1);
      await ocr.recognize(png);
      expect(kept()).toEqual(first);
      await ocr.recognize(png); // its third page: it ends at once, long before it would idle out
      expect(await until(() => kept().length === 0, 1000)).toBe(true);
      expect((await ocr.recognize(png)).text).toMatch(/anmodning/);
      const next = kept();
      expect(next).toHaveLength(1);
      expect(next).not.toEqual(first);
      await new Promise((r) => setTimeout(r, 1000));
      expect(kept()).toEqual(next); // still there a second later
      expect(await until(() => kept().length === 0, 10_000)).toBe(true); // idle for 3 s: ended
    } finally {
      await ocr.close();
    }
  }, 60_000);
});
