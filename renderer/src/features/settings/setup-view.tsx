import { useEffect } from 'react';
import { Grid, Stack } from '@mantine/core';
import { useHealthStore } from '../../stores/health-store';
import { useSettingsStore } from '../../stores/settings-store';
import { AsyncView } from '../../components/async-view';
import { PageHeader } from '../../components/page-header';
import { ScimSwitchCard } from './scim-switch-card';
import { TenantUrlCard } from './tenant-url-card';
import { ConnectorKeyCard } from './connector-key-card';
import { ConnectionCard } from './connection-card';
import { SetupGuides } from './setup-guides';
import { ProvisioningRulesCard } from './provisioning-rules-card';
import { DesktopCard } from './desktop-card';
import { SelfCheckCard } from './self-check-card';
import { TlsCard } from './tls-card';
import { MonitoringCard } from './monitoring-card';
import { PublishGuides } from './publish-guides';

/** Setup / Settings: everything needed to connect Entra ID or Okta. */
export function SetupView() {
  const settings = useSettingsStore((s) => s.settings);
  const load = useSettingsStore((s) => s.load);
  // The key's last-used time and the health numbers move with IdP traffic.
  useEffect(() => {
    void load();
    void useHealthStore.getState().load();
  }, [load]);
  // A new IdP request moves the key's "last used" time: refetch when the health badge sees one.
  const lastRequestAt = useHealthStore((s) => s.health?.lastRequestAt ?? null);
  useEffect(() => {
    if (lastRequestAt) void load();
  }, [lastRequestAt, load]);
  return (
    <>
      <PageHeader title="Setup" description="Connect your identity provider: turn SCIM on, give it the connector base URL and a connector key." />
      <AsyncView state={settings} what="settings" onRetry={() => void load()}>
        {(view) => (
          <Grid gap="md">
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <Stack gap="md">
                <ScimSwitchCard view={view} />
                <TenantUrlCard view={view} />
                <SelfCheckCard publicBaseUrl={view.publicBaseUrl} />
                <ConnectorKeyCard view={view} />
                <ProvisioningRulesCard view={view} />
                <TlsCard view={view} />
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }}>
              <Stack gap="md">
                <ConnectionCard />
                <SetupGuides tenantUrl={view.tenantUrl} />
                <PublishGuides publicBaseUrl={view.publicBaseUrl} scimListenUrl={view.scimListenUrl} />
                <MonitoringCard scimListenUrl={view.scimListenUrl} />
                <DesktopCard />
              </Stack>
            </Grid.Col>
          </Grid>
        )}
      </AsyncView>
    </>
  );
}
