import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { chromium, type Browser } from 'playwright-core';
import { makePdf } from '../helpers/pdf';
import { removeDir, startTestKilde, type TestKilde } from '../helpers/kilde';

/**
 * A journalist's first minutes, in a real headless Chromium: sign in, upload a letter through the
 * form, watch it become ready, search a word, land on the right page with the word marked.
 */
const CHROMIUM = '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium) console.log('skipped: browser tests need Chromium at /usr/bin/chromium (apt-get install chromium)');
const describeBrowser = haveChromium ? describe : describe.skip;

describeBrowser('browser — upload, search and read', () => {
  let t: TestKilde;
  let server: Server;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestKilde();
    t.as('journalist', 'sofie');
    server = t.kilde.app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
    await t?.stop();
    if (t) removeDir(t.dir);
  });

  test('journalist — signs in, uploads a letter, finds it by a word on page 2', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${base}/upload`);
    expect(page.url()).toContain('/login');
    await page.fill('#username', 'sofie');
    await page.fill('#password', 'correct horse battery');
    await page.click('button[type=submit]');
    await page.waitForURL(/\/upload$/);

    const pdf = await makePdf(['Til KL. Vedrørende kommunernes it-løsninger.', 'Personfølsomme data må ikke flyttes til Holland uden tilladelse.'], { title: 'Brev om skyløsninger' });
    await page.setInputFiles('#files', { name: 'brev.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.click('.upload-form button[type=submit]');
    await page.waitForURL(/\/documents\/doc_/);
    // The page polls its status and reloads once the letter is ready.
    await page.waitForSelector('#page-2', { timeout: 20_000 });
    expect(await page.textContent('h1')).toBe('Brev om skyløsninger');

    await t.kilde.indexer.drain();
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
