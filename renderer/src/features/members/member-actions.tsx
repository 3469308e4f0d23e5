import { useState } from 'react';
import { Alert, Button, Group, Modal, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { MemberDetail } from '../../../../shared/api/members';
import { deleteMember, patchMember } from '../../api/members-api';
import { errorMessage } from '../../api/http-client';
import { useMembersViewStore } from '../../stores/members-view-store';
import { memberName } from './member-labels';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { safeText } from '../../lib/safe-text';

/** Why the server would refuse to delete this member (shown on the disabled button), or null. */
export function deleteBlock(m: Pick<MemberDetail, 'heldAssets' | 'hasCheckoutHistory'>): string | null {
  if (m.heldAssets > 0) return `Holds ${m.heldAssets} asset${m.heldAssets === 1 ? '' : 's'}: check ${m.heldAssets === 1 ? 'it' : 'them'} in, or deactivate the member instead.`;
  if (m.hasCheckoutHistory) return 'Has checkout history, which deleting would lose: deactivate the member instead.';
  return null;
}

/** Deactivate / reactivate and delete; the server's refusal is shown as it words it. */
export function MemberActions({ member, onChanged }: { readonly member: MemberDetail; readonly onChanged: () => void }) {
  const [isConfirming, setConfirming] = useState(false);
  const [isConfirmingDeactivate, setConfirmingDeactivate] = useState(false);
  const blocked = deleteBlock(member);
  const name = safeText(memberName(member));
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
      <Button
        type="button"
        size="xs"
        variant="default"
        loading={isBusy && !isConfirming}
        onClick={() => (member.active ? setConfirmingDeactivate(true) : void setActive(true))}
      >
        {member.active ? 'Deactivate…' : 'Reactivate'}
      </Button>
      <Tooltip label={blocked} disabled={blocked === null} multiline w={260} withArrow position="bottom-end">
        <span>
          <Button
            type="button"
            size="xs"
            variant="light"
            color="red"
            disabled={blocked !== null}
            aria-description={blocked ?? undefined}
            onClick={() => {
              setDeleteError(null);
              setConfirming(true);
            }}
          >
            Delete…
          </Button>
        </span>
      </Tooltip>
      <ConfirmDialog
        opened={isConfirmingDeactivate}
        title={`Deactivate ${name}?`}
        confirmLabel="Deactivate"
        confirmColor="orange"
        onClose={() => setConfirmingDeactivate(false)}
        onConfirm={() => setActive(false)}
      >
        {`${name} is marked inactive here and in the SCIM resource the IdP reads.${
          member.heldAssets > 0 ? ` They still hold ${member.heldAssets} asset${member.heldAssets === 1 ? '' : 's'}, so they are flagged as a leaver holding assets.` : ''
        } The IdP may reactivate them on its next cycle if they are still active there.`}
      </ConfirmDialog>
      <Modal opened={isConfirming} onClose={() => setConfirming(false)} title={`Delete ${name}?`}>
        <Stack gap="sm">
          <Text size="sm">The member is removed from SCIM Desk. If the IdP still has them in scope, its next sync brings them back.</Text>
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
