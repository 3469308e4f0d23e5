import { test, expect } from './helpers/fixtures.js';
import { adminApi } from './helpers/admin-api.js';

const logMaxRows = async (adminOrigin: string): Promise<number> => (await adminApi<{ logMaxRows: number }>(adminOrigin, 'GET', '/settings')).logMaxRows;

// Issue #15, item 2: the provisioning log's row cap is a setting the admin can change in Setup.
test('sets the log size limit under Provisioning rules, never below its floor, said where the admin types', async ({ page, core, openApp }) => {
  await openApp();
  const limit = page.getByRole('textbox', { name: 'Log size limit (rows)' });
  await expect(limit).toHaveValue('1,000,000');
  const save = page.getByRole('button', { name: 'Save rules' });

  await limit.fill('250000');
  await save.click();
  await expect(page.getByText('Provisioning rules saved.')).toBeVisible();
  expect(await logMaxRows(core.adminOrigin)).toBe(250_000);

  // Below the floor the field says so where the admin typed; nothing is clamped or saved behind their back (#16).
  await limit.fill('500');
  await limit.blur();
  await expect(page.getByText('Keep at least 1,000 rows.')).toBeVisible();
  await expect(limit).toHaveValue('500');
  await save.click();
  await expect(page.getByText('Keep at least 1,000 rows.')).toBeVisible();
  expect(await logMaxRows(core.adminOrigin)).toBe(250_000);
  await limit.fill('1000');
  await save.click();
  await expect.poll(() => logMaxRows(core.adminOrigin)).toBe(1000);
});
