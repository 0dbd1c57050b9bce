import path from 'node:path';
import ejs from 'ejs';
import { removeDir, startTestKilde } from '../helpers/kilde';

/**
 * Pages' templates are compiled once and kept (Express turns its view cache on only with
 * NODE_ENV=production, which `npm start` does not set): after a page, EJS holds the page's template
 * compiled; with KILDE_VIEW_CACHE=off it holds none and compiles it again for every page.
 */
const RESULTS = path.resolve(__dirname, '../../views/search/results.ejs');

describe('view cache', () => {
  test.each([
    ['default', true, {}],
    ['KILDE_VIEW_CACHE=off', false, { KILDE_VIEW_CACHE: 'off' }],
  ])('%s — the search page rendered twice — its compiled template is kept: %s', async (_name, kept, env) => {
    const t = await startTestKilde(env as Record<string, string>);
    try {
      ejs.clearCache();
      t.as('researcher', 'rita');
      const compiled = jest.spyOn(ejs, 'compile');
      for (let i = 0; i < 2; i++) {
        const res = await t.http.get('/search?lang=da');
        expect(res.status).toBe(200);
        expect(res.text).toContain('<html lang="da">');
      }
      expect(typeof ejs.cache.get(RESULTS) === 'function').toBe(kept);
      // Kept: the second page compiles nothing; not kept: both compile the page and its partials.
      const calls = compiled.mock.calls.length;
      compiled.mockClear();
      await t.http.get('/search?lang=da');
      expect(compiled.mock.calls.length).toBe(kept ? 0 : calls / 2);
      expect(calls).toBeGreaterThan(0);
      compiled.mockRestore();
    } finally {
      await t.stop();
      removeDir(t.dir);
    }
  });
});
