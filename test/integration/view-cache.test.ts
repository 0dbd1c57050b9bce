import { removeDir, startTestKilde } from '../helpers/kilde';

/**
 * Pages' templates are compiled once and kept (Express keeps them only with NODE_ENV=production,
 * which `npm start` does not set): after a page, the app holds its compiled views; with
 * KILDE_VIEW_CACHE=off it holds none and reads them again for every page.
 */
describe('view cache', () => {
  test.each([
    ['default', {}, true],
    ['KILDE_VIEW_CACHE=off', { KILDE_VIEW_CACHE: 'off' }, false],
  ])('%s — a page rendered twice — the compiled templates are kept: %s', async (_name, env, kept) => {
    const t = await startTestKilde(env as Record<string, string>);
    try {
      t.as('researcher', 'rita');
      for (let i = 0; i < 2; i++) {
        const res = await t.http.get('/search?lang=da');
        expect(res.status).toBe(200);
        expect(res.text).toContain('<html lang="da">');
      }
      const views = Object.keys((t.kilde.app as unknown as { cache: Record<string, unknown> }).cache);
      expect(views.some((v) => v.includes('search/results'))).toBe(kept);
      expect(views.length > 0).toBe(kept);
    } finally {
      await t.stop();
      removeDir(t.dir);
    }
  });
});
