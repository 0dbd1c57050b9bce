import path from 'node:path';
import { createReindexRepository } from '../../search/reindex.repository';
import { systemClock } from '../lib/clock';
import { createLogger } from '../lib/logger';
import { openArchive } from '../ops/archive';
import { restoreBackup, TargetNotEmptyError } from '../ops/restore';
import { configOrUsageError, parseCommandArgs, UsageError, type Command } from './command';

export const restoreCommand: Command = {
  usage: [
    'usage: kilde restore DIR',
    '',
    'Restores the backup in DIR (made by `kilde backup`) into KILDE_DATA_DIR and KILDE_UPLOADS_DIR,',
    'which must be empty: a restore never overwrites an archive. The database and every original are',
    'checked against the SHA-256 hashes of the manifest as they are copied; then the search index is',
    'brought up to date (the embedded index travels inside the database; Meilisearch, when MEILI_URL',
    'is set, is rebuilt from it). Run `kilde verify` afterwards, then start the server.',
    '',
    'exit codes: 0 done, 1 failed or a file damaged or missing (listed), 2 bad argument or a target',
    'that is not empty',
  ].join('\n'),
  async run(args, io) {
    const { positionals } = parseCommandArgs(args, {}, true);
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'name the backup directory: kilde restore DIR' : `unexpected argument "${positionals[1]}"`);
    const config = configOrUsageError(io.env);
    const out = (line: string) => io.out(`${line}\n`);
    let result;
    try {
      result = await restoreBackup({ from: path.resolve(positionals[0]!), dataDir: config.dataDir, uploadsDir: config.uploadsDir, out });
    } catch (err) {
      if (err instanceof TargetNotEmptyError) throw new UsageError(err.message);
      throw err;
    }
    const archive = openArchive(config, { logger: createLogger('warn', (line) => io.err(`${line}\n`)), clock: systemClock });
    let indexProblem: string | null = null;
    try {
      // A reindex that was running when the backup was taken died with that process.
      createReindexRepository(archive.db).abort();
      await archive.engine.init();
      if (archive.engine.name === 'meilisearch') {
        out('restore: rebuilding the Meilisearch index from the restored database');
        await archive.reindexer.run();
      } else {
        await archive.indexer.drain();
      }
    } catch (err) {
      indexProblem = `restore: the search index is not up to date (${err instanceof Error ? err.message : String(err)}); run \`kilde reindex\` once the search engine is reachable`;
    } finally {
      archive.close();
    }
    for (const p of result.problems) io.err(`restore: ${p}\n`);
    if (indexProblem) io.err(`${indexProblem}\n`);
    const ok = result.problems.length === 0 && !indexProblem;
    out(`restore: ${ok ? 'done' : 'finished with problems'} — ${result.manifest.counts.documents} documents, ${result.originals} originals from the backup of ${result.manifest.createdAt}`);
    return ok ? 0 : 1;
  },
};
