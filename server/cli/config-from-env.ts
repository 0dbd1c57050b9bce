import { loadConfig, type Config } from '../config';

/** For entry points: the config from the environment, or the list of problems and exit code 2. */
export function configFromEnvOrExit(): Config {
  try {
    return loadConfig(process.env);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(2);
  }
}
