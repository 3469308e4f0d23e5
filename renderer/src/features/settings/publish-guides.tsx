import type { ReactNode } from 'react';
import { Card, Code, List, Stack, Tabs, Text } from '@mantine/core';
import { acmeCommand, caddyConfig, cloudflaredConfig, nginxConfig } from './publish-configs';
import type { PublishTarget } from './publish-configs';

function Guide({ steps, config }: { readonly steps: ReadonlyArray<ReactNode>; readonly config: string }) {
  return (
    <Stack gap="xs">
      <List type="ordered" size="sm" spacing={6}>
        {steps.map((step, i) => (
          <List.Item key={i}>{step}</List.Item>
        ))}
        <List.Item>
          Enter the public base URL under <b>Connector base URL</b>, then click <b>Test from outside</b>: every check should pass. A failing check names the line to change.
        </List.Item>
      </List>
      <Code block>{config}</Code>
    </Stack>
  );
}

/** Where the SCIM listener's origin and the public host come from: the settings, else placeholders. */
export function publishTarget(publicBaseUrl: string, scimListenUrl: string): PublishTarget {
  let host = 'scim.example.com';
  try {
    if (publicBaseUrl) host = new URL(publicBaseUrl).hostname;
  } catch {
    // not a URL yet: keep the placeholder
  }
  const upstream = scimListenUrl.replace(/\/scim\/v2\/?$/, '').replace('://0.0.0.0', '://127.0.0.1') || 'http://127.0.0.1:8080';
  return { host, upstream };
}

/** In-app guides: publish /scim/v2 (and /ping) through nginx, Caddy, a Cloudflare tunnel, or ACME directly. */
export function PublishGuides({ publicBaseUrl, scimListenUrl }: { readonly publicBaseUrl: string; readonly scimListenUrl: string }) {
  const target = publishTarget(publicBaseUrl, scimListenUrl);
  return (
    <Card withBorder padding="md" component="section" aria-label="Publish the SCIM endpoint">
      <Text fw={600} mb={4}>
        Publish the SCIM endpoint
      </Text>
      <Text size="sm" c="dimmed" mb="xs">
        Publish only <code>/scim/v2/</code> and <code>/ping</code> over HTTPS; never the admin port. Behind a proxy, start SCIM Desk with <code>--trust-proxy 1</code>.
      </Text>
      <Tabs defaultValue="caddy" keepMounted={false}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="caddy">Caddy</Tabs.Tab>
          <Tabs.Tab value="nginx">nginx</Tabs.Tab>
          <Tabs.Tab value="cloudflared">Cloudflare tunnel</Tabs.Tab>
          <Tabs.Tab value="acme">ACME direct</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="caddy">
          <Guide
            steps={[
              <>Point a DNS record for {target.host} at this machine and open ports 80 and 443.</>,
              <>Put this in the Caddyfile and reload Caddy. It gets the certificate itself and checks <code>/ping</code> every 30 s.</>,
            ]}
            config={caddyConfig(target)}
          />
        </Tabs.Panel>
        <Tabs.Panel value="nginx">
          <Guide
            steps={[
              <>Get a certificate for {target.host} (for example <code>certbot certonly --nginx -d {target.host}</code>).</>,
              <>Add this server block and reload nginx. Keep the Authorization line and the proxy_pass without a path: those are the two usual mistakes.</>,
              <>Point your uptime monitor at <code>https://{target.host}/ping</code>.</>,
            ]}
            config={nginxConfig(target)}
          />
        </Tabs.Panel>
        <Tabs.Panel value="cloudflared">
          <Guide
            steps={[
              <>
                <code>cloudflared tunnel create scim-desk</code>, then <code>cloudflared tunnel route dns scim-desk {target.host}</code>. No inbound port is needed.
              </>,
              <>Use this configuration and run the tunnel as a service. If Cloudflare Access protects the host, add a Bypass policy for /scim/v2/ and /ping.</>,
              <>Use <code>https://{target.host}/ping</code> as the health check of your monitor.</>,
            ]}
            config={cloudflaredConfig(target)}
          />
        </Tabs.Panel>
        <Tabs.Panel value="acme">
          <Guide
            steps={[
              <>Point a DNS record for {target.host} at this machine and forward ports 80 and 443 to it.</>,
              <>Start SCIM Desk with automatic TLS (or fill in Automatic TLS here and restart). The certificate is renewed 30 days before expiry; failures show up in Automatic TLS.</>,
              <>Use <code>https://{target.host}/ping</code> as the health check.</>,
            ]}
            config={acmeCommand(target)}
          />
        </Tabs.Panel>
      </Tabs>
    </Card>
  );
}
