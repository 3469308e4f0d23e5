import { useEffect } from 'react';
import { Grid } from '@mantine/core';
import { useRolesStore } from '../../stores/roles-store';
import { PageHeader } from '../../components/page-header';
import { RoleList } from './role-list';
import { RoleImportCard } from './role-import-card';

/** Roles: the custom roles and how the IdP's role attribute picks one. */
export function RolesView() {
  // Member counts move as the IdP provisions; refresh them whenever the view opens.
  useEffect(() => void useRolesStore.getState().load(), []);
  return (
    <>
      <PageHeader title="Roles" description="Administrator and Staff User are built in. Custom roles are matched by name (case-insensitive) from the IdP’s role attribute." />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <RoleList />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <RoleImportCard />
        </Grid.Col>
      </Grid>
    </>
  );
}
