/** The messages between the main side (extractor-threads.ts) and an extractor thread (extractor-host.ts). */
import type { ExtractionContext, ExtractionMethod } from './extractor';
import type { OcrResult } from '../ocr/ocr-pool';

/** What of the extraction context crosses to the thread (the signal and callback stay on the main side). */
export type PortableContext = Pick<ExtractionContext, 'path' | 'mediaType' | 'filename' | 'password' | 'workDir'>;

export interface ExtractRequest {
  op: 'extract';
  id: number;
  ctx: PortableContext;
}

export type HostEvent =
  | { type: 'progress'; done: number; total: number; method: ExtractionMethod }
  | { type: 'ocr'; rid: number; image: Uint8Array };

export type OcrReply = { op: 'ocr-reply'; rid: number; result: OcrResult } | { op: 'ocr-reply'; rid: number; error: string };
