import { createAuditLog } from '../auth/audit';
import { configFromEnvOrExit } from './config-from-env';
import { createIntakeService } from '../documents/intake.service';
import { createJobsRepository } from '../jobs/jobs.repository';
import { createKilde } from '../kilde';
import { systemClock } from '../lib/clock';
import { createLogger } from '../lib/logger';
import { createBlobStore } from '../storage/blob-store';
import { DEMO_TITLE, loadDemoStory } from '../stories/demo-story';

/**
 * Loads the demo story (server/stories/demo-story.ts) into the archive configured by the
 * environment, the same one `npm start` serves:
 *   npm run demo && npm start
 * Letters go through the real intake service, are extracted and indexed before this exits, and
 * running it again changes nothing.
 */
async function main(): Promise<void> {
  const config = configFromEnvOrExit();
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const kilde = createKilde(config, { logger });
  await kilde.start();
  try {
    const blobs = createBlobStore(config.uploadsDir);
    const intake = createIntakeService({
      db: kilde.db,
      documents: kilde.documents,
      jobs: createJobsRepository(kilde.db),
      blobs,
      audit: createAuditLog(kilde.db, systemClock),
      clock: systemClock,
      jobMaxAttempts: config.jobMaxAttempts,
      onQueued: () => kilde.runner.wake(),
    });
    const result = await loadDemoStory({
      story: kilde.story,
      intake,
      blobs,
      async whenExtracted() {
        await kilde.runner.idle();
        await kilde.indexer.drain();
      },
    });
    await kilde.indexer.drain();
    process.stdout.write(
      `Demo loaded: "${DEMO_TITLE}" with ${result.documentIds.length} letters (${result.storedDocuments} new).\n` +
        `Start Kilde (npm start) and open /stories/${result.storyId}\n`,
    );
  } finally {
    await kilde.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`demo: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
