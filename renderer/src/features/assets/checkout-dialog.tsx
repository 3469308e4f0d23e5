import { useEffect, useState } from 'react';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Asset } from '../../../../shared/api/assets';
import { checkoutAsset } from '../../api/assets-api';
import { errorMessage } from '../../api/http-client';
import { MemberPicker } from '../../components/member-picker';

interface CheckoutDialogProps {
  readonly asset: Asset | null;
  readonly onClose: () => void;
  readonly onDone: () => void;
}

/** Checks an asset out to an active member, found by search. */
export function CheckoutDialog({ asset, onClose, onDone }: CheckoutDialogProps) {
  const [memberId, setMemberId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  useEffect(() => {
    setMemberId(null);
    setError(null);
  }, [asset]);
  const confirm = async () => {
    if (!asset || !memberId) return;
    setBusy(true);
    setError(null);
    try {
      await checkoutAsset(asset.id, memberId);
      notifications.show({ color: 'teal', message: `${asset.tag} checked out.` });
      onDone();
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={asset !== null} onClose={onClose} title={`Check out ${asset?.tag ?? ''}`}>
      <Stack gap="sm">
        <Text size="sm">
          {asset?.name} goes to the member you choose. Only active members are listed.
        </Text>
        <MemberPicker label="Member" value={memberId} onChange={(id) => setMemberId(id)} activeOnly />
        {error ? (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        ) : null}
        <Group justify="flex-end" gap="xs">
          <Button type="button" variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="button" disabled={!memberId} loading={isBusy} onClick={() => void confirm()}>
            Check out
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
