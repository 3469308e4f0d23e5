import { createServer, request } from 'node:http';
import type { Server } from 'node:http';
import { test, expect } from './helpers/fixtures.js';
import { screenshotBoth } from './helpers/screenshots.js';
import { adminApi } from './helpers/admin-api.js';

/**
 * A "hardened" reverse proxy on loopback that forwards to the SCIM listener but drops the
 * Authorization header: the classic mistake "Test from outside" exists to catch.
 */
async function headerDroppingProxy(scimUrl: string): Promise<{ origin: string; close(): Promise<void> }> {
  const upstream = new URL(scimUrl);
  const server: Server = createServer((req, res) => {
    const headers = { ...req.headers };
    delete headers.authorization;
    const up = request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((ok) => server.close(() => ok())) };
}

test('Test from outside names the failing step and its fix, and passes once the route is right', async ({ page, core, openApp }) => {
  const proxy = await headerDroppingProxy(core.scimUrl);
  try {
    await adminApi(core.adminOrigin, 'PUT', '/settings', { publicBaseUrl: proxy.origin });
    await openApp();
    const card = page.getByRole('region', { name: 'Test from outside' });
    await card.getByRole('button', { name: 'Test from outside' }).click();
    await expect(card.getByText('1 check failed')).toBeVisible();
    const steps = card.getByRole('list', { name: 'Self-check steps' });
    await expect(steps.getByRole('listitem', { name: 'The Authorization header survives the proxy: failed' })).toBeVisible();
    for (const passed of ['DNS resolves the host name', 'TLS certificate (host name, chain, expiry)', 'The request reaches this SCIM Desk', 'The path maps onto /scim/v2', 'Round-trip time']) {
      await expect(steps.getByRole('listitem', { name: `${passed}: passed` })).toBeVisible();
    }
    await expect(card.getByText('proxy_set_header Authorization $http_authorization;')).toBeVisible();
    await screenshotBoth(page, '12-self-check');

    // Straight to the listener (no proxy): everything passes.
    await adminApi(core.adminOrigin, 'PUT', '/settings', { publicBaseUrl: new URL(core.scimUrl).origin });
    await card.getByRole('button', { name: 'Test again' }).click();
    await expect(card.getByText('All checks passed')).toBeVisible();
  } finally {
    await proxy.close();
  }
});

test('Monitoring generates a metrics token once, and /metrics accepts it', async ({ page, core, openApp }) => {
  await openApp();
  const card = page.getByRole('region', { name: 'Monitoring' });
  await expect(card.getByText('Metrics off')).toBeVisible();
  await card.getByRole('button', { name: 'Generate token' }).click();
  const token = await card.getByRole('textbox', { name: 'New metrics token' }).inputValue();
  expect(token.length).toBeGreaterThanOrEqual(16);
  await expect(card.getByText('Metrics on')).toBeVisible();
  const origin = new URL(core.scimUrl).origin;
  expect((await fetch(`${origin}/metrics`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
  expect((await fetch(`${origin}/ping`)).status).toBe(200);
  await expect(card.getByRole('textbox', { name: 'Health check (no authentication)' })).toHaveValue(`${origin}/ping`);
});

test('Automatic TLS in Setup is validated, saved, and marked as applying at the next start', async ({ page, openApp }) => {
  await openApp();
  const card = page.getByRole('region', { name: 'Automatic TLS' });
  await expect(card.getByText('Plain HTTP (TLS at the proxy)')).toBeVisible();
  await card.getByLabel('Domain').fill('scim.example.com');
  await card.getByRole('button', { name: 'Save automatic TLS' }).click();
  await expect(card.getByText('ACME needs an email address with the domain')).toBeVisible();
  await card.getByLabel('Email for the CA').fill('it@example.com');
  await card.getByRole('button', { name: 'Save automatic TLS' }).click();
  await expect(card.getByText('They apply the next time SCIM Desk starts.')).toBeVisible();
});
