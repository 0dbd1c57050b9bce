import type { Db } from '../db/connection';

/** All SQL about upload batches (migration 016). */
export interface BatchMeta {
  storyId: string | null;
  requestId: string | null;
  senderId: string | null;
  recipientId: string | null;
}

export interface BatchFile {
  position: number;
  filename: string;
  size: number;
  outcome: 'stored' | 'duplicate' | 'refused';
  documentId: string | null;
  reasonCode: string | null;
  reason: string | null;
}

export interface BatchRecord extends BatchMeta {
  id: string;
  createdBy: string | null;
  createdAt: string;
}

interface BatchRow { id: string; created_by: string | null; created_at: string; story_id: string | null; request_id: string | null; sender_id: string | null; recipient_id: string | null }
interface FileRow { position: number; filename: string; size: number; outcome: BatchFile['outcome']; document_id: string | null; reason_code: string | null; reason: string | null }

export function createUploadBatchesRepository(db: Db) {
  return {
    insert(b: BatchRecord, files: BatchFile[]): void {
      db.transaction(() => {
        db.prepare(
          `INSERT INTO upload_batches (id, created_by, created_at, story_id, request_id, sender_id, recipient_id)
           VALUES (@id, @createdBy, @createdAt, @storyId, @requestId, @senderId, @recipientId)`,
        ).run(b);
        const add = db.prepare(
          `INSERT INTO upload_batch_files (batch_id, position, filename, size, outcome, document_id, reason_code, reason)
           VALUES (@batchId, @position, @filename, @size, @outcome, @documentId, @reasonCode, @reason)`,
        );
        for (const f of files) add.run({ ...f, batchId: b.id });
      })();
    },

    get(id: string): BatchRecord | null {
      const r = db.prepare<[string], BatchRow>('SELECT * FROM upload_batches WHERE id = ?').get(id);
      return r ? { id: r.id, createdBy: r.created_by, createdAt: r.created_at, storyId: r.story_id, requestId: r.request_id, senderId: r.sender_id, recipientId: r.recipient_id } : null;
    },

    files(id: string): BatchFile[] {
      return db
        .prepare<[string], FileRow>('SELECT position, filename, size, outcome, document_id, reason_code, reason FROM upload_batch_files WHERE batch_id = ? ORDER BY position')
        .all(id)
        .map((f) => ({ position: f.position, filename: f.filename, size: f.size, outcome: f.outcome, documentId: f.document_id, reasonCode: f.reason_code, reason: f.reason }));
    },

    /** The viewer's latest batches, newest first (the upload page lists them). */
    recentOf(userId: string, limit: number): Array<BatchRecord & { files: number }> {
      return (db
        .prepare(`SELECT b.*, (SELECT COUNT(*) FROM upload_batch_files f WHERE f.batch_id = b.id) AS files
                  FROM upload_batches b WHERE b.created_by = ? ORDER BY b.created_at DESC, b.id LIMIT ?`)
        .all(userId, limit) as Array<BatchRow & { files: number }>)
        .map((r) => ({ id: r.id, createdBy: r.created_by, createdAt: r.created_at, storyId: r.story_id, requestId: r.request_id, senderId: r.sender_id, recipientId: r.recipient_id, files: r.files }));
    },
  };
}

export type UploadBatchesRepository = ReturnType<typeof createUploadBatchesRepository>;
