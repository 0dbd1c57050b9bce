import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createOcrPool, type OcrPool } from '../../../server/ingest/ocr/ocr-pool';
import { createImageExtractor, imageSize, type ImageLimits } from '../../../server/ingest/extractors/image.extractor';
import type { ExtractionContext, ExtractionMethod } from '../../../server/ingest/extractors/extractor';
import { sniffType } from '../../../server/ingest/sniff';
import { fixture } from '../../helpers/fixtures';

const LIMITS: ImageLimits = { maxImageFrames: 500, maxImagePixels: 40_000_000 };

/** "Kilde reads WebP images", drawn for this test (PDF text rendered to PNG, then cwebp -lossless). */
const KILDE_WEBP = Buffer.from([
  'UklGRjIKAABXRUJQVlA4TCUKAAAvV8ITAIU39v9XqfH/736Ja3NlhYQLhISEEEIIIaywCs1SWUXCtPRdd3f3U872Te1dod51',
  '79btbTXq1L1N4+/Ghcq2wzDYPJM5r9frnELTaVbejei/REmy47bpl1OSUeB74AGQ+gH53Spe+O+F/17478Xd5gMQMDkIwMGn',
  '0xcAVD9FHgGw+DneGbT4yDSC4cqtdu8ckG2lpa+7uFxaWvjU2llamvFkilDDUp2HWZosALq4qi4tHeDqFwwRk9luzll3B98r',
  'vvkc6Zpl9YMEy5rn2GQNgO6WVbkA/E5HOpgpI97xtEbxk1lkFUOGZa02jM0PNDOtvrS3vhIPsc/VXsvyQwsrEiNygUkBN22h',
  '7PnyxeOQLVrcyGdBg4hsgPHPGCKHILFGtOgFXBYtlnNCxDO3+A5sbStyoHuti0mw7rnVmSzfWqUD4fLVwWeOUCIc1jx+CViu',
  '659a1wTkQgz86iK4dmv4edXOhOR9YohnDhkOC/WrQD6Dfvo4jB0vTUGGwWcefuQ51fKY7PPyLLMO8jTTqIDYKu16jf80jW+B',
  'wHOx+lm0uSOKuQDUGgWXdU5P9X9516Rh29jc+Mw2Zec8zRd7SP2mPu8AB2980T4z/oPh60P6dePqMa0SE3PHbKo1uLWwIDGr',
  '25qQwYGSj5Miff31iqvrwA316iA7X1rAbtUs7rplwuz2En9qepflIS+WA5XuCdNbqllVnPyRdUFEQsvbJb8+VM31o81T/Klx',
  '7/T75aFy0tYLkpI366I2ha/2VJBLZcWpsVm9l54IR2fBYQwOiOo/lpXm4n8tIN5f+NLrJ3TX2xA7bMGMj2FGnRfBwShhx9Fy',
  '+oIRceSc0Y9NscPKpvUA/zXN9iRIb9uSdpWq0BjoNbNseDwMFbfIg/WKiyyUWTBTlVss7pkwOJYRW+iPg4+uerAIfLXmie5Y',
  'k6o+APh2yqOOKLHGmWPEQ9cZc4YlkrHfYSzIS6si+lhWrZfN/8FHQemC8VnQ4kE0drctM+rN49LsbhYsDog8mvPmBNX1N8m9',
  '7BybfobxZvfunI/4+3vrLl1Z7gOW1Du9zCfhnGM6Rcqh+FwhHwUUB3wkbaoXudqnt18xj2Rl7N/pTK6rBTBCa/WwVECzsDKk',
  '+FLcM6GblDn/scjjuZB931W4CPqJOR5EaHn7vP2ea+cWQNz94f6d184vhrhbIltIOe50sHIM8ecizAUh33NBdsNaJz/B6XAz',
  'CrvYjJ9FvBtpWP2ciqK+HWjrmSWwxX1YpOYoo7YfDFf7csVHXr3iotYR+EE5fWXDdqUnoUIcNUl8rnbtdkyu90Z7J9VIMA4u',
  'OVZwUjxkQmVIlw0TXa0BDnugtpRWXK1ePdI7T9ntZsHPjjVqD2tz6R/RSAUZSI7aj/qCaCwhhS71T+AyvPRAdTdGUQ6DRHUO',
  '2rjjv8qRqDmcFtELvzvi6L9FiwK1t+ugWOtJueImlOoTxQGuahLhUETgpVHKQOFXx4C0evGQCc1L97V9A2KuG1WfnQ58L55R',
  'IY5jwDb9bsgokavrHmldnA0PRRqpILmGw/13RXejL4Bxdd59B71Fi46KYbBa05ACV135go6zkNGgWQElYo4+UKe29K0moAjF',
  'kHhWPMdImB+xiw0RK6FPRDBuooiXTKi6GdP1i8IUH+0S72JrFZVAQPEY2rnOZ4+JNFJBusG6KP5jb08BRtd6NgTKdJ87GpLh',
  'qGjhh82uPtMner1EswtaKn7bunTaZMuyspQjTX0iGIZVjvLyOHip5FCdR+vVTZrOTfUU/lJApMI5KHvJhGqabjqMVbWyIzFl',
  'zrITYXkC+aIIop87G+ATpe39388ssSzLr6SrkQqyFui5JRC1G2ooBUbUeuWHn3Rljt9wi59cdVXMwyV8YZFgWSyGqBR5CJwy',
  '1F9xvwNAmlUe9OIGcF3COep4a6EMqtlUinjJhGqB7ivo5Ppj8gToqqoGv9Yn9XmAdZkYolykkQrSMAUgduCayii9bhaeBgyt',
  '8SgXVurmO24Bw2xTbHUfFvoldDPbGCGp6wHdDjwKO20rbgLnNPq6Wf2m7gCkfhUS98iHdXKRRfrF1XSRlu1ExEsmXNdjf4L8',
  'xtTDoNhsMeRsqqx3+q9otIIcGxsH4Jt8Jzqvm4VnAoNCjfjHmScbFvofQ8Ql1kBrbZfp4/kPJe6s7gbQNeRuIQyXZRxRVEB2',
  '+ApfRXjJhKc/mt5FiHcmHQaNWJDA1jHxQNbV6LzOH54F9K/2+vJc3RRHOAUqGsEKaO+mN6wVE/Xlnbpm5vtH12cAK9wdhoRQ',
  'n6Qah9LoxVVKq14y4fryNBjb9L6FcWLWuAV5tCwZRkbp+5LhOUCfoMcf66XrpEy3hsNPutqNG+97dBYS6nSnNu4TaWWqds8I',
  'tx+rwlF3J2h6cnW4u9okKFdaFbXRXwal14uIl0youus6wC9Nbxos0nyjaKSC3H1oesg3IVrf7w7PA3pWeVs3891XVfoUO6CT',
  'rpykkEfhIjigCefzg3LltkmTrVoHrcPajSTFBb7RnIch4h6joCUbNCuhfdwkifCYiX3w0kPVLYi53vTmQ6mmRNFIBUnpqac+',
  'hbhw1H7uayHQLeBtnX+mahqKhg6GI151MYvFI9kDnetVW0i6ryyXD1ZVoApm60ueNX5Nu7BhVX+pBxsAbmmugLaDeMzEPmCO',
  'YfxNlKa3Hd4MqIM3WdFIBUmJu68/RkTnKP6c6mKg82Nv9yUXObffyvTbbzffJvWA4+5Q8qo8k8Uw0dmI8NZ4/ikiV+NgVsAZ',
  'q5lApXZfMvG/dSLX+me+o2J+rbJB7Um57cEtoMDQi5bAPacPHjKhyWfhY+WuIdn3nwK1edDnesS1dijMBXlzgueCpND3gbIR',
  'U2F3NHXdtgdCom1rU7alQGHn3P5pUNLFb2fCJPt7uaw8LlAU61s5H/rZdq3c6gjtZpUNS6BrpRittsdDlm3bj5Ul2QRSxy+w',
  '80lYpx45kyC1x9hC+rWBcbbTmfIkSG/XiszjxWDZc1tA1uRFs4a8xHsnxUsUwCKD2cYZiWsmgrbdFxYv88UW6c9RVNh2G3U9',
  '9oonS9WE/a2HmrfLst22IMO2z8ke24Zk297YCmLbj+3mazEGetqzRQwFyTyuPWDioSC9IGHE/Hnj04hfF6W/B2RYCfAQPUSq',
  'l3VKS/5kxjnT403h3ZNbJSZ+NGlXWMzGm1ZblaPFt13efCmz2ze3DQ95tU6K/2DcrnAfw5d6bi/IS8xo++U9iYAuDceW9H0v',
  'Pj57yNoq8WQRHDGogK9FC3MmjN8vOzvtk6S0zstDLt8DOu7xi0YucUS+QI098iNqLK9a3j099u3+q4PfAWSJqAVJKVpyR8rU',
  'hHgpyOVfRrRKeun17t/ckt9nohTOye9S0QMe/o7keK6+gFOVQFv5HclBLM0y+M/vS1jToKwLxjGk4fckx2PgsylL/lEIk4Ly',
  'u1LcWWe1Tn8prWjmafndKl7474X/XnhPAAA=',
].join(''), 'base64');

