import type { Request } from 'express';
import type multer from 'multer';
import type { BlobStore, StagedBlob } from '../storage/blob-store';

/**
 * A multer storage engine that streams each uploaded file into the blob store's temp area while
 * hashing it. The route then decides (by sniffed type and hash) whether to keep or discard it.
 * When multer's size limit cuts a file, the partial temp file is removed here.
 */
export type UploadedFile = Express.Multer.File & { staged: StagedBlob };

export function blobStorage(store: BlobStore): multer.StorageEngine {
  return {
    _handleFile(_req: Request, file: Express.Multer.File, cb: (error?: unknown, info?: Partial<UploadedFile>) => void) {
      let limited = false;
      file.stream.on('limit', () => {
        limited = true;
      });
      store.stage(file.stream).then(
        async (staged) => {
          // multer reports LIMIT_FILE_SIZE itself; the truncated bytes must not survive it.
          if (limited) await store.discard(staged);
          cb(null, { staged, size: staged.size });
        },
        (err) => cb(err),
      );
    },
    _removeFile(_req: Request, file: Express.Multer.File, cb: (error: Error | null) => void) {
      const staged = (file as Partial<UploadedFile>).staged;
      if (!staged) return cb(null);
      store.discard(staged).then(() => cb(null), cb);
    },
  };
}
