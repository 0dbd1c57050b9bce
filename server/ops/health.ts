import fs from 'node:fs';
import type { Clock } from '../lib/clock';
import type { OpsRepository } from './ops.repository';

/**
 * What `/api/health` adds to the search engine's health: the database answers, the job queue's
 * state, and the free space where the database and the originals live. Only the database decides
 * `ok` (a 503 tells a load balancer or orchestrator to stop sending traffic); low disk space is
 * flagged (`low`) for monitoring, as is a queue that does not move.
 */
export interface OpsHealth {
  ok: boolean;
  database: { ok: boolean; detail?: string };
  jobs: { queued: number; running: number; failed: number; oldestQueuedSeconds: number } | null;
  disk: { data: DiskSpace | null; uploads: DiskSpace | null };
}

export interface DiskSpace {
  freeBytes: number;
  totalBytes: number;
  /** Under 1 GiB or under 5 % free. */
  low: boolean;
}

const LOW_BYTES = 1024 ** 3;
const LOW_SHARE = 0.05;

export function createOpsHealth(deps: { ops: OpsRepository; clock: Clock; dataDir: string; uploadsDir: string }): () => Promise<OpsHealth> {
  return async () => {
    let database: OpsHealth['database'];
    let jobs: OpsHealth['jobs'] = null;
    try {
      database = { ok: deps.ops.ping() };
      const now = deps.clock.now();
      const s = deps.ops.jobState(now.toISOString());
      const oldestQueuedSeconds = s.oldestQueued ? Math.max(0, Math.round((now.getTime() - new Date(s.oldestQueued).getTime()) / 1000)) : 0;
      jobs = { queued: s.queued, running: s.running, failed: s.failed, oldestQueuedSeconds };
    } catch (err) {
      database = { ok: false, detail: err instanceof Error ? err.message : String(err) };
    }
    const [data, uploads] = await Promise.all([diskSpace(deps.dataDir), diskSpace(deps.uploadsDir)]);
    return { ok: database.ok, database, jobs, disk: { data, uploads } };
  };
}

async function diskSpace(dir: string): Promise<DiskSpace | null> {
  try {
    const s = await fs.promises.statfs(dir);
    const freeBytes = s.bavail * s.bsize;
    const totalBytes = s.blocks * s.bsize;
    return { freeBytes, totalBytes, low: freeBytes < LOW_BYTES || (totalBytes > 0 && freeBytes / totalBytes < LOW_SHARE) };
  } catch {
    return null;
  }
}
