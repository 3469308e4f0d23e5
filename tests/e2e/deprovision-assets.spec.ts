import { test, expect } from './helpers/fixtures.js';
import { screenshotBoth } from './helpers/screenshots.js';
import { entraDisable, entraProvision } from './helpers/scim.js';

test('a deactivation blocked by held assets goes through after check-in', async ({ page, core, openApp }) => {
  const memberId = await entraProvision(core.scimUrl, { userName: 'leaver@contoso.com', givenName: 'Lee', familyName: 'Vaughn', title: 'Technician' });
  await openApp('assets');
  await expect(page.getByText('No assets yet')).toBeVisible();

  // Add one asset by hand.
  await page.getByRole('button', { name: 'Add asset' }).first().click();
  const add = page.getByRole('dialog', { name: 'Add asset' });
  await add.getByRole('textbox', { name: 'Asset tag' }).fill('LAP-0042');
  await add.getByRole('textbox', { name: 'Name' }).fill('ThinkPad T14');
  await add.getByRole('textbox', { name: 'Category' }).fill('Laptop');
  await add.getByRole('button', { name: 'Add asset' }).click();
  const assets = page.getByRole('table', { name: 'Assets' });
  await expect(assets.getByRole('row', { name: /LAP-0042\s+ThinkPad T14/ })).toBeVisible();

  // CSV import: a bad row rejects the file and is reported by line; the fixed file imports.
  await page.getByRole('button', { name: 'Import CSV…' }).click();
  const importer = page.getByRole('dialog', { name: 'Import assets from CSV' });
  const csv = importer.getByRole('textbox', { name: 'CSV' });
  await csv.fill('tag,name,category,serialNumber,notes\nPHN-0007,iPhone 15,Phone,,\n,Missing tag,Phone,,\nLAP-0042,Duplicate,Laptop,,');
  await importer.getByRole('button', { name: 'Import' }).click();
  const errors = importer.getByRole('table', { name: 'Rows with errors' });
  await expect(errors.getByRole('row')).toHaveCount(3); // header + two bad lines
  await expect(errors).toContainText('3');
  await csv.fill('tag,name,category,serialNumber,notes\nPHN-0007,iPhone 15,Phone,F2LX1234,\nMON-0101,Dell U2723QE,Monitor,,Desk 4');
  await importer.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByText('2 assets imported.')).toBeVisible();

  // Check the laptop out to the member, found by search.
  await page.getByRole('button', { name: 'Check out LAP-0042' }).click();
  const checkout = page.getByRole('dialog', { name: 'Check out LAP-0042' });
  await checkout.getByRole('combobox', { name: 'Member' }).fill('leaver');
  await page.getByRole('option', { name: /Lee Vaughn \(leaver@contoso\.com\)/ }).click();
  await checkout.getByRole('button', { name: 'Check out' }).click();
  await expect(assets.getByRole('row', { name: /LAP-0042.*Lee Vaughn/ })).toBeVisible();
  await screenshotBoth(page, '07-assets');

  // Entra's disable (PATCH active "False") is refused while the laptop is out.
  const blocked = await entraDisable(core.scimUrl, memberId);
  expect(blocked.status).toBe(409);
  expect(String(blocked.body.detail)).toContain('LAP-0042');

  await page.getByRole('link', { name: 'Members' }).click();
  await page.getByRole('searchbox', { name: 'Search members' }).fill('leaver');
  await page.getByRole('option', { name: /^Lee Vaughn, leaver@contoso\.com/ }).click();
  const drawer = page.getByRole('dialog', { name: /Lee Vaughn/ });
  await expect(drawer.getByText('Active', { exact: true })).toBeVisible();
  await drawer.getByRole('tab', { name: 'Assets (1)' }).click();
  await expect(drawer.getByRole('table', { name: 'Held assets' })).toContainText('ThinkPad T14');
  await screenshotBoth(page, '08-member-detail');
  await drawer.getByRole('tab', { name: /History/ }).click();
  await expect(drawer.getByRole('table', { name: /Changes by/ }).first()).toBeVisible();
  await screenshotBoth(page, '08b-member-history');

  // The log shows the refusal with its reason.
  await drawer.getByRole('button', { name: 'Close panel' }).click();
  await page.getByRole('link', { name: 'Provisioning log' }).click();
  await expect(page.getByRole('option', { name: /^Blocked deactivation failure leaver@contoso\.com, HTTP 409/ })).toBeVisible();

  // Check in from the member's drawer; Entra's retry then deactivates.
  await page.getByRole('link', { name: 'Members' }).click();
  await page.getByRole('option', { name: /^Lee Vaughn, leaver@contoso\.com/ }).click();
  await drawer.getByRole('tab', { name: 'Assets (1)' }).click();
  await drawer.getByRole('button', { name: 'Check in LAP-0042' }).click();
  await expect(drawer.getByRole('tab', { name: 'Assets (0)' })).toBeVisible();

  const retried = await entraDisable(core.scimUrl, memberId);
  expect(retried.status).toBeLessThan(300);
  await drawer.getByRole('button', { name: 'Close panel' }).click();
  await page.getByRole('searchbox', { name: 'Search members' }).fill('leave');
  await expect(page.getByRole('option', { name: /^Lee Vaughn, leaver@contoso\.com, .*Inactive/ })).toBeVisible();

  // Deleting someone with checkout history is not offered: the button says why.
  await page.getByRole('option', { name: /^Lee Vaughn, leaver@contoso\.com/ }).click();
  const del = drawer.getByRole('button', { name: 'Delete…' });
  await expect(del).toBeDisabled();
  await expect(del).toHaveAccessibleDescription(/checkout history, which deleting would lose/);
});
