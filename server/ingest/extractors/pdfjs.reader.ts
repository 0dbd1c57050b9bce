import fs from 'node:fs';
import path from 'node:path';
import { LOWER_PRIORITY_SOURCE } from '../threads/priority';
import { spawnThread, ThreadError, type Thread } from '../threads/thread';
import { createThreadPool, type ThreadPool } from '../threads/thread-pool';
import type { ExtractionOutcome } from './extractor';

/**
 * pdf.js through pdf-parse v2 — the only file that refers to it. Kilde reads PDFs with MuPDF
 * (mupdf.engine.ts); pdf.js is the safety net for files MuPDF refuses or reads as empty, and the
 * reader when MuPDF is switched off (KILDE_PDF_ENGINE=pdfjs).
 *
 * pdf.js runs in reader threads (kept warm between files), never on the server's event loop: a
 * hostile PDF (a JBIG2 bomb in a content stream) keeps pdf.js busy for minutes and takes gigabytes,
 * and even a normal scan takes ~150 ms to render. Each step has a deadline; past it the thread is
 * stopped and the file reported as unreadable, so one file can neither hang nor stall the server.
 */
export type ReaderRequest =
  | { op: 'info' }
  | { op: 'text'; n: number }
  | { op: 'render'; n: number; dpi: number; maxPixels: number };

export interface ReaderReplies {
  info: { total: number; encrypted: boolean; info: Record<string, unknown> | null };
  text: { text: string };
  render: { png: Uint8Array | null; width: number; height: number };
}

/** The reader's own failures (deadline, thread died), already worded for people. */
export class ReaderStopped extends Error {}

/**
 * pdf.js skips drawing embedded images larger than this: an A3 page scanned at 600 dpi is ~70 MP and
 * must be drawn; a 35000×35000 image in an 11 KB file (1.2 gigapixels) is a bomb, not a page.
 */
const MAX_IMAGE_PIXELS = 100_000_000;
/** The reader's thread gets its own heap limit, so a runaway file ends that thread, not the server. */
const WORKER_HEAP_MB = 1536;

/**
 * The code of a reader thread (started by ../threads/thread.ts). It is plain JavaScript run with
 * `eval`, so it needs no build step and pdf-parse stays referred to from this file alone.
 * Messages are handled one at a time, in order: `open` a file, then `info`/`text`/`render`, `close`.
 */
const READER_SOURCE = `${LOWER_PRIORITY_SOURCE}
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { PDFParse } = require(workerData.lib);
let parser = null;
async function handle(m) {
  if (m.op === 'open') {
    parser = new PDFParse({
      data: new Uint8Array(fs.readFileSync(m.path)),
      password: m.password,
      verbosity: 0,
      maxImageSize: workerData.maxImagePixels,
      isEvalSupported: false,
      // Character maps (CJK fonts such as Identity-V) and the 14 standard fonts, from pdfjs-dist on disk.
      ...(workerData.pdfjsDir ? { cMapUrl: workerData.pdfjsDir + '/cmaps/', cMapPacked: true, standardFontDataUrl: workerData.pdfjsDir + '/standard_fonts/' } : {}),
    });
    return {};
  }
  if (m.op === 'close') {
    const p = parser;
    parser = null;
    if (p) await p.destroy();
    return {};
  }
  if (m.op === 'info') {
    const i = await parser.getInfo();
    const info = {};
    for (const [k, v] of Object.entries(i.info || {})) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') info[k] = v;
    return { total: i.total, encrypted: Boolean(i.info && i.info.EncryptFilterName), info };
  }
  if (m.op === 'text') {
    const r = await parser.getText({ partial: [m.n], pageJoiner: '' });
    return { text: r.getPageText(m.n) };
  }
  if (m.op === 'render') {
    const size = (await parser.getInfo({ parsePageInfo: true, partial: [m.n] })).pages[0];
    let scale = m.dpi / 72;
    if (size && size.width * size.height * scale * scale > m.maxPixels) scale = Math.sqrt(m.maxPixels / (size.width * size.height));
    const desiredWidth = size ? Math.max(1, Math.floor(size.width * scale)) : undefined;
    const shot = await parser.getScreenshot({ partial: [m.n], scale, desiredWidth, imageDataUrl: false, imageBuffer: true });
    const page = shot.pages[0];
    return page && page.data.length ? { png: page.data, width: Math.round(page.width), height: Math.round(page.height) } : { png: null, width: 0, height: 0 };
  }
  throw new Error('unknown request ' + m.op);
}
let chain = Promise.resolve();
parentPort.on('message', (m) => {
  chain = chain.then(() => handle(m)).then(
    (reply) => parentPort.postMessage({ id: m.id, reply }, reply && reply.png ? [reply.png.buffer] : []),
    (e) => parentPort.postMessage({ id: m.id, error: { name: String((e && e.name) || 'Error'), message: String((e && e.message) || e), code: e && (e.code ?? (e.cause && e.cause.code)) } }),
  );
});
`;

