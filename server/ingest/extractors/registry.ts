/**
 * Maps each media type `sniff.ts` can decide to the one extractor that reads it. The PDF extractor
 * is built elsewhere and passed in (it runs pdf.js in reader threads of its own); the rest run in
 * extractor threads (extractor-threads.ts), which build them with
 * `createThreadExtractors` and their share of the limits. Limits not given fall back to the defaults below.
 */
import type { OcrPool } from '../ocr/ocr-pool';
import { createExtractorThreads, DEFAULT_EXTRACTOR_THREADS, type ExtractorThreadOptions } from './extractor-threads';
import { createEmailExtractor, type EmailLimits } from './email.extractor';
import type { Extractor } from './extractor';
import { createImageExtractor, type ImageLimits } from './image.extractor';
import { createOfficeExtractor, type OfficeLimits } from './office.extractor';
import { createZipExtractor } from './zip.extractor';

export type ExtractorLimits = ImageLimits & EmailLimits & OfficeLimits;

const MiB = 1024 * 1024;

export const DEFAULT_EXTRACTOR_LIMITS: Readonly<ExtractorLimits> = Object.freeze({
  maxImageFrames: 500,
  maxImagePixels: 40_000_000, // an A4 page scanned at 600 dpi is ~35 MP
  maxAttachments: 500,
  maxAttachmentBytes: 100 * MiB,
  maxMboxMessages: 10_000,
  maxZipEntries: 10_000,
  maxZipTotalBytes: 2 * 1024 * MiB,
  maxZipRatio: 100,
  zipRatioFloorBytes: 1 * MiB,
  maxTextBytes: 64 * MiB,
});

export interface ExtractorRegistry {
  /** The extractor for a sniffed media type, or null when Kilde cannot read that type. */
  forType(mediaType: string): Extractor | null;
  readonly mediaTypes: readonly string[];
}

/** The extractors that run inside an extractor thread (in the thread, `ocr` asks the main side's pool). */
export function createThreadExtractors(deps: { ocr: OcrPool; limits: ExtractorLimits }): Extractor[] {
  return [createImageExtractor(deps), createEmailExtractor(deps.limits), createOfficeExtractor(deps.limits), createZipExtractor(deps.limits)];
}

export function createExtractorRegistry(deps: {
  ocr: OcrPool;
  pdf: Extractor;
  limits?: Partial<ExtractorLimits>;
  /** Pool size, deadline and memory cap of the extractor threads (from the config). */
  threads?: Partial<ExtractorThreadOptions>;
}): ExtractorRegistry {
  const limits: ExtractorLimits = { ...DEFAULT_EXTRACTOR_LIMITS, ...deps.limits };
  const threads = createExtractorThreads({ ocr: deps.ocr, limits, options: { ...DEFAULT_EXTRACTOR_THREADS, ...deps.threads } });
  const extractors = [deps.pdf, ...createThreadExtractors({ ocr: deps.ocr, limits }).map((e) => threads.extractor(e.mediaTypes))];
  const byType = new Map<string, Extractor>();
  for (const extractor of extractors) {
    for (const type of extractor.mediaTypes) {
      if (byType.has(type)) throw new Error(`Two extractors claim ${type}`);
      byType.set(type, extractor);
    }
  }
  return {
    forType: (mediaType) => byType.get(mediaType) ?? null,
    mediaTypes: [...byType.keys()],
  };
}
