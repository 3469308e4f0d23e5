import { test, expect } from './helpers/fixtures.js';
import { screenshotBoth } from './helpers/screenshots.js';
import { scimRequest } from './helpers/scim.js';
import { ADMIN_TOKEN, removeDataDir, startCore } from './helpers/core.js';

test.describe('Setup', () => {
  test('a new tab signs in by pasting the admin token', async ({ page, core }) => {
    await page.goto(core.adminOrigin);
    await expect(page.getByText('Sign in to the Admin UI')).toBeVisible();
    await expect(page.getByText(/the file admin-token in the data folder/)).toBeVisible();
    await screenshotBoth(page, '00-no-session');
    const token = page.getByLabel('Admin token');
    await token.fill('not-the-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('The core did not accept this token.', { exact: false })).toBeVisible();
    await token.fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Setup' })).toBeVisible();
  });

  test('the theme is system, light or dark, and remembered', async ({ page, openApp }) => {
    await openApp();
    const html = page.locator('html');
    await expect(html).toHaveAttribute('data-mantine-color-scheme', 'light'); // the system's (emulated light)
    await page.getByRole('button', { name: 'Theme: System' }).click();
    await page.getByRole('menuitem', { name: 'Dark' }).click();
    await expect(html).toHaveAttribute('data-mantine-color-scheme', 'dark');
    await page.reload();
    await expect(html).toHaveAttribute('data-mantine-color-scheme', 'dark');
    await page.getByRole('button', { name: 'Theme: Dark' }).click();
    await page.getByRole('menuitem', { name: 'System' }).click();
    await expect(html).toHaveAttribute('data-mantine-color-scheme', 'light');
  });

  test('turns SCIM on, copies the Tenant URL and a rotated connector key', async ({ page, core, context, openApp }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: core.adminOrigin });
    await openApp();

    const scimSwitch = page.getByRole('switch', { name: 'Enable SCIM' });
    if (await scimSwitch.isChecked()) {
      await scimSwitch.click({ force: true });
      await expect(scimSwitch).not.toBeChecked();
      const refused = await scimRequest(core.scimUrl, 'GET', '/Users?count=1', undefined);
      expect(refused.status).toBeGreaterThanOrEqual(400);
    }
    await scimSwitch.click({ force: true });
    await expect(scimSwitch).toBeChecked();
    await expect(page.getByRole('banner').getByText('SCIM on')).toBeVisible();

    // The public base URL drives the Tenant URL the IdP is given; it is checked as it is typed.
    const base = page.getByLabel('Public base URL');
    await base.fill('not a url');
    await expect(page.getByText('Enter the full address, starting with https://')).toBeVisible();
    await base.fill('http://scim.example.com');
    await expect(page.getByText(/^Use https:\/\/\. The IdP sends the connector key/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
    await base.fill('https://scim.example.com/scim/v2');
    await expect(page.getByText('The trailing /scim/v2 was removed: SCIM Desk adds it to the URL the IdP gets.')).toBeVisible();
    await expect(page.getByText('The IdP will use: https://scim.example.com/scim/v2')).toBeVisible();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const tenantUrl = page.getByRole('textbox', { name: 'SCIM connector base URL' });
    await expect(tenantUrl).toHaveValue('https://scim.example.com/scim/v2');
    await expect(base).toHaveValue('https://scim.example.com');
    await page.getByRole('button', { name: 'Copy SCIM connector base URL' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await tenantUrl.inputValue());

    // The Entra guide carries the aadOptscim062020 flag.
    await expect(page.getByRole('textbox', { name: 'Entra ID Tenant URL' })).toHaveValue(/\?aadOptscim062020$/);

    // Rotate with a grace period; the new key is shown once and works for SCIM.
    await page.getByRole('button', { name: 'Rotate key…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rotate the connector key?' });
    await dialog.getByLabel('Keep the previous key valid for (minutes)').fill('60');
    await dialog.getByRole('button', { name: 'Rotate key' }).click();
    const keyModal = page.getByRole('dialog', { name: 'Your new connector key' });
    const keyField = keyModal.getByRole('textbox', { name: 'New connector key' });
    await expect(keyField).toBeVisible();
    await expect(keyModal.getByText(/previous key keeps working until/)).toBeVisible();
    await keyModal.getByRole('button', { name: 'Copy New connector key' }).click();
    const newKey = await page.evaluate(() => navigator.clipboard.readText());
    expect(newKey).toBe(await keyField.inputValue());
    // It stays until the admin says the key is saved.
    await page.keyboard.press('Escape');
    await expect(keyModal).toBeVisible();
    await expect(keyModal.getByRole('button', { name: 'Done' })).toBeDisabled();
    await keyModal.getByRole('checkbox', { name: /I have saved the key/ }).check();
    await keyModal.getByRole('button', { name: 'Done' }).click();
    await expect(keyModal).toBeHidden();
    expect(newKey.length).toBeGreaterThanOrEqual(16);
    const withNewKey = await fetch(`${core.scimUrl}/Users?count=1`, { headers: { Authorization: `Bearer ${newKey}` } });
    expect(withNewKey.status).toBe(200);

    // The status card reports the IdP's last request once it has been polled again.
    const status = page.getByRole('region', { name: 'Connection status' });
    await status.getByRole('button', { name: 'Refresh connection status' }).click();
    await expect(status.getByText(/Last request from the IdP: .*ago|just now/)).toBeVisible();
    await screenshotBoth(page, '01-setup');
  });
});

test('a fetch that fails shows what failed and a Retry, never a dead end', async ({ page, core, openApp }) => {
  await openApp('members');
  await expect(page.getByText('No members yet')).toBeVisible();
  await core.stop();
  await page.getByRole('link', { name: 'Assets' }).click();
  const error = page.getByRole('alert').filter({ hasText: 'Could not load assets' });
  await expect(error).toContainText('Cannot reach the SCIM Desk core');
  await expect(error.getByRole('button', { name: 'Retry' })).toBeVisible();
  // The header stops claiming SCIM is on once the stream drops.
  await expect(page.getByRole('banner').getByText('Core unreachable')).toBeVisible();
  await screenshotBoth(page, '11-error-state');
});

test('settings are validated where they are typed: no silent clamping, plain words', async ({ page, openApp }) => {
  await openApp();
  const retention = page.getByRole('textbox', { name: 'Log retention (days)' });
  for (const [typed, message] of [
    ['0', 'Keep the log at least 1 day.'],
    ['99999', 'Keep the log at most 3,650 days (10 years).'],
    ['', 'Enter a number of days.'],
  ] as const) {
    await retention.fill(typed);
    await expect(page.getByText(message)).toBeVisible();
    await expect(retention).toHaveValue(typed === '99999' ? '99999' : typed);
  }
  await page.getByRole('button', { name: 'Save rules' }).click();
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Log retention (days)' })).toHaveValue('30');
});

test('turning SCIM on without a connector key offers to generate one first', async ({ page }) => {
  const core = await startCore(undefined, { withConnectorKey: false });
  try {
    await page.goto(core.adminLoginUrl);
    await expect(page.getByRole('heading', { level: 2, name: 'Setup' })).toBeVisible();
    await page.getByRole('switch', { name: 'Enable SCIM' }).click({ force: true });
    const ask = page.getByRole('dialog', { name: 'Generate a connector key first?' });
    await expect(ask).toContainText('There is no connector key yet');
    await screenshotBoth(page, '01-setup-no-key');
    await ask.getByRole('button', { name: 'Generate key and turn on' }).click();
    const keyModal = page.getByRole('dialog', { name: 'Your new connector key' });
    const key = await keyModal.getByRole('textbox', { name: 'New connector key' }).inputValue();
    await screenshotBoth(page, '01-setup-new-key');
    await keyModal.getByRole('checkbox', { name: /I have saved the key/ }).check();
    await keyModal.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByRole('switch', { name: 'Enable SCIM' })).toBeChecked();
    const works = await fetch(`${core.scimUrl}/Users?count=1`, { headers: { Authorization: `Bearer ${key}` } });
    expect(works.status).toBe(200);
  } finally {
    await core.stop();
    removeDataDir(core.dataDir);
  }
});
