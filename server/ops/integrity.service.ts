import type { AuditLog } from '../auth/audit';
import { requireRole, type Viewer } from '../auth/viewer';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { OpsRepository } from './ops.repository';
import { checkOriginals, type OriginalProblem } from './originals';

/**
 * The admin's integrity check: every original re-hashed, in the background (an archive of
 * originals takes minutes to read), one run at a time. Its start and its outcome go to the audit
 * log under the admin who asked; the last outcome is kept for the page until the next run.
 */
export interface IntegrityStatus {
  running: boolean;
  done: number;
  total: number;
  startedAt: string | null;
  last: { finishedAt: string; checked: number; changed: OriginalProblem[]; missing: OriginalProblem[]; error: string | null; by: string } | null;
}

export function createIntegrityService(deps: { ops: OpsRepository; uploadsDir: string; audit: AuditLog; clock: Clock; logger: Logger }) {
  let running: Promise<void> | null = null;
  let progress = { done: 0, total: 0, startedAt: null as string | null };
  let last: IntegrityStatus['last'] = null;
  const now = () => deps.clock.now().toISOString();

  async function run(viewer: Viewer, requestId?: string): Promise<void> {
    const originals = deps.ops.originals();
    progress = { done: 0, total: originals.length, startedAt: now() };
    try {
      const problems = await checkOriginals(deps.uploadsDir, originals, (done) => (progress.done = done));
      const changed = problems.filter((p) => p.kind === 'changed');
      const missing = problems.filter((p) => p.kind === 'missing');
      last = { finishedAt: now(), checked: originals.length, changed, missing, error: null, by: viewer.username };
      deps.audit.record(viewer, {
        action: 'verify',
        entityType: 'originals',
        summary: `${originals.length} originals re-hashed: ${changed.length} changed, ${missing.length} missing`,
        after: problems.length > 0 ? { changed: changed.map((p) => p.sha256), missing: missing.map((p) => p.sha256) } : undefined,
        requestId,
      });
      if (problems.length > 0) deps.logger.warn('originals changed or missing', { changed: changed.length, missing: missing.length });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      last = { finishedAt: now(), checked: progress.done, changed: [], missing: [], error: message, by: viewer.username };
      deps.logger.error('integrity check failed', { error: message });
    }
  }

  return {
    /** Starts a check in the background; false when one is running. */
    start(viewer: Viewer, requestId?: string): boolean {
      requireRole(viewer, 'admin');
      if (running) return false;
      deps.audit.record(viewer, { action: 'verify', entityType: 'originals', summary: 'Re-hash of every original started', requestId });
      running = run(viewer, requestId).finally(() => {
        running = null;
      });
      return true;
    },
    status(viewer: Viewer): IntegrityStatus {
      requireRole(viewer, 'admin');
      return { running: running !== null, done: progress.done, total: progress.total, startedAt: running ? progress.startedAt : null, last };
    },
    /** Resolves when the running check (if any) ends; for stop() and tests. */
    async settled(): Promise<void> {
      await running;
    },
  };
}

export type IntegrityService = ReturnType<typeof createIntegrityService>;
