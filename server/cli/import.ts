import os from 'node:os';
import path from 'node:path';
import type { Config } from '../lib/config';
import { embargoInstant } from '../documents/documents.schema';
import { createLogger } from '../lib/logger';
import {
  createProgress, DataDirBusy, ImportUserError, InputError, openApiTarget, openLedger, openLocalTarget, planImport, runImport, ServerGone, summaryText,
  type AccessChoice, type ImportDefaults, type ImportTarget,
} from '../import';
import { configOrUsageError, parseCommandArgs, UsageError, type CliIo, type Command } from './command';

/**
 * `kilde import`: bulk import of folders, zips and files (server/import). Parses and checks the
 * arguments, picks the target (a running server, or the data directory), runs the import and
 * prints the summary; exit 1 when a file failed.
 */
export const importCommand: Command = {
  usage: [
    'usage: kilde import [options] <folder|zip|file>...',
    '',
    'Imports folders (recursively), zips (their entries, as if they were a folder) and files into',
    'the archive, through the same intake as an upload: the type is read from the bytes, the size',
    'limit and access apply, and the same bytes are one document. Each document is waited for until',
    'it is extracted, so a file that cannot be read is reported. A ledger remembers finished files',
    '(by path, size, modification time and SHA-256): running it again imports nothing new, and an',
    'interrupted import continues where it stopped.',
    '',
    'Where it imports to:',
    '  --server URL --token TOKEN   a running Kilde, through its API (the token is also read from',
    '                               KILDE_TOKEN; the token decides whose name the files are under).',
    '  (no --server)                the archive of KILDE_DATA_DIR and KILDE_UPLOADS_DIR, opened by',
    '                               this command; needs --as USER. It refuses while a server uses',
    '                               that data directory (and a server will not start during it):',
    '                               import through the server then.',
    '',
    'Options:',
    '  --as USER                 the user the files are imported as (without --server)',
    '  --access LEVEL            newsroom (default), restricted or embargoed',
    '  --users NAMES             who may read restricted or embargoed files: anna,bo (you always may)',
    '  --embargo-until WHEN      when an embargo ends: 2026-12-01 or 2026-12-01T06:00:00Z',
    '  --story STORY             add every file to this story (id or title; a new title creates it,',
    '                            with the access above)',
    '  --story-from-folders      the first folder below a folder or zip given names the story',
    '  --request REQUEST         link every file to this FOI request as a response (id, our',
    '                            reference, the authority\'s reference or the subject)',
    '  --metadata FILE           a sidecar (CSV or JSON, below) for the whole import',
    '  --ledger FILE             the ledger (default: import-ledger.sqlite in KILDE_DATA_DIR without',
    '                            --server; with it, import-ledger.sqlite in $XDG_STATE_HOME/kilde)',
    '  --no-wait                 do not wait for extraction (failures to read files are not reported)',
    '  --json                    print the summary as JSON on stdout (progress stays on stderr)',
    '',
    'Sidecar metadata: a kilde-import.csv or kilde-import.json in any folder (or zip) describes the',
    'files in it and below; --metadata FILE describes the whole import, with paths relative to the',
    'folder or zip given. CSV has a header row and commas or semicolons between columns; JSON is an',
    'array of objects (or {"files": [...]}). Columns: path (required), title, date (2018-09-28,',
    '2018-09 or 2018), sender, recipient (party names or ids, several separated by ";"; a name no',
    'party has creates an organisation, or "authority:STAR" an authority), story, request, access,',
    'users, embargo_until, notes. A sidecar value wins over the options; access in a row replaces',
    'the options\' access. Example:',
    '  path,title,date,sender,recipient,story',
    '  star/brev.pdf,Brev fra STAR til KL,2018-09-28,authority:STAR,authority:KL,Cloud-sagen',
    '',
    'The summary counts files imported, duplicates, refused (a type Kilde does not read, too large)',
    'and failed (unreadable, or its metadata refused), each with its reason. Exit code 1 when any',
    'file failed, 2 for a bad argument, 0 otherwise. Hidden files and system clutter are left out.',
  ].join('\n'),
  run: (args, io) => runImportCommand(args, io),
};

