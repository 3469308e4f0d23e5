import { test, expect } from './helpers/fixtures.js';
import { screenshotBoth } from './helpers/screenshots.js';
import { entraProvision } from './helpers/scim.js';

test('editing a mapping row changes the preview, saves, and applies to existing members', async ({ page, core, openApp }) => {
  await entraProvision(core.scimUrl, { userName: 'grace.hopper@contoso.com', givenName: 'Grace', familyName: 'Hopper', title: 'Rear Admiral' });
  await openApp('mapping');

  const table = page.getByRole('table', { name: 'Attribute mapping rows' });
  await expect(table.getByRole('row')).toHaveCount(18); // header + the 17 default rows
  const preview = page.getByRole('region', { name: 'Mapping preview' });
  const fields = preview.getByRole('table', { name: 'Resulting member fields' });
  // The sample Entra user: title "Field Engineer" lands in Job title.
  await expect(fields.getByRole('row', { name: /Job title\s+Field Engineer/ })).toBeVisible();
  await expect(preview.getByLabel('Resulting role Staff User')).toBeVisible();

  // Point `title` at Department instead: the preview follows the unsaved edit.
  await page.getByRole('button', { name: 'Edit mapping title', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit mapping row' });
  await dialog.getByRole('combobox', { name: 'Member field' }).click();
  await page.getByRole('option', { name: 'Department', exact: true }).click();
  await dialog.getByRole('button', { name: 'Update row' }).click();
  await expect(fields.getByRole('row', { name: /Department\s+Field Engineer/ })).toBeVisible();
  await expect(fields.getByRole('row', { name: /Job title\s+—/ })).toBeVisible();
  await expect(page.getByText('Unsaved changes')).toBeVisible();

  // A bad path is checked as it is typed, by the server's own parser: the dialog will not add it.
  await page.getByRole('button', { name: 'Add row' }).click();
  const add = page.getByRole('dialog', { name: 'Add mapping row' });
  const pathBox = add.getByRole('combobox', { name: 'SCIM attribute path' });
  for (const bad of ['urn:foo:bar', 'emails[type eq "work"', 'name..givenName']) {
    await pathBox.fill(bad);
    await expect(pathBox).toHaveAttribute('aria-invalid', 'true');
    await expect(add.getByRole('button', { name: 'Add row' })).toBeDisabled();
  }
  await add.getByRole('button', { name: 'Cancel' }).click();
  await expect(add).toBeHidden();

  // A custom field created in place, fed by a custom extension attribute.
  await page.getByRole('button', { name: 'Add row' }).click();
  await add.getByRole('combobox', { name: 'SCIM attribute path' }).fill('urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:badge');
  await add.getByRole('button', { name: 'New custom field' }).click();
  await add.getByRole('textbox', { name: 'Label' }).fill('Badge colour');
  await expect(add.getByRole('textbox', { name: 'Key' })).toHaveValue('badge_colour');
  await add.getByRole('button', { name: 'Create field' }).click();
  await expect(add.getByRole('combobox', { name: 'Member field' })).toHaveValue(/Badge colour/);
  await add.getByRole('button', { name: 'Add row' }).click();
  await expect(table.getByRole('row', { name: /Badge colour \(custom\)/ })).toBeVisible();

  // Leaving with unsaved changes asks first; staying keeps them.
  await page.getByRole('link', { name: 'Members' }).click();
  const leave = page.getByRole('dialog', { name: 'Leave without saving?' });
  await expect(leave).toBeVisible();
  await leave.getByRole('button', { name: 'Stay and keep editing' }).click();
  await expect(page).toHaveURL(/#\/mapping$/);
  await expect(table.getByRole('row', { name: /Badge colour \(custom\)/ })).toBeVisible();

  await page.getByRole('button', { name: 'Save mapping' }).click();
  await expect(page.getByText('Unsaved changes')).toBeHidden();
  await screenshotBoth(page, '02-mapping');

  // Apply: the confirmation states how many members change.
  await page.getByRole('button', { name: 'Apply to existing members…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Apply the mapping to existing members' });
  await expect(confirm).toContainText('1 member of 1 will change');
  await confirm.getByRole('button', { name: 'Update 1 member' }).click();
  await expect(page.getByText('Mapping applied: 1 member updated.')).toBeVisible();

  // The preview can also start from an existing member.
  await preview.getByText('Pick a member').click();
  await preview.getByRole('combobox', { name: 'Member' }).fill('grace');
  await page.getByRole('option', { name: /Grace Hopper/ }).click();
  await expect(fields.getByRole('row', { name: /Department\s+Rear Admiral/ })).toBeVisible();
});
