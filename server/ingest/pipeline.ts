import fs from 'node:fs';
import type { Db } from '../db/connection';
import type { DocumentsRepository } from '../documents/documents.repository';
import type { IntakeService } from './intake.service';
import type { JobHandler } from '../jobs/job-runner';
import type { JobRecord } from '../jobs/jobs.repository';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import { afterPendingIo } from '../lib/turns';
import type { BlobStore } from '../storage/blob-store';
import type { OutboxRepository } from '../../search/outbox.repository';
import type { ExtractionOutcome, ExtractionSuccess, Extractor } from './extractors/extractor';
import type { IngestRepository } from './ingest.repository';

/**
 * The orchestrator of extraction: the one place that sequences a document through
 * extracting → ready | needs_password | failed, reports progress, stores pages with their search
 * outbox row in one transaction, and takes the files found inside containers into the archive.
 * Status is set to a working value before the work and to ready only at the end.
 */
export const MAX_CONTAINER_DEPTH = 5;

export function createIngestPipeline(deps: {
  db: Db;
  documents: DocumentsRepository;
  outbox: OutboxRepository;
  blobs: BlobStore;
  intake: IntakeService;
  extractorFor(mediaType: string): Extractor | null;
  clock: Clock;
  logger: Logger;
  /** Page layouts (engine, character boxes) and OCR memory; without it neither is kept. */
  ingest?: IngestRepository;
  /** The OCR language set: OCR results are remembered per document, page and languages. */
  ocrLangs?: string;
  onIndexed(): void;
  /** Runs after the pages are stored (suggestions from the text); must not throw. */
  afterExtraction?(documentId: string): void | Promise<void>;
}): JobHandler {
  const { db, documents, outbox, blobs, clock, logger } = deps;
  const now = () => clock.now().toISOString();

  async function run(job: JobRecord, signal: AbortSignal): Promise<void> {
    const doc = job.documentId ? documents.get(job.documentId) : null;
    if (!doc) return; // deleted while queued
    const extractor = deps.extractorFor(doc.mediaType);
    if (!extractor) {
      documents.setStatus(doc.id, 'failed', `No extractor is available for ${doc.mediaType} files.`, now());
      return;
    }
    documents.setStatus(doc.id, 'extracting', null, now());
    documents.setProgress(doc.id, 0, doc.pageCount ?? 0, null);
    let lastReport = 0;
    // Containers unpack their children here; removed on every path, whatever happened.
    const workDir = await blobs.scratchDir();
    let outcome: ExtractionOutcome;
    try {
      outcome = await extractor.extract({
        path: blobs.pathOf(doc.sha256),
        mediaType: doc.mediaType,
        filename: doc.filename,
        password: typeof job.payload.password === 'string' ? job.payload.password : undefined,
        signal,
        workDir,
        ocrMemory: deps.ingest?.ocrMemory(doc.id, deps.ocrLangs ?? '', now),
        onProgress(done, total, method) {
          const t = Date.now();
          if (done < total && t - lastReport < 250) return; // keep SQLite writes cheap on fast PDFs
          lastReport = t;
          documents.setProgress(doc.id, done, total, method);
        },
      });
      // The children are read from the work folder, so they are taken before it goes.
      if (outcome.kind === 'ok') await keep(doc.id, outcome, Number(job.payload.depth ?? 0));
    } finally {
      await fs.promises.rm(workDir, { recursive: true, force: true });
    }
    // A refusal is the handler's last, synchronous step: the job row is marked complete right after it,
    // so a document that shows needs_password or failed never has a job still running (a password sent
    // at once would be refused as "already being extracted").
    if (outcome.kind !== 'ok') refuse(doc.id, outcome);
  }

  async function keep(id: string, outcome: ExtractionSuccess, depth: number): Promise<void> {
    store(id, outcome);
    // Storing a large document holds the event loop; requests waiting since then go before the suggestions.
    await afterPendingIo();
    await deps.afterExtraction?.(id);
    await takeChildren(id, outcome, depth);
  }

  function refuse(id: string, outcome: Exclude<ExtractionOutcome, ExtractionSuccess>): void {
    switch (outcome.kind) {
      case 'needs_password':
      case 'wrong_password':
        documents.setStatus(id, 'needs_password', outcome.reason, now());
        return;
      case 'failed':
        documents.setStatus(id, 'failed', outcome.reason, now());
        return;
    }
  }

  function store(id: string, outcome: ExtractionSuccess): void {
    db.transaction(() => {
      // NUL becomes a space, not nothing: the character boxes count UTF-16 units of the text as read.
      documents.saveExtraction(
        id,
        {
          title: outcome.title,
          documentDate: outcome.date,
          language: outcome.language,
          metadata: outcome.metadata,
          pages: outcome.pages.map((p) => ({ number: p.number, text: p.text.replace(/\u0000/g, ' '), method: p.method, confidence: p.confidence })),
        },
        now(),
      );
      deps.ingest?.saveLayouts(id, outcome.pages.map((p) => ({ page: p.number, engine: p.engine ?? (p.method === 'ocr' ? 'ocr' : 'text'), boxes: p.boxes ?? null, ocrSteps: p.ocr ? p.ocr.steps.join(' ') : null, rotation: p.ocr?.rotation ?? 0 })));
      outbox.add(id, 'upsert', now());
    })();
    deps.onIndexed();
  }

  async function takeChildren(parentId: string, outcome: ExtractionSuccess, depth: number): Promise<void> {
    if (!outcome.children?.length) return;
    if (depth >= MAX_CONTAINER_DEPTH) {
      logger.warn('container nesting too deep; children not taken', { documentId: parentId, depth });
      return;
    }
    for (const child of outcome.children) {
      // Streamed from the file the extractor wrote, then that file goes: disk use stays at one copy.
      const staged = await blobs.stage(fs.createReadStream(child.path));
      await fs.promises.rm(child.path, { force: true });
      const result = await deps.intake.intake(staged, { filename: child.filename, parentId, relation: child.relation, depth: depth + 1 });
      if (result.kind === 'unsupported') logger.info('skipped unsupported file inside container', { parentId, filename: child.filename });
    }
  }

  return {
    run,
    onGiveUp(job: JobRecord, error: string) {
      if (!job.documentId) return;
      documents.setStatus(job.documentId, 'failed', `Extraction failed after ${job.attempts} attempts: ${error}`, now());
    },
  };
}

