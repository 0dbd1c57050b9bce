import { runCli } from './kilde';

/** `node dist/server/cli/main.js` serves, as `kilde serve` does (what `npm run dev` restarts on each change). */
void runCli(['serve', ...process.argv.slice(2)], { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), env: process.env }).then((code) => {
  if (typeof code === 'number') process.exitCode = code;
});