/** Warm threads kept between files (pdf.js takes ~0.2 s to load), and how long an unused one lives. */
const MAX_IDLE_READERS = 2;
const IDLE_READER_MS = 60_000;
let pdfParseEntry: string | null = null;
let pdfjsDir: string | null | undefined;

/** pdfjs-dist (pdf-parse's own dependency) ships the character maps and standard fonts pdf.js reads. */
function findPdfjsData(): string | null {
  try {
    return path.dirname(require.resolve('pdfjs-dist/package.json', { paths: [path.dirname(pdfParseEntry!)] }));
  } catch {
    return null;
  }
}

function spawnReader(): Thread {
  pdfParseEntry ??= require.resolve('pdf-parse');
  if (pdfjsDir === undefined) pdfjsDir = findPdfjsData();
  return spawnThread({
    code: { source: READER_SOURCE },
    workerData: { lib: pdfParseEntry, pdfjsDir, maxImagePixels: MAX_IMAGE_PIXELS },
    heapMb: WORKER_HEAP_MB,
    onDeath: ({ outOfMemory, message }) =>
      new ReaderStopped(outOfMemory ? 'The PDF needs more memory than Kilde gives one file.' : message === 'the thread exited' ? 'The PDF reader stopped unexpectedly.' : `The PDF reader stopped: ${message}`),
  });
}

function send<T>(thread: Thread, msg: Record<string, unknown>, timeoutMs: number, what: string): Promise<T> {
  return thread.call<T>(msg, {
    timeoutMs,
    onTimeout: () => new ReaderStopped(`Reading stopped: ${what} took longer than ${Math.round(timeoutMs / 1000)} s (the PDF may be damaged or built to exhaust readers).`),
  });
}

export interface Reader {
  call<K extends ReaderRequest['op']>(req: Extract<ReaderRequest, { op: K }>, timeoutMs: number, what: string): Promise<ReaderReplies[K]>;
  /** Ends the session; a healthy thread goes back to the warm pool. */
  close(): Promise<void>;
  /** Stops the thread at once (the job was cancelled or the server is stopping). */
  abort(): void;
}

/**
 * The warm reader threads of one owner: the composition root builds one pool for extraction and
 * page images and closes it on shutdown; importing this module starts nothing.
 */
export interface PdfReaders {
  /** A reading session of one file on one thread, opened on the first request. */
  open(file: string, password: string | undefined): Reader;
  /** Stops every warm reader thread (busy ones stop when their session ends). */
  close(): void;
}

export function createPdfReaders(): PdfReaders {
  // Readers are not bounded here: the job runner bounds how many files are read at once.
  const pool = createThreadPool({ spawn: spawnReader, maxThreads: Number.POSITIVE_INFINITY, maxIdle: MAX_IDLE_READERS, idleMs: IDLE_READER_MS, closed: () => new ReaderStopped('The PDF reader was closed.') });
  return {
    open: (file, password) => openReader(pool, file, password),
    close: () => pool.closeIdle(),
  };
}

function openReader(readers: ThreadPool, file: string, password: string | undefined): Reader {
  let thread: Thread | null = null;
  let closed = false;
  return {
    async call(req, timeoutMs, what) {
      if (closed) throw new ReaderStopped('The PDF reader was closed.');
      if (!thread) {
        if (!fs.existsSync(file)) throw new ReaderStopped('The stored original of this PDF is missing.');
        thread = await readers.acquire();
        await send(thread, { op: 'open', path: file, password }, timeoutMs, 'opening the file');
      }
      return send(thread, req, timeoutMs, what);
    },
    async close() {
      if (closed && !thread) return;
      closed = true;
      const t = thread;
      thread = null;
      if (!t || t.dead) return;
      try {
        await send(t, { op: 'close' }, 5_000, 'closing the file');
        readers.release(t);
      } catch {
        t.kill(new ReaderStopped('The PDF reader was closed.'));
      }
    },
    abort() {
      closed = true;
      thread?.kill(new ReaderStopped('Reading was stopped.'));
    },
  };
}

export function outcomeOf(err: unknown, password: string | undefined): ExtractionOutcome {
  if (err instanceof ReaderStopped) return { kind: 'failed', reason: err.message };
  if (err instanceof ThreadError && err.errorName === 'PasswordException') {
    // pdf.js: code 1 = a password is needed, 2 = the password given is wrong; pdf-parse may drop the
    // code, so its message ("Incorrect Password" / "No password given") decides too.
    const wrong = err.code === 2 || /incorrect/i.test(err.message);
    if (password && wrong) return { kind: 'wrong_password', reason: 'The password is not correct for this PDF.' };
    return { kind: 'needs_password', reason: 'This PDF is encrypted: it needs a password to be read.' };
  }
  if (err instanceof Error && err.message === 'extraction aborted') throw err;
  const detail = err instanceof Error ? err.message : String(err);
  return { kind: 'failed', reason: `This PDF could not be read (it may be damaged or incomplete): ${detail}` };
}
