import { DataDirBusy, lockForServer, type DataDirLock } from '../import/data-dir-lock';
import { createKilde } from '../kilde';
import { createLogger } from '../lib/logger';
import { configOrUsageError, parseCommandArgs, type Command } from './command';

/** Serves Kilde until SIGINT/SIGTERM, then finishes running jobs and closes the database. */
export const serveCommand: Command = {
  usage: [
    'usage: kilde serve',
    '',
    'Serves the web interface and API on PORT (default 3000) with the data in KILDE_DATA_DIR and the',
    'originals in KILDE_UPLOADS_DIR. Stops gracefully on Ctrl-C (SIGINT) or SIGTERM.',
  ].join('\n'),
  async run(args, io) {
    parseCommandArgs(args, {});
    const config = configOrUsageError(io.env);
    const logger = createLogger(config.logLevel);
    // Never beside an offline `kilde import` on the same data directory (server/import/data-dir-lock.ts).
    let lock: DataDirLock;
    try {
      lock = lockForServer(config.dataDir);
    } catch (err) {
      if (!(err instanceof DataDirBusy)) throw err;
      io.err(`kilde serve: an import is using ${config.dataDir}; start the server when it has finished (or import through the server)\n`);
      return 1;
    }
    const kilde = createKilde(config, { logger });
    await kilde.start({ warm: true });
    const server = kilde.app.listen(config.port, () => {
      logger.info('Kilde is serving', { url: `http://localhost:${config.port}`, dataDir: config.dataDir, search: kilde.engine.name });
    });
    server.on('error', (err: NodeJS.ErrnoException) => {
      io.err(`kilde serve: cannot listen on port ${config.port}: ${err.code === 'EADDRINUSE' ? 'the port is in use' : err.message}\n`);
      void kilde.stop().finally(() => process.exit(1));
    });

    let stopping = false;
    const shutdown = (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info('shutting down', { signal });
      server.close();
      kilde.stop().then(
        () => {
          lock.release();
          process.exit(0);
        },
        (err) => {
          logger.error('shutdown failed', { error: String(err) });
          process.exit(1);
        },
      );
    };
    process.on('SIGINT', () => shutdown('SIGINT'));
    process.on('SIGTERM', () => shutdown('SIGTERM'));
  },
};
