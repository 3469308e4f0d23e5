import { test as base, expect } from '@playwright/test';
import { makeDataDir, removeDataDir, startCore, type RunningCore } from './helpers/core.js';
import { bulkUserName, seedMembers } from './helpers/seed-members.js';
import { screenshotBoth } from './helpers/screenshots.js';

const COUNT = 100_000;

/** One core with 100,000 members for the whole file (seeding is the slow part). */
const test = base.extend<object, { bulkCore: RunningCore }>({
  bulkCore: [
    async ({}, use) => {
      const dataDir = makeDataDir();
      await (await startCore(dataDir)).stop(); // first start creates the schema
      seedMembers(dataDir, COUNT);
      const core = await startCore(dataDir);
      await use(core);
      await core.stop();
      removeDataDir(dataDir);
    },
    { scope: 'worker', timeout: 60_000 },
  ],
});

test('member search and scrolling stay responsive over 100,000 members', async ({ page, bulkCore }) => {
  // Long main-thread tasks (> 50 ms) are what makes a list feel stuck.
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(bulkCore.adminLoginUrl);
  await page.goto(`${bulkCore.adminOrigin}/#/members`);
  const status = page.getByRole('status').filter({ hasText: / loaded$/ });
  await expect(status).toHaveText(/^100,000 members · 200 loaded/, { timeout: 10_000 });

  const list = page.getByRole('listbox', { name: 'Members' });
  // Windowed: only the rows in view are in the DOM.
  expect(await list.getByRole('option').count()).toBeLessThan(80);
  await page.evaluate(() => ((window as unknown as { longTasks: number[] }).longTasks = []));

  // Scroll down through several keyset pages. A scroll that lands while a page is still loading
  // (or while the search index is built after the first list) asks for nothing, so keep scrolling
  // to the bottom until five more pages are in: a fixed number of scrolls made this test flaky.
  await expect(async () => {
    await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect(status).toHaveText(/· (1,[0-9]{3}|[2-9],[0-9]{3}) loaded/, { timeout: 250 });
  }).toPass({ timeout: 15_000 });
  expect(await list.getByRole('option').count()).toBeLessThan(80);
  const scrollTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks.splice(0));

  // Keyboard: End jumps to the last loaded row.
  await list.focus();
  await page.keyboard.press('End');
  await expect(list.getByRole('option', { selected: true })).toBeVisible();

  // Search as you type: one unique member among 100,000, quickly.
  const search = page.getByRole('searchbox', { name: 'Search members' });
  const started = Date.now();
  await search.fill('user-077777');
  await expect(list.getByRole('option', { name: new RegExp(bulkUserName(77_777).replace(/[.]/g, '\\.')) })).toBeVisible();
  const searchMs = Date.now() - started;
  await expect(status).toHaveText(/^1 member match/);

  // A broad search still pages.
  await search.fill('Hopper');
  await expect(status).toHaveText(/^[0-9,]+ members match · 200 loaded/);

  const searchTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  const describe = (t: number[]) => `${t.length} (max ${Math.round(Math.max(0, ...t))} ms)`;
  console.log(`search took ${searchMs} ms; long tasks: scrolling ${describe(scrollTasks)}, searching ${describe(searchTasks)}`);
  // Timings are printed, not asserted: speed targets live in `npm run bench` (a busy CI box made
  // a 300 ms long-task bound flaky: 311 ms while other work ran).

  await search.fill('');
  await expect(status).toHaveText(/^100,000 members · 200 loaded/);
  await screenshotBoth(page, '10-members-100k');
});
