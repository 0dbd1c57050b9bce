/**
 * The code of an extractor thread (started by extractor-threads.ts through thread.ts): builds the
 * in-thread extractors once and runs one extraction per `extract` request, one at a time. Progress
 * goes back as events; OCR is asked of the main side's OCR pool (its tesseract threads are shared
 * by the whole server) with an `ocr` event answered by an `ocr-reply` message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ExtractionMethod, Extractor } from './extractor';
import { createThreadExtractors, type ExtractorLimits } from './registry';
import type { OcrPool, OcrResult } from '../ocr/ocr-pool';
import type { ExtractRequest, HostEvent, OcrReply } from './extractor-protocol';

const port = parentPort!;
const { limits } = workerData as { limits: ExtractorLimits };

let current = 0; // the request being handled: OCR questions are asked on its behalf
let nextOcr = 0;
const ocrWaiting = new Map<number, { resolve(r: OcrResult): void; reject(e: Error): void }>();

const send = (id: number, event: HostEvent, transfer: ArrayBuffer[] = []) => port.postMessage({ id, event }, transfer);

const ocr: OcrPool = {
  recognize(image) {
    const rid = ++nextOcr;
    const copy = new Uint8Array(image); // a Buffer may share a pooled ArrayBuffer: transfer a copy
    return new Promise<OcrResult>((resolve, reject) => {
      ocrWaiting.set(rid, { resolve, reject });
      send(current, { type: 'ocr', rid, image: copy }, [copy.buffer]);
    });
  },
  close: async () => {},
};

const byType = new Map<string, Extractor>();
for (const extractor of createThreadExtractors({ ocr, limits })) for (const type of extractor.mediaTypes) byType.set(type, extractor);

async function extract(req: ExtractRequest): Promise<void> {
  current = req.id;
  try {
    const extractor = byType.get(req.ctx.mediaType);
    if (!extractor) throw new Error(`no extractor for ${req.ctx.mediaType} in the extractor thread`);
    const outcome = await extractor.extract({
      ...req.ctx,
      signal: new AbortController().signal, // the main side stops the whole thread instead
      onProgress: (done: number, total: number, method: ExtractionMethod) => send(req.id, { type: 'progress', done, total, method }),
    });
    port.postMessage({ id: req.id, reply: outcome }); // children's `bytes` is not enumerable: not posted
  } catch (err) {
    const e = err as Error;
    port.postMessage({ id: req.id, error: { name: String(e?.name ?? 'Error'), message: String(e?.message ?? e) } });
  }
}

let chain = Promise.resolve();
port.on('message', (m: ExtractRequest | OcrReply | { op: 'ping'; id: number }) => {
  if (m.op === 'ocr-reply') {
    const waiting = ocrWaiting.get(m.rid);
    ocrWaiting.delete(m.rid);
    if ('error' in m) waiting?.reject(new Error(m.error));
    else waiting?.resolve(m.result);
    return;
  }
  if (m.op === 'ping') return port.postMessage({ id: m.id, reply: 'ready' });
  chain = chain.then(() => extract(m));
});
