import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createExtractorRegistry } from '../../../server/ingest/extractors/registry';
import type { Extractor } from '../../../server/ingest/extractors/extractor';
import type { OcrPool } from '../../../server/ingest/ocr/ocr-pool';
import { buildZip } from '../../helpers/zip';

const ocr: OcrPool = { recognize: () => Promise.reject(new Error('not in this test')), close: async () => {} };
const pdf: Extractor = { mediaTypes: ['application/pdf'], extract: async () => ({ kind: 'failed', reason: 'stub' }) };

/** Every media type sniff.ts can answer, read from its source so a new type cannot slip past. */
const SNIFFED = [...fs.readFileSync(path.resolve(__dirname, '../../../server/ingest/sniff.ts'), 'utf8').matchAll(/mediaType:\s*'([^']+)'/g)].map((m) => m[1]!);

describe('extractor registry', () => {
  test('extractor registry — every media type sniff.ts decides — has an extractor, PDF the one passed in', () => {
    const registry = createExtractorRegistry({ ocr, pdf });
    expect(SNIFFED.length).toBeGreaterThanOrEqual(14);
    for (const type of SNIFFED) expect([type, registry.forType(type)]).toEqual([type, expect.objectContaining({ extract: expect.any(Function) })]);
    expect(registry.forType('application/pdf')).toBe(pdf);
    expect(registry.forType('image/tiff')?.mediaTypes).toContain('image/webp');
    expect(registry.forType('application/x-msdownload')).toBeNull();
  });

  test('extractor registry — limits given — reach the extractors, the rest stay at their defaults', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kilde-registry-'));
    try {
      const file = path.join(dir, 'two.zip');
      fs.writeFileSync(file, buildZip([{ name: 'a.txt', data: Buffer.from('a') }, { name: 'b.txt', data: Buffer.from('b') }]));
      const ctx = { path: file, mediaType: 'application/zip', filename: 'two.zip', onProgress: () => {}, signal: new AbortController().signal, workDir: fs.mkdtempSync(path.join(dir, 'work-')) };
      expect((await createExtractorRegistry({ ocr, pdf, limits: { maxZipEntries: 1 } }).forType('application/zip')!.extract(ctx)).kind).toBe('failed');
      expect((await createExtractorRegistry({ ocr, pdf }).forType('application/zip')!.extract(ctx)).kind).toBe('ok');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
