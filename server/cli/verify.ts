import fs from 'node:fs';
import path from 'node:path';
import { systemClock } from '../lib/clock';
import { createLogger } from '../lib/logger';
import { openArchive } from '../ops/archive';
import { DATABASE_FILE } from '../ops/manifest';
import { verifyArchive } from '../ops/verify';
import { configOrUsageError, parseCommandArgs, UsageError, type Command } from './command';

export const verifyCommand: Command = {
  usage: [
    'usage: kilde verify [--progress]',
    '',
    'Checks the archive of KILDE_DATA_DIR and KILDE_UPLOADS_DIR (the server may be running): the',
    'database file and its references, that every page belongs to a document, every original\'s',
    'SHA-256, and the search index against the database (it holds every ready document and nothing',
    'else). Prints one line per problem and nothing when the archive is whole; --progress reports',
    'progress on stderr.',
    '',
    'exit codes: 0 whole, 1 problems found (listed) or the check failed, 2 bad argument',
  ].join('\n'),
  async run(args, io) {
    const { values } = parseCommandArgs(args, { progress: { type: 'boolean' } });
    const config = configOrUsageError(io.env);
    if (!fs.existsSync(path.join(config.dataDir, DATABASE_FILE))) throw new UsageError(`no archive in ${config.dataDir} (KILDE_DATA_DIR): nothing to verify`);
    const archive = openArchive(config, { logger: createLogger('warn', (line) => io.err(`${line}\n`)), clock: systemClock });
    try {
      const problems = await verifyArchive({
        db: archive.db,
        uploadsDir: config.uploadsDir,
        engine: archive.engine,
        progress: values.progress ? (line) => io.err(`${line}\n`) : undefined,
      });
      for (const p of problems) io.out(`${p}\n`);
      return problems.length > 0 ? 1 : 0;
    } finally {
      archive.close();
    }
  },
};
