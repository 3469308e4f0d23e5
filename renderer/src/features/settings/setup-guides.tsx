import type { ReactNode } from 'react';
import { Card, Code, List, Tabs, Text } from '@mantine/core';
import { CopyField } from '../../components/copy-field';

/** Entra's opt-in for RFC-compliant PATCH (real booleans, lower-case ops); Microsoft says it will become the default. */
export const ENTRA_FLAG = 'aadOptscim062020';

export function withEntraFlag(tenantUrl: string): string {
  if (!tenantUrl) return '';
  return `${tenantUrl}${tenantUrl.includes('?') ? '&' : '?'}${ENTRA_FLAG}`;
}

function Step({ children }: { readonly children: ReactNode }) {
  return <List.Item>{children}</List.Item>;
}

function EntraGuide({ tenantUrl }: { readonly tenantUrl: string }) {
  return (
    <>
      <List type="ordered" size="sm" spacing={6}>
        <Step>
          Entra admin center → <b>Enterprise applications</b> → <b>New application</b> → <b>Create your own application</b> → “Integrate any other application you don’t
          find in the gallery”.
        </Step>
        <Step>
          <b>Provisioning</b> → Provisioning Mode <b>Automatic</b>.
        </Step>
        <Step>
          Publish the endpoint (see <b>Publish the SCIM endpoint</b>) and run <b>Test from outside</b> until every check passes.
        </Step>
        <Step>
          <b>Tenant URL</b>: the connector base URL with <Code>?{ENTRA_FLAG}</Code> appended (below). The flag makes Entra send standard PATCH requests.
        </Step>
        <Step>
          <b>Secret Token</b>: the connector key from this page. Click <b>Test Connection</b>.
        </Step>
        <Step>
          <b>Mappings</b>: set <b>Provision Microsoft Entra ID Groups</b> to <b>No</b> — SCIM Desk provisions users only.
        </Step>
        <Step>
          Assign users (scope “Sync only assigned users and groups”), set <b>Provisioning Status</b> to <b>On</b> and save.
        </Step>
      </List>
      <CopyField label="Entra ID Tenant URL" value={withEntraFlag(tenantUrl)} placeholder="Set the public base URL first" />
    </>
  );
}

function OktaGuide({ tenantUrl }: { readonly tenantUrl: string }) {
  return (
    <>
      <List type="ordered" size="sm" spacing={6}>
        <Step>
          Okta admin → <b>Applications</b> → your app → <b>General</b> → <b>Provisioning: SCIM</b> → Save.
        </Step>
        <Step>
          Publish the endpoint (see <b>Publish the SCIM endpoint</b>) and run <b>Test from outside</b> until every check passes.
        </Step>
        <Step>
          <b>Provisioning</b> → <b>Integration</b>: <b>SCIM connector base URL</b> = the connector base URL (below); <b>Unique identifier field</b> = <Code>userName</Code>.
        </Step>
        <Step>
          Supported actions: <b>Push New Users</b>, <b>Push Profile Updates</b> (and Import if you like). Leave <b>Push Groups</b> off.
        </Step>
        <Step>
          <b>Authentication Mode</b>: HTTP Header — paste the connector key as the Bearer token. Click <b>Test Connector Configuration</b>, then Save.
        </Step>
        <Step>
          <b>To App</b>: enable <b>Create Users</b>, <b>Update User Attributes</b> and <b>Deactivate Users</b>. Assign people to the app.
        </Step>
      </List>
      <CopyField label="Okta SCIM connector base URL" value={tenantUrl} placeholder="Set the public base URL first" />
    </>
  );
}

/** Short in-app guides: which value goes where in Entra ID and Okta. */
export function SetupGuides({ tenantUrl }: { readonly tenantUrl: string }) {
  return (
    <Card withBorder padding="md" component="section" aria-label="Setup guides">
      <Text fw={600} mb="xs">
        Setup guides
      </Text>
      <Tabs defaultValue="entra" keepMounted={false}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="entra">Microsoft Entra ID</Tabs.Tab>
          <Tabs.Tab value="okta">Okta</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="entra">
          <EntraGuide tenantUrl={tenantUrl} />
        </Tabs.Panel>
        <Tabs.Panel value="okta">
          <OktaGuide tenantUrl={tenantUrl} />
        </Tabs.Panel>
      </Tabs>
    </Card>
  );
}
