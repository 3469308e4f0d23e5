import { useState } from 'react';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { MemberDetail } from '../../../../shared/api/members';
import { deleteMember, patchMember } from '../../api/members-api';
import { errorMessage } from '../../api/http-client';
import { useMembersViewStore } from '../../stores/members-view-store';
import { memberName } from './member-labels';

/** Deactivate / reactivate and delete; the server's refusal is shown as it words it. */
export function MemberActions({ member, onChanged }: { readonly member: MemberDetail; readonly onChanged: () => void }) {
  const [isConfirming, setConfirming] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const setActive = async (active: boolean) => {
    setBusy(true);
    try {
      await patchMember(member.id, { active });
      notifications.show({ color: 'teal', message: `${memberName(member)} ${active ? 'reactivated' : 'deactivated'}.` });
      onChanged();
    } catch (e) {
      notifications.show({ color: 'red', title: active ? 'Not reactivated' : 'Not deactivated', message: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    setBusy(true);
    setDeleteError(null);
    try {
      await deleteMember(member.id);
      notifications.show({ color: 'teal', message: `${memberName(member)} deleted.` });
      setConfirming(false);
      useMembersViewStore.getState().removeRow(member.id);
    } catch (e) {
      setDeleteError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Group gap="xs" wrap="nowrap">
      <Button type="button" size="xs" variant="default" loading={isBusy && !isConfirming} onClick={() => void setActive(!member.active)}>
        {member.active ? 'Deactivate' : 'Reactivate'}
      </Button>
      <Button
        type="button"
        size="xs"
        variant="light"
        color="red"
        onClick={() => {
          setDeleteError(null);
          setConfirming(true);
        }}
      >
        Delete…
      </Button>
      <Modal opened={isConfirming} onClose={() => setConfirming(false)} title={`Delete ${memberName(member)}?`}>
        <Stack gap="sm">
          <Text size="sm">
            The member is removed from SCIM Desk. If the IdP still has them in scope, its next sync recreates them. Members who hold or have held assets cannot be deleted — deactivate them instead.
          </Text>
          {deleteError ? (
            <Alert color="red" title="Not deleted" role="alert">
              {deleteError}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="xs">
            <Button type="button" variant="default" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button type="button" color="red" loading={isBusy} onClick={() => void remove()}>
              Delete member
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Group>
  );
}
