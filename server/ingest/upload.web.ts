import { Router } from 'express';
import type multer from 'multer';
import { z } from 'zod';
import type { Viewer } from '../auth/viewer';
import { viewerOf } from '../auth/viewer';
import { AppError, statusOf } from '../lib/errors';
import type { UploadedFile } from '../http/upload-storage';
import { optionalString, parse } from '../http/validate';
import type { StoryArea } from '../story';
import { fileUnderChoices, type RequestPicker } from '../documents/file-under';
import { intakeUpload, uploadAccessOrDiscard } from './upload.api';
import type { DocumentsService } from '../documents/documents.service';
import type { IntakeService } from './intake.service';
import type { BatchFile } from './upload-batches.repository';
import type { UploadBatches } from './upload-batches.service';

/**
 * The upload page and the upload batch page. One form sends many files with one set of metadata
 * (access, story, FOI request, sender, recipient); each file's outcome is kept as a batch, whose page
 * shows every file's transfer outcome and extraction progress after a reload, with or without
 * JavaScript (without it, the page refreshes itself while files extract).
 */
const batchMeta = z.object({
  storyId: optionalString.transform((v) => v?.trim() || null),
  requestId: optionalString.transform((v) => v?.trim() || null),
  senderId: optionalString.transform((v) => v?.trim() || null),
  recipientId: optionalString.transform((v) => v?.trim() || null),
});
type BatchMetaInput = z.infer<typeof batchMeta>;

export interface UploadWebDeps {
  documents: DocumentsService;
  /** Built once in the composition root (server/kilde.ts). */
  batches: UploadBatches;
  intake: IntakeService;
  upload: multer.Multer;
  maxUploadBytes: number;
  story?: StoryArea;
  /** The FOI requests a batch may be filed under (a port: the requests area itself takes uploads through intake). */
  requests?: RequestPicker & { log: { linkDocument(viewer: Viewer, requestId: string, documentId: string, role: 'response'): unknown } };
}

