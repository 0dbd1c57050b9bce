import { describeInBrowser, signInPage, useServedKilde } from '../helpers/browser';
import { makePdf } from '../helpers/pdf';
import type { TestKilde } from '../helpers/kilde';

/**
 * A journalist's first minutes, in a real headless Chromium: sign in, upload a letter through the
 * form, watch it become ready, search a word, land on the right page with the word marked.
 */
describeInBrowser('browser — upload, search and read', () => {
  const k = useServedKilde(async (t) => {
    t.as('journalist', 'sofie');
  });

  test('journalist — signs in, uploads a letter, finds it by a word on page 2', async () => {
    const { base, browser } = k.served;
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${base}/upload`);
    expect(page.url()).toContain('/login?next=%2Fupload');
    await signInPage(page, base, 'sofie');
    await page.goto(`${base}/upload`);

    const pdf = await makePdf(['Til KL. Vedrørende kommunernes it-løsninger.', 'Personfølsomme data må ikke flyttes til Holland uden tilladelse.'], { title: 'Brev om skyløsninger' });
    await page.setInputFiles('#files', { name: 'brev.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.click('.upload-form button[type=submit]');
    await page.waitForURL(/\/documents\/doc_/);
    // The page polls its status and reloads once the letter is ready.
    await page.waitForSelector('#page-2', { timeout: 20_000 });
    expect(await page.textContent('h1')).toBe('Brev om skyløsninger');

    await k.t.kilde.indexer.drain();
    await page.goto(`${base}/search?q=${encodeURIComponent('personfolsomme holland')}`);
    const hit = page.locator('.hit').first();
    await expect(hit.locator('.doc-title').textContent()).resolves.toBe('Brev om skyløsninger');
    expect(await hit.locator('mark').allTextContents()).toEqual(expect.arrayContaining(['Personfølsomme', 'Holland']));
    await hit.locator('.page-link').first().click();
    await page.waitForURL(/#page-2$/);
    expect(await page.locator('#page-2 mark').first().textContent()).toBe('Personfølsomme');
    expect(errors).toEqual([]);
  });
});
