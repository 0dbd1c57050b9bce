import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { createZipExtractor, safeEntryPath, type ZipLimits } from '../../../server/ingest/extractors/zip.extractor';
import type { ExtractionContext, ExtractionOutcome } from '../../../server/ingest/extractors/extractor';
import { buildZip, deflatedZeros } from '../../helpers/zip';
import { fixture } from '../../helpers/fixtures';

const LIMITS: ZipLimits = { maxZipEntries: 10_000, maxZipTotalBytes: 2 * 1024 ** 3, maxZipRatio: 100, zipRatioFloorBytes: 1024 * 1024 };

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kilde-zip-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function ctxFor(file: string): ExtractionContext {
  return { path: file, mediaType: 'application/zip', filename: path.basename(file), onProgress: () => {}, signal: new AbortController().signal, workDir: fs.mkdtempSync(path.join(dir, 'work-')) };
}

async function extractZip(bytes: Buffer, limits: Partial<ZipLimits> = {}): Promise<ExtractionOutcome> {
  const file = path.join(dir, `${crypto.randomUUID()}.zip`);
  fs.writeFileSync(file, bytes);
  return createZipExtractor({ ...LIMITS, ...limits }).extract(ctxFor(file));
}

describe('zip extractor', () => {
  test('zip extractor — two files and a folder — returns two entry_of children and a page listing them', async () => {
    const zip = buildZip([
      { name: 'brev/', data: Buffer.alloc(0) },
      { name: 'brev/svar.txt', data: Buffer.from('Svar på aktindsigt\n'.repeat(50)), method: 'deflate' },
      { name: 'notat.txt', data: Buffer.from('Internt notat') },
    ]);
    const out = await extractZip(zip);
    if (out.kind !== 'ok') throw new Error(out.reason);
    expect(out.children?.map((c) => [c.filename, c.relation])).toEqual([['brev/svar.txt', 'entry_of'], ['notat.txt', 'entry_of']]);
    expect(out.children?.[0]?.bytes.toString()).toBe('Svar på aktindsigt\n'.repeat(50));
    expect(out.pages).toHaveLength(1);
    expect(out.pages[0]?.text).toContain('brev/svar.txt');
    expect(out.pages[0]?.text).toContain('notat.txt');
  });

  test('zip extractor — entry names with .. and absolute paths — returns sanitised relative names', async () => {
    const zip = buildZip([
      { name: '../../etc/passwd', data: Buffer.from('x') },
      { name: '/abs/x.txt', data: Buffer.from('y') },
      { name: 'C:\\win\\y.txt', data: Buffer.from('z') },
      { name: 'ok/./../z.txt', data: Buffer.from('w') },
      { name: '..', data: Buffer.from('v') },
    ]);
    const out = await extractZip(zip);
    if (out.kind !== 'ok') throw new Error(out.reason);
    expect(out.children?.map((c) => c.filename)).toEqual(['etc/passwd', 'abs/x.txt', 'win/y.txt', 'ok/z.txt', 'entry-5']);
    expect(safeEntryPath('a/\u0000b/c')).toBe('a/b/c');
  });

  test('zip extractor — one entry of 200 MB of zeros — is refused as a zip bomb with no children', async () => {
    const zip = buildZip([{ name: 'zeros.bin', deflated: await deflatedZeros(200 * 1024 * 1024) }]);
    const out = await extractZip(zip);
    expect(out).toEqual({ kind: 'failed', reason: expect.stringMatching(/zip bomb/) });
  });

  test('zip extractor — entry that declares 1 KB but inflates to 200 MB — is refused while streaming', async () => {
    const zip = buildZip([{ name: 'liar.bin', deflated: await deflatedZeros(200 * 1024 * 1024), declaredSize: 1000 }]);
    const out = await extractZip(zip);
    expect(out).toEqual({ kind: 'failed', reason: expect.stringMatching(/zip bomb.*liar\.bin/) });
  });

  test('zip extractor — contents over the configured total — is refused with the limit in the reason', async () => {
    const entries = [1, 2, 3].map((i) => ({ name: `r${i}.bin`, data: crypto.randomBytes(600 * 1024) }));
    const out = await extractZip(buildZip(entries), { maxZipTotalBytes: 1024 * 1024 });
    expect(out).toEqual({ kind: 'failed', reason: expect.stringContaining(String(1024 * 1024)) });
  });

  test('zip extractor — more entries than allowed — is refused', async () => {
    const entries = Array.from({ length: 12 }, (_, i) => ({ name: `f${i}.txt`, data: Buffer.from('x') }));
    const out = await extractZip(buildZip(entries), { maxZipEntries: 10 });
    expect(out).toEqual({ kind: 'failed', reason: expect.stringMatching(/12 entries/) });
  });

  test('zip extractor — encrypted entry — fails with a reason about the password', async () => {
    const out = await extractZip(buildZip([{ name: 'secret.txt', data: Buffer.from('hemmeligt'), encrypted: true }]));
    expect(out).toEqual({ kind: 'failed', reason: expect.stringMatching(/encrypted/) });
  });

  test('zip extractor — zip inside a zip — returns the inner zip as a child for the pipeline to recurse into', async () => {
    const inner = buildZip([{ name: 'a.txt', data: Buffer.from('a') }]);
    const out = await extractZip(buildZip([{ name: 'inner.zip', data: inner }]));
    if (out.kind !== 'ok') throw new Error(out.reason);
    expect(out.children?.[0]?.bytes.equals(inner)).toBe(true);
  });

  test('zip extractor — empty zip from the corpus (mammoth-empty.zip.docx) — returns no children and says it is empty', async () => {
    const out = await createZipExtractor(LIMITS).extract(ctxFor(fixture('tricky/mammoth-empty.zip.docx')));
    if (out.kind !== 'ok') throw new Error(out.reason);
    expect(out.children).toEqual([]);
    expect(out.pages[0]?.text).toMatch(/empty/i);
  });

  test('zip extractor — truncated zip — fails with a readable reason', async () => {
    const zip = buildZip([{ name: 'a.txt', data: Buffer.from('hello world'.repeat(100)), method: 'deflate' }]);
    const out = await extractZip(zip.subarray(0, zip.length - 30));
    expect(out).toEqual({ kind: 'failed', reason: expect.stringMatching(/zip/i) });
  });
});
