#!/usr/bin/env node
'use strict';
/** The `kilde` command: checks Node, builds only when a source changed, then runs a subcommand. */
const path = require('node:path');
const { checkNode } = require('./node-version');
const { ensureBuilt } = require('./build');

const node = checkNode();
if (node.verdict === 'too-old') {
  process.stderr.write(`${node.message}\n`);
  process.exit(1);
}
if (node.verdict === 'untested') process.stderr.write(`${node.message}\n`);

const built = ensureBuilt();
if (built !== 0) process.exit(built);

const { runCli } = require(path.join(__dirname, '..', 'dist', 'server', 'cli', 'kilde.js'));
runCli(process.argv.slice(2), { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), env: process.env }).then(
  (code) => {
    // `serve` keeps running: it answers with no code and exits on a signal itself.
    if (typeof code === 'number') process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`kilde: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
