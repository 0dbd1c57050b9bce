/**
 * How a story or FOI request named in a flag or a sidecar is found, the same on both targets:
 * an id is used as it is; a story is otherwise found by its exact title (and created, with the
 * import's access, when none of the importer's stories has it — folder names become stories);
 * a request by its exact "our reference", the authority's reference or its subject (never
 * created: a request needs an authority and a subject). Each name is looked up once per run.
 */
export const isStoryId = (value: string) => /^sto_[A-Za-z0-9_-]{10,40}$/.test(value.trim());
export const isRequestId = (value: string) => /^req_[A-Za-z0-9_-]{10,40}$/.test(value.trim());

export interface RequestLike {
  id: string;
  subject: string;
  ourReference: string;
  authorityReference: string;
}

/** The one request a name points to; several or none is an error the message explains. */
export function pickRequest(candidates: RequestLike[], value: string): string {
  const v = value.trim();
  for (const field of ['ourReference', 'authorityReference', 'subject'] as const) {
    const found = candidates.filter((r) => r[field].trim() === v);
    if (found.length === 1) return found[0]!.id;
    if (found.length > 1) throw new Error(`several FOI requests match "${v}" (${found.slice(0, 5).map((r) => r.id).join(', ')}): give the request's id`);
  }
  throw new Error(`no FOI request you can read has the id, reference or subject "${v.slice(0, 100)}"`);
}

/** Memoises a lookup per name: one request to the archive per story or request, however many files name it. */
export function memo(lookup: (value: string) => Promise<string>): (value: string) => Promise<string> {
  const cache = new Map<string, Promise<string>>();
  return (value) => {
    const key = value.trim();
    let hit = cache.get(key);
    if (!hit) {
      hit = lookup(key);
      cache.set(key, hit);
    }
    return hit;
  };
}
