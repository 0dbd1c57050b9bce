import type { Config } from '../lib/config';
import { configOrUsageError, parseCommandArgs, type Command } from './command';
import { createKilde } from '../kilde';
import { createLogger } from '../lib/logger';
import { DEMO_TITLE, loadDemoStory } from '../story';

/**
 * Loads the demo story (server/story/demo/demo-story.ts) into the archive configured by the
 * environment, the same one `kilde serve` serves. Letters go through the real intake service, are
 * extracted and indexed before this exits, and running it again changes nothing.
 */
export const demoCommand: Command = {
  usage: [
    'usage: kilde demo',
    '',
    'Loads the demo story (letters, parties, events, an FOI request) into the archive of',
    'KILDE_DATA_DIR, extracted and indexed before it exits. Running it again changes nothing.',
  ].join('\n'),
  async run(args, io) {
    parseCommandArgs(args, {});
    await loadDemo(configOrUsageError(io.env), io.out);
    return 0;
  },
};

async function loadDemo(config: Config, out: (text: string) => void): Promise<void> {
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const kilde = createKilde(config, { logger });
  await kilde.start({ warm: true });
  try {
    const result = await loadDemoStory({
      story: kilde.story,
      intake: kilde.intake,
      blobs: kilde.blobs,
      async whenExtracted() {
        await kilde.runner.idle();
        await kilde.indexer.drain();
      },
    });
    await kilde.indexer.drain();
    out(
      `Demo loaded: "${DEMO_TITLE}" with ${result.documentIds.length} letters (${result.storedDocuments} new).\n` +
        `Start Kilde (npm start, or npx kilde serve) and open /stories/${result.storyId}\n`,
    );
  } finally {
    await kilde.stop();
  }
}
