import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { formatDateTime } from '../../lib/format';
import { useConnectorKeyStore } from '../../stores/connector-key-store';
import { CopyField } from '../../components/copy-field';
import { IconAlert } from '../../components/icons';

/**
 * The new connector key, shown once in a modal that stays until the admin confirms it is saved
 * (issue #16: below the fold it was easy to miss, which forced another rotation).
 */
export function NewKeyModal() {
  const fresh = useConnectorKeyStore((s) => s.fresh);
  const [isConfirmed, setConfirmed] = useState(false);
  const close = () => {
    setConfirmed(false);
    useConnectorKeyStore.getState().saved();
  };
  return (
    <Modal opened={fresh !== null} onClose={() => undefined} title="Your new connector key" withCloseButton={false} closeOnClickOutside={false} closeOnEscape={false} size="lg">
      {fresh ? (
        <Stack gap="sm">
          <Alert color="yellow" variant="light" icon={<IconAlert />} title="Copy it now: it is shown only this once">
            SCIM Desk keeps only a hash. Paste the key into the IdP (Entra ID: “Secret Token”; Okta: API token).
          </Alert>
          <CopyField label="New connector key" value={fresh.connectorKey} />
          <Text size="xs" c="dimmed">
            {fresh.previousKeyValidUntil ? `The previous key keeps working until ${formatDateTime(fresh.previousKeyValidUntil)}.` : 'Any previous key no longer works.'}
          </Text>
          <Checkbox label="I have saved the key (in the IdP or a password manager)" checked={isConfirmed} onChange={(e) => setConfirmed(e.currentTarget.checked)} />
          <Group justify="flex-end">
            <Button type="button" disabled={!isConfirmed} onClick={close}>
              Done
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
