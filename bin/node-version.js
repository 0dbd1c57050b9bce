'use strict';
/**
 * Which Node.js runs Kilde. better-sqlite3 12 (the version Kilde pins) is built and tested for
 * Node 20 and 22; Kilde is tested on Node 20. Older Node lacks APIs Kilde uses; newer majors are
 * allowed with a warning (better-sqlite3 13, which newer Node wants, crashes Node 20).
 */
const SUPPORTED_MAJORS = [20, 22];

/** 'ok', 'too-old' or 'untested', with the line to print for the last two. */
function checkNode(version = process.versions.node) {
  const major = Number(String(version).split('.')[0]);
  if (SUPPORTED_MAJORS.includes(major)) return { verdict: 'ok', message: '' };
  if (!(major >= SUPPORTED_MAJORS[0]))
    return { verdict: 'too-old', message: `kilde: Node.js ${version} is too old: Kilde needs Node.js 20 or 22 (see "engines" in package.json).` };
  return { verdict: 'untested', message: `kilde: warning: Node.js ${version} is untested: Kilde supports Node.js 20 and 22.` };
}

module.exports = { checkNode, SUPPORTED_MAJORS };
