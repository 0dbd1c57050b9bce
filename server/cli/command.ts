import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadConfig, type Config } from '../lib/config';

/** Where a command writes, and the environment it reads: the real process, or a test's capture. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
}

/**
 * One `kilde` subcommand. `run` answers an exit code (0 done, 1 failed, 2 bad argument or
 * configuration), or nothing for a command that keeps running (`serve`).
 */
export interface Command {
  usage: string;
  run(args: string[], io: CliIo): Promise<number | void>;
}

/** A bad argument or configuration: the CLI prints it as one line and exits 2. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Node's own argument parser, strict: an unknown option or a missing value is a UsageError. */
export function parseCommandArgs<O extends Options>(args: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals });
  } catch (err) {
    // Node's messages end with advice on `--`; the first sentence names the problem.
    throw new UsageError((err as Error).message.split('. ')[0]!.replace(/\.$/, ''));
  }
}

/** The config from the environment; a bad value is a UsageError naming every problem on one line. */
export function configOrUsageError(env: Record<string, string | undefined>): Config {
  try {
    return loadConfig(env);
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/:\n- /, ': ').replace(/\n- /g, '; '));
  }
}
