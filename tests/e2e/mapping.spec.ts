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

  // A bad path is refused by the server and the message sits on its row.
  await page.getByRole('button', { name: 'Add row' }).click();
  const add = page.getByRole('dialog', { name: 'Add mapping row' });
  await add.getByRole('combobox', { name: 'SCIM attribute path' }).fill('emails[type eq "work"');
  await add.getByRole('button', { name: 'Add row' }).click();
  await page.getByRole('button', { name: 'Save mapping' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The mapping was not saved' })).toBeVisible();
  await expect(table.getByRole('alert')).toContainText('Row 18');
  await page.getByRole('button', { name: 'Delete mapping emails[type eq "work"', exact: true }).click();

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
