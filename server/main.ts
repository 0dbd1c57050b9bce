import { configFromEnvOrExit } from './cli/config-from-env';
import { createKilde } from './kilde';
import { createLogger } from './lib/logger';

/** Entry point: read the config once, wire Kilde, serve, and shut down gracefully on a signal. */
async function main(): Promise<void> {
  const config = configFromEnvOrExit();
  const logger = createLogger(config.logLevel);
  const kilde = createKilde(config, { logger });
  await kilde.start();
  const server = kilde.app.listen(config.port, () => {
    logger.info('Kilde is serving', { url: `http://localhost:${config.port}`, dataDir: config.dataDir, search: kilde.engine.name });
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    server.close();
    kilde.stop().then(
      () => process.exit(0),
      (err) => {
        logger.error('shutdown failed', { error: String(err) });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

void main();
