import { useEffect, useState } from 'react';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Role } from '../../../../shared/api/roles';
import { useRolesStore } from '../../stores/roles-store';
import { errorMessage } from '../../api/http-client';
import { plural } from '../../lib/format';

/** Confirms deleting a custom role; the server's refusal (e.g. still in use) is shown as is. */
export function DeleteRoleDialog({ role, onClose }: { readonly role: Role | null; readonly onClose: () => void }) {
  const remove = useRolesStore((s) => s.remove);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  useEffect(() => setError(null), [role]);
  const confirm = async () => {
    if (!role) return;
    setBusy(true);
    try {
      await remove(role.id);
      notifications.show({ color: 'teal', message: `Role “${role.name}” deleted.` });
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={role !== null} onClose={onClose} title={`Delete the role “${role?.name ?? ''}”?`}>
      <Stack gap="sm">
        <Text size="sm">
          {role && role.memberCount > 0
            ? `${plural(role.memberCount, 'member')} currently ha${role.memberCount === 1 ? 's' : 've'} this role.`
            : 'No member has this role.'}{' '}
          Members who still send this role name get the unknown-role treatment afterwards.
        </Text>
        {error ? (
          <Alert color="red" role="alert" title="Not deleted">
            {error}
          </Alert>
        ) : null}
        <Group justify="flex-end" gap="xs">
          <Button type="button" variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="button" color="red" loading={isBusy} onClick={() => void confirm()}>
            Delete role
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
