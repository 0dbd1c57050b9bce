import { isAppError } from '../lib/errors';
import { systemClock, type Clock } from '../lib/clock';
import { createLogger } from '../lib/logger';
import { openArchive } from '../ops/archive';
import { configOrUsageError, parseCommandArgs, UsageError, type Command } from './command';

export const reindexCommand: Command = {
  usage: [
    'usage: kilde reindex',
    '',
    'Rebuilds the active search index (Meilisearch when MEILI_URL is set, else the embedded one) from',
    'the database in KILDE_DATA_DIR, printing progress. Safe beside a running server: the new index is',
    'built beside the live one and swapped in at the end; documents changed meanwhile are queued again.',
    '',
    'exit codes: 0 done, 1 failed, 2 bad configuration, 3 another reindex is running',
  ].join('\n'),
  async run(args, io) {
    parseCommandArgs(args, {});
    return runReindex(io.env, (line) => io.out(`${line}\n`));
  },
};

/** The rebuild itself; answers the exit code (see the usage above). */
export async function runReindex(env: Record<string, string | undefined>, out: (line: string) => void, clock: Clock = systemClock): Promise<number> {
  let config;
  try {
    config = configOrUsageError(env);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    out(`reindex: ${err.message}`);
    return 2;
  }
  const archive = openArchive(config, { logger: createLogger('warn', out), clock });
  try {
    const { engine, reindexer } = archive;
    out(`reindex: rebuilding the ${engine.name} search index from ${config.dataDir}`);
    await engine.init();
    const started = Date.now();
    let lastPrint = 0;
    const result = await reindexer.run((p) => {
      const now = Date.now();
      if (now - lastPrint < 1000 && p.done < p.total) return;
      lastPrint = now;
      const pct = p.total > 0 ? Math.floor((p.done / p.total) * 100) : 100;
      out(`reindex: ${p.done}/${p.total} documents (${pct}%), ${p.pages} pages`);
    });
    const seconds = Math.max(0.001, (Date.now() - started) / 1000);
    out(
      `reindex: done — ${result.documents} documents, ${result.pages} pages in ${seconds.toFixed(1)} s (${Math.round(result.pages / seconds)} pages/s)` +
        (result.requeued > 0 ? `; ${result.requeued} documents changed meanwhile and were queued again` : ''),
    );
    return 0;
  } catch (err) {
    out(`reindex: failed — ${err instanceof Error ? err.message : String(err)}`);
    return isAppError(err) && err.code === 'conflict' ? 3 : 1;
  } finally {
    archive.close();
  }
}
