import { describeInBrowser, signInPage, useServedKilde } from '../helpers/browser';
import { makePdf } from '../helpers/pdf';
import type { TestKilde } from '../helpers/kilde';

/**
 * The upload form while files travel, and the batch page after, in a real headless Chromium. Kilde
 * starts its job runner only once the batch page shows, so the page is seen before extraction.
 */
describeInBrowser('browser — an upload while it travels, and its batch page live', () => {
  const k = useServedKilde(async (t) => {
    t.as('journalist', 'sofie');
  }, { start: false });

  test('while sending, the list cannot change; on the batch page a title extraction finds replaces the file name, without a reload', async () => {
    const context = await k.served.browser.newContext({ bypassCSP: true }); // waitForFunction evaluates strings
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signInPage(page, k.served.base, 'sofie');
    await page.goto(`${k.served.base}/upload`);
    const pdf = await makePdf(['Til KL. Vedrørende kommunernes it-løsninger.'], { title: 'Brev om skyløsninger' });
    await page.setInputFiles('#files', [
      { name: 'scan-0042.pdf', mimeType: 'application/pdf', buffer: pdf },
      { name: 'notat.txt', mimeType: 'text/plain', buffer: Buffer.from('Et notat om havnetunnelen.') },
    ]);
    expect(await page.locator('[data-files] button').count()).toBe(2); // Remove, one a file

    // The upload is held at the browser's edge until the test has looked.
    let release = () => {};
    const held = new Promise<void>((resolve) => { release = resolve; });
    await page.route('**/upload', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      await held;
      await route.continue();
    });
    await page.click('.upload-form button[type=submit]');
    await page.waitForFunction('document.querySelector(".upload-form button[type=submit]").disabled');
    expect(await page.locator('[data-files] button:enabled').count()).toBe(0);
    expect(await page.locator('#files').isDisabled()).toBe(true);
    release();

    await page.waitForURL(/\/upload\/batches\//);
    const pdfTitle = page.locator('.batch-files li[data-position="1"] [data-title]');
    expect(await pdfTitle.textContent()).toBe('scan-0042'); // the file's name: Kilde has not started extracting
    await page.evaluate('window.__sameLoad = true');
    await k.t.kilde.start();
    await page.waitForFunction('document.querySelector(".batch-files li[data-position=\\"1\\"] [data-title]").textContent === "Brev om skyløsninger"', undefined, { timeout: 30_000 });
    expect(await page.evaluate('window.__sameLoad')).toBe(true);
    await page.waitForFunction('document.querySelector("[data-batch-status]").getAttribute("data-batch-done") === "yes"', undefined, { timeout: 30_000 });
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
