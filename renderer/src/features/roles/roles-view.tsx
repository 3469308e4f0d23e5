import { useEffect } from 'react';
import { Grid, Stack } from '@mantine/core';
import { useRolesStore } from '../../stores/roles-store';
import { PageHeader } from '../../components/page-header';
import { RoleList } from './role-list';
import { RoleImportCard } from './role-import-card';
import { GroupRulesCard } from './group-rules-card';

/** Roles: the custom roles, the IdP groups that give them, and how the IdP's role attribute picks one. */
export function RolesView() {
  // Member counts move as the IdP provisions; refresh them whenever the view opens.
  useEffect(() => void useRolesStore.getState().load(), []);
  return (
    <>
      <PageHeader title="Roles" description="Administrator and Staff User are built in. A role follows the IdP groups you give it, or the role attribute when its value names the role (case-insensitive)." />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <RoleList />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <GroupRulesCard />
            <RoleImportCard />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
