import { createWords, scanWords, tokenize, UNWANTED, type WantedWords } from '../../../../search/text/danish';

/**
 * Finds the known parties named in a text, by their name, short name or aliases. Matching is on
 * whole words of Danish-folded text (search/text/danish.ts), so "Beskæftigelsesministeriet" is found as
 * "Beskaeftigelsesministeriet" and "KL" never matches inside "KLAGE".
 *
 * Acronyms are the exception to case folding: a name that is one short upper-case word ("KL",
 * "STAR", "KMD") only matches the same upper-case word, because Danish letters are full of "kl."
 * (o'clock) and English ones of "star".
 */
export interface NamedParty {
  id: string;
  names: string[];
}

export interface PartyMatch {
  partyId: string;
  /** The words as written in the text. */
  matched: string;
  index: number;
}

interface Pattern {
  partyId: string;
  folded: string[];
  /** Set for acronyms: the exact word required. */
  exact: string | null;
}

const ACRONYM = /^[\p{Lu}\p{N}]{2,6}$/u;

export function createPartyMatcher(parties: NamedParty[]) {
  const byFirst = new Map<string, Pattern[]>();
  for (const p of parties) {
    const seen = new Set<string>();
    for (const name of p.names) {
      const tokens = tokenize(name);
      if (tokens.length === 0) continue;
      const folded = tokens.map((t) => t.folded);
      const key = folded.join(' ');
      // One letter (or one digit) alone is never a useful name to look for.
      if (seen.has(key) || (tokens.length === 1 && folded[0].length < 2)) continue;
      seen.add(key);
      const exact = tokens.length === 1 && ACRONYM.test(name.trim()) ? tokens[0].word : null;
      const list = byFirst.get(folded[0]) ?? [];
      list.push({ partyId: p.id, folded, exact });
      byFirst.set(folded[0], list);
    }
  }
  // Longer names first: "Styrelsen for Arbejdsmarked og Rekruttering" before "Styrelsen".
  for (const list of byFirst.values()) list.sort((a, b) => b.folded.length - a.folded.length);
  // Only words that can be a name's word are folded (by first letter and length): a page of
  // megabytes took 0.37 s with every word folded into an object of its own.
  const wanted: WantedWords = new Uint8Array(0x80);
  for (const list of byFirst.values()) {
    for (const { folded } of list) {
      for (const w of folded) {
        const c = w.charCodeAt(0);
        const n = Math.min(255, w.length);
        if (c < 0x80 && (wanted[c] === 0 || n < (wanted[c] as number))) wanted[c] = n;
      }
    }
  }
  const scratch = createWords();

  return {
    /** Every match in reading order; one text position matches at most one name. */
    find(text: string): PartyMatch[] {
      if (byFirst.size === 0) return [];
      const { count, folded, start, end } = scanWords(text, scratch, wanted);
      const out: PartyMatch[] = [];
      for (let i = 0; i < count; i++) {
        const word = folded[i] as string;
        const candidates = word === UNWANTED ? undefined : byFirst.get(word);
        if (!candidates) continue;
        for (const c of candidates) {
          if (c.exact !== null && text.slice(start[i], end[i]) !== c.exact) continue;
          if (i + c.folded.length > count) continue;
          let ok = true;
          for (let k = 1; k < c.folded.length && ok; k++) ok = folded[i + k] === c.folded[k];
          if (!ok) continue;
          out.push({ partyId: c.partyId, matched: text.slice(start[i], end[i + c.folded.length - 1]), index: start[i] as number });
          i += c.folded.length - 1;
          break;
        }
      }
      return out;
    },
  };
}