let dir: string;
let ocr: OcrPool;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kilde-img-'));
  ocr = createOcrPool({ workers: 2, langs: 'dan+eng', cacheDir: dir });
});
afterAll(async () => {
  await ocr.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** An OCR pool that must not be reached: the file has to be refused before any OCR. */
const noOcr: OcrPool = { recognize: () => Promise.reject(new Error('OCR must not run')), close: async () => {} };

function context(file: string, progress: [number, number, ExtractionMethod][] = []): ExtractionContext {
  const head = fs.readFileSync(file).subarray(0, 64 * 1024);
  const mediaType = sniffType(head, path.basename(file))?.mediaType ?? 'application/octet-stream';
  return { path: file, mediaType, filename: path.basename(file), onProgress: (d, t, m) => progress.push([d, t, m]), signal: new AbortController().signal };
}

function writeTemp(name: string, bytes: Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

describe('image extractor', () => {
  test('image extractor — tesseract phototest TIFF — returns one OCR page with its words and a confidence', async () => {
    const progress: [number, number, ExtractionMethod][] = [];
    const out = await createImageExtractor({ ocr, limits: LIMITS }).extract(context(fixture('images/tess-phototest.tif'), progress));
    if (out.kind !== 'ok') throw new Error(out.reason);
    expect(out.pages).toHaveLength(1);
    expect(out.pages[0]).toMatchObject({ number: 1, method: 'ocr' });
    expect(out.pages[0]?.text).toMatch(/quick brown dog jumped over the\s+lazy fox/);
    expect(out.pages[0]?.confidence).toBeGreaterThan(0);
    expect(progress).toEqual([[1, 1, 'ocr']]);
  });

  test('image extractor — ten-frame TIFF with JPEG compression — returns ten pages in order and reports each', async () => {
    const progress: [number, number, ExtractionMethod][] = [];
    const out = await createImageExtractor({ ocr, limits: LIMITS }).extract(context(fixture('images/aleph-multipage-tiff-10-frames.tif'), progress));
    if (out.kind !== 'ok') throw new Error(out.reason);
    expect(out.pages.map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const page of out.pages) expect(page.text).toMatch(/Multipage\s+TIFF\s+Example/);
    expect(out.pages[0]?.text).toMatch(/Page 1$/);
    expect(progress.at(-1)).toEqual([10, 10, 'ocr']);
    expect(progress).toHaveLength(10);
  });

  test('image extractor — JPEG of a CPR-like number — reads the number', async () => {
    const out = await createImageExtractor({ ocr, limits: LIMITS }).extract(context(fixture('images/os2ds-cpr.jpg')));
    if (out.kind !== 'ok') throw new Error(out.reason);
    expect(out.pages[0]?.text).toContain('131016-9996');
  });

  test('image extractor — WebP image — reads its text', async () => {
    const out = await createImageExtractor({ ocr, limits: LIMITS }).extract(context(writeTemp('kilde.webp', KILDE_WEBP)));
    if (out.kind !== 'ok') throw new Error(out.reason);
    expect(out.pages[0]?.text).toBe('Kilde reads WebP images');
  });

  test('image extractor — PNG truncated at 4 KiB — fails with a reason instead of throwing', async () => {
    const out = await createImageExtractor({ ocr, limits: LIMITS }).extract(context(fixture('tricky/os2ds-cpr-truncated.png')));
    expect(out).toEqual({ kind: 'failed', reason: expect.stringMatching(/damaged or truncated/) });
  });

  test('image extractor — PNG header declaring 100000×100000 pixels — is refused before any decoding', async () => {
    const ihdr = Buffer.alloc(25);
    ihdr.writeUInt32BE(13, 0);
    ihdr.write('IHDR', 4, 'latin1');
    ihdr.writeUInt32BE(100_000, 8);
    ihdr.writeUInt32BE(100_000, 12);
    ihdr[16] = 8;
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), ihdr, Buffer.alloc(64)]);
    const out = await createImageExtractor({ ocr: noOcr, limits: LIMITS }).extract(context(writeTemp('bomb.png', png)));
    expect(out).toEqual({ kind: 'failed', reason: expect.stringMatching(/100000×100000 pixels/) });
  });

  test('image extractor — TIFF whose page list loops back on itself — fails instead of hanging', async () => {
    const tiff = Buffer.alloc(8 + 2 + 12 + 4);
    tiff.write('II', 0, 'latin1');
    tiff.writeUInt16LE(42, 2);
    tiff.writeUInt32LE(8, 4);
    tiff.writeUInt16LE(1, 8); // one tag: ImageWidth = 10
    tiff.writeUInt16LE(256, 10);
    tiff.writeUInt16LE(3, 12);
    tiff.writeUInt32LE(1, 14);
    tiff.writeUInt16LE(10, 18);
    tiff.writeUInt32LE(8, 22); // next directory: itself
    const out = await createImageExtractor({ ocr: noOcr, limits: LIMITS }).extract(context(writeTemp('loop.tif', tiff)));
    expect(out).toEqual({ kind: 'failed', reason: expect.stringMatching(/damaged/) });
  });

  test('image extractor — TIFF with more frames than the limit — is refused before any OCR', async () => {
    const extractor = createImageExtractor({ ocr: noOcr, limits: { ...LIMITS, maxImageFrames: 3 } });
    const out = await extractor.extract(context(fixture('images/aleph-multipage-tiff-10-frames.tif')));
    expect(out).toEqual({ kind: 'failed', reason: expect.stringMatching(/at most 3/) });
  });

  test('image size — every PNG, JPEG and WebP header in the corpus — gives the dimensions SOURCES.md lists', () => {
    const expected: Record<string, [number, number]> = {
      'images/ocrmypdf-baiona.png': [640, 682],
      'images/ocrmypdf-crom.png': [400, 50],
      'images/ocrmypdf-linn.png': [2550, 3300],
      'images/ocrmypdf-typewriter.png': [4000, 2864],
      'images/os2ds-cpr.jpg': [896, 896],
      'images/os2ds-cpr.png': [896, 896],
      'images/os2ds-dk-passport-specimen-Hanne_Kristine.png': [1040, 731], // a JPEG named .png
      'images/os2ds-us-passport-specimen.jpg': [588, 401],
      'images/tess-hebtypo.jpg': [847, 1629],
      'images/tess-phototest-rotated-L.png': [480, 640],
    };
    for (const [file, [width, height]] of Object.entries(expected)) {
      const bytes = fs.readFileSync(fixture(file));
      const type = sniffType(bytes.subarray(0, 65536), file)!.mediaType;
      expect([file, imageSize(bytes, type)]).toEqual([file, { width, height }]);
    }
    expect(imageSize(KILDE_WEBP, 'image/webp')).toEqual({ width: 600, height: 80 });
  });
});
