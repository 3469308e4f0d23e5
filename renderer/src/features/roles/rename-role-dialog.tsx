import { useEffect } from 'react';
import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { RoleInputSchema, type Role, type RoleInput } from '../../../../shared/api/roles';
import { useRolesStore } from '../../stores/roles-store';
import { applyServerError } from '../../lib/form-errors';

/** Renames a custom role; members keep it (matching is by name, so the IdP's value must follow). */
export function RenameRoleDialog({ role, onClose }: { readonly role: Role | null; readonly onClose: () => void }) {
  const rename = useRolesStore((s) => s.rename);
  const { register, handleSubmit, formState, reset, setError } = useForm<RoleInput>({ resolver: zodResolver(RoleInputSchema), defaultValues: { name: role?.name ?? '' } });
  useEffect(() => reset({ name: role?.name ?? '' }), [role, reset]);
  const submit = handleSubmit(async ({ name }) => {
    if (!role) return;
    try {
      await rename(role.id, name);
      onClose();
    } catch (error) {
      applyServerError(error, setError, ['name']);
    }
  });
  return (
    <Modal opened={role !== null} onClose={onClose} title={`Rename “${role?.name ?? ''}”`}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <TextInput
            label="Role name"
            description="The IdP’s role attribute must send this name for members to get the role."
            data-autofocus
            error={formState.errors.name?.message ?? formState.errors.root?.server?.message}
            {...register('name')}
          />
          <Group justify="flex-end" gap="xs">
            <Button type="button" variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={formState.isSubmitting}>
              Rename
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
