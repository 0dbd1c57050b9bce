import { tokenize } from '../../../../search/text/danish';

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

  return {
    /** Every match in reading order; one text position matches at most one name. */
    find(text: string): PartyMatch[] {
      if (byFirst.size === 0) return [];
      const tokens = tokenize(text);
      const out: PartyMatch[] = [];
      for (let i = 0; i < tokens.length; i++) {
        const candidates = byFirst.get(tokens[i].folded);
        if (!candidates) continue;
        for (const c of candidates) {
          if (c.exact !== null && tokens[i].word !== c.exact) continue;
          if (i + c.folded.length > tokens.length) continue;
          let ok = true;
          for (let k = 1; k < c.folded.length && ok; k++) ok = tokens[i + k].folded === c.folded[k];
          if (!ok) continue;
          const last = tokens[i + c.folded.length - 1];
          out.push({ partyId: c.partyId, matched: text.slice(tokens[i].start, last.end), index: tokens[i].start });
          i += c.folded.length - 1;
          break;
        }
      }
      return out;
    },
  };
}
