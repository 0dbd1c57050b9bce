/**
 * The thread that does the per-pixel work of preparing pages for OCR (measure.ts): projection
 * profiles, histograms and dividing out the paper's background are loops over pixels, kept off the
 * main thread. Started by ocr-prep.ts through ../threads/thread.ts.
 */
import { parentPort } from 'node:worker_threads';
import { lowerThreadPriority } from '../threads/priority';
import { divideBackground, measurePage } from './measure';

type Request =
  | { id: number; op: 'measure'; data: Uint8Array; width: number; height: number; unflattened: Uint8Array }
  | { id: number; op: 'divide'; data: Uint8Array; width: number; height: number; bg: Uint8Array; bw: number; bh: number };

lowerThreadPriority();
const port = parentPort!;
port.on('message', (m: Request) => {
  try {
    if (m.op === 'measure') port.postMessage({ id: m.id, reply: measurePage(m.data, m.width, m.height, m.unflattened) });
    else {
      const out = divideBackground(m.data, m.width, m.height, m.bg, m.bw, m.bh);
      port.postMessage({ id: m.id, reply: out }, [out.buffer as ArrayBuffer]);
    }
  } catch (e) {
    port.postMessage({ id: m.id, error: { name: 'Error', message: String((e as Error)?.message ?? e) } });
  }
});
