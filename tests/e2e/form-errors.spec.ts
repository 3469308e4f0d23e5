import type { Page } from '@playwright/test';
import { test, expect } from './helpers/fixtures.js';

/**
 * The next POST of a new asset is refused with a 400 envelope. Validation is the same zod schema on
 * both sides, so the GUI never sends input the real server would refuse field by field; the answer
 * is stubbed to show what the GUI does with the envelope's `fields`.
 */
async function refuseNextAsset(page: Page, error: { readonly message: string; readonly fields: ReadonlyArray<{ readonly field: string; readonly message: string }> }): Promise<void> {
  let isUsed = false;
  await page.route('**/api/assets', async (route) => {
    if (isUsed || route.request().method() !== 'POST') return route.fallback();
    isUsed = true;
    return route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ error: { code: 'invalid-request', ...error } }) });
  });
}

async function fillAsset(page: Page) {
  await page.getByRole('button', { name: 'Add asset' }).first().click();
  const add = page.getByRole('dialog', { name: 'Add asset' });
  await add.getByRole('textbox', { name: 'Asset tag' }).fill('LAP-0042');
  await add.getByRole('textbox', { name: 'Name' }).fill('ThinkPad T14');
  await add.getByRole('textbox', { name: 'Serial number' }).fill('LAP-0042');
  return add;
}

test('a server refusal goes to the field it names, not to a field its message mentions', async ({ page, openApp }) => {
  await openApp('assets');
  // The message mentions "tag" and "name"; only `fields` says which input is wrong.
  await refuseNextAsset(page, {
    message: 'The request body is not valid: serialNumber: Looks like an asset tag, not a serial number',
    fields: [{ field: 'serialNumber', message: 'Looks like an asset tag, not a serial number' }],
  });
  const add = await fillAsset(page);
  await add.getByRole('button', { name: 'Add asset' }).click();
  const serial = add.getByRole('textbox', { name: 'Serial number' });
  await expect(serial).toHaveAttribute('aria-invalid', 'true');
  await expect(serial).toHaveAccessibleDescription('Looks like an asset tag, not a serial number');
  await expect(add.getByRole('textbox', { name: 'Asset tag' })).not.toHaveAttribute('aria-invalid', 'true');
  await expect(add.getByRole('textbox', { name: 'Name' })).not.toHaveAttribute('aria-invalid', 'true');
  await expect(add.getByRole('alert')).toHaveCount(0);
});

test('a server refusal about a field the form does not show is shown whole on the form', async ({ page, openApp }) => {
  await openApp('assets');
  await refuseNextAsset(page, { message: 'The request body is not valid: owner.tag: Unknown owner tag', fields: [{ field: 'owner.tag', message: 'Unknown owner tag' }] });
  const add = await fillAsset(page);
  await add.getByRole('button', { name: 'Add asset' }).click();
  await expect(add.getByRole('alert')).toHaveText('The request body is not valid: owner.tag: Unknown owner tag');
  await expect(add.getByRole('textbox', { name: 'Asset tag' })).not.toHaveAttribute('aria-invalid', 'true');
  // The refusal was the stub's only answer: the corrected retry reaches the real server.
  await add.getByRole('textbox', { name: 'Serial number' }).fill('SN-1');
  await add.getByRole('button', { name: 'Add asset' }).click();
  await expect(page.getByRole('table', { name: 'Assets' }).getByRole('row', { name: /LAP-0042\s+ThinkPad T14/ })).toBeVisible();
});
