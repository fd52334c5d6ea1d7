import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { buildShop } from './shop.js';

/**
 * The HTML changelog in a real browser: Debian's chromium, driven by playwright-core. Where no
 * chromium is installed the test is skipped and says so (.ci/run installs it).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasBrowser = existsSync(CHROMIUM);
const SKIP = `skipped: no chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;
if (!hasBrowser) console.warn(`test/changelog/browser.test.ts ${SKIP}`);

/** Where the screenshots are saved (the README's docs/changelog-page.png is one of them). */
export const SHOTS = path.join(os.tmpdir(), 'treaty-changelog-page');

describe.skipIf(!hasBrowser)(
  `the HTML changelog in headless chromium${hasBrowser ? '' : ` (${SKIP})`}`,
  () => {
    let browser: Browser;
    let page: Page;
    let url: string;
    const requests: string[] = [];

    beforeAll(async () => {
      const shop = await buildShop();
      const r = await runCli(['changelog', '--all', '--format', 'html', '--cwd', shop.repo]);
      expect(r.code).toBe(0);
      const file = path.join(shop.repo, 'changelog.html');
      await fs.writeFile(file, r.stdout);
      url = pathToFileURL(file).href;
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      // Self-contained: the page itself is the only request; anything else is recorded and refused.
      await page.route('**/*', (route) => {
        const u = route.request().url();
        if (u === url) return route.continue();
        requests.push(u);
        return route.abort();
      });
      await page.goto(url);
    });

    afterAll(async () => {
      await browser?.close();
    });

    /** Elements of `selector` that take up room on the page (not hidden by a filter). */
    const visible = (selector: string) =>
      page.evaluate(
        `[...document.querySelectorAll(${JSON.stringify(selector)})].filter((e) => e.getClientRects().length > 0).length`,
      ) as Promise<number>;

    it('loads nothing from the network and shows every contract and version in its table of contents', async () => {
      expect(requests).toEqual([]);
      const toc = await page.$$eval('nav.toc details > ul > li > a', (as) =>
        as.map((a) => a.textContent),
      );
      expect(toc).toEqual(['customer-schema', 'inventory-grpc', 'shop-api', 'shop-events']);
      expect(await page.locator('nav.toc ul ul li').count()).toBe(12);
      await page.click('nav.toc a[href="#v-shop-api-1.1.0"]');
      expect(await page.evaluate('location.hash')).toBe('#v-shop-api-1.1.0');
    });

    it('colours each kind of change differently', async () => {
      const colours = (await page.evaluate(
        `[...new Set([...document.querySelectorAll('.badge')].map((e) => e.textContent + '=' + getComputedStyle(e).backgroundColor))]`,
      )) as string[];
      const byKind = new Map(colours.map((c) => c.split('=') as [string, string]));
      expect([...byKind.keys()].sort()).toEqual([
        'Added',
        'Breaking',
        'Changed',
        'Deprecated',
        'Removed',
      ]);
      expect(new Set(byKind.values()).size).toBe(5);
    });

    it('filters by kind: a pressed button hides its changes, pressing it again shows them', async () => {
      const added = await visible('li.change[data-kind="added"]');
      const breaking = await visible('li.change[data-kind="breaking"]');
      const button = page.locator('button[data-filter="kind"][data-value="added"]');
      // Everything is shown at first, and each button counts what it filters.
      expect(added).toBe(await page.locator('li.change[data-kind="added"]').count());
      expect(added).toBeGreaterThan(5);
      expect(await button.locator('.count').textContent()).toBe(String(added));
      expect(breaking).toBeGreaterThan(3);
      await button.click();
      expect(await button.getAttribute('aria-pressed')).toBe('false');
      expect(await visible('li.change[data-kind="added"]')).toBe(0);
      expect(await visible('li.change[data-kind="breaking"]')).toBe(breaking);
      await button.click();
      expect(await visible('li.change[data-kind="added"]')).toBe(added);

      // Every kind off: each version with changes says none of the selected kinds is left.
      const kinds = page.locator('button[data-filter="kind"]');
      for (let i = 0; i < (await kinds.count()); i++) await kinds.nth(i).click();
      expect(await visible('li.change')).toBe(0);
      expect(await visible('.hidden-note')).toBe(8);
      for (let i = 0; i < (await kinds.count()); i++) await kinds.nth(i).click();
      expect(await visible('.hidden-note')).toBe(0);
    });

    it('filters by format: the contract and its table of contents entry disappear', async () => {
      const button = page.locator('button[data-filter="format"][data-value="openapi"]');
      await button.click();
      expect(await visible('section.contract[data-format="openapi"]')).toBe(0);
      expect(await visible('nav.toc li[data-format="openapi"]')).toBe(0);
      expect(await visible('section.contract')).toBe(3);
      await page.screenshot({ path: path.join(SHOTS, 'filtered.png') });
      await button.click();
      expect(await visible('section.contract')).toBe(4);
    });

    it('is readable on a phone: one column, contents folded, nothing wider than the screen', async () => {
      const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
      await phone.goto(url);
      const overflow = await phone.evaluate(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      expect(overflow).toBe(0);
      expect(await phone.evaluate("document.querySelector('.toc details').open")).toBe(false);
      const [toc, main] = await Promise.all([
        phone.locator('nav.toc').boundingBox(),
        phone.locator('main').boundingBox(),
      ]);
      expect(main!.y).toBeGreaterThan(toc!.y + toc!.height - 1);
      expect(main!.width).toBeLessThanOrEqual(390);
      await phone.locator('button[data-filter="kind"][data-value="breaking"]').click();
      expect(
        await phone.evaluate(
          `[...document.querySelectorAll('li.change[data-kind="breaking"]')].filter((e) => e.getClientRects().length > 0).length`,
        ),
      ).toBe(0);
      await phone.locator('button[data-filter="kind"][data-value="breaking"]').click();
      await phone.screenshot({ path: path.join(SHOTS, 'phone.png') });
      await phone.close();
      await page.evaluate('window.scrollTo(0, 0)');
      await page.screenshot({ path: path.join(SHOTS, 'desktop.png') });
      for (const f of ['filtered.png', 'phone.png', 'desktop.png']) {
        expect((await fs.stat(path.join(SHOTS, f))).size).toBeGreaterThan(10_000);
      }
    });
  },
);
