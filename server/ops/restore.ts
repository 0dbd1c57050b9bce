import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE, ORIGINALS_DIR, readManifest, type Manifest } from './manifest';
import { createOpsRepository, type ArchiveCounts } from './ops.repository';
import { hashFile, placeOriginal } from './originals';

/**
 * Brings a backup (server/ops/backup.ts) back into an empty data directory and an empty uploads
 * directory. Nothing is trusted: the database file and every original are checked against the
 * manifest's SHA-256 while they are copied, and the restored database's counts against the
 * manifest's. A target that holds anything is refused, so a restore never mixes two archives or
 * overwrites a live one.
 */
export interface RestoreOptions {
  from: string;
  dataDir: string;
  uploadsDir: string;
  out?(line: string): void;
}

export interface RestoreResult {
  manifest: Manifest;
  originals: number;
  /** One line per damaged or missing file, or count that differs; empty when all is well. */
  problems: string[];
}

/** What may already be in an "empty" target: the repository's placeholder and an empty temp folder. */
const IGNORED = new Set(['.gitkeep', '.tmp']);

export class TargetNotEmptyError extends Error {}

export function assertEmptyTarget(dir: string, what: string): void {
  if (!fs.existsSync(dir)) return;
  if (!fs.statSync(dir).isDirectory()) throw new TargetNotEmptyError(`the ${what} ${dir} is not a directory`);
  const entries = fs.readdirSync(dir).filter((name) => !IGNORED.has(name) || (name === '.tmp' && !isEmptyDir(path.join(dir, name))));
  if (entries.length > 0) {
    throw new TargetNotEmptyError(`the ${what} ${dir} is not empty (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''}): restore only into an empty one`);
  }
}

function isEmptyDir(dir: string): boolean {
  return fs.statSync(dir).isDirectory() && fs.readdirSync(dir).length === 0;
}

export async function restoreBackup(opts: RestoreOptions): Promise<RestoreResult> {
  const out = opts.out ?? (() => undefined);
  const manifest = readManifest(opts.from);
  assertEmptyTarget(opts.dataDir, 'data directory');
  assertEmptyTarget(opts.uploadsDir, 'uploads directory');
  const problems: string[] = [...manifest.problems.map((p) => `backup: ${p}`)];

  const source = path.join(opts.from, DATABASE_FILE);
  const { sha256, bytes } = await hashFile(source);
  if (sha256 !== manifest.database.sha256 || bytes !== manifest.database.bytes) {
    throw new Error(`${source} does not match the manifest (SHA-256 ${sha256}, ${bytes} bytes; expected ${manifest.database.sha256}, ${manifest.database.bytes} bytes): the backup is damaged`);
  }
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const target = path.join(opts.dataDir, DATABASE_FILE);
  fs.copyFileSync(source, `${target}.tmp`, fs.constants.COPYFILE_EXCL);
  fs.renameSync(`${target}.tmp`, target);
  out(`restore: database restored (${manifest.counts.documents} documents, ${manifest.counts.pages} pages)`);

  fs.mkdirSync(opts.uploadsDir, { recursive: true });
  let restored = 0;
  let lastPrint = Date.now();
  for (const o of manifest.originals) {
    const outcome = await placeOriginal(path.join(opts.from, ORIGINALS_DIR), opts.uploadsDir, o.sha256, { link: false });
    if (outcome.kind === 'missing') problems.push(`original ${o.sha256} is listed in the manifest but missing from the backup`);
    else if (outcome.kind === 'changed') problems.push(`original ${o.sha256} in the backup is damaged (its bytes hash to ${outcome.actual})`);
    else restored++;
    if (Date.now() - lastPrint > 2000) {
      lastPrint = Date.now();
      out(`restore: ${restored}/${manifest.originals.length} originals`);
    }
  }
  out(`restore: ${restored} of ${manifest.originals.length} originals restored and checked`);

  const counts = countsOf(target);
  for (const key of Object.keys(manifest.counts) as Array<keyof ArchiveCounts>) {
    if (counts[key] !== manifest.counts[key]) problems.push(`database: ${counts[key]} ${key} restored, the manifest says ${manifest.counts[key]}`);
  }
  return { manifest, originals: restored, problems };
}

function countsOf(file: string): ArchiveCounts {
  const db = new Database(file, { readonly: true });
  try {
    return createOpsRepository(db).counts();
  } finally {
    db.close();
  }
}
