import { useEffect, useState } from 'react';
import { Button, Card, Group, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { errorMessage } from '../../api/http-client';
import { getDesktopBridge } from '../../platform/desktop-bridge';

/** Desktop-only extras (launch at login, the data folder); absent in a browser against `serve`. */
export function DesktopCard() {
  const bridge = getDesktopBridge();
  const [launchAtLogin, setLaunchAtLogin] = useState<boolean | null>(null);
  useEffect(() => {
    bridge?.getLaunchAtLogin().then(setLaunchAtLogin, () => setLaunchAtLogin(null));
  }, [bridge]);
  if (!bridge) return null;
  const toggle = async (enabled: boolean) => {
    try {
      setLaunchAtLogin(await bridge.setLaunchAtLogin(enabled));
    } catch (e) {
      notifications.show({ color: 'red', title: 'Could not change launch at login', message: errorMessage(e) });
    }
  };
  return (
    <Card withBorder padding="md" component="section" aria-label="Desktop app">
      <Stack gap="sm">
        <Text fw={600}>Desktop app</Text>
        <Switch
          label="Start SCIM Desk when I log in"
          description="Runs in the tray so the IdP can reach it without the window open."
          checked={launchAtLogin ?? false}
          disabled={launchAtLogin === null}
          onChange={(e) => void toggle(e.currentTarget.checked)}
        />
        <Group>
          <Button type="button" variant="default" size="xs" onClick={() => void bridge.openDataFolder().catch((e: unknown) => notifications.show({ color: 'red', message: errorMessage(e) }))}>
            Open data folder
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
