import fs from 'node:fs';
import { axeFindings, describeInBrowser, signInPage, useServedKilde } from '../helpers/browser';
import { waitForStatus, type TestKilde } from '../helpers/kilde';

/**
 * Batch search in a real headless Chromium: with JavaScript the rows of a long list appear as its
 * lines are searched, under a progress bar, and Stop keeps the rows so far; without JavaScript the
 * form answers with every row.
 */
const SUBMIT = 'form[data-batch] button[type=submit]:not([value=csv])';
const NAMES = ['Mette Frederiksen', 'KMD', ...Array.from({ length: 38 }, (_, i) => `Firma nummer ${i} ApS`)];

describeInBrowser('browser — batch search shows its progress', () => {
  const k = useServedKilde(async (t) => {
    const sofie = t.as('journalist', 'sofie');
    for (const [name, text] of [['minister.txt', 'Statsminister Mette Frederiksen skrev om KMD.'], ['kmd.txt', 'KMD svarede kommunen.']]) {
      const res = await sofie.http.post('/api/documents').attach('file', Buffer.from(text), name);
      await waitForStatus(t, res.body.id);
    }
    t.as('researcher', 'rita');
  });

  test('with JavaScript — rows appear while the list runs, Stop keeps them; run again in Danish, it says when it is done and offers the CSV', async () => {
    // The sixth line waits until the test lets it go: the page is seen mid-list, whatever the machine's speed.
    const engine = k.t.kilde.engine;
    const real = engine.search.bind(engine);
    let calls = 0;
    let release = () => {};
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const search = jest.spyOn(engine, 'search').mockImplementation(async (req) => {
      if (++calls === 6) await gate;
      return real(req);
    });
    const context = await k.served.browser.newContext({ bypassCSP: true }); // axe is injected as a script
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await signInPage(page, k.served.base, 'rita');
      await page.goto(`${k.served.base}/search/batch`);
      expect(await page.locator('[data-csv]').isVisible()).toBe(false);
      await page.fill('#names', NAMES.join('\n'));
      await page.click(SUBMIT);

      await page.waitForFunction('document.querySelectorAll(".batch-results tbody tr").length === 5');
      expect(page.url()).toBe(`${k.served.base}/search/batch`); // no page load: the rows came in place
      expect(await page.locator('[data-batch-progress] progress').evaluate((p: any) => [p.value, p.max])).toEqual([5, 40]);
      // The words follow the bar at most every two seconds, so a screen reader is not talked over.
      await page.waitForFunction('document.getElementById("batch-status").textContent === "Searching: 5 of 40 lines done…"', undefined, { timeout: 5000 });
      expect(await page.locator(SUBMIT).isDisabled()).toBe(true);
      expect(await page.locator('.batch-results tbody tr').first().getAttribute('data-total')).toBe('1');
      expect(await axeFindings(page)).toEqual([]);

      await page.click('[data-stop]');
      await page.waitForFunction('document.getElementById("batch-status").textContent.startsWith("Stopped")');
      expect(await page.locator('#batch-status').textContent()).toBe('Stopped after 5 of 40 lines; the rows so far are shown.');
      release();
      expect(await page.locator('.batch-results tbody tr').count()).toBe(5);
      expect(await page.locator('[data-stop]').isVisible()).toBe(false);
      expect(await page.locator(SUBMIT).isDisabled()).toBe(false);
      // The server stops at its next line: most of the list is never searched.
      let before = -1;
      while (before !== calls) { before = calls; await new Promise((r) => setTimeout(r, 100)); }
      expect(calls).toBeLessThan(40);
      // The CSV offers the lines searched so far, and the server searches only those for it.
      expect(await page.locator('[data-csv]').isVisible()).toBe(true);
      expect(await page.locator('[data-csv]').textContent()).toBe('Download the 5 lines as CSV');
      // Stop hid itself: the focus it had went to the CSV button, not to the page's start.
      expect(await page.evaluate('document.activeElement && document.activeElement.hasAttribute("data-csv")')).toBe(true);
      const searchedBefore = calls;
      const partDownload = page.waitForEvent('download');
      await page.click('[data-csv]');
      const part = fs.readFileSync(await (await partDownload).path() as string, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(part).toHaveLength(7);
      expect(part.slice(1, 6).map((row) => row.split(',')[1])).toEqual(NAMES.slice(0, 5));
      expect(part[6]).toBe(',Only the first 5 of 40 lines were searched.,,,,');
      expect(calls - searchedBefore).toBe(5);

      // Again, in Danish, to the end.
      await page.goto(`${k.served.base}/search/batch?lang=da`);
      await page.fill('#names', NAMES.join('\n'));
      await page.click(SUBMIT);
      await page.waitForFunction('document.getElementById("batch-status").textContent.startsWith("Færdig")');
      expect(await page.locator('[data-csv]').textContent()).toBe('Hent som CSV');
      expect(await page.locator('#batch-status').textContent()).toBe('Færdig: 40 linjer er søgt.');
      expect(await page.locator('.batch-results tbody tr').count()).toBe(40);
      expect(await page.locator('.batch-results tbody tr').evaluateAll((rows: any[]) => rows.slice(0, 3).map((r) => r.getAttribute('data-total')))).toEqual(['1', '2', '0']);
      expect(await page.locator('[data-csv]').isVisible()).toBe(true);
      const download = page.waitForEvent('download');
      await page.click('[data-csv]');
      expect((await download).suggestedFilename()).toBe('batch-search.csv');
      // The whole list this time, in Danish: a header and 40 rows, nothing said about lines left out.
      const whole = fs.readFileSync(await (await download).path() as string, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(whole).toHaveLength(41);
      expect(errors).toEqual([]);
    } finally {
      release();
      search.mockRestore();
      await context.close();
    }
  });

  test('without JavaScript — the form answers with every row, and no progress bar is shown', async () => {
    const context = await k.served.browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await signInPage(page, k.served.base, 'rita');
      await page.goto(`${k.served.base}/search/batch`);
      await page.fill('#names', NAMES.join('\n'));
      await Promise.all([page.waitForURL(`${k.served.base}/search/batch`), page.click(SUBMIT)]);
      await page.waitForLoadState();
      expect(await page.locator('.batch-results tbody tr').count()).toBe(40);
      expect(await page.locator('[data-batch-progress]').isVisible()).toBe(false);
      expect(await page.locator('[data-csv]').isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  });
  test('with JavaScript, a list the server refuses — the page shows the refusal as the plain form would', async () => {
    const context = await k.served.browser.newContext();
    try {
      const page = await context.newPage();
      await signInPage(page, k.served.base, 'rita');
      await page.goto(`${k.served.base}/search/batch`);
      // A PDF sent as a text file is not a list.
      await page.setInputFiles('#list-file', { name: 'liste.txt', mimeType: 'text/plain', buffer: Buffer.from('%PDF-1.7\n\u0000\u0000stream', 'latin1') });
      const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.request().headers().accept !== 'application/x-ndjson');
      await page.click(SUBMIT);
      expect((await answer).status()).toBe(415);
      await page.waitForLoadState();
      expect(await page.locator('main').textContent()).toContain('Upload the list as plain text or CSV.');
    } finally {
      await context.close();
    }
  });
});
