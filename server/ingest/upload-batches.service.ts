import type { Viewer } from '../auth/viewer';
import type { Clock } from '../lib/clock';
import { AppError } from '../lib/errors';
import { newId } from '../lib/ids';
import type { DocumentsService } from '../documents/documents.service';
import type { DocumentRecord } from '../documents/documents.types';
import type { BatchFile, BatchMeta, BatchRecord, UploadBatchesRepository } from './upload-batches.repository';

/**
 * An upload batch: what one form submission sent and what became of each file, kept so the batch
 * page shows every file's transfer outcome and extraction progress after a reload. Only the person
 * who uploaded it (and admins) see a batch; each file's document is shown only if still readable.
 */
export interface BatchFileView extends BatchFile {
  document: DocumentRecord | null;
}

export function createUploadBatches(deps: { batches: UploadBatchesRepository; documents: DocumentsService; clock: Clock }) {
  const { batches, documents, clock } = deps;

  function readable(viewer: Viewer, id: string): BatchRecord {
    const batch = batches.get(id);
    if (!batch || (batch.createdBy !== viewer.userId && viewer.role !== 'admin')) throw AppError.notFound('This upload');
    return batch;
  }

  return {
    record(viewer: Viewer, meta: BatchMeta, files: Array<Omit<BatchFile, 'position'>>): string {
      const id = newId('upl');
      batches.insert({ id, createdBy: viewer.userId, createdAt: clock.now().toISOString(), ...meta }, files.map((f, i) => ({ ...f, position: i + 1 })));
      return id;
    },

    view(viewer: Viewer, id: string): { batch: BatchRecord; files: BatchFileView[]; done: boolean } {
      const batch = readable(viewer, id);
      const files = batches.files(id).map((f) => {
        let document: DocumentRecord | null = null;
        if (f.documentId) {
          try {
            document = documents.get(viewer, f.documentId);
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
          }
        }
        return { ...f, document };
      });
      const done = files.every((f) => !f.document || !['queued', 'extracting'].includes(f.document.status));
      return { batch, files, done };
    },

    recent: (viewer: Viewer, limit = 5) => batches.recentOf(viewer.userId, limit),
  };
}

export type UploadBatches = ReturnType<typeof createUploadBatches>;
