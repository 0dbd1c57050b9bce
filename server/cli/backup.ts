import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../db/connection';
import { systemClock } from '../lib/clock';
import { takeBackup } from '../ops/backup';
import { DATABASE_FILE } from '../ops/manifest';
import { describeOriginalProblem } from '../ops/originals';
import { configOrUsageError, parseCommandArgs, UsageError, type Command } from './command';

export const backupCommand: Command = {
  usage: [
    'usage: kilde backup [--copy] DIR',
    '',
    'Backs up the archive of KILDE_DATA_DIR and KILDE_UPLOADS_DIR into DIR (new or empty), while the',
    'server runs: a consistent copy of the database (SQLite online backup; it holds the page texts,',
    'OCR results and the embedded search index), every original it refers to, and manifest.json with',
    'counts and SHA-256 hashes. Originals are hard-linked when DIR is on the same file system (they',
    'are never modified), copied otherwise; --copy always copies. Page images are left out: they are',
    'rendered again on demand. Bring a backup back with `kilde restore DIR`.',
    '',
    'exit codes: 0 done, 1 failed or an original missing or changed (listed), 2 bad argument',
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { copy: { type: 'boolean' } }, true);
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'name the directory to back up into: kilde backup DIR' : `unexpected argument "${positionals[1]}"`);
    const config = configOrUsageError(io.env);
    if (!fs.existsSync(path.join(config.dataDir, DATABASE_FILE))) throw new UsageError(`no archive in ${config.dataDir} (KILDE_DATA_DIR): nothing to back up`);
    const target = path.resolve(positionals[0]!);
    const out = (line: string) => io.out(`${line}\n`);
    const db = openDatabase(config.dataDir);
    try {
      const started = Date.now();
      const result = await takeBackup({ db, uploadsDir: config.uploadsDir, target, link: !values.copy, clock: systemClock, out });
      const c = result.manifest.counts;
      out(
        `backup: done in ${((Date.now() - started) / 1000).toFixed(1)} s — ${c.documents} documents, ${c.pages} pages, ` +
          `${result.manifest.originals.length} originals (${result.linked} linked, ${result.copied} copied) in ${target}`,
      );
      for (const p of result.problems) io.err(`backup: ${describeOriginalProblem(p)}\n`);
      return result.problems.length > 0 ? 1 : 0;
    } finally {
      db.close();
    }
  },
};
