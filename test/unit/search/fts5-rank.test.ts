import { pickTop, rankClass } from '../../../search/fts5/fts5.rank';

/**
 * The embedded engine orders matching documents in JavaScript: a bounded heap picks the first page
 * out of tens of thousands. It must pick exactly what sorting them all would, in every order.
 */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe('embedded engine — picking the shown documents', () => {
  const random = seeded(42);
  const n = 5_000;
  // Keys ascending, as the index returns them; few dates and classes, so ties are common.
  const keys = Array.from({ length: n }, (_, i) => i * 3 + 1);
  const dateNum = new Int32Array(keys[n - 1]! + 1);
  for (const k of keys) dateNum[k] = 20_200_101 + Math.floor(random() * 5) * 10_000;
  const classes = keys.map(() => rankClass(Math.floor(random() * 3), random() < 0.3, random() < 0.1));

  test('the relevance rules in order: without typo, together, in the title, as typed', () => {
    expect(rankClass(1, false, false)).toBeGreaterThan(rankClass(0, true, true));
    expect(rankClass(1, true, false)).toBeGreaterThan(rankClass(2, false, true));
    expect(rankClass(1, false, true)).toBeGreaterThan(rankClass(2, false, false));
    expect(rankClass(2, false, false)).toBeGreaterThan(rankClass(1, false, false));
    expect(rankClass(0, false, false)).toBe(rankClass(0, false, false));
  });

  test.each(['relevance', 'date_desc', 'date_asc'] as const)('%s: the first k are those of the full order, for any k', (sort) => {
    const all = pickTop(keys, classes, dateNum, sort, n);
    expect(new Set(all).size).toBe(n);
    for (const k of [1, 2, 20, 99, 1000]) expect(pickTop(keys, classes, dateNum, sort, k)).toEqual(all.slice(0, k));
    expect(pickTop(keys, classes, dateNum, sort, 0)).toEqual([]);
    // The full order itself: by the sort's own key first, and ties by the later key.
    for (let i = 1; i < n; i++) {
      const a = keys.indexOf(all[i - 1]!);
      const b = keys.indexOf(all[i]!);
      const [da, db] = [dateNum[all[i - 1]!]!, dateNum[all[i]!]!];
      const [ca, cb] = [classes[a]!, classes[b]!];
      const first = sort === 'relevance' ? Math.sign(ca - cb) || Math.sign(da - db) : sort === 'date_desc' ? Math.sign(da - db) || Math.sign(ca - cb) : Math.sign(db - da) || Math.sign(ca - cb);
      expect(first > 0 || (first === 0 && all[i - 1]! > all[i]!)).toBe(true);
    }
  });
});
