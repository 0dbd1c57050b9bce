import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ServerGone } from './api-target';
import { metaFor, type ImportDefaults } from './file-meta';
import type { FileOutcome, ImportFile, ImportSummary, ImportTarget } from './import.types';
import type { Ledger, LedgerKey } from './ledger';
import type { Progress } from './progress';
import { plannedFiles, type ImportPlan, type PlannedInput } from './sources';

/**
 * The orchestrator of `kilde import`: takes the planned files one at a time — hash, ledger, add,
 * link — and, while extraction runs (in the server, or in this process's job runner), waits for
 * each stored document's final status, so a file that cannot be read counts as failed. It alone
 * sequences the steps, reports progress and catches; every file ends as one outcome with its reason.
 *
 * The ledger (see ledger.ts) makes a run that is killed halfway and started again continue:
 * finished files are skipped, a file whose document was added but not seen extracted is waited
 * for again (not added again), and a file killed in the moment between being added and being
 * written down is added again — the archive answers "duplicate" with the document it already has,
 * and its links are made again (they are idempotent).
 */
export interface ImportRun {
  plan: ImportPlan;
  target: ImportTarget;
  ledger: Ledger;
  defaults: ImportDefaults;
  progress: Progress;
  /** Wait for extraction (and report what failed); false leaves it to the server. */
  wait: boolean;
  /** Largest zip entry unpacked (the upload limit). */
  maxBytes: number;
  pollMs?: number;
  now?: () => Date;
}

interface Pending {
  key: LedgerKey;
  outcome: FileOutcome;
}

/** How many pending documents one status poll asks about (the API answers one per request). */
const POLL_BATCH = 50;

export async function runImport(run: ImportRun): Promise<ImportSummary> {
  const { plan, target, ledger, progress } = run;
  const now = run.now ?? (() => new Date());
  const pollMs = run.pollMs ?? 1000;
  const outcomes: FileOutcome[] = [];
  const notes: string[] = [];
  const pending = new Map<string, Pending>();
  let reached = 0;
  let stored = 0;
  let lastPoll = Date.now();

  const keyOf = async (file: ImportFile): Promise<LedgerKey> => ({
    target: target.target, userId: target.user.id, source: file.source, size: file.size, mtimeMs: file.mtimeMs, sha256: file.sha256 ?? (await hashFile(file.path)),
  });

  async function importOne(input: PlannedInput, file: ImportFile): Promise<void> {
    const key = await keyOf(file);
    const done = ledger.find(key);
    if (done?.outcome === 'added' && done.documentId && run.wait) {
      // Added by a run that stopped before its extraction finished: wait for it now.
      const outcome: FileOutcome = { source: file.source, outcome: 'imported', documentId: done.documentId };
      outcomes.push(outcome);
      stored++;
      pending.set(done.documentId, { key, outcome });
      return;
    }
    if (done) {
      outcomes.push({ source: file.source, outcome: 'skipped', ...(done.documentId ? { documentId: done.documentId } : {}) });
      return;
    }
    const meta = metaFor(file, input.metadata.get(file.relPath), run.defaults);
    const added = await target.add(file, meta);
    if (added.kind === 'refused') {
      outcomes.push({ source: file.source, outcome: 'refused', reason: added.reason });
      ledger.record(key, { outcome: 'refused', documentId: null, reason: added.reason }, now());
      return;
    }
    const documentId = added.documentId;
    try {
      await target.link(documentId, meta);
    } catch (err) {
      if (err instanceof ServerGone) throw err;
      // Not in the ledger: the next run adds it again (a duplicate of itself) and links again.
      outcomes.push({ source: file.source, outcome: 'failed', documentId, reason: `added as ${documentId}, but its metadata was refused: ${(err as Error).message}` });
      return;
    }
    if (added.kind === 'duplicate') {
      const reason = `the same content is already in the archive as ${documentId}`;
      outcomes.push({ source: file.source, outcome: 'duplicate', documentId, reason });
      ledger.record(key, { outcome: 'duplicate', documentId, reason }, now());
      return;
    }
    const outcome: FileOutcome = { source: file.source, outcome: 'imported', documentId };
    outcomes.push(outcome);
    stored++;
    ledger.record(key, { outcome: run.wait ? 'added' : 'imported', documentId, reason: null }, now());
    if (run.wait) pending.set(documentId, { key, outcome });
  }

  /** Asks where the pending documents' extraction stands; records those that finished. */
  async function settle(): Promise<void> {
    if (pending.size === 0) return;
    const states = await target.extraction([...pending.keys()].slice(0, POLL_BATCH));
    for (const [id, state] of states) {
      const p = pending.get(id);
      if (!p || state.status === 'pending') continue;
      pending.delete(id);
      if (state.status === 'ready') {
        ledger.record(p.key, { outcome: 'imported', documentId: id, reason: null }, now());
      } else if (state.status === 'failed') {
        Object.assign(p.outcome, { outcome: 'failed', reason: `${state.reason} (stored as ${id}; extract it again from its page)` });
        ledger.record(p.key, { outcome: 'failed', documentId: id, reason: state.reason }, now());
      } else {
        Object.assign(p.outcome, { outcome: 'failed', reason: `${id} was deleted before its extraction finished` });
        ledger.forget(p.key);
      }
    }
    lastPoll = Date.now();
  }

  const tempDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'kilde-import-'));
  try {
    progress.start('Importing', 'files', plan.total);
    for await (const found of plannedFiles(plan, { tempDir, maxBytes: run.maxBytes })) {
      if ('problem' in found) {
        outcomes.push({ source: found.problem.source, outcome: found.problem.outcome, reason: found.problem.reason });
      } else {
        try {
          await importOne(found.input, found.file);
        } catch (err) {
          if (err instanceof ServerGone) throw err;
          outcomes.push({ source: found.file.source, outcome: 'failed', reason: (err as Error).message });
        } finally {
          await found.file.release();
        }
      }
      progress.update(++reached);
      if (Date.now() - lastPoll >= pollMs) await settle();
    }
    progress.stop();

    if (run.wait && pending.size > 0) {
      progress.start('Extracting', 'documents', stored);
      while (pending.size > 0) {
        await settle();
        progress.update(stored - pending.size);
        if (pending.size > 0) await new Promise((r) => setTimeout(r, Math.min(pollMs, 250)));
      }
      progress.stop();
    }
  } catch (err) {
    progress.stop();
    if (!(err instanceof ServerGone)) throw err;
    notes.push(`The import stopped: ${err.message}. Run it again to continue.`);
    // Added but not finished: failed for this run; the next run picks them up again.
    for (const [id, p] of pending) Object.assign(p.outcome, { outcome: 'failed', reason: `added as ${id}; its extraction was not seen to finish` });
  } finally {
    await fs.promises.rm(tempDir, { recursive: true, force: true });
  }

  for (const e of plan.unused()) notes.push(`${e.origin}: no file ${e.path} in the import`);
  return summarise(run, outcomes, notes, plan.total - reached);
}

function summarise(run: ImportRun, files: FileOutcome[], notes: string[], notReached: number): ImportSummary {
  const count = (k: FileOutcome['outcome']) => files.filter((f) => f.outcome === k).length;
  return {
    mode: run.target.mode,
    target: run.target.target,
    user: run.target.user.username,
    total: run.plan.total,
    imported: count('imported'),
    duplicates: count('duplicate'),
    refused: count('refused'),
    failed: count('failed'),
    skipped: count('skipped'),
    notReached,
    files,
    notes,
  };
}

export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}