const OPTIONS = {
  server: { type: 'string' },
  token: { type: 'string' },
  as: { type: 'string' },
  access: { type: 'string' },
  users: { type: 'string' },
  'embargo-until': { type: 'string' },
  story: { type: 'string' },
  'story-from-folders': { type: 'boolean' },
  request: { type: 'string' },
  metadata: { type: 'string' },
  ledger: { type: 'string' },
  'no-wait': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

async function runImportCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, true);
  if (positionals.length === 0) throw new UsageError('name at least one folder, zip or file to import');
  const access = accessOf(values);
  const defaults: ImportDefaults = { access, story: nonEmpty(values.story, '--story'), request: nonEmpty(values.request, '--request'), storyFromFolders: Boolean(values['story-from-folders']) };
  const token = values.token ?? io.env.KILDE_TOKEN;
  if (values.server === undefined && values.token !== undefined) throw new UsageError('--token goes with --server URL');
  if (values.server !== undefined && values.as !== undefined) throw new UsageError('--as is for imports without a server; with --server the token decides whose name the files are under');
  if (values.server !== undefined && !token) throw new UsageError('--server needs a token: --token TOKEN, or KILDE_TOKEN');
  if (values.server === undefined && !values.as) throw new UsageError('without --server, say whose name the files are imported under: --as USER');
  const config = configOrUsageError(io.env);

  let plan;
  try {
    plan = await planImport(positionals, { metadataFile: values.metadata });
  } catch (err) {
    if (err instanceof InputError) throw new UsageError(err.message);
    throw err;
  }

  const target = await openTarget(values.server, token, values.as, config, access);
  const ledgerFile = values.ledger ?? (target.mode === 'local' ? path.join(config.dataDir, 'import-ledger.sqlite') : path.join(stateHome(io.env), 'kilde', 'import-ledger.sqlite'));
  const ledger = openLedger(path.resolve(ledgerFile));
  let summary;
  try {
    const tty = Boolean(process.stderr.isTTY) && Boolean(io.env.TERM) && io.env.TERM !== 'dumb';
    summary = await runImport({
      plan, target, ledger, defaults,
      progress: createProgress({ tty, write: io.err, stream: process.stderr }),
      wait: !values['no-wait'],
      maxBytes: config.maxUploadBytes,
    });
  } finally {
    ledger.close();
    await target.close();
  }
  io.out(values.json ? `${JSON.stringify(summary, null, 2)}\n` : summaryText(summary));
  return summary.failed > 0 || summary.notReached > 0 ? 1 : 0;
}

async function openTarget(server: string | undefined, token: string | undefined, asUser: string | undefined, config: Config, storyAccess: AccessChoice): Promise<ImportTarget> {
  try {
    if (server !== undefined) return await openApiTarget({ server, token: token!, storyAccess });
    // Extraction logs would break the progress bar; warnings and errors still show.
    const logger = createLogger(config.logLevel === 'info' || config.logLevel === 'debug' ? 'warn' : config.logLevel);
    return await openLocalTarget({ config, asUser: asUser!, logger, storyAccess });
  } catch (err) {
    if (err instanceof DataDirBusy) {
      throw new UsageError(err.holder === 'server'
        ? `a Kilde server is using ${config.dataDir}: import through it (--server URL --token TOKEN), or stop it first`
        : `another import is using ${config.dataDir}: wait for it to finish`);
    }
    if (err instanceof ImportUserError) throw new UsageError(err.message);
    if (err instanceof ServerGone) throw new Error(err.message);
    throw err;
  }
}

function accessOf(values: { access?: string; users?: string; 'embargo-until'?: string }): AccessChoice {
  const users = [...new Set((values.users ?? '').split(/[,\s]+/).map((u) => u.trim()).filter(Boolean))];
  const embargoText = values['embargo-until'];
  const level = values.access ?? (embargoText ? 'embargoed' : 'newsroom');
  if (level !== 'newsroom' && level !== 'restricted' && level !== 'embargoed') throw new UsageError('--access must be newsroom, restricted or embargoed');
  if (level === 'newsroom' && users.length) throw new UsageError('--users goes with --access restricted or embargoed');
  if (level === 'embargoed' && !embargoText) throw new UsageError('--access embargoed needs --embargo-until WHEN');
  if (embargoText && level !== 'embargoed') throw new UsageError('--embargo-until goes with --access embargoed');
  let embargoUntil: string | null = null;
  if (embargoText) {
    const parsed = embargoInstant('--embargo-until must be a date and time, e.g. 2026-12-01T06:00:00Z (or a day, 2026-12-01)').safeParse(embargoText);
    if (!parsed.success) throw new UsageError(parsed.error.issues[0]!.message);
    embargoUntil = parsed.data;
  }
  return { level, users, embargoUntil };
}

function nonEmpty(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (!value.trim()) throw new UsageError(`${flag} is empty`);
  return value.trim();
}

function stateHome(env: Record<string, string | undefined>): string {
  return env.XDG_STATE_HOME || path.join(env.HOME || os.homedir(), '.local', 'state');
}
