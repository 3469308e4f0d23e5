import { cpSync, existsSync } from 'node:fs';
import { test as base, expect, type Page } from '@playwright/test';
import { makeDataDir, removeDataDir, startCore, type RunningCore } from './helpers/core.js';
import { firstSyncViaScim } from './helpers/seed-scim.js';
import { adminApi } from './helpers/admin-api.js';
import { entraDisable, entraProvision, scimRequest } from './helpers/scim.js';
import { bulkUserName } from './helpers/seed-members.js';
import { screenshotBoth } from './helpers/screenshots.js';

const COUNT = 100_000;
const DOM_LIMIT = 5000;

/** One core after a 100,000-user first sync (through the SCIM use cases) for the whole file. */
const test = base.extend<object, { bulkCore: RunningCore }>({
  bulkCore: [
    async ({}, use) => {
      const dataDir = makeDataDir();
      // REVIEW_100K_TEMPLATE: a data folder to copy instead of syncing again (re-runs while working on the GUI).
      const template = process.env.REVIEW_100K_TEMPLATE;
      if (template && existsSync(template)) cpSync(template, dataDir, { recursive: true });
      else {
        await (await startCore(dataDir)).stop(); // first start creates the schema
        await firstSyncViaScim(dataDir, (n) => ({ userName: bulkUserName(n), givenName: `Given${n % 97}`, familyName: `Family${n % 89}`, title: 'Nurse', department: 'Ward' }), COUNT);
        if (template) cpSync(dataDir, template, { recursive: true });
      }
      const core = await startCore(dataDir);
      await use(core);
      await core.stop();
      removeDataDir(dataDir);
    },
    { scope: 'worker', timeout: 600_000 },
  ],
});

const domNodes = (page: Page) => page.evaluate(() => document.getElementsByTagName('*').length);

async function idOf(core: RunningCore, userName: string): Promise<string> {
  const found = await scimRequest(core.scimUrl, 'GET', `/Users?filter=userName+eq+%22${encodeURIComponent(userName)}%22`, undefined);
  return String((found.body.Resources as Array<{ id: string }>)[0]?.id);
}

test('the review of a 100,000-user first sync: summary first, paged changes, bounded DOM; Acknowledge keeps what is open', async ({ page, bulkCore: core }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(core.adminLoginUrl);
  await page.goto(`${core.adminOrigin}/#/review`);
  const changes = page.getByRole('region', { name: 'Member changes' });
  // The log of the sync may still be being read into the review; the page says so and updates itself.
  await expect(changes.getByRole('heading', { name: 'Member changes (100,000)' })).toBeVisible({ timeout: 120_000 });
  await expect(changes.getByRole('radio', { name: 'Created 100,000' })).toBeAttached();
  await expect(changes.getByText('Created 100,000', { exact: true })).toBeVisible();
  const list = changes.getByRole('listbox', { name: 'Member changes' });
  await expect(list.getByRole('option').first()).toBeVisible();
  expect(await list.getByRole('option').count()).toBeLessThan(60);
  expect(await domNodes(page)).toBeLessThan(DOM_LIMIT);

  // Scroll: more pages arrive, the DOM stays windowed.
  for (let i = 0; i < 5; i++) await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(list.getByRole('option').last()).toBeVisible();
  expect(await domNodes(page)).toBeLessThan(DOM_LIMIT);

  // Search among the 100,000.
  await changes.getByRole('searchbox', { name: 'Search member changes' }).fill('user-077777');
  await expect(list.getByRole('option')).toHaveCount(1);
  await list.getByRole('option').first().click();
  const drawer = page.getByRole('dialog');
  await expect(drawer.getByRole('table', { name: /Changes to user-077777/ })).toContainText('Job title');
  await page.keyboard.press('Escape');
  await changes.getByRole('searchbox', { name: 'Search member changes' }).fill('');

  // Problems on top of the sync: one blocked deactivation that stands, one that gets fixed, one unknown role.
  const keep = await idOf(core, bulkUserName(1));
  const fixed = await idOf(core, bulkUserName(2));
  const assets = [];
  for (const [tag, member] of [['LAP-0042', keep], ['LAP-0043', fixed]] as const) {
    const a = await adminApi<{ id: number }>(core.adminOrigin, 'POST', '/assets', { tag, name: 'ThinkPad' });
    await adminApi(core.adminOrigin, 'POST', `/assets/${a.id}/checkout`, { memberId: member });
    assets.push(a.id);
  }
  for (const id of [keep, fixed]) expect((await entraDisable(core.scimUrl, id)).status).toBe(409);
  await adminApi(core.adminOrigin, 'POST', `/assets/${assets[1]}/checkin`);
  expect((await entraDisable(core.scimUrl, fixed)).status).toBeLessThan(300);
  await adminApi(core.adminOrigin, 'PUT', '/settings', { importCustomRoles: true, roleAttribute: 'title', unknownRoleAction: 'do-not-provision' });
  await expect(entraProvision(core.scimUrl, { userName: 'night@bulk.example', givenName: 'Nia', familyName: 'Night', title: 'Night Shift' })).rejects.toThrow(/400/);

  await page.getByRole('button', { name: 'Refresh' }).click();
  const needs = page.getByRole('region', { name: 'Needs your action' });
  await expect(needs.getByRole('heading', { name: 'Needs your action (2)' })).toBeVisible();
  await expect(needs).toContainText(bulkUserName(1));
  await expect(needs.getByRole('button', { name: 'Check in LAP-0042' })).toBeVisible();
  await expect(needs.getByRole('button', { name: 'Create role “Night Shift”' }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: /Sync review/ }).getByLabel('2 problems need your action')).toBeVisible();
  await screenshotBoth(page, 'review-100k-1280');
  await page.setViewportSize({ width: 900, height: 900 });
  await screenshotBoth(page, 'review-100k-900');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(900);
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(changes.getByRole('heading', { name: 'Member changes (0)' })).toBeVisible({ timeout: 30_000 });
  await expect(needs.getByRole('heading', { name: 'Needs your action (2)' })).toBeVisible();
  await expect(needs).not.toContainText(bulkUserName(2));
  expect(await domNodes(page)).toBeLessThan(DOM_LIMIT);
  await screenshotBoth(page, 'review-100k-acknowledged');
});
