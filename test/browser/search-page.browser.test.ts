import type { BrowserContext, Page } from 'playwright-core';
import { describeInBrowser, serveInBrowser, signInPage, type Served, axeFindings, screenshotOnFailure, sidewaysScroll } from '../helpers/browser';
import { makePdf } from '../helpers/pdf';
import { removeDir, startTestKilde, waitForStatus, type TestKilde } from '../helpers/kilde';

/**
 * The search results page in a real headless Chromium: axe-core finds nothing serious or critical
 * with results, with a correction, with no hits and with filters; no sideways scrolling at 360 px;
 * search, filters, chips and the date range used from the keyboard alone.
 */

describeInBrowser('browser — the search page', () => {
  let t: TestKilde;
  let served: Served;
  let context: BrowserContext;
  let page: Page;

  async function upload(name: string, body: Buffer, date?: string): Promise<string> {
    const res = await t.http.post('/api/documents').attach('file', body, name);
    expect(res.status).toBe(202);
    await waitForStatus(t, res.body.id);
    if (date) expect((await t.http.patch(`/api/documents/${res.body.id}`).send({ date })).status).toBe(200);
    return res.body.id as string;
  }

  beforeAll(async () => {
    t = await startTestKilde();
    t.as('journalist', 'sofie');
    await upload('brev.pdf', Buffer.from(await makePdf(['Ministeriet skriver til kommunerne.', 'Personfølsomme data må ikke flyttes til Holland uden tilladelse.'], { title: 'Brev fra ministeriet om en meget lang overskrift uden mellemrum_og_med_understregninger_hele_vejen' })), '2018-09-28');
    await upload('notat.txt', Buffer.from('Notat om personfølsomme data og kommunernes aftaler.'));
    await upload('svar.txt', Buffer.from('Kommunernes svar om personfølsomme oplysninger, https://eksempel.dk/en/meget/lang/adresse/der/ikke/maa/skubbe/siden/ud/til/siden'), '2019-03-01');
    await t.kilde.indexer.drain();
    served = await serveInBrowser(t);
    // axe-core is injected as a script; the page's CSP allows only our own scripts.
    context = await served.browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await signInPage(page, served.base, 'sofie');
  });
  afterAll(async () => {
    await context?.close();
    await served?.close();
    await t?.stop();
    if (t) removeDir(t.dir);
  });

  const step = screenshotOnFailure(() => page, 'search-');
  const axe = () => axeFindings(page);
  const sideways = () => sidewaysScroll(page);
  const q = encodeURIComponent('personfølsomme');
  const PAGES: Array<[string, string]> = [
    ['results', `/search?q=${q}`],
    ['correction', '/search?q=minsteriet'],
    ['no hits', `/search?q=xyzzyplugh`],
    ['no hits with filters', `/search?q=${q}&type=image%2Fpng&from=2018`],
    ['filters', `/search?q=${q}&type=text%2Fplain&from=2018-09-01&to=2020-10-15`],
    ['undated left out', `/search?q=${q}&from=2018-09-01&to=2018-10-15`],
    ['undated included', `/search?q=${q}&from=2018-09-01&to=2018-10-15&undated=include`],
    ['empty', '/search'],
  ];

  test('axe-core — results, a correction, no hits, filters — no serious or critical violations, in both languages', () => step('axe', async () => {
    const found: string[] = [];
    for (const lang of ['da', 'en']) {
      for (const [name, url] of PAGES) {
        await page.goto(`${served.base}${url}${url.includes('?') ? '&' : '?'}lang=${lang}`);
        expect(await page.locator('h1').count()).toBe(1);
        for (const v of await axe()) found.push(`${name} (${lang}): ${v}`);
      }
    }
    expect(found).toEqual([]);
  }));

  test('phone — every state of the page at 360 and 390 px — no sideways scrolling', () => step('phone', async () => {
    const wide: string[] = [];
    for (const width of [360, 390]) {
      await page.setViewportSize({ width, height: 780 });
      for (const [name, url] of PAGES) {
        await page.goto(`${served.base}${url}`);
        const over = await sideways();
        if (over > 0) wide.push(`${name} at ${width}: ${over}px too wide`);
      }
    }
    // The results come first; the link above them leads to the filters.
    await page.goto(`${served.base}/search?q=${q}`);
    await page.click('.to-filters');
    expect(page.url()).toMatch(/#filters$/);
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(wide).toEqual([]);
  }));

  /** Tabs forward until `selector` has the focus (at most `max` presses). */
  async function tabTo(selector: string, max = 120): Promise<void> {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`)) return;
    }
    throw new Error(`never reached ${selector} with Tab`);
  }

  test('keyboard — search, pick a filter, remove its chip and set a date range without the mouse', () => step('keyboard', async () => {
    await page.goto(`${served.base}/?lang=da`);
    await tabTo('#q');
    await page.keyboard.type('personfølsomme');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=/);
    expect(await page.locator('.hit').count()).toBe(3);

    // Beside the results, the filters are one jump away for the keyboard.
    await tabTo('.to-filters');
    await page.keyboard.press('Enter');
    // The jump is in the page: wait for the address to take the fragment rather than read it at once.
    await page.waitForURL(/#filters$/, { timeout: 5_000 });
    expect(page.url()).toMatch(/#filters$/);
    await tabTo('.facet[data-facet="mediaType"] a', 8);
    await page.keyboard.press('Enter');
    await page.waitForURL(/type=/);
    expect(await page.locator('.hit').count()).toBeLessThan(3);
    expect(await page.locator('.facet li.selected a[aria-current="true"]').count()).toBe(1);

    await tabTo('.active-filters a.chip');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => !url.searchParams.has('type'));
    expect(await page.locator('.hit').count()).toBe(3);

    await tabTo('#from');
    await page.keyboard.type('2018-09-01');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2018-10-15');
    await page.keyboard.press('Enter');
    await page.waitForURL(/from=2018-09-01/);
    expect(await page.locator('.hit').count()).toBe(1);
    expect(await page.textContent('.undated-notice')).toContain('1 dokument uden dato');
    await tabTo('.undated-notice a');
    await page.keyboard.press('Enter');
    await page.waitForURL(/undated=include/);
    expect(await page.locator('.hit').count()).toBe(2);
    expect(await page.isChecked('.date-range input[type=checkbox][name=undated]')).toBe(true);

    // Sorting is a choice and a button: arrowing through the options does not reload the page.
    await tabTo('#sort');
    await page.keyboard.press('ArrowDown');
    expect(page.url()).not.toContain('sort=');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/sort=date_desc/);
  }));

  test('bulk bar — ticking every hit counts them; tagging them as the bar sends it (its hidden fields blank) tags all three; a typo says what was searched', () => step('bulk', async () => {
    await page.goto(`${served.base}/search?q=${q}&lang=da`);
    await page.check('[data-select-all]');
    expect(await page.locator('input[name=ids]:checked').count()).toBe(3);
    await page.selectOption('select[name=action]', 'tag');
    await page.fill('input[name=tags]', 'kontrolleret');
    await Promise.all([page.waitForNavigation(), page.click('.bulk-bar button[type=submit]')]);
    expect(await page.textContent('main')).toMatch(/Udført for 3 dokumenter; afvist for 0/);
    expect((await t.http.get('/api/documents').query({ tag: 'kontrolleret' })).body.total).toBe(3);
    await page.goto(`${served.base}/search?q=minsteriet&lang=da`);
    expect(await page.textContent('.corrections')).toMatch(/Viser resultater for\s+ministeriet/);
  }));
});
