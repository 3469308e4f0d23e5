import type { Page } from '@playwright/test';
import { test, expect } from './helpers/fixtures.js';
import { screenshotBoth } from './helpers/screenshots.js';
import { adminApi } from './helpers/admin-api.js';
import { entraDisable, entraProvision, scimRequest, entraUser } from './helpers/scim.js';

const VIEWS = ['setup', 'mapping', 'roles', 'log', 'members', 'assets', 'review'] as const;
const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

async function seed(core: { scimUrl: string; adminOrigin: string }): Promise<{ spoofId: string; longId: string }> {
  const ann = await entraProvision(core.scimUrl, { userName: 'ann@contoso.com', givenName: 'Ann', familyName: 'Smith', title: 'Head Nurse', department: 'Cardiology' });
  await entraProvision(core.scimUrl, { userName: 'ben@contoso.com', givenName: 'Ben', familyName: 'Jones', title: 'Porter' });
  // A right-to-left override would draw "ann@contoso.com" backwards around it; a 65,000-character name.
  const spoof = await scimRequest(core.scimUrl, 'POST', '/Users', { ...entraUser({ userName: 'spoof@contoso.com', givenName: 'Eve', familyName: 'Spoof' }), displayName: 'Eve \u202Emoc.osotnoc@nna' });
  const long = await scimRequest(core.scimUrl, 'POST', '/Users', { ...entraUser({ userName: 'long@contoso.com', givenName: 'Long', familyName: 'Name' }), displayName: `Long ${'x'.repeat(65_000)}` });
  const laptop = await adminApi<{ id: number }>(core.adminOrigin, 'POST', '/assets', { tag: 'LAP-0042', name: 'ThinkPad T14' });
  await adminApi(core.adminOrigin, 'POST', `/assets/${laptop.id}/checkout`, { memberId: ann });
  expect((await entraDisable(core.scimUrl, ann)).status).toBe(409);
  return { spoofId: String(spoof.body.id), longId: String(long.body.id) };
}

test('every view is readable at 1280 and 900 px, light and dark; IdP values cannot spoof or widen the page', async ({ page, core, openApp }) => {
  test.setTimeout(180_000);
  await seed(core);
  await openApp();
  for (const width of [1280, 900]) {
    await page.setViewportSize({ width, height: 900 });
    for (const view of VIEWS) {
      await page.goto(`${core.adminOrigin}/#/${view}`);
      await expect(page.getByRole('heading', { level: 2 })).toBeVisible();
      await page.waitForLoadState('networkidle');
      expect(await noSideScroll(page), `${view} at ${width} px scrolls sideways`).toBe(true);
      await screenshotBoth(page, `tour-${width}-${view}`);
    }
  }

  // Bidi controls are shown as a visible mark, never applied.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${core.adminOrigin}/#/members`);
  const list = page.getByRole('listbox', { name: 'Members' });
  await expect(list.getByText('Eve \uFFFDmoc.osotnoc@nna')).toBeVisible();
  expect(await list.evaluate((el) => el.textContent?.includes('\u202E'))).toBe(false);
  // The long name is cut in the list and whole in the detail.
  await page.getByRole('searchbox', { name: 'Search members' }).fill('long@contoso');
  await expect(list.getByRole('option')).toHaveCount(1);
  await list.getByRole('option', { name: /long@contoso\.com/ }).click();
  const drawer = page.getByRole('dialog', { name: /^Long x+/ });
  await expect(drawer.getByText(/^Long x{1000}/).first()).toBeVisible();
  expect(await noSideScroll(page)).toBe(true);

  // Deactivate asks first.
  await drawer.getByRole('button', { name: 'Deactivate…' }).click();
  const confirm = page.getByRole('dialog', { name: /^Deactivate Long/ });
  await expect(confirm).toContainText('The IdP may reactivate them on its next cycle');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(drawer.getByRole('button', { name: 'Deactivate…' })).toBeVisible();
});
