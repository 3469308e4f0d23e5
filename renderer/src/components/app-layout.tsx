import type { ReactNode } from 'react';
import { AppShell, Badge, Burger, Group, NavLink, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { ROUTES, routeHref, useRoute, type RouteId } from '../routes';
import { useHealthStore } from '../stores/health-store';
import { useLiveLogStore } from '../stores/live-log-store';
import { HealthBadge } from './health-badge';
import { ThemeMenu } from './theme-menu';
import { IconArrows, IconBox, IconGroups, IconPlug, IconPulse, IconRefresh, IconShield, IconUsers } from './icons';

const ICONS: Readonly<Record<RouteId, ReactNode>> = {
  setup: <IconPlug />,
  mapping: <IconArrows />,
  roles: <IconShield />,
  groups: <IconGroups />,
  log: <IconPulse />,
  members: <IconUsers />,
  assets: <IconBox />,
  review: <IconRefresh />,
};

function NavBadge({ route }: { readonly route: RouteId }) {
  const health = useHealthStore((s) => s.health);
  const streamStatus = useLiveLogStore((s) => s.streamStatus);
  // The Sync review's own "Needs your action" count, so the badge and the page agree.
  if (route === 'review' && health && health.needsAction > 0)
    return (
      <Badge size="xs" color="orange" circle aria-label={`${health.needsAction} ${health.needsAction === 1 ? 'problem needs' : 'problems need'} your action`}>
        {health.needsAction > 99 ? '99+' : health.needsAction}
      </Badge>
    );
  if (route === 'log')
    return (
      <span
        role="img"
        aria-label={streamStatus === 'open' ? 'live' : 'not connected'}
        title={streamStatus === 'open' ? 'Live stream connected' : 'Live stream not connected'}
        style={{ width: 8, height: 8, borderRadius: 4, display: 'inline-block', background: `var(--mantine-color-${streamStatus === 'open' ? 'teal' : 'gray'}-filled)` }}
      />
    );
  return null;
}

/** The frame: header with the health badge, the navbar, and the current view. */
export function AppLayout({ children }: { readonly children: ReactNode }) {
  const route = useRoute();
  const [opened, { toggle, close }] = useDisclosure(false);
  return (
    <AppShell header={{ height: 48 }} navbar={{ width: 216, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Text fw={700} size="md">
              SCIM Desk
            </Text>
            <Text size="xs" c="dimmed" visibleFrom="md">
              Provisioning companion
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <HealthBadge />
            <ThemeMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        <AppShell.Section grow component={ScrollArea}>
          <nav aria-label="Views">
            {ROUTES.map((r) => (
              <NavLink
                key={r.id}
                href={routeHref(r.id)}
                label={r.label}
                title={r.description}
                leftSection={ICONS[r.id]}
                rightSection={<NavBadge route={r.id} />}
                active={route === r.id}
                aria-current={route === r.id ? 'page' : undefined}
                onClick={close}
              />
            ))}
          </nav>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
