import { Badge, Group, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useHealthStore } from '../stores/health-store';
import { formatRelative } from '../lib/format';
import { navigate } from '../routes';

/** Header badge: SCIM on/off and when the IdP last called. Opens Setup. */
export function HealthBadge() {
  const health = useHealthStore((s) => s.health);
  const error = useHealthStore((s) => s.error);
  if (!health || error) {
    return (
      <Badge color={error ? 'red' : 'gray'} variant="light" role="status">
        {error ? 'Core unreachable' : 'Checking…'}
      </Badge>
    );
  }
  const lastContact = health.lastRequestAt ? `${formatRelative(health.lastRequestAt)}${health.lastClient ? ` · ${health.lastClient}` : ''}` : 'no IdP contact yet';
  const summary = `SCIM ${health.scimEnabled ? 'on' : 'off'}, last IdP contact ${lastContact}`;
  return (
    <Tooltip label={`${health.requests24h} requests and ${health.failures24h} failures in the last 24 h`} withArrow>
      <UnstyledButton type="button" onClick={() => navigate('setup')} aria-label={`Connection status: ${summary}. Open Setup.`}>
        <Group gap={8} wrap="nowrap">
          <Badge color={health.scimEnabled ? 'teal' : 'gray'} variant={health.scimEnabled ? 'filled' : 'light'}>
            SCIM {health.scimEnabled ? 'on' : 'off'}
          </Badge>
          <Text size="xs" c="dimmed" visibleFrom="sm">
            Last IdP contact: {lastContact}
          </Text>
          {health.failures24h > 0 ? (
            <Badge color="red" variant="light">
              {health.failures24h} failed (24 h)
            </Badge>
          ) : null}
        </Group>
      </UnstyledButton>
    </Tooltip>
  );
}
