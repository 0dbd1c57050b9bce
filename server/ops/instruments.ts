import type { SearchEngine } from '../../search/engine';
import type { OcrPool } from '../ingest/ocr/ocr-pool';
import type { JobHandler } from '../jobs/job-runner';
import type { Metrics } from './metrics';
import { secondsSince } from './metrics';
import type { OpsRepository } from './ops.repository';

/**
 * Metrics taken around the parts that do the work, by wrapping them where the composition root
 * wires them: the search engine, the OCR pool and the extraction job. The parts themselves know
 * nothing of metrics; each wrapper keeps its part's whole contract and only observes.
 */
export function instrumentEngine(engine: SearchEngine, metrics: Metrics): SearchEngine {
  return {
    get name() {
      return engine.name;
    },
    init: () => engine.init(),
    upsertDocument: (doc) => engine.upsertDocument(doc),
    removeDocument: (id) => engine.removeDocument(id),
    async search(req) {
      const start = process.hrtime.bigint();
      try {
        const result = await engine.search(req);
        metrics.searched(engine.name, secondsSince(start), true);
        return result;
      } catch (err) {
        metrics.searched(engine.name, secondsSince(start), false);
        throw err;
      }
    },
    clear: () => engine.clear(),
    rebuild: (source, onProgress) => engine.rebuild(source, onProgress),
    health: () => engine.health(),
    ...(engine.compact ? { compact: () => engine.compact!() } : {}),
  };
}

/** OCR seconds per image, from asking to answer (a wait for a free OCR worker included). */
export function instrumentOcr(pool: OcrPool, metrics: Metrics): OcrPool {
  return {
    async recognize(image, opts) {
      const start = process.hrtime.bigint();
      try {
        const result = await pool.recognize(image, opts);
        metrics.ocrDone(secondsSince(start), true);
        return result;
      } catch (err) {
        metrics.ocrDone(secondsSince(start), false);
        throw err;
      }
    },
    close: () => pool.close(),
  };
}

/**
 * Each run of a job of `kind`; after an extraction that ended, the pages its document now holds,
 * by method (the pages table records how each page was read).
 */
export function instrumentJob(kind: string, handler: JobHandler, metrics: Metrics, ops: OpsRepository): JobHandler {
  return {
    async run(job, signal) {
      const start = process.hrtime.bigint();
      try {
        await handler.run(job, signal);
      } catch (err) {
        metrics.jobRun(kind, 'error', secondsSince(start));
        throw err;
      }
      metrics.jobRun(kind, 'done', secondsSince(start));
      if (job.documentId) for (const { method, n } of ops.pagesByMethod(job.documentId)) metrics.pagesExtracted(method, n);
    },
    ...(handler.onGiveUp ? { onGiveUp: (job, error) => handler.onGiveUp!(job, error) } : {}),
  };
}
