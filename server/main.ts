import { runCli } from './cli/kilde';

/** `node dist/server/main.js` serves, as `kilde serve` does (kept for `npm run dev` and old scripts). */
void runCli(['serve', ...process.argv.slice(2)], { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), env: process.env }).then((code) => {
  if (typeof code === 'number') process.exitCode = code;
});
