import type { SearchSort } from '../engine';

/**
 * The order of matching documents, decided in JavaScript over the matches' ranking facts.
 *
 * Sorted by relevance, Meilisearch's rules in its order: typo (tier 1 and up matched without a
 * typo), proximity (every word on one page), attribute (the title holds the query), exactness
 * (tier 2: the words as typed), then newer documents, then the later-indexed document. Sorted by
 * date, the date decides and the same rules break ties.
 */
const DAYS = 100_000_000; // dates are YYYYMMDD numbers, below this

/** The relevance rules above the date, as one number: higher ranks first. */
export function rankClass(tier: number, together: boolean, inTitle: boolean): number {
  return (tier >= 1 ? 8 : 0) | (together ? 4 : 0) | (inTitle ? 2 : 0) | (tier >= 2 ? 1 : 0);
}

/**
 * The first `k` documents in the order `sort` asks, best first. A bounded heap over the matches:
 * a query of common words matches tens of thousands of documents, of which a page shows twenty.
 */
export function pickTop(keys: readonly number[], classes: readonly number[], dateNum: Int32Array, sort: SearchSort, k: number): number[] {
  const scores = new Float64Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const date = dateNum[keys[i] as number] as number;
    const cls = classes[i] as number;
    scores[i] = sort === 'date_desc' ? date * 16 + cls : sort === 'date_asc' ? (DAYS - 1 - date) * 16 + cls : cls * DAYS + date;
  }
  // a ranks before b.
  const before = (a: number, b: number) => (scores[a] as number) > (scores[b] as number) || (scores[a] === scores[b] && (keys[a] as number) > (keys[b] as number));
  const order = (a: number, b: number) => (before(a, b) ? -1 : before(b, a) ? 1 : 0);
  if (k >= keys.length) return keys.map((_, i) => i).sort(order).map((i) => keys[i] as number);
  if (k <= 0) return [];

  // A heap of the best k seen so far, its worst at the root.
  const heap: number[] = [];
  const down = (at: number) => {
    for (;;) {
      const l = 2 * at + 1;
      const r = l + 1;
      let worst = at;
      if (l < heap.length && before(heap[worst] as number, heap[l] as number)) worst = l;
      if (r < heap.length && before(heap[worst] as number, heap[r] as number)) worst = r;
      if (worst === at) return;
      [heap[at], heap[worst]] = [heap[worst] as number, heap[at] as number];
      at = worst;
    }
  };
  const up = (at: number) => {
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!before(heap[parent] as number, heap[at] as number)) return;
      [heap[at], heap[parent]] = [heap[parent] as number, heap[at] as number];
      at = parent;
    }
  };
  for (let i = 0; i < keys.length; i++) {
    if (heap.length < k) {
      heap.push(i);
      up(heap.length - 1);
    } else if (before(i, heap[0] as number)) {
      heap[0] = i;
      down(0);
    }
  }
  return heap.sort(order).map((i) => keys[i] as number);
}
