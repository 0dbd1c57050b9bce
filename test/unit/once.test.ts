import { onceUntilFailed } from '../../server/lib/once';

/** A promise made once and shared, made again after a failure or when forgotten. */
describe('onceUntilFailed', () => {
  test('made on first use, shared after; `made` tells without making', async () => {
    let calls = 0;
    const dir = onceUntilFailed(async () => `dir-${++calls}`);
    expect(dir.made()).toBeNull();
    const [a, b] = await Promise.all([dir(), dir()]);
    expect([a, b, await dir(), calls]).toEqual(['dir-1', 'dir-1', 'dir-1', 1]);
    expect(await dir.made()).toBe('dir-1');
  });

  test('a failure is not kept: the next use makes it again; forget makes it again too', async () => {
    let calls = 0;
    const dir = onceUntilFailed(async () => {
      if (++calls === 1) throw new Error('disk full');
      return `dir-${calls}`;
    });
    await expect(dir()).rejects.toThrow('disk full');
    expect(dir.made()).toBeNull();
    expect(await dir()).toBe('dir-2');
    dir.forget();
    expect(await dir()).toBe('dir-3');
  });

  test('a failure of one forgotten while it was being made does not drop the one made after it', async () => {
    let calls = 0;
    let fail: (err: Error) => void = () => {};
    const dir = onceUntilFailed(() => (++calls === 1 ? new Promise<string>((_, reject) => (fail = reject)) : Promise.resolve(`dir-${calls}`)));
    const first = dir();
    dir.forget();
    expect(await dir()).toBe('dir-2');
    fail(new Error('disk full'));
    await expect(first).rejects.toThrow('disk full');
    expect(await dir()).toBe('dir-2');
    expect(calls).toBe(2);
  });
});
