import { canRead, familyAccess, type AccessGate, type Guarded } from '../../server/auth/access';
import type { Viewer } from '../../server/auth/viewer';

/** The one access rule over a family (a document and the containers it sits in). */
const NOW = new Date('2026-03-01T09:00:00Z');
const viewer = (userId: string, role: Viewer['role'] = 'journalist'): Viewer => ({ userId, username: userId, name: userId, role });
const gate = (accessLevel: AccessGate['accessLevel'], userIds: string[] = [], embargoUntil: string | null = null): AccessGate => ({ accessLevel, embargoUntil, userIds });

describe('canRead — ancestors', () => {
  const named = new Map<string, string[]>([['mail', ['anna']], ['child', ['bo']]]);
  const isNamed = (id: string, user: string) => (named.get(id) ?? []).includes(user);
  const mail: Guarded = { id: 'mail', accessLevel: 'restricted', embargoUntil: null };
  const child: Guarded = { id: 'child', accessLevel: 'newsroom', embargoUntil: null, ancestors: [mail] };

  test('newsroom child of a restricted container — only those named on the container', () => {
    expect(canRead(viewer('anna'), child, NOW, isNamed)).toBe(true);
    expect(canRead(viewer('bo'), child, NOW, isNamed)).toBe(false);
    expect(canRead(viewer('root', 'admin'), child, NOW, isNamed)).toBe(true);
  });

  test('restricted child of an open container — only those named on the child', () => {
    const own: Guarded = { id: 'child', accessLevel: 'restricted', embargoUntil: null, ancestors: [{ id: 'open', accessLevel: 'newsroom', embargoUntil: null }] };
    expect(canRead(viewer('bo'), own, NOW, isNamed)).toBe(true);
    expect(canRead(viewer('anna'), own, NOW, isNamed)).toBe(false);
  });

  test('embargo end — past 9999 or not a date — never opens', () => {
    const far: Guarded = { id: 'x', accessLevel: 'embargoed', embargoUntil: '+010000-01-01T00:00:00.000Z' };
    const junk: Guarded = { id: 'x', accessLevel: 'embargoed', embargoUntil: "2026-01-01' OR 1=1" };
    const past: Guarded = { id: 'x', accessLevel: 'embargoed', embargoUntil: '2026-03-01T08:59:59.999Z' };
    expect(canRead(viewer('c'), far, NOW, () => false)).toBe(false);
    expect(canRead(viewer('c'), junk, NOW, () => false)).toBe(false);
    expect(canRead(viewer('c'), past, NOW, () => false)).toBe(true);
  });
});

describe('familyAccess — one level for the search index', () => {
  test('all newsroom — newsroom, nobody named', () => {
    expect(familyAccess([gate('newsroom'), gate('newsroom')])).toEqual(gate('newsroom'));
  });
  test('one closed link — exactly its access', () => {
    expect(familyAccess([gate('newsroom'), gate('restricted', ['b', 'a'])])).toEqual(gate('restricted', ['a', 'b']));
    expect(familyAccess([gate('embargoed', ['a'], '2026-04-01T00:00:00.000Z'), gate('newsroom')])).toEqual(gate('embargoed', ['a'], '2026-04-01T00:00:00.000Z'));
  });
  test('several closed links — restricted wins, readers named on all, the latest embargo end', () => {
    expect(familyAccess([gate('restricted', ['a', 'b']), gate('embargoed', ['b', 'c'], '2026-04-01T00:00:00.000Z')])).toEqual(gate('restricted', ['b']));
    expect(familyAccess([gate('embargoed', ['a'], '2026-04-01T00:00:00Z'), gate('embargoed', ['a'], '2026-05-01T00:00:00.000Z')])).toEqual(gate('embargoed', ['a'], '2026-05-01T00:00:00.000Z'));
    expect(familyAccess([gate('restricted', ['a']), gate('restricted', ['b'])])).toEqual(gate('restricted', []));
  });
  test('an embargo end that is no date — the family never opens', () => {
    expect(familyAccess([gate('embargoed', [], '+010000-01-01T00:00:00.000Z')]).embargoUntil).toBeNull();
  });
  test('associative — folding a container into its child first gives the same access', () => {
    const [c, p, g] = [gate('embargoed', ['a', 'b'], '2026-04-01T00:00:00.000Z'), gate('restricted', ['a', 'b', 'c']), gate('embargoed', ['a'], '2026-06-01T00:00:00.000Z')];
    expect(familyAccess([familyAccess([c, p]), g])).toEqual(familyAccess([c, p, g]));
    expect(familyAccess([c, familyAccess([p, g])])).toEqual(familyAccess([c, p, g]));
  });
});
