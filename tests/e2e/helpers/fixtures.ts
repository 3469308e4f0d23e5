import { test as base, expect } from '@playwright/test';
import { removeDataDir, startCore, type RunningCore } from './core.js';

/** `core`: a fresh headless core per test; `openApp(view)` signs in through the Admin UI link. */
export const test = base.extend<{ core: RunningCore; openApp: (view?: string) => Promise<void> }>({
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
