import { test, expect } from './helpers/fixtures.js';
import { screenshotBoth } from './helpers/screenshots.js';
import { adminApi } from './helpers/admin-api.js';
import { entraDisable, entraProvision, entraUser, scimRequest } from './helpers/scim.js';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

test('the review shows changes and problems; Acknowledge keeps what still stands', async ({ page, core, openApp }) => {
  const annId = await entraProvision(core.scimUrl, { userName: 'ann@contoso.com', givenName: 'Ann', familyName: 'Smith', title: 'Nurse' });
  const benId = await entraProvision(core.scimUrl, { userName: 'ben@contoso.com', givenName: 'Ben', familyName: 'Jones', title: 'Porter' });
  const patched = await scimRequest(core.scimUrl, 'PATCH', `/Users/${annId}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'title', value: 'Head Nurse' }] });
  expect(patched.status).toBeLessThan(300);
  const phone = await adminApi<{ id: number }>(core.adminOrigin, 'POST', '/assets', { tag: 'PHN-0001', name: 'Pixel 8' });
  await adminApi(core.adminOrigin, 'POST', `/assets/${phone.id}/checkout`, { memberId: benId });
  expect((await entraDisable(core.scimUrl, benId)).status).toBe(409);

  await openApp('review');
  const needs = page.getByRole('region', { name: 'Needs your action' });
  await expect(needs.getByRole('heading', { name: 'Needs your action (1)' })).toBeVisible();
  await expect(needs).toContainText('ben@contoso.com');
  await expect(needs.getByRole('button', { name: 'Check in PHN-0001' })).toBeVisible();
  await expect(page.getByRole('link', { name: /Sync review/ }).getByLabel('1 problem needs your action')).toBeVisible();
  const changes = page.getByRole('region', { name: 'Member changes' });
  await expect(changes.getByRole('heading', { name: 'Member changes (2)' })).toBeVisible();
  await expect(changes.getByRole('option', { name: /Created: Ann Smith/ })).toContainText('Job title: Head Nurse');
  await screenshotBoth(page, '09-review');

  await page.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(changes.getByRole('heading', { name: 'Member changes (0)' })).toBeVisible();
  // The blocked deactivation still stands (the phone is still out): it stays.
  await expect(needs.getByRole('heading', { name: 'Needs your action (1)' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Acknowledge' })).toBeDisabled();

  // The next Refresh starts from the acknowledged point.
  await scimRequest(core.scimUrl, 'PATCH', `/Users/${annId}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'displayName', value: 'Ann Smith-Taylor' }] });
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(changes.getByRole('option', { name: /Updated: Ann Smith-Taylor/ })).toContainText('Display name: Ann Smith → Ann Smith-Taylor');
  await expect(changes).not.toContainText('ben@contoso.com');

  // One-click fix: check the phone in; the problem waits for the IdP's retry, then goes.
  await needs.getByRole('button', { name: 'Check in PHN-0001' }).click();
  await expect(needs.getByRole('heading', { name: 'Needs your action (0)' })).toBeVisible();
  await expect(page.getByText("1 problem fixed in SCIM Desk waits for the identity provider's next attempt.")).toBeVisible();
  expect((await entraDisable(core.scimUrl, benId)).status).toBeLessThan(300);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByText(/waits for the identity provider/)).toHaveCount(0);
});

