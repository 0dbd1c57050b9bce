import type { CliIo, Command } from './command';
import { UsageError } from './command';

/**
 * `kilde <command>`: one entry point for every command line task. Each command's module is loaded
 * only when it runs, so `kilde user:add` does not pay for the web server, OCR or PDF engines.
 */
const COMMANDS: Record<string, { summary: string; load: () => Command }> = {
  serve: { summary: 'serve the web interface and API (the default of `npm start`)', load: () => (require('./serve') as typeof import('./serve')).serveCommand },
  'user:add': { summary: 'create a user (and print an API token for scripts)', load: () => (require('./user-add') as typeof import('./user-add')).userAddCommand },
  reindex: { summary: 'rebuild the search index from the database (safe beside a running server)', load: () => (require('./reindex') as typeof import('./reindex')).reindexCommand },
  demo: { summary: 'load the demo story into the archive', load: () => (require('./demo') as typeof import('./demo')).demoCommand },
  import: { summary: 'import folders, zips and files (resumable; through a running server or the data directory)', load: () => (require('./import') as typeof import('./import')).importCommand },
  backup: { summary: 'back up the database and originals into a directory (safe beside a running server)', load: () => (require('./backup') as typeof import('./backup')).backupCommand },
  restore: { summary: 'restore a backup into an empty data and uploads directory', load: () => (require('./restore') as typeof import('./restore')).restoreCommand },
  verify: { summary: 'check every original, every page and the search index; list each problem', load: () => (require('./verify') as typeof import('./verify')).verifyCommand },
  seed: { summary: 'load the FOI authority directory from the data files (keeps edits made in Kilde)', load: () => (require('./seed') as typeof import('./seed')).seedCommand },
};

export const HELP = [
  'usage: kilde <command> [options]',
  '',
  'commands:',
  ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`),
  '',
  '`kilde <command> --help` describes a command. Settings come from environment variables',
  '(KILDE_DATA_DIR, KILDE_UPLOADS_DIR, PORT, MEILI_URL …: see the README).',
].join('\n');

export async function runCli(argv: string[], io: CliIo): Promise<number | void> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(`${HELP}\n`);
    return name === undefined ? 2 : 0;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) {
    io.err(`kilde: unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')}; kilde --help)\n`);
    return 2;
  }
  const command = entry.load();
  if (args.includes('--help') || args.includes('-h')) {
    io.out(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`kilde ${name}: ${err.message}\n`);
      return 2;
    }
    io.err(`kilde ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
