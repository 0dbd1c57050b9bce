import { Router, type Response } from 'express';
import type multer from 'multer';
import { z } from 'zod';
import { requireWriter, viewerOf, type Viewer } from '../auth/viewer';
import { AppError, statusOf } from '../lib/errors';
import type { UploadedFile } from '../http/upload-storage';
import { fieldProblem, formRefusal, type FieldProblem } from '../http/field-problem';
import { optionalString, parse } from '../http/validate';
import { parsePartialDate } from '../lib/dates';
import { uploadFields } from '../documents/documents.schema';
import type { InitialAccess } from '../documents/documents.repository';
import type { StoryArea } from '../story';
import { fileUnderChoices, type RequestPicker } from '../documents/file-under';
import { intakeUpload, uploadAccess } from './upload.api';
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

  /** The form, empty or as it was sent with the refusal of one field beside that field. */
  function formPage(res: Response, viewer: Viewer, values: TypedValues, problem: FieldProblem<UploadField> | null) {
    res.render('documents/upload', { title: res.locals.t('upload.heading'), maxUploadMb, results: null, choices: choices(viewer), recentBatches: batches.recent(viewer), values, problem });
  }

  r.get('/upload', (_req, res) => {
    const viewer = viewerOf(res);
    requireWriter(viewer);
    formPage(res, viewer, {}, null);
  });

  r.post('/upload', upload.array('files', 50), async (req, res) => {
    const files = (req.files as UploadedFile[] | undefined) ?? [];
    const viewer = viewerOf(res);
    // The fields and the access, for the whole batch, checked before any file is stored. A field
    // refused gives the form back as it was typed, the refusal beside the field; nothing is kept.
    let fields: z.infer<typeof uploadFields>;
    let access: InitialAccess;
    try {
      if (files.length === 0) throw new AppError('bad_request', 'Choose at least one file to upload.');
      fields = parse(uploadFields, req.body ?? {});
      if (fields.date?.trim()) parsePartialDate(fields.date);
      access = uploadAccess(intake, viewer, fields);
    } catch (err) {
      await Promise.all(files.map((f) => intake.discard(f.staged)));
      const e = formRefusal(err);
      if (!e) throw err;
      res.status(e.status);
      return formPage(res, viewer, typedValues(req.body), fieldProblem(res, e, FIELD_LABELS, (err) => uploadFieldOf(err, files.length)));
    }
    const meta = await metaOrDiscard(viewer, req.body, files);
    // Date, notes, access and filing go to every file; a title names one document, so only a single file gets it.
    const single = files.length === 1;
    const titleIgnored = !single && fields.title?.trim() ? fields.title.trim() : null;
    const perFile = { title: single ? fields.title : undefined, date: fields.date, notes: fields.notes };
    const rows: Array<Omit<BatchFile, 'position'>> = [];
    for (const file of files) {
      const row: Omit<BatchFile, 'position'> = { filename: file.originalname, size: file.size ?? 0, outcome: 'refused', documentId: null, reasonCode: null, reason: null };
      try {
        const outcome = await intakeUpload(intake, file, perFile, { createdBy: viewer, access });
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
    // Kilde cannot read), else 400. A refused field never gets here: the form came back above.
    res.status(rows.some((x) => x.outcome !== 'refused') ? 200 : refusedStatus(rows));
    res.setHeader('X-Upload-Batch', `/upload/batches/${batchId}`);
    res.render('documents/batch', { title: res.locals.t('batch.heading'), ...batches.view(viewer, batchId), fromPost: true, titleIgnored });
  });

  r.get('/upload/batches/:batchId', (req, res) => {
    const view = batches.view(viewerOf(res), batchParam(req.params.batchId));
    res.render('documents/batch', { title: res.locals.t('batch.heading'), ...view, fromPost: false, titleIgnored: null });
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
        // The title extraction finds (a letter's subject, a PDF's own title) replaces the file name shown while it ran.
        title: f.document?.title ?? null,
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

/** The form's fields as typed (text only: a browser never sends a file again), to fill the form in again. */
type TypedValues = Partial<Record<(typeof TYPED_FIELDS)[number], string>>;
const TYPED_FIELDS = ['title', 'date', 'notes', 'storyId', 'requestId', 'senderId', 'recipientId', 'access', 'users', 'embargoUntil'] as const;

function typedValues(body: unknown): TypedValues {
  const b = (body ?? {}) as Record<string, unknown>;
  const values: TypedValues = {};
  for (const k of TYPED_FIELDS) {
    const v = Array.isArray(b[k]) ? (b[k] as unknown[])[0] : b[k];
    if (typeof v === 'string') values[k] = v;
  }
  return values;
}

type UploadField = 'files' | 'title' | 'date' | 'notes' | 'access' | 'users' | 'embargoUntil';
const FIELD_LABELS: Record<UploadField, string> = {
  files: 'upload.field.files', title: 'upload.field.title', date: 'upload.field.date', notes: 'upload.field.notes',
  access: 'upload.field.access', users: 'upload.field.users', embargoUntil: 'upload.field.embargoUntil',
};

/** The field a refusal names neither by zod's path nor by the service's `details.field`: the files, when none came. */
function uploadFieldOf(e: AppError, fileCount: number): UploadField | null {
  return fileCount === 0 && e.details?.field === undefined ? 'files' : null;
}

function batchParam(raw: unknown): string {
  if (typeof raw !== 'string' || !/^upl_[A-Za-z0-9_-]{10,40}$/.test(raw)) throw AppError.notFound('This upload');
  return raw;
}