test('problems can be dismissed with a reason or fixed in one click; Setup lands on them', async ({ page, core, openApp }) => {
  const ids: string[] = [];
  for (const [i, who] of ['cai', 'dee'].entries()) {
    ids.push(await entraProvision(core.scimUrl, { userName: `${who}@contoso.com`, givenName: who, familyName: 'Leaver' }));
    const laptop = await adminApi<{ id: number }>(core.adminOrigin, 'POST', '/assets', { tag: `LAP-004${i + 2}`, name: 'ThinkPad' });
    await adminApi(core.adminOrigin, 'POST', `/assets/${laptop.id}/checkout`, { memberId: ids[i] });
    expect((await entraDisable(core.scimUrl, ids[i] ?? '')).status).toBe(409);
  }
  await openApp('setup');
  await page.getByRole('button', { name: 'Review blocked deprovisionings' }).click();
  const needs = page.getByRole('region', { name: 'Needs your action' });
  await expect(needs.getByRole('heading', { name: 'Needs your action (2)' })).toBeInViewport();
  await expect(needs.getByRole('radio', { name: 'Blocked deactivation 2' })).toBeChecked();

  // Deactivate anyway asks first.
  const cai = needs.getByRole('article').filter({ hasText: 'cai@contoso.com' });
  await cai.getByRole('button', { name: 'Deactivate anyway and flag' }).click();
  const confirm = page.getByRole('dialog', { name: 'Deactivate anyway?' });
  await expect(confirm).toContainText('LAP-0042');
  await confirm.getByRole('button', { name: 'Deactivate and flag' }).click();
  await expect(needs.getByRole('heading', { name: 'Needs your action (1)' })).toBeVisible();
  expect(await adminApi(core.adminOrigin, 'GET', `/members/${ids[0]}`)).toMatchObject({ active: false, leaverHoldingAssets: true });

  // Dismiss needs a reason; the IdP retrying does not bring it back.
  const dee = needs.getByRole('article').filter({ hasText: 'dee@contoso.com' });
  await dee.getByRole('button', { name: 'Dismiss…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Dismiss this problem' });
  await expect(dialog.getByRole('button', { name: 'Dismiss' })).toBeDisabled();
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('Laptop reported lost; HR is handling it');
  await dialog.getByRole('button', { name: 'Dismiss' }).click();
  await expect(needs.getByRole('heading', { name: 'Needs your action (0)' })).toBeVisible();
  expect((await entraDisable(core.scimUrl, ids[1] ?? '')).status).toBe(409);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(needs.getByRole('heading', { name: 'Needs your action (0)' })).toBeVisible();
});

test('an unknown role is visible: fallback in log and history, grouped in the review with Create role', async ({ page, core, openApp }) => {
  await adminApi(core.adminOrigin, 'PUT', '/settings', { importCustomRoles: true, roleAttribute: 'title', unknownRoleAction: 'fallback-role' });
  const wl = await entraProvision(core.scimUrl, { userName: 'wl@contoso.com', givenName: 'Wil', familyName: 'Lead', title: 'Warehouse Lead' });
  await entraProvision(core.scimUrl, { userName: 'wl2@contoso.com', givenName: 'Wen', familyName: 'Lead', title: 'Warehouse Lead' });
  await adminApi(core.adminOrigin, 'PUT', '/settings', { unknownRoleAction: 'do-not-provision' });
  const refused = await scimRequest(core.scimUrl, 'POST', '/Users', entraUser({ userName: 'ns@contoso.com', givenName: 'Nat', familyName: 'Shift', title: 'Night Shift' }));
  expect(refused.status).toBe(400);

  await openApp('review');
  const fallbacks = page.getByRole('region', { name: 'Fell back to the default role' });
  await expect(fallbacks).toContainText('Requested role “Warehouse Lead” not found: 2 members');
  const changes = page.getByRole('region', { name: 'Member changes' });
  await expect(changes.getByRole('option', { name: /Wil Lead/ })).toContainText('Role: requested role "Warehouse Lead" not found → Staff User');
  await screenshotBoth(page, '09-review-fallback');
  await fallbacks.getByRole('button', { name: 'Create role “Warehouse Lead” for 2 members' }).click();
  await expect(page.getByText('Role "Warehouse Lead" created; 2 members now have it.')).toBeVisible();
  await expect(fallbacks).toHaveCount(0);
  expect(await adminApi(core.adminOrigin, 'GET', `/members/${wl}`)).toMatchObject({ roleName: 'Warehouse Lead' });

  // The refused one: Create role from the problem; it then waits for the IdP's retry.
  const needs = page.getByRole('region', { name: 'Needs your action' });
  await needs.getByRole('button', { name: 'Create role “Night Shift”' }).first().click();
  await expect(needs.getByRole('heading', { name: 'Needs your action (0)' })).toBeVisible();

  // The log drawer and the member's history say the same.
  await page.goto(`${core.adminOrigin}/#/members`);
  await page.getByRole('option', { name: /Wil Lead/ }).click();
  await page.getByRole('tab', { name: /History/ }).click();
  await expect(page.getByRole('dialog')).toContainText('requested role "Warehouse Lead" not found → Staff User');
});
