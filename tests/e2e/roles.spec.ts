import { test, expect } from './helpers/fixtures.js';
import { screenshotBoth } from './helpers/screenshots.js';
import { entraProvision, entraUser, scimRequest } from './helpers/scim.js';

test('a created role receives a provisioned user through role import', async ({ page, core, openApp }) => {
  await openApp('roles');
  const roles = page.getByRole('table', { name: 'Roles' });

  await page.getByRole('textbox', { name: 'New role name' }).fill('Field Engineers');
  await page.getByRole('button', { name: 'Create role' }).click();
  await expect(roles.getByRole('row', { name: /Field Engineers/ })).toBeVisible();
  // Names are unique case-insensitively: the server's refusal shows on the field.
  await page.getByRole('textbox', { name: 'New role name' }).fill('field engineers');
  await page.getByRole('button', { name: 'Create role' }).click();
  await expect(page.getByText(/already exists/i)).toBeVisible();
  await page.getByRole('textbox', { name: 'New role name' }).fill('Temps');
  await page.getByRole('button', { name: 'Create role' }).click();
  await page.getByRole('button', { name: 'Rename role Temps' }).click();
  await page.getByRole('dialog').getByRole('textbox', { name: 'Role name' }).fill('Contractors');
  await page.getByRole('dialog').getByRole('button', { name: 'Rename' }).click();
  await expect(roles.getByRole('row', { name: /Contractors/ })).toBeVisible();

  // Import roles from `title`; unknown titles are refused rather than defaulted.
  const importCard = page.getByRole('region', { name: 'Role import' });
  await importCard.getByRole('switch', { name: 'Import users into custom roles' }).click({ force: true });
  await expect(importCard.getByRole('combobox', { name: 'Role attribute' })).toHaveValue('title');
  await importCard.getByRole('radio', { name: 'Do not provision' }).check();
  await importCard.getByRole('button', { name: 'Save role import' }).click();
  await expect(page.getByText('Role import settings saved.')).toBeVisible();

  await entraProvision(core.scimUrl, { userName: 'linus@contoso.com', givenName: 'Linus', familyName: 'Field', title: 'field engineers ' });
  const refused = await scimRequest(core.scimUrl, 'POST', '/Users', entraUser({ userName: 'ghost@contoso.com', givenName: 'Ghost', familyName: 'Writer', title: 'Astronauts' }));
  expect(refused.status).toBe(400);
  expect(String(refused.body.detail)).toContain('Astronauts');

  await page.reload();
  await expect(roles.getByRole('row', { name: /Field Engineers\s+1/ })).toBeVisible();
  await screenshotBoth(page, '03-roles');

  await page.getByRole('link', { name: 'Members' }).click();
  await expect(page.getByRole('option', { name: /Linus Field, linus@contoso\.com, Field Engineers/ })).toBeVisible();
  await expect(page.getByRole('option', { name: /ghost@contoso\.com/ })).toHaveCount(0);

  // Deleting a role in use is the server's call; an unused one goes.
  await page.getByRole('link', { name: 'Roles' }).click();
  await page.getByRole('button', { name: 'Delete role Contractors' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete role' }).click();
  await expect(roles.getByRole('row', { name: /Contractors/ })).toHaveCount(0);
});
