import { test, expect } from './helpers/fixtures.js';
import { screenshotBoth } from './helpers/screenshots.js';
import { adminApi } from './helpers/admin-api.js';
import { entraProvision } from './helpers/scim.js';

test('assets can be corrected, retired with their history, and deleted when never checked out', async ({ page, core, openApp }) => {
  const memberId = await entraProvision(core.scimUrl, { userName: 'ada@contoso.com', givenName: 'Ada', familyName: 'Lovelace' });
  const laptop = await adminApi<{ id: number }>(core.adminOrigin, 'POST', '/assets', { tag: 'LAP-0042', name: 'ThinkPad T14', serialNumber: 'WRONG' });
  await adminApi(core.adminOrigin, 'POST', '/assets', { tag: 'LAP-0099', name: 'Typo entry' });
  await adminApi(core.adminOrigin, 'POST', `/assets/${laptop.id}/checkout`, { memberId });
  await openApp('assets');
  const table = page.getByRole('table', { name: 'Assets' });

  // Correct a wrong serial number.
  await page.getByRole('button', { name: 'More actions for LAP-0042' }).click();
  await page.getByRole('menuitem', { name: 'Edit…' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit asset LAP-0042' });
  await edit.getByRole('textbox', { name: 'Serial number' }).fill('PF-4XY2');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(table.getByRole('row', { name: /LAP-0042.*PF-4XY2/ })).toBeVisible();

  // Checked out: retiring and deleting are not offered, and say why.
  await page.getByRole('button', { name: 'More actions for LAP-0042' }).click();
  await expect(page.getByRole('menuitem', { name: 'Retire…' })).toBeDisabled();
  await expect(page.getByRole('menuitem', { name: 'Delete…' })).toBeDisabled();
  await expect(page.getByText('It has been checked out before; deleting would lose that history. Retire it instead.')).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Check in LAP-0042' }).click();
  await expect(table.getByRole('row', { name: /LAP-0042.*Available/ })).toBeVisible();

  // Retire: asks first, keeps the row, blocks checkout until returned to service.
  await page.getByRole('button', { name: 'More actions for LAP-0042' }).click();
  await page.getByRole('menuitem', { name: 'Retire…' }).click();
  await page.getByRole('dialog', { name: 'Retire LAP-0042?' }).getByRole('button', { name: 'Retire' }).click();
  await expect(table.getByRole('row', { name: /LAP-0042.*Retired/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Check out LAP-0042' })).toBeDisabled();

  // Never checked out: delete, after a confirmation.
  await page.getByRole('button', { name: 'More actions for LAP-0099' }).click();
  await page.getByRole('menuitem', { name: 'Delete…' }).click();
  const del = page.getByRole('dialog', { name: 'Delete LAP-0099?' });
  await expect(del).toContainText('was never checked out');
  await del.getByRole('button', { name: 'Delete asset' }).click();
  await expect(table.getByRole('row', { name: /LAP-0099/ })).toHaveCount(0);
  await screenshotBoth(page, '08-assets');
});

test('custom fields have unique labels, can be renamed and deleted, and show by label', async ({ page, core, openApp }) => {
  await adminApi(core.adminOrigin, 'POST', '/custom-fields', { key: 'badge', label: 'Badge colour', type: 'text' });
  await adminApi(core.adminOrigin, 'POST', '/custom-fields', { key: 'locker', label: 'Locker', type: 'text' });
  const table = await adminApi<{ rows: unknown[] }>(core.adminOrigin, 'GET', '/mappings');
  await adminApi(core.adminOrigin, 'PUT', '/mappings', { rows: [...table.rows, { scimPath: 'title', target: 'custom:badge', enabled: true }] });
  const memberId = await entraProvision(core.scimUrl, { userName: 'bea@contoso.com', givenName: 'Bea', familyName: 'Badge', title: 'Red' });

  await openApp('mapping');
  const card = page.getByRole('table', { name: 'Custom fields' });
  // A field a mapping row feeds cannot be deleted: the button says why.
  await expect(card.getByRole('button', { name: 'Delete Badge colour' })).toBeDisabled();
  await expect(card.getByRole('button', { name: 'Delete Badge colour' })).toHaveAccessibleDescription(/Mapping row 18 feeds this field/);
  // Labels are unique.
  await card.getByRole('button', { name: 'Rename Locker' }).click();
  const rename = page.getByRole('dialog', { name: 'Rename Locker' });
  await rename.getByRole('textbox', { name: 'Label' }).fill('badge colour');
  await expect(rename.getByText('Another custom field already has this label.')).toBeVisible();
  await rename.getByRole('textbox', { name: 'Label' }).fill('Locker number');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(card).toContainText('Locker number');
  // Delete the unused one: the confirmation says how many members hold a value.
  await card.getByRole('button', { name: 'Delete Locker number' }).click();
  const del = page.getByRole('dialog', { name: 'Delete the custom field Locker number?' });
  await expect(del).toContainText('No member holds a value for it.');
  await del.getByRole('button', { name: 'Delete field' }).click();
  await expect(card).not.toContainText('Locker number');

  // The member detail shows the label, not the key.
  await page.goto(`${core.adminOrigin}/#/members`);
  await page.getByRole('option', { name: /Bea Badge/ }).click();
  const detail = page.getByRole('dialog');
  await expect(detail.getByText('Badge colour')).toBeVisible();
  await expect(detail.getByText('badge (custom)')).toHaveCount(0);
  expect(memberId).toBeTruthy();
});
