import { useState } from 'react';
import { Button, Card, Group, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { RoleInputSchema, type Role, type RoleInput } from '../../../../shared/api/roles';
import { useRolesStore } from '../../stores/roles-store';
import { applyServerError } from '../../lib/form-errors';
import { AsyncView } from '../../components/async-view';
import { errorMessage } from '../../api/http-client';
import { IconPlus } from '../../components/icons';
import { RolesTable } from './roles-table';
import { RoleGroupsDialog } from './role-groups-dialog';
import { RenameRoleDialog } from './rename-role-dialog';
import { DeleteRoleDialog } from './delete-role-dialog';

function CreateRoleForm() {
  const create = useRolesStore((s) => s.create);
  const { register, handleSubmit, formState, reset, setError } = useForm<RoleInput>({ resolver: zodResolver(RoleInputSchema), defaultValues: { name: '' } });
  const submit = handleSubmit(async ({ name }) => {
    try {
      const role = await create(name);
      notifications.show({ color: 'teal', message: `Role “${role.name}” created.` });
      reset({ name: '' });
    } catch (error) {
      applyServerError(error, setError, ['name']);
    }
  });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Group align="flex-start" gap="xs" wrap="nowrap">
        <TextInput
          style={{ flex: 1 }}
          label="New role name"
          placeholder="e.g. Field Engineers"
          error={formState.errors.name?.message ?? formState.errors.root?.server?.message}
          {...register('name')}
        />
        <Button type="submit" mt={25} leftSection={<IconPlus size={14} />} loading={formState.isSubmitting}>
          Create role
        </Button>
      </Group>
    </form>
  );
}

/** Move a role in the order; members whose role a group gives may change with it. */
async function move(role: Role, position: number): Promise<void> {
  try {
    await useRolesStore.getState().update(role.id, { position });
  } catch (e) {
    notifications.show({ color: 'red', title: 'Not moved', message: errorMessage(e) });
  }
}

/** The role list, in the order roles are tried, with create, rename, delete, IdP groups and order. */
export function RoleList() {
  const roles = useRolesStore((s) => s.roles);
  const load = useRolesStore((s) => s.load);
  const [renaming, setRenaming] = useState<Role | null>(null);
  const [deleting, setDeleting] = useState<Role | null>(null);
  const [editingGroups, setEditingGroups] = useState<Role | null>(null);
  return (
    <Card withBorder padding="md" component="section" aria-label="Role list">
      <Stack gap="sm">
        <Text fw={600}>Roles</Text>
        <CreateRoleForm />
        <AsyncView state={roles} what="roles" onRetry={() => void load()}>
          {(list) => (
            <>
              <RolesTable roles={list} onRename={setRenaming} onDelete={setDeleting} onEditGroups={setEditingGroups} onMove={(r, p) => void move(r, p)} />
              <Text size="xs" c="dimmed">
                Roles are tried from the top: a member gets the first role one of whose IdP groups they are in (or that the role attribute names, as set below).
              </Text>
              {list.every((r) => r.isBuiltin) ? (
                <Text size="sm" c="dimmed">
                  No custom roles yet. Create one, then give it the IdP groups whose members should have it, or name it exactly like the value your IdP’s role
                  attribute sends and turn on role import.
                </Text>
              ) : null}
            </>
          )}
        </AsyncView>
      </Stack>
      <RenameRoleDialog role={renaming} onClose={() => setRenaming(null)} />
      <DeleteRoleDialog role={deleting} onClose={() => setDeleting(null)} />
      <RoleGroupsDialog role={editingGroups} onClose={() => setEditingGroups(null)} />
    </Card>
  );
}
