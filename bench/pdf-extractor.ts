/**
 * Kilde's PDF extractor as the server builds it (MuPDF threads, one per core, pdf.js behind), for
 * the benchmarks; and, run as a program, the memory measurement of the extraction benchmark:
 *
 *   node dist/bench/pdf-extractor.js FILE   → {"pages", "secs", "startRssMb", "peakRssMb"} on stdout
 *
 * It imports only what reading a PDF needs, so the process' peak RSS is the extraction's, not the
 * benchmarks' own OCR and image libraries (sharp, tesseract.js: ~80 MiB before a page is read).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPdfExtractor, createPdfReaders, type PageOcr } from '../server/ingest/extractors/pdf.extractor';
import type { ExtractedPage, Extractor } from '../server/ingest/extractors/extractor';
import { createMupdfEngine } from '../server/ingest/extractors/mupdf.engine';
import { createCpuSlots, type CpuSlots } from '../server/ingest/threads/cpu-slots';

const CORES = os.availableParallelism();

/**
 * `slots`: the CPU slots shared with the OCR engine, as the server shares one set between MuPDF and
 * OCR (server/kilde.ts); by default a set of its own. Either way nobody is searching: the server
 * tells that from its HTTP activity, so the benchmark's own main-thread work must not stand in
 * for it (measured by event-loop use, it held OCR to one core for a second at a time).
 */
export function kildePdfExtractor(ocr?: PageOcr, shared?: CpuSlots): { extractor: Extractor; close(): void } {
  const slots = shared ?? idleServerSlots();
  const engine = createMupdfEngine({ threads: CORES, slots, stepTimeoutMs: 20_000, renderTimeoutMs: 60_000, heapMb: 1024 });
  const readers = createPdfReaders();
  return { extractor: createPdfExtractor({ ocr, engine, readers }), close: () => (engine.closeIdle(), shared ? undefined : slots.close(), readers.close()) };
}

/** CPU slots as a server with nobody searching has them: one per core. */
export const idleServerSlots = (): CpuSlots => createCpuSlots({ cores: CORES, answering: () => false });

export async function extractPdf(extractor: Extractor, file: string): Promise<ExtractedPage[]> {
  const out = await extractor.extract({ path: file, mediaType: 'application/pdf', filename: path.basename(file), signal: new AbortController().signal, onProgress() {} });
  if (out.kind !== 'ok') throw new Error(`${path.basename(file)}: ${out.kind}`);
  return out.pages;
}

/** In this fresh process: extract the file, report time and the peak RSS (worker threads included). */
async function measure(file: string): Promise<void> {
  const before = process.memoryUsage().rss;
  const t0 = performance.now();
  const { extractor, close } = kildePdfExtractor();
  const pages = await extractPdf(extractor, file);
  const secs = (performance.now() - t0) / 1000;
  close();
  process.stdout.write(JSON.stringify({ pages: pages.length, secs, startRssMb: before / 2 ** 20, peakRssMb: peakRssMb() }));
}

/**
 * This process' high-water mark, threads included: VmHWM. Not getrusage's maxRSS, which Linux carries
 * over from the parent that forked this process (a benchmark at 400 MiB made a bare child report 404).
 */
function peakRssMb(): number {
  const hwm = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return hwm ? Number(hwm[1]) / 1024 : process.resourceUsage().maxRSS / 1024;
}

if (require.main === module) {
  measure(process.argv[2]!).catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
