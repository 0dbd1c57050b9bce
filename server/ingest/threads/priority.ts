import fs from 'node:fs';
import os from 'node:os';
import { isMainThread } from 'node:worker_threads';

/**
 * Extraction runs below the web server: each extraction thread lowers its own OS scheduling
 * priority, so when it competes with the thread that answers HTTP the kernel lets HTTP go first.
 * On Linux a thread has a task id of its own (`/proc/thread-self` → "<pid>/task/<tid>") whose nice
 * value `os.setPriority` can raise without touching the rest of the process. Elsewhere (no
 * `/proc`) nothing happens: the CPU slots (cpu-slots.ts) still keep a core free.
 */
export const EXTRACTION_NICE = 10;

/** Lowers the calling worker thread's priority; true when it took effect. Never the main thread. */
export function lowerThreadPriority(nice = EXTRACTION_NICE): boolean {
  if (isMainThread) return false;
  try {
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    os.setPriority(tid, nice);
    return true;
  } catch {
    return false;
  }
}

/**
 * The same, as source for threads that run plain JavaScript (the pdf.js reader): keep it in step
 * with `lowerThreadPriority`.
 */
export const LOWER_PRIORITY_SOURCE = `
try {
  const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(tid) && tid > 0) require('node:os').setPriority(tid, ${EXTRACTION_NICE});
} catch {}
`;
