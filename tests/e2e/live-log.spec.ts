import { test, expect } from './helpers/fixtures.js';
import { screenshotBoth } from './helpers/screenshots.js';
import { entraDisable, entraProvision, oktaCreate, OKTA_UA, scimRequest } from './helpers/scim.js';

test('log rows stream in without a reload, open in a drawer, and pause/resume', async ({ page, core, openApp }) => {
  await openApp('log');
  await expect(page.getByText('No SCIM requests yet')).toBeVisible();
  await screenshotBoth(page, '04-log-empty');

  const log = page.getByRole('listbox', { name: 'Provisioning log entries' });
  const created = await oktaCreate(core.scimUrl, { userName: 'ada@okta.local', givenName: 'Ada', familyName: 'Lovelace', title: 'Analyst' });
  expect(created.status).toBe(201);
  await expect(log.getByRole('option', { name: /^Create success ada@okta\.local, HTTP 201, Okta/ })).toBeVisible();

  // A failure streams in too, and raises a toast wherever the admin is.
  await fetch(`${core.scimUrl}/Users`, { headers: { Authorization: 'Bearer wrong-key', 'User-Agent': OKTA_UA } });
  await expect(log.getByRole('option', { name: /^Authentication failure/ })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Authentication failed' })).toBeVisible();

  // Newest first.
  await expect(log.getByRole('option').first()).toHaveAccessibleName(/^Authentication failure/);

  // Keyboard: into the list, down to the create row, Enter opens its detail.
  await log.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const drawer = page.getByRole('dialog', { name: /Log entry #/ });
  await expect(drawer.getByText('POST /scim/v2/Users')).toBeVisible();
  await expect(drawer.getByRole('table', { name: 'Modified fields, old and new values' })).toContainText('Lovelace');
  const request = drawer.getByRole('region', { name: 'Request body' });
  await expect(request).toContainText('ada@okta.local');
  await expect(request).not.toContainText('1mz050nq'); // Okta's password is redacted
  await screenshotBoth(page, '05-log-detail');
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // Open the failure: its error and the recommended action.
  await log.getByRole('option', { name: /^Authentication failure/ }).click();
  await expect(drawer.getByText('What to do:')).toBeVisible();
  await drawer.getByRole('button', { name: 'Close panel' }).click();

  // Pause holds new rows back; Resume shows them.
  await page.getByRole('button', { name: 'Pause' }).click();
  const userId = await entraProvision(core.scimUrl, { userName: 'bob@contoso.com', givenName: 'Bob', familyName: 'Paused' });
  await expect(page.getByRole('status').filter({ hasText: /Paused · \d+ new/ })).toBeVisible();
  await expect(log.getByRole('option', { name: /bob@contoso\.com/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(log.getByRole('option', { name: /^Create success bob@contoso\.com/ })).toBeVisible();

  // Filters: only failures; a new success does not appear, a new deactivation of bob does.
  await page.getByRole('combobox', { name: 'Result' }).click();
  await page.getByRole('option', { name: 'Failure', exact: true }).click();
  await expect(log.getByRole('option')).toHaveCount(1);
  await entraDisable(core.scimUrl, userId);
  await expect(log.getByRole('option')).toHaveCount(1);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(log.getByRole('option', { name: /^Deactivate success bob@contoso\.com/ })).toBeVisible();
  await screenshotBoth(page, '06-log', { withToasts: true });

  // Export goes through the authenticated API and downloads a file.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: 'CSV' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.csv$/);
});

test('a burst of SCIM requests streams in batches; scrolled away, new rows wait; Pause holds them', async ({ page, core, openApp }) => {
  test.setTimeout(120_000);
  await openApp('log');
  const log = page.getByRole('listbox', { name: 'Provisioning log entries' });
  const burst = async (n: number, tag: string) => {
    let next = 0;
    const worker = async () => {
      while (next < n) {
        const k = next++;
        await scimRequest(core.scimUrl, 'GET', `/Users?filter=userName+eq+%22${tag}-${k}%40burst.example%22`, undefined);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
  };
  await burst(3000, 'first');
  await expect(log.getByRole('option').first()).toHaveAccessibleName(/^Lookup success/);
  // Windowed and bounded, however many rows arrived.
  expect(await log.getByRole('option').count()).toBeLessThan(80);
  expect(await page.evaluate(() => document.getElementsByTagName('*').length)).toBeLessThan(5000);

  // Scrolled away from the top, new rows do not move the list: they wait as "N new rows".
  await log.evaluate((el) => el.scrollTo({ top: 2000 }));
  const firstVisible = await log.getByRole('option').first().getAttribute('aria-label');
  await burst(500, 'second');
  const waiting = page.getByRole('button', { name: /^[\d,]+ new rows$/ });
  await expect(waiting).toBeVisible();
  expect(await log.getByRole('option').first().getAttribute('aria-label')).toBe(firstVisible);
  await waiting.click();
  await expect(waiting).toBeHidden();
  await expect(log.getByRole('option').first()).toHaveAccessibleName(/^Lookup success/);
  await expect.poll(() => log.evaluate((el) => el.scrollTop)).toBe(0);

  // Pause during a burst: the rows are held back, counted, and shown on Resume.
  const during = burst(1500, 'third');
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Paused/ })).toBeVisible();
  await during;
  await expect(page.getByRole('status').filter({ hasText: /^Paused · [\d,]+ new$/ })).toBeVisible();
  await page.setViewportSize({ width: 900, height: 900 });
  await screenshotBoth(page, '06-log-burst-paused-900');
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshotBoth(page, '06-log-burst-paused-1280');
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(log.getByRole('option').first()).toHaveAccessibleName(/^Lookup success/);
});

test('an empty lookup says what was looked for, and a refusal shows the error the IdP was answered', async ({ page, core, openApp }) => {
  await openApp('log');
  const log = page.getByRole('listbox', { name: 'Provisioning log entries' });
  const miss = await scimRequest(core.scimUrl, 'GET', `/Users?filter=${encodeURIComponent('userName eq "not.yet@contoso.com"')}`, undefined);
  expect(miss.status).toBe(200);
  await expect(log.getByRole('option', { name: /^Lookup success/ })).toContainText('No match for userName eq "not.yet@contoso.com"');

  const refused = await scimRequest(core.scimUrl, 'POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], displayName: 'No Name' });
  expect(refused.status).toBe(400);
  await log.getByRole('option', { name: /^Error failure/ }).click();
  const drawer = page.getByRole('dialog', { name: /Log entry #/ });
  const response = drawer.getByRole('region', { name: 'Response body' });
  await expect(response).toContainText('urn:ietf:params:scim:api:messages:2.0:Error');
  await expect(response).toContainText('"status": "400"');
  await expect(response).not.toContainText('(none)');
});
