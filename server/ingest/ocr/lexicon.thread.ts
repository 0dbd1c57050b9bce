/**
 * The thread that knows the words of the OCR languages (lexicon.ts): Hunspell dictionaries read
 * by nspell, which expands every word's forms when it loads (a few seconds, ~150 MB for Danish), so
 * that happens here, once a thread, and never on the main thread.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import nspell from 'nspell';
import { lowerThreadPriority } from '../threads/priority';

type Request = { id: number; op: 'known'; dictionaries: string[]; words: string[] };

const spellers = new Map<string, ReturnType<typeof nspell>>();

/**
 * The dictionary package's own files, read directly (its module is ESM-only and only reads them).
 * Morphological fields after a word ("den al:dens") are dropped: nspell takes them for part of the
 * word, and "den" and "er" were unknown.
 */
function speller(name: string): ReturnType<typeof nspell> {
  let s = spellers.get(name);
  if (!s) {
    const dir = path.dirname(require.resolve(name));
    const dic = fs.readFileSync(path.join(dir, 'index.dic'), 'utf8').split('\n').map((line, i) => (i === 0 ? line : line.split(/[ \t]/, 1)[0])).join('\n');
    spellers.set(name, (s = nspell(fs.readFileSync(path.join(dir, 'index.aff')), dic)));
  }
  return s;
}

lowerThreadPriority();
const port = parentPort!;
port.on('message', (m: Request) => {
  try {
    const all = m.dictionaries.map(speller);
    const known = m.words.filter((w) => all.some((s) => s.correct(w) || s.correct(w.toLowerCase())));
    port.postMessage({ id: m.id, reply: known });
  } catch (e) {
    port.postMessage({ id: m.id, error: { name: 'Error', message: String((e as Error)?.message ?? e) } });
  }
});
