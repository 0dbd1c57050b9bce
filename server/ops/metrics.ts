import fs from 'node:fs';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Clock } from '../lib/clock';
import type { OpsRepository } from './ops.repository';

/**
 * Kilde's Prometheus metrics (prom-client), on one registry the composition root builds once: no
 * module-level state, so two Kildes in one process (tests) count apart.
 *
 * Counted as things happen: HTTP requests and latencies by route pattern (`/api/documents/:id`,
 * never a raw URL: no ids in labels), search latency, OCR seconds, pages extracted by method,
 * extraction jobs run. Read at scrape time from the database: jobs queued/running/failed, the search
 * outbox's backlog and the age of its oldest change, the database's size on disk.
 */
export interface Metrics {
  readonly registry: Registry;
  httpRequest(method: string, route: string, status: number, seconds: number): void;
  searched(engine: string, seconds: number, ok: boolean): void;
  ocrDone(seconds: number, ok: boolean): void;
  jobRun(kind: string, outcome: 'done' | 'error', seconds: number): void;
  pagesExtracted(method: string, pages: number): void;
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const WORK_BUCKETS = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600];

export function createMetrics(deps: { ops: OpsRepository; databaseFile: string; clock: Clock; processMetrics?: boolean }): Metrics {
  const registry = new Registry();
  const registers = [registry];
  if (deps.processMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'kilde_' });
  const ageSeconds = (iso: string | null) => (iso ? Math.max(0, (deps.clock.now().getTime() - new Date(iso).getTime()) / 1000) : 0);

  const httpRequests = new Counter({ name: 'kilde_http_requests_total', help: 'HTTP requests answered, by method, route pattern and status', labelNames: ['method', 'route', 'status'] as const, registers });
  const httpSeconds = new Histogram({ name: 'kilde_http_request_duration_seconds', help: 'HTTP request latency by method, route pattern and status', labelNames: ['method', 'route', 'status'] as const, buckets: LATENCY_BUCKETS, registers });
  const searchSeconds = new Histogram({ name: 'kilde_search_duration_seconds', help: 'Search latency in the engine', labelNames: ['engine', 'outcome'] as const, buckets: LATENCY_BUCKETS, registers });
  const ocrSeconds = new Histogram({ name: 'kilde_ocr_seconds', help: 'OCR time per image (the sum is the OCR seconds spent)', labelNames: ['outcome'] as const, buckets: WORK_BUCKETS, registers });
  const jobSeconds = new Histogram({ name: 'kilde_job_duration_seconds', help: 'Job runs (each attempt) by kind and outcome', labelNames: ['kind', 'outcome'] as const, buckets: WORK_BUCKETS, registers });
  const pages = new Counter({ name: 'kilde_pages_extracted_total', help: 'Pages extracted, by method (text layer or OCR)', labelNames: ['method'] as const, registers });
  for (const method of ['text', 'ocr']) pages.inc({ method }, 0);

  new Gauge({
    name: 'kilde_jobs',
    help: 'Jobs in the queue by status (queued, running, failed for good)',
    labelNames: ['status'] as const,
    registers,
    collect() {
      const s = deps.ops.jobState(deps.clock.now().toISOString());
      this.set({ status: 'queued' }, s.queued);
      this.set({ status: 'running' }, s.running);
      this.set({ status: 'failed' }, s.failed);
    },
  });
  new Gauge({
    name: 'kilde_jobs_oldest_queued_age_seconds',
    help: 'Age of the oldest job waiting to run (0 when none waits)',
    registers,
    collect() {
      this.set(ageSeconds(deps.ops.jobState(deps.clock.now().toISOString()).oldestQueued));
    },
  });
  new Gauge({
    name: 'kilde_search_outbox_backlog',
    help: 'Changes waiting to be applied to the search index',
    registers,
    collect() {
      this.set(deps.ops.outboxState().backlog);
    },
  });
  new Gauge({
    name: 'kilde_search_outbox_oldest_age_seconds',
    help: 'Age of the oldest change waiting for the search index (0 when none waits)',
    registers,
    collect() {
      this.set(ageSeconds(deps.ops.outboxState().oldest));
    },
  });
  new Gauge({
    name: 'kilde_database_bytes',
    help: 'Size of the SQLite database on disk, with its write-ahead log',
    registers,
    collect() {
      this.set(fileSize(deps.databaseFile) + fileSize(`${deps.databaseFile}-wal`));
    },
  });

  return {
    registry,
    httpRequest(method, route, status, seconds) {
      const labels = { method: METHODS.has(method) ? method : 'OTHER', route, status: String(status) };
      httpRequests.inc(labels);
      httpSeconds.observe(labels, seconds);
    },
    searched(engine, seconds, ok) {
      searchSeconds.observe({ engine, outcome: ok ? 'ok' : 'error' }, seconds);
    },
    ocrDone(seconds, ok) {
      ocrSeconds.observe({ outcome: ok ? 'ok' : 'error' }, seconds);
    },
    jobRun(kind, outcome, seconds) {
      jobSeconds.observe({ kind, outcome }, seconds);
    },
    pagesExtracted(method, n) {
      if (n > 0) pages.inc({ method }, n);
    },
  };
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/** Seconds since `start` (from `process.hrtime.bigint()`). */
export function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}
