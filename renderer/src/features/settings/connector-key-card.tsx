import { useState } from 'react';
import { Badge, Button, Card, Group, Modal, NumberInput, SimpleGrid, Stack, Text } from '@mantine/core';
import type { RotateKeyResponse, SettingsView } from '../../../../shared/api/settings';
import { rotateConnectorKey } from '../../api/settings-api';
import { useSettingsStore } from '../../stores/settings-store';
import { formatDateTime, formatRelative } from '../../lib/format';
import { useConnectorKeyStore } from '../../stores/connector-key-store';
import { IconKey } from '../../components/icons';
import { NewKeyModal } from './new-key-modal';
import { DialogActions, useDialogAction } from '../../components/dialog-actions';

interface RotateDialogProps {
  readonly hasKey: boolean;
  readonly opened: boolean;
  readonly onClose: () => void;
  readonly onRotated: (result: RotateKeyResponse) => void;
}

function RotateDialog({ hasKey, opened, onClose, onRotated }: RotateDialogProps) {
  const [grace, setGrace] = useState<number>(0);
  const { error, isBusy, run } = useDialogAction();
  const confirm = () => run(async () => onRotated(await rotateConnectorKey(grace)));
  return (
    <Modal opened={opened} onClose={onClose} title={hasKey ? 'Rotate the connector key?' : 'Generate a connector key'}>
      <Stack gap="sm">
        <Text size="sm">
          {hasKey
            ? 'A new key replaces the current one. Until you paste the new key into the IdP, its provisioning requests fail — unless you keep the old key valid for a while.'
            : 'The key is the “Secret Token” the IdP sends with every request. It is shown once.'}
        </Text>
        {hasKey ? (
          <NumberInput
            label="Keep the previous key valid for (minutes)"
            description="0 revokes the previous key at once. Up to 7 days (10080 minutes)."
            min={0}
            max={10_080}
            step={15}
            value={grace}
            onChange={(v) => setGrace(typeof v === 'number' ? v : Number(v) || 0)}
          />
        ) : null}
        <DialogActions
          error={error}
          isBusy={isBusy}
          confirmLabel={hasKey ? 'Rotate key' : 'Generate key'}
          confirmColor={hasKey ? 'orange' : 'indigo'}
          onCancel={onClose}
          onConfirm={() => void confirm()}
        />
      </Stack>
    </Modal>
  );
}

/** Connector key ("Secret Token"): status, generate/rotate, and the new key shown once. */
export function ConnectorKeyCard({ view }: { readonly view: SettingsView }) {
  const [isDialogOpen, setDialogOpen] = useState(false);
  const reload = useSettingsStore((s) => s.load);
  const onRotated = (result: RotateKeyResponse) => {
    setDialogOpen(false);
    useConnectorKeyStore.getState().show(result);
    void reload();
  };
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs">
            <Text fw={600}>Connector key</Text>
            <Badge color={view.hasConnectorKey ? 'teal' : 'orange'} variant="light">
              {view.hasConnectorKey ? 'Set' : 'Not set'}
            </Badge>
          </Group>
          <Button type="button" variant={view.hasConnectorKey ? 'default' : 'filled'} leftSection={<IconKey size={16} />} onClick={() => setDialogOpen(true)}>
            {view.hasConnectorKey ? 'Rotate key…' : 'Generate key…'}
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          The IdP sends this as a bearer token (Entra: “Secret Token”; Okta: API token / HTTP header). Only a hash is stored.
        </Text>
        <SimpleGrid cols={2} spacing="xs">
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              Created
            </Text>
            <Text size="sm" fw={500}>
              {formatDateTime(view.connectorKeyCreatedAt)}
            </Text>
          </Stack>
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              Last used by the IdP
            </Text>
            <Text size="sm" fw={500} title={formatDateTime(view.connectorKeyLastUsedAt)}>
              {formatRelative(view.connectorKeyLastUsedAt)}
            </Text>
          </Stack>
        </SimpleGrid>
      </Stack>
      <RotateDialog hasKey={view.hasConnectorKey} opened={isDialogOpen} onClose={() => setDialogOpen(false)} onRotated={onRotated} />
      <NewKeyModal />
    </Card>
  );
}
