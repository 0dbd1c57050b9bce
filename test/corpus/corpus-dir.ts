import fs from 'node:fs';
import path from 'node:path';

/**
 * The corpus folder the walk reads: KILDE_CORPUS, else `shared/corpus` beside the checkout when it
 * is there (the team's machines and CI), else none and the walk says why it is skipped. Only the
 * corpus walk (`npm run test:corpus`) reads it; `npm test` never reads outside the repository.
 */
const given = process.env.KILDE_CORPUS?.trim();
const candidate = given ? path.resolve(given) : path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus');

const isDir = fs.existsSync(candidate) && fs.statSync(candidate).isDirectory();
// A corpus named on purpose but missing is a mistake to report, not a reason to skip.
if (given && !isDir) throw new Error(`KILDE_CORPUS=${given} is not a folder.`);

export const CORPUS_DIR: string | null = isDir ? candidate : null;

export const CORPUS_SKIP_REASON = 'no corpus folder: set KILDE_CORPUS=path (shared/corpus beside the checkout is used when present).';
