import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from '../db/connection';
import type { Clock } from '../lib/clock';
import { DATABASE_FILE, ORIGINALS_DIR, writeManifest, type Manifest } from './manifest';
import { createOpsRepository } from './ops.repository';
import { describeOriginalProblem, hashFile, originalPath, placeOriginal, type OriginalProblem } from './originals';

/**
 * A backup taken while Kilde runs. What it holds:
 * - the database, through SQLite's online backup (better-sqlite3 `db.backup`): a consistent
 *   snapshot however many uploads commit meanwhile. It carries everything expensive to make again:
 *   metadata and links, every page's text (OCR takes seconds a page) and the embedded search index;
 * - the originals the snapshot refers to, hard-linked when the backup is on the same file system
 *   (originals are never modified) and copied otherwise, each checked against its SHA-256;
 * - a manifest with counts and hashes, written last: a backup without one is unfinished.
 * Page images and the OCR language cache are left out: Kilde renders and unpacks them on demand.
 *
 * Originals are placed twice over: those known before the snapshot, then those the snapshot names
 * that were not there yet (uploads that committed meanwhile); ones deleted meanwhile are dropped.
 * So every original the snapshot names is in the backup, and nothing else.
 */
export interface BackupOptions {
  db: Db;
  uploadsDir: string;
  target: string;
  /** Hard-link originals where the file system allows (default); false copies every byte. */
  link?: boolean;
  clock: Clock;
  out?(line: string): void;
}

export interface BackupResult {
  manifest: Manifest;
  linked: number;
  copied: number;
  problems: OriginalProblem[];
}

export const NOT_INCLUDED = [
  'derived/ — page images, rendered again when a page is viewed',
  'ocr-cache/ — OCR language data, unpacked again from the installed packages',
];

export async function takeBackup(opts: BackupOptions): Promise<BackupResult> {
  const out = opts.out ?? (() => undefined);
  const link = opts.link ?? true;
  prepareEmptyDir(opts.target);
  const originalsRoot = path.join(opts.target, ORIGINALS_DIR);
  const placed = new Map<string, number>();
  const failed = new Map<string, OriginalProblem['kind']>();
  let linked = 0;
  let copied = 0;

  async function place(shas: string[]): Promise<void> {
    let done = 0;
    let lastPrint = Date.now();
    for (const sha of shas) {
      const outcome = await placeOriginal(opts.uploadsDir, originalsRoot, sha, { link });
      if (outcome.kind === 'linked' || outcome.kind === 'copied') {
        placed.set(sha, outcome.bytes);
        failed.delete(sha);
        if (outcome.kind === 'linked') linked++;
        else copied++;
      } else {
        failed.set(sha, outcome.kind);
      }
      done++;
      if (Date.now() - lastPrint > 2000) {
        lastPrint = Date.now();
        out(`backup: ${done}/${shas.length} originals`);
      }
    }
  }

  const live = createOpsRepository(opts.db);
  const before = live.originals().map((o) => o.sha256);
  out(`backup: ${before.length} originals to ${link ? 'link or copy' : 'copy'}`);
  await place(before);

  out('backup: copying the database (online backup)');
  const dbFile = path.join(opts.target, DATABASE_FILE);
  await opts.db.backup(`${dbFile}.tmp`);
  fs.renameSync(`${dbFile}.tmp`, dbFile);

  // The snapshot names the originals that belong in the backup, and is what the counts describe.
  const snapshot = new Database(dbFile);
  let counts: Manifest['counts'];
  let schemaVersion: number;
  let named: ReturnType<ReturnType<typeof createOpsRepository>['originals']>;
  try {
    // One self-contained file: no -wal or -shm beside it in the backup.
    snapshot.pragma('journal_mode = DELETE');
    const repo = createOpsRepository(snapshot);
    counts = repo.counts();
    schemaVersion = repo.schemaVersion();
    named = repo.originals();
  } finally {
    snapshot.close();
  }
  const namedSet = new Set(named.map((o) => o.sha256));
  const newer = named.map((o) => o.sha256).filter((sha) => !placed.has(sha));
  if (newer.length > 0) out(`backup: ${newer.length} originals uploaded meanwhile`);
  await place(newer);
  for (const sha of [...placed.keys()]) {
    if (namedSet.has(sha)) continue;
    // Deleted between the first pass and the snapshot: not part of this backup.
    await fs.promises.rm(originalPath(originalsRoot, sha), { force: true });
    placed.delete(sha);
  }
  for (const sha of [...failed.keys()]) if (!namedSet.has(sha)) failed.delete(sha);

  const problems: OriginalProblem[] = named
    .filter((o) => failed.has(o.sha256))
    .map((o) => ({ sha256: o.sha256, kind: failed.get(o.sha256)!, documentIds: o.documentIds }));
  const dbHash = await hashFile(dbFile);
  const manifest: Manifest = {
    format: 'kilde-backup',
    version: 1,
    createdAt: opts.clock.now().toISOString(),
    kildeVersion: kildeVersion(),
    database: { file: DATABASE_FILE, sha256: dbHash.sha256, bytes: dbHash.bytes, schemaVersion },
    counts,
    originals: [...placed.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([sha256, bytes]) => ({ sha256, bytes })),
    problems: problems.map(describeOriginalProblem),
    notIncluded: NOT_INCLUDED,
  };
  writeManifest(opts.target, manifest);
  return { manifest, linked, copied, problems };
}

/** A backup goes into a new or empty directory, never over another backup or other files. */
function prepareEmptyDir(dir: string): void {
  if (fs.existsSync(dir)) {
    if (!fs.statSync(dir).isDirectory()) throw new Error(`${dir} is not a directory`);
    if (fs.readdirSync(dir).length > 0) throw new Error(`${dir} is not empty: back up into a new or empty directory`);
  }
  fs.mkdirSync(dir, { recursive: true });
}

/** Kilde's version, from package.json (two levels up from the sources, three from dist/). */
export function kildeVersion(): string {
  const root = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../../..' : '../..');
  try {
    return (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
