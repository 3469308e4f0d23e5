import { useEffect } from 'react';
import { Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Role } from '../../../../shared/api/roles';
import { useRolesStore } from '../../stores/roles-store';
import { plural } from '../../lib/format';
import { DialogActions, useDialogAction } from '../../components/dialog-actions';

/** Confirms deleting a custom role; the server's refusal (e.g. still in use) is shown as is. */
export function DeleteRoleDialog({ role, onClose }: { readonly role: Role | null; readonly onClose: () => void }) {
  const remove = useRolesStore((s) => s.remove);
  const { error, isBusy, run, reset } = useDialogAction();
  useEffect(reset, [role, reset]);
  const confirm = () =>
    run(async () => {
      if (!role) return;
      await remove(role.id);
      notifications.show({ color: 'teal', message: `Role “${role.name}” deleted.` });
      onClose();
    });
  return (
    <Modal opened={role !== null} onClose={onClose} title={`Delete the role “${role?.name ?? ''}”?`}>
      <Stack gap="sm">
        <Text size="sm">
          {role && role.memberCount > 0
            ? `${plural(role.memberCount, 'member')} currently ha${role.memberCount === 1 ? 's' : 've'} this role.`
            : 'No member has this role.'}{' '}
          Members who still send this role name get the unknown-role treatment afterwards.
        </Text>
        <DialogActions error={error} errorTitle="Not deleted" isBusy={isBusy} confirmLabel="Delete role" confirmColor="red" onCancel={onClose} onConfirm={() => void confirm()} />
      </Stack>
    </Modal>
  );
}
