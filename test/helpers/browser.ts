import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { TestKilde } from './kilde';

/**
 * Debian's Chromium driven by playwright-core, against a Kilde served on a loopback port.
 * Without Chromium the suite is skipped with a line saying so (CI installs it: see .ci/run).
 */
const CHROMIUM = '/usr/bin/chromium';

export function describeInBrowser(name: string, fn: () => void): void {
  if (fs.existsSync(CHROMIUM)) return describe(name, fn);
  console.log(`skipped: "${name}" needs Chromium at ${CHROMIUM} (apt-get install chromium)`);
  describe.skip(name, fn);
}

export interface Served {
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function serveInBrowser(t: TestKilde): Promise<Served> {
  const server: Server = t.kilde.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    browser,
    async close() {
      await browser.close();
      server.closeAllConnections();
      server.close();
    },
  };
}

/** Signs in through the sign-in form (the test user's password is the one `t.as()` sets). */
export async function signInPage(page: Page, base: string, username: string, password = 'correct horse battery'): Promise<void> {
  await page.goto(`${base}/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
  await page.waitForLoadState();
}
