'use strict';
/**
 * Builds the TypeScript sources into dist/ — once at install (`prepare`), and again only when a
 * source is newer than the last build, so `npm start` and `npx kilde …` start without compiling.
 *
 *   node bin/build.js           build when stale (prepare, bench scripts)
 *   node bin/build.js --force   always build (npm run build)
 *
 * A build that succeeds writes dist/.built; its modification time is "the last build".
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
/** What tsconfig.json compiles, plus the files that change how it compiles. */
const SOURCE_DIRS = ['server', 'search', 'bench'];
const SOURCE_FILES = ['tsconfig.json', 'package.json'];

function newestSourceMtime(root) {
  let newest = 0;
  const visit = (dir) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.name.endsWith('.ts') || e.name.endsWith('.json')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  for (const d of SOURCE_DIRS) visit(path.join(root, d));
  for (const f of SOURCE_FILES) {
    try {
      newest = Math.max(newest, fs.statSync(path.join(root, f)).mtimeMs);
    } catch {
      /* absent: nothing to compare */
    }
  }
  return newest;
}

/** True when dist/ is missing or older than any source. */
function isStale(root = ROOT) {
  let built;
  try {
    built = fs.statSync(path.join(root, 'dist', '.built')).mtimeMs;
  } catch {
    return true;
  }
  return newestSourceMtime(root) > built;
}

/** Runs tsc; returns its exit code. Output goes to stderr so a command's stdout stays clean. */
function build(root = ROOT) {
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!fs.existsSync(tsc)) {
    process.stderr.write('kilde: dist/ is missing or out of date and TypeScript is not installed: run `npm install` first.\n');
    return 1;
  }
  const res = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.json')], { stdio: ['ignore', 2, 2] });
  if (res.status !== 0) return res.status ?? 1;
  fs.writeFileSync(path.join(root, 'dist', '.built'), `${new Date().toISOString()}\n`);
  return 0;
}

/** Builds when stale; returns 0 when dist/ is up to date afterwards. */
function ensureBuilt(root = ROOT, { quiet = false } = {}) {
  if (!isStale(root)) return 0;
  if (!quiet) process.stderr.write('kilde: compiling the TypeScript sources (once, after a change)…\n');
  return build(root);
}

module.exports = { isStale, build, ensureBuilt, newestSourceMtime };

if (require.main === module) {
  process.exitCode = process.argv.includes('--force') ? build() : ensureBuilt(ROOT, { quiet: true });
}
