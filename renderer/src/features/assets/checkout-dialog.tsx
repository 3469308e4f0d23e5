import { useEffect, useState } from 'react';
import { Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Asset } from '../../../../shared/api/assets';
import { checkoutAsset } from '../../api/assets-api';
import { MemberPicker } from '../../components/member-picker';
import { DialogActions, useDialogAction } from '../../components/dialog-actions';

interface CheckoutDialogProps {
  readonly asset: Asset | null;
  readonly onClose: () => void;
  readonly onDone: () => void;
}

/** Checks an asset out to an active member, found by search. */
export function CheckoutDialog({ asset, onClose, onDone }: CheckoutDialogProps) {
  const [memberId, setMemberId] = useState<string | null>(null);
  const { error, isBusy, run, reset } = useDialogAction();
  useEffect(() => {
    setMemberId(null);
    reset();
  }, [asset, reset]);
  const confirm = () =>
    run(async () => {
      if (!asset || !memberId) return;
      await checkoutAsset(asset.id, memberId);
      notifications.show({ color: 'teal', message: `${asset.tag} checked out.` });
      onDone();
      onClose();
    });
  return (
    <Modal opened={asset !== null} onClose={onClose} title={`Check out ${asset?.tag ?? ''}`}>
      <Stack gap="sm">
        <Text size="sm">
          {asset?.name} goes to the member you choose. Only active members are listed.
        </Text>
        <MemberPicker label="Member" value={memberId} onChange={(id) => setMemberId(id)} activeOnly />
        <DialogActions error={error} isBusy={isBusy} confirmLabel="Check out" isDisabled={!memberId} onCancel={onClose} onConfirm={() => void confirm()} />
      </Stack>
    </Modal>
  );
}
