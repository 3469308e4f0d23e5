import { useState } from 'react';
import { Card, Group, Stack, Switch, Text } from '@mantine/core';
import { rotateConnectorKey } from '../../api/settings-api';
import { useConnectorKeyStore } from '../../stores/connector-key-store';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { notifications } from '@mantine/notifications';
import type { SettingsView } from '../../../../shared/api/settings';
import { errorMessage } from '../../api/http-client';
import { useSettingsStore } from '../../stores/settings-store';
import { useHealthStore } from '../../stores/health-store';

/** The master switch: while off, the SCIM listener refuses every IdP request. */
export function ScimSwitchCard({ view }: { readonly view: SettingsView }) {
  const save = useSettingsStore((s) => s.save);
  const [isSaving, setSaving] = useState(false);
  const [isAskingForKey, setAskingForKey] = useState(false);
  const toggle = async (scimEnabled: boolean) => {
    setSaving(true);
    try {
      await save({ scimEnabled });
      void useHealthStore.getState().load();
      notifications.show({ color: scimEnabled ? 'teal' : 'gray', message: scimEnabled ? 'SCIM provisioning is on.' : 'SCIM provisioning is off; the IdP’s requests are refused.' });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not change SCIM provisioning', message: errorMessage(error) });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={4}>
          <Text fw={600}>SCIM provisioning</Text>
          <Text size="sm" c="dimmed">
            {view.scimEnabled
              ? 'On: the IdP can create, update and deactivate members with the connector key.'
              : 'Off: every SCIM request is refused. Turn it on once the connector is configured.'}
          </Text>
        </Stack>
        <Switch
          size="md"
          label="Enable SCIM"
          labelPosition="left"
          styles={{ label: { whiteSpace: 'nowrap' } }}
          checked={view.scimEnabled}
          disabled={isSaving}
          onChange={(e) => {
            // Without a key no IdP can connect: offer to make one first instead of switching on a dead end.
            if (e.currentTarget.checked && !view.hasConnectorKey) setAskingForKey(true);
            else void toggle(e.currentTarget.checked);
          }}
        />
      </Group>
      <ConfirmDialog
        opened={isAskingForKey}
        title="Generate a connector key first?"
        confirmLabel="Generate key and turn on"
        onClose={() => setAskingForKey(false)}
        onConfirm={async () => {
          useConnectorKeyStore.getState().show(await rotateConnectorKey(0));
          await toggle(true);
          void useSettingsStore.getState().load();
        }}
      >
        There is no connector key yet, so the IdP could not connect: every request would be refused. Generate one now; it is shown once, to paste into the IdP.
      </ConfirmDialog>
    </Card>
  );
}
