/**
 * Maps each media type `sniff.ts` can decide to the one extractor that reads it. The PDF extractor
 * is built elsewhere and passed in; the rest are built here with their share of the limits.
 * Limits not given fall back to the defaults below.
 */
import type { OcrPool } from '../ocr/ocr-pool';
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

export function createExtractorRegistry(deps: { ocr: OcrPool; pdf: Extractor; limits?: Partial<ExtractorLimits> }): ExtractorRegistry {
  const limits: ExtractorLimits = { ...DEFAULT_EXTRACTOR_LIMITS, ...deps.limits };
  const extractors = [
    deps.pdf,
    createImageExtractor({ ocr: deps.ocr, limits }),
    createEmailExtractor(limits),
    createOfficeExtractor(limits),
    createZipExtractor(limits),
  ];
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
