import type { Page } from 'playwright-core';
import { describeInBrowser, serveInBrowser, signInPage, type Served } from '../helpers/browser';
import { removeDir, startTestKilde, type TestKilde } from '../helpers/kilde';

/**
 * The top bar at 1280 px for an admin (the longest one: Users, Audit log, Integrity), in Danish and
 * English: every main navigation link on one line, none dropped to a second.
 */
describeInBrowser('browser — the navigation at 1280 px', () => {
  let t: TestKilde;
  let served: Served;
  let page: Page;

  beforeAll(async () => {
    t = await startTestKilde();
    t.as('admin', 'redaktionschef');
    served = await serveInBrowser(t);
    const context = await served.browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await signInPage(page, served.base, 'redaktionschef');
  }, 60_000);
  afterAll(async () => {
    await served?.close();
    await t?.stop();
    if (t) removeDir(t.dir);
  });

  /** The top of each main navigation link, in pixels; one value when they sit on one line. */
  const lineTops = async (): Promise<number[]> =>
    (await page.$$eval('nav.mainnav a', (links) => links.map((a) => Math.round(a.getBoundingClientRect().top)))) as number[];

  test.each(['da', 'en'])('an admin, %s — every navigation link on one line', async (lang) => {
    await page.goto(`${served.base}/documents?lang=${lang}`);
    const tops = await lineTops();
    expect(tops.length).toBeGreaterThanOrEqual(7);
    expect(new Set(tops).size).toBe(1);
  });

  test('the account menu — opened by its name without JavaScript, it holds the admin pages and sign out', async () => {
    await page.goto(`${served.base}/documents?lang=da`);
    expect(await page.isVisible('a[href="/admin/audit"]')).toBe(false);
    await page.click('.user-menu > summary');
    expect(await page.isVisible('a[href="/admin/audit"]')).toBe(true);
    expect(await page.isVisible('form[action="/logout"] button')).toBe(true);
  });
});
