import { test as base, expect } from '@playwright/test';
import { removeDataDir, startCore, type RunningCore } from './core.js';

/** `core`: a fresh headless core per test; `openApp(view)` signs in through the Admin UI link. */
export const test = base.extend<{ core: RunningCore; openApp: (view?: string) => Promise<void>; consoleGuard: void }>({
  // Console errors and CSP violations fail the test: the app must run under the admin origin's CSP.
  consoleGuard: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('console', (m) => {
        // A stopped core (tested on purpose) makes the browser log failed requests; those are expected.
        if (m.type() === 'error' && !/Failed to load resource|ERR_CONNECTION_REFUSED|net::ERR/.test(m.text())) problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(e.message));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
      });
      await use();
      expect(problems, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
  core: async ({}, use) => {
    const core = await startCore();
    await use(core);
    await core.stop();
    removeDataDir(core.dataDir);
  },
  openApp: async ({ page, core }, use) => {
    await use(async (view = 'setup') => {
      await page.goto(core.adminLoginUrl);
      // The token leaves the address bar at once.
      await expect(page).not.toHaveURL(/token=/);
      if (view !== 'setup') await page.goto(`${core.adminOrigin}/#/${view}`);
      await expect(page.getByRole('heading', { level: 2 })).toBeVisible();
    });
  },
});

export { expect };
