import fs from 'node:fs';
import path from 'node:path';
import type { ExtractionContext, ExtractionOutcome, ExtractionSuccess } from '../../server/ingest/extractors/extractor';

/** The success of an extraction, or the test fails with the outcome's reason. */
export function ok(out: ExtractionOutcome): ExtractionSuccess {
  if (out.kind !== 'ok') throw new Error(`${out.kind}: ${out.reason}`);
  return out;
}

/** Writes bytes to a file in a test's temp dir and returns its path. */
export function writeTemp(dir: string, name: string, bytes: Buffer | string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

/** What the pipeline hands a PDF extractor, for a file on disk; `extra` overrides (signal, progress). */
export function pdfContext(file: string, extra: Partial<ExtractionContext> = {}): ExtractionContext {
  return { path: file, mediaType: 'application/pdf', filename: path.basename(file), signal: new AbortController().signal, onProgress() {}, ...extra };
}
