import { test, expect } from './helpers/fixtures.js';
import { screenshotBoth } from './helpers/screenshots.js';
import { entraProvision, scimRequest } from './helpers/scim.js';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';

/** Entra's group provisioning: the group is created empty, then its members are added in one PATCH. */
async function entraGroup(scimUrl: string, displayName: string, members: ReadonlyArray<string>): Promise<string> {
  const created = await scimRequest(scimUrl, 'POST', '/Groups', { schemas: [GROUP], externalId: `ext-${displayName}`, displayName, meta: { resourceType: 'Group' } });
  expect(created.status).toBe(201);
  const id = String(created.body.id);
  const added = await scimRequest(scimUrl, 'PATCH', `/Groups/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Add', path: 'members', value: members.map((value) => ({ $ref: null, value })) }] });
  expect(added.status).toBe(204);
  return id;
}

async function giveGroups(page: import('@playwright/test').Page, role: string, groups: ReadonlyArray<string>): Promise<void> {
  await page.getByRole('button', { name: `IdP groups of role ${role}` }).click();
  const dialog = page.getByRole('dialog', { name: `IdP groups for “${role}”` });
  const input = dialog.getByRole('combobox', { name: 'IdP groups that give this role' });
  for (const g of groups) {
    await input.fill(g);
    await input.press('Enter');
  }
  await dialog.getByRole('button', { name: 'Save groups' }).click();
  await expect(dialog).toHaveCount(0);
}

test('roles follow Entra groups: Roles, Groups, member detail, live log and Sync review', async ({ page, core, openApp }) => {
  const alex = await entraProvision(core.scimUrl, { userName: 'alex.tech@contoso.com', givenName: 'Alex', familyName: 'Tech' });
  const blair = await entraProvision(core.scimUrl, { userName: 'blair.tech@contoso.com', givenName: 'Blair', familyName: 'Tech' });
  const casey = await entraProvision(core.scimUrl, { userName: 'casey.desk@contoso.com', givenName: 'Casey', familyName: 'Desk' });
  const techs = await entraGroup(core.scimUrl, 'Field Technicians', [alex, blair]);
  await entraGroup(core.scimUrl, 'Helpdesk', [casey, alex]);

  await openApp('roles');
  const roles = page.getByRole('table', { name: 'Roles' });
  for (const name of ['Field Technician', 'Service Desk']) {
    await page.getByRole('textbox', { name: 'New role name' }).fill(name);
    await page.getByRole('button', { name: 'Create role' }).click();
    await expect(roles.getByRole('row', { name: new RegExp(name) })).toBeVisible();
  }
  await giveGroups(page, 'Field Technician', ['Field Technicians']);
  await giveGroups(page, 'Service Desk', ['helpdesk']);
  // Alex is in both groups: the role higher in the list wins.
  await expect(roles.getByRole('row', { name: /Field Technician.*Field Technicians.*\s2\s/ })).toBeVisible();
  await expect(roles.getByRole('row', { name: /Service Desk.*helpdesk.*\s1\s/ })).toBeVisible();
  await page.getByRole('button', { name: 'Move role Service Desk up' }).click();
  await expect(roles.getByRole('row', { name: /Service Desk.*helpdesk.*\s2\s/ })).toBeVisible();
  await page.getByRole('button', { name: 'Move role Service Desk down' }).click();
  await expect(roles.getByRole('row', { name: /Field Technician.*\s2\s/ })).toBeVisible();
  await screenshotBoth(page, '08-roles-groups');

  // The Groups view: member counts and the role each group gives; a group's members.
  await page.getByRole('link', { name: 'Groups' }).click();
  const groups = page.getByRole('table', { name: 'IdP groups' });
  await expect(groups.getByRole('row', { name: /Field Technicians\s+2\s+Field Technician/ })).toBeVisible();
  await screenshotBoth(page, '09-groups');
  await groups.getByRole('button', { name: 'Helpdesk' }).click();
  await expect(page.getByRole('table', { name: 'Members of Helpdesk' }).getByRole('row', { name: /Casey Desk.*Service Desk/ })).toBeVisible();
  await page.keyboard.press('Escape');

  // Entra removes Blair from the group: the role goes back to the fallback role.
  const removed = await scimRequest(core.scimUrl, 'PATCH', `/Groups/${techs}`, { schemas: [PATCH_OP], Operations: [{ op: 'Remove', path: 'members', value: [{ value: blair }] }] });
  expect(removed.status).toBe(204);

  await page.getByRole('link', { name: 'Members' }).click();
  await expect(page.getByRole('option', { name: /Blair Tech, blair\.tech@contoso\.com, Staff User/ })).toBeVisible();
  await page.getByRole('option', { name: /Alex Tech/ }).click();
  const drawer = page.getByRole('dialog');
  await expect(drawer.getByText('Role from group "Field Technicians".', { exact: false })).toBeVisible();
  await expect(drawer.getByLabel('IdP groups')).toContainText('Field Technicians');
  await expect(drawer.getByLabel('IdP groups')).toContainText('Helpdesk');
  await page.keyboard.press('Escape');

  await page.getByRole('link', { name: 'Provisioning log' }).click();
  await expect(page.getByRole('option', { name: /Group membership success blair\.tech@contoso\.com/ }).first()).toBeVisible();
  await expect(page.getByRole('option', { name: /Group updated success group Field Technicians/ }).first()).toBeVisible();

  await page.getByRole('link', { name: 'Sync review' }).click();
  const groupChanges = page.getByRole('region', { name: 'Group changes' });
  const created = groupChanges.getByRole('table', { name: 'Changes to group Field Technicians' });
  await expect(created).toContainText('alex.tech@contoso.com');
  // The IdP's create gave Alex the fallback role; the role rules changed it since, and the review says so.
  const memberChanges = page.getByRole('region', { name: 'Member changes' });
  await expect(memberChanges.getByText(/Role: Staff User \(now Field Technician, by the role rules\)/)).toBeVisible();
  // Blair joined and left within the window: nothing to show for Blair in the group's net change.
  await expect(created).not.toContainText('blair.tech@contoso.com');
  await screenshotBoth(page, '10-review-groups');
});

test('an attribute the IdP sends is mapped in one step from the list of unmapped ones', async ({ page, core, openApp }) => {
  const id = await entraProvision(core.scimUrl, { userName: 'cost.centre@contoso.com', givenName: 'Cost', familyName: 'Centre' });
  const custom = 'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User';
  const added = await scimRequest(core.scimUrl, 'PATCH', `/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Add', path: `${custom}:CostCentre`, value: 'CC-4711' }] });
  expect(added.status).toBe(200);

  await openApp('mapping');
  const card = page.getByRole('region', { name: 'Attributes not mapped yet' });
  await expect(card.getByRole('row', { name: /CostCentre.*CC-4711\s+1/ })).toBeVisible();
  await card.getByRole('button', { name: `Map ${custom}:CostCentre` }).click();
  const dialog = page.getByRole('dialog', { name: 'Map an attribute' });
  await expect(dialog.getByRole('textbox', { name: 'Field label' })).toHaveValue('Cost Centre');
  await expect(dialog.getByRole('textbox', { name: 'Key' })).toHaveValue('cost_centre');
  await dialog.getByRole('button', { name: 'Map attribute' }).click();
  await expect(page.getByText('Mapped and applied: 1 member updated.')).toBeVisible();
  await expect(card.getByRole('row', { name: /CostCentre/ })).toHaveCount(0);

  await page.getByRole('link', { name: 'Members' }).click();
  await page.getByRole('option', { name: /Cost Centre/ }).click();
  await expect(page.getByRole('dialog')).toContainText('CC-4711');
});
