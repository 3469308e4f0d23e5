import { test, expect } from './helpers/fixtures.js';
import { screenshotBoth } from './helpers/screenshots.js';
import { adminApi } from './helpers/admin-api.js';
import { entraDisable, entraProvision, scimRequest } from './helpers/scim.js';

test('Refresh shows the changes and refusals since the last acknowledge', async ({ page, core, openApp }) => {
  const annId = await entraProvision(core.scimUrl, { userName: 'ann@contoso.com', givenName: 'Ann', familyName: 'Smith', title: 'Nurse' });
  const benId = await entraProvision(core.scimUrl, { userName: 'ben@contoso.com', givenName: 'Ben', familyName: 'Jones', title: 'Porter' });
  // Ann changes job; Ben holds a phone and leaves, which is refused.
  const patched = await scimRequest(core.scimUrl, 'PATCH', `/Users/${annId}`, {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    Operations: [{ op: 'Replace', path: 'title', value: 'Head Nurse' }],
  });
  expect(patched.status).toBeLessThan(300);
  const phone = await adminApi<{ id: number }>(core.adminOrigin, 'POST', '/assets', { tag: 'PHN-0001', name: 'Pixel 8' });
  await adminApi(core.adminOrigin, 'POST', `/assets/${phone.id}/checkout`, { memberId: benId });
  expect((await entraDisable(core.scimUrl, benId)).status).toBe(409);

  await openApp('review');
  const refusals = page.getByRole('region', { name: 'Refused requests' });
  await expect(refusals.getByRole('heading', { name: 'Needs your action (1)' })).toBeVisible();
  await expect(refusals).toContainText('ben@contoso.com');
  await expect(refusals).toContainText('PHN-0001');
  await expect(refusals.getByText('What to do:')).toBeVisible();
  const changes = page.getByRole('region', { name: 'Member changes' });
  await expect(changes.getByRole('button', { name: /Created\s*2/ })).toBeVisible();
  await expect(changes).toContainText('Head Nurse');
  await screenshotBoth(page, '09-review');

  await page.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(page.getByText('Nothing to review')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Acknowledge' })).toBeDisabled();

  // The next Refresh starts from the acknowledged point.
  await scimRequest(core.scimUrl, 'PATCH', `/Users/${annId}`, {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    Operations: [{ op: 'replace', path: 'displayName', value: 'Ann Smith-Taylor' }],
  });
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(changes.getByRole('button', { name: /Updated\s*1/ })).toBeVisible();
  await expect(changes).toContainText('Ann Smith-Taylor');
  await expect(changes).not.toContainText('ben@contoso.com');
});
