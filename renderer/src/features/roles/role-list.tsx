import { useState } from 'react';
import { ActionIcon, Badge, Button, Card, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { RoleInputSchema, type Role, type RoleInput } from '../../../../shared/api/roles';
import { useRolesStore } from '../../stores/roles-store';
import { applyServerError } from '../../lib/form-errors';
import { AsyncView } from '../../components/async-view';
import { IconPencil, IconPlus, IconTrash } from '../../components/icons';
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

function RolesTable({ roles, onRename, onDelete }: { readonly roles: ReadonlyArray<Role>; readonly onRename: (r: Role) => void; readonly onDelete: (r: Role) => void }) {
  return (
    <Table striped highlightOnHover withTableBorder aria-label="Roles">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Role</Table.Th>
          <Table.Th w={96} ta="right">
            Members
          </Table.Th>
          <Table.Th w={84}>Actions</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {roles.map((role) => (
          <Table.Tr key={role.id}>
            <Table.Td>
              <Group gap="xs">
                <Text size="sm" fw={500}>
                  {role.name}
                </Text>
                {role.isBuiltin ? (
                  <Badge size="xs" variant="light" color="gray">
                    built-in
                  </Badge>
                ) : null}
              </Group>
            </Table.Td>
            <Table.Td ta="right">{role.memberCount}</Table.Td>
            <Table.Td>
              {role.isBuiltin ? null : (
                <Group gap={2} wrap="nowrap">
                  <ActionIcon type="button" variant="subtle" size="sm" onClick={() => onRename(role)} aria-label={`Rename role ${role.name}`}>
                    <IconPencil size={15} />
                  </ActionIcon>
                  <ActionIcon type="button" variant="subtle" color="red" size="sm" onClick={() => onDelete(role)} aria-label={`Delete role ${role.name}`}>
                    <IconTrash size={15} />
                  </ActionIcon>
                </Group>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The role list with create, rename and delete. */
export function RoleList() {
  const roles = useRolesStore((s) => s.roles);
  const load = useRolesStore((s) => s.load);
  const [renaming, setRenaming] = useState<Role | null>(null);
  const [deleting, setDeleting] = useState<Role | null>(null);
  return (
    <Card withBorder padding="md" component="section" aria-label="Role list">
      <Stack gap="sm">
        <Text fw={600}>Roles</Text>
        <CreateRoleForm />
        <AsyncView state={roles} what="roles" onRetry={() => void load()}>
          {(list) => (
            <>
              <RolesTable roles={list} onRename={setRenaming} onDelete={setDeleting} />
              {list.every((r) => r.isBuiltin) ? (
                <Text size="sm" c="dimmed">
                  No custom roles yet. Create one named exactly like the value your IdP sends (for example a job title), then turn on role import.
                </Text>
              ) : null}
            </>
          )}
        </AsyncView>
      </Stack>
      <RenameRoleDialog role={renaming} onClose={() => setRenaming(null)} />
      <DeleteRoleDialog role={deleting} onClose={() => setDeleting(null)} />
    </Card>
  );
}
