import { useState } from 'react';
import { Card, Group, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { SettingsView } from '../../../../shared/api/settings';
import { errorMessage } from '../../api/http-client';
import { useSettingsStore } from '../../stores/settings-store';
import { useHealthStore } from '../../stores/health-store';

/** The master switch: while off, the SCIM listener refuses every IdP request. */
export function ScimSwitchCard({ view }: { readonly view: SettingsView }) {
  const save = useSettingsStore((s) => s.save);
  const [isSaving, setSaving] = useState(false);
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
          onChange={(e) => void toggle(e.currentTarget.checked)}
        />
      </Group>
    </Card>
  );
}
