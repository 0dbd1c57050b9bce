import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';
import { removeDir, startTestKilde, type TestKilde } from './kilde';

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

/**
 * One Kilde served to Chromium for the enclosing describe: started, `setup` run on it (users,
 * documents), served on a loopback port; stopped and its files removed afterwards. Tests read
 * `.t` and `.served` from what it returns.
 */
export function useServedKilde(setup: (t: TestKilde) => Promise<void> | void = () => undefined, opts: Parameters<typeof startTestKilde>[1] & { env?: Record<string, string> } = {}): { t: TestKilde; served: Served } {
  const holder = {} as { t: TestKilde; served: Served };
  beforeAll(async () => {
    holder.t = await startTestKilde(opts.env ?? {}, opts);
    await setup(holder.t);
    holder.served = await serveInBrowser(holder.t);
  }, 60_000);
  afterAll(async () => {
    await holder.served?.close();
    await holder.t?.stop();
    if (holder.t) removeDir(holder.t.dir);
  });
  return holder;
}

/** Signs in through the sign-in form (the test user's password is the one `t.as()` sets). */
export async function signInPage(page: Page, base: string, username: string, password = 'correct horse battery'): Promise<void> {
  await page.goto(`${base}/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
  await page.waitForLoadState();
}

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's serious and critical findings on the page as it is, one line each ("rule: targets").
 * axe is injected as a script, so the context needs `bypassCSP: true` (the CSP allows our scripts only).
 */
export async function axeFindings(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const result = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as { violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** How far the page scrolls sideways (0 when it fits its viewport). */
export function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth') as Promise<number>;
}

/** A test step that, when it fails, saves a screenshot of the page in the temp folder and says where. */
export function screenshotOnFailure(page: () => Page, prefix: string) {
  return async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      const file = path.join(os.tmpdir(), `kilde-failed-${prefix}${name}.png`);
      await page().screenshot({ path: file, fullPage: true }).catch(() => undefined);
      console.log(`screenshot of the failed step: ${file}`);
      throw err;
    }
  };
}