export function uploadWeb(deps: UploadWebDeps): Router {
  const { documents, batches, intake, upload, story, requests } = deps;
  const maxUploadMb = Math.round(deps.maxUploadBytes / 1024 / 1024);
  const r = Router();

  /** What the batch may be filed under: the viewer's readable stories and requests, and the parties. */
  function choices(viewer: Viewer) {
    return {
      ...fileUnderChoices(viewer, story, requests),
      parties: story ? story.parties.list(viewer, {}, 500, 1).parties.map((p) => ({ id: p.id, name: p.name })) : [],
    };
  }

  r.get('/upload', (_req, res) => {
    const viewer = viewerOf(res);
    res.render('documents/upload', { title: res.locals.t('upload.heading'), maxUploadMb, results: null, choices: choices(viewer), recentBatches: batches.recent(viewer) });
  });

  r.post('/upload', upload.array('files', 50), async (req, res) => {
    const files = (req.files as UploadedFile[] | undefined) ?? [];
    if (files.length === 0) throw new AppError('bad_request', 'Choose at least one file to upload.');
    const viewer = viewerOf(res);
    // One access and one filing for the whole batch, checked before any file is stored.
    const access = await uploadAccessOrDiscard(intake, viewer, req.body, files.map((f) => f.staged));
    const meta = await metaOrDiscard(viewer, req.body, files);
    const rows: Array<Omit<BatchFile, 'position'>> = [];
    for (const file of files) {
      const row: Omit<BatchFile, 'position'> = { filename: file.originalname, size: file.size ?? 0, outcome: 'refused', documentId: null, reasonCode: null, reason: null };
      try {
        const outcome = await intakeUpload(intake, file, files.length === 1 ? req.body : { notes: (req.body as { notes?: string })?.notes }, { createdBy: viewer, access });
        row.outcome = outcome.kind === 'duplicate' ? 'duplicate' : 'stored';
        row.documentId = outcome.document.id;
        const warnings = fileUnder(viewer, meta, outcome.document.id);
        if (warnings.length) { row.reasonCode = 'link_failed'; row.reason = warnings.join(' '); }
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        row.reasonCode = err.code;
        row.reason = err.message;
      }
      rows.push(row);
    }
    const batchId = batches.record(viewer, meta, rows);
    if (rows.length === 1 && rows[0].outcome !== 'refused') return res.redirect(303, `/documents/${rows[0].documentId}`);
    // Shown at once (the answer of this POST), and kept at its own address for reloads. With no
    // file kept, the status says why when every file was refused for one reason (415 for files
    // Kilde cannot read, 400 for a field such as a date no calendar has), else 400.
    res.status(rows.some((x) => x.outcome !== 'refused') ? 200 : refusedStatus(rows));
    res.setHeader('X-Upload-Batch', `/upload/batches/${batchId}`);
    res.render('documents/batch', { title: res.locals.t('batch.heading'), ...batches.view(viewer, batchId), fromPost: true });
  });

  r.get('/upload/batches/:batchId', (req, res) => {
    const view = batches.view(viewerOf(res), batchParam(req.params.batchId));
    res.render('documents/batch', { title: res.locals.t('batch.heading'), ...view, fromPost: false });
  });

  r.get('/upload/batches/:batchId/status', (req, res) => {
    const view = batches.view(viewerOf(res), batchParam(req.params.batchId));
    const line = res.locals.statusLine as (d: unknown) => string;
    res.json({
      done: view.done,
      files: view.files.map((f) => ({
        position: f.position,
        outcome: f.outcome,
        documentId: f.document?.id ?? null,
        status: f.document?.status ?? null,
        line: f.document ? line(f.document) : null,
        progress: f.document?.progress ?? null,
      })),
    });
  });

  function refusedStatus(rows: Array<Omit<BatchFile, 'position'>>): number {
    const codes = new Set(rows.map((x) => x.reasonCode ?? ''));
    return codes.size === 1 ? statusOf([...codes][0]!) ?? 400 : 400;
  }

  /** The batch's story, request and parties must be ones the viewer can read; otherwise nothing is kept. */
  async function metaOrDiscard(viewer: Viewer, body: unknown, files: UploadedFile[]): Promise<BatchMetaInput> {
    try {
      const meta = parse(batchMeta, body ?? {});
      const c = choices(viewer);
      if (meta.storyId && !c.stories.some((s) => s.id === meta.storyId)) throw AppError.notFound('This story');
      if (meta.requestId && !c.requests.some((q) => q.id === meta.requestId)) throw AppError.notFound('This FOI request');
      for (const id of [meta.senderId, meta.recipientId]) if (id && !c.parties.some((p) => p.id === id)) throw AppError.notFound('This party');
      return meta;
    } catch (err) {
      await Promise.all(files.map((f) => intake.discard(f.staged)));
      throw err;
    }
  }

  /** Files one stored document under the batch's story, request and parties; answers what could not be done. */
  function fileUnder(viewer: Viewer, meta: BatchMetaInput, documentId: string): string[] {
    const warnings: string[] = [];
    const attempt = (fn: () => void) => {
      try {
        fn();
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        warnings.push(err.message);
      }
    };
    if (meta.storyId && story) attempt(() => story.stories.addItem(viewer, meta.storyId!, 'document', documentId));
    if (meta.requestId && requests) attempt(() => requests.log.linkDocument(viewer, meta.requestId!, documentId, 'response'));
    if (meta.senderId && story) attempt(() => story.links.linkParty(viewer, documentId, { partyId: meta.senderId!, role: 'sender' }));
    if (meta.recipientId && story) attempt(() => story.links.linkParty(viewer, documentId, { partyId: meta.recipientId!, role: 'recipient' }));
    return warnings;
  }

  return r;
}

function batchParam(raw: unknown): string {
  if (typeof raw !== 'string' || !/^upl_[A-Za-z0-9_-]{10,40}$/.test(raw)) throw AppError.notFound('This upload');
  return raw;
}
