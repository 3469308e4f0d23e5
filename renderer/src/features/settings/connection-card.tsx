import { Badge, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useHealthStore } from '../../stores/health-store';
import { formatBytes, formatDateTime, formatRelative } from '../../lib/format';
import { ErrorState, LoadingState } from '../../components/async-view';
import { useReviewViewStore } from '../../stores/review-view-store';
import { navigate } from '../../routes';
import { useLiveLogStore } from '../../stores/live-log-store';
import { EMPTY_LOG_QUERY } from '../../api/log-api';
import { IconRefresh } from '../../components/icons';

function Stat({ label, value, color }: { readonly label: string; readonly value: string; readonly color?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="lg" fw={650} c={color ?? 'var(--mantine-color-text)'}>
        {value}
      </Text>
    </Stack>
  );
}

/** Connection status from `getHealth`: is the IdP talking to us, and is it failing? */
export function ConnectionCard() {
  const health = useHealthStore((s) => s.health);
  const error = useHealthStore((s) => s.error);
  const load = useHealthStore((s) => s.load);
  if (!health && error) return <ErrorState title="Could not load the connection status" error={error} onRetry={() => void load()} />;
  if (!health) return <LoadingState label="Loading connection status…" />;
  const isWaiting = health.scimEnabled && !health.lastRequestAt;
  return (
    <Card withBorder padding="md" aria-label="Connection status" component="section">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600}>Connection status</Text>
          <Group gap={6}>
            <Badge color={!health.scimEnabled ? 'gray' : health.failures24h > 0 ? 'orange' : health.lastRequestAt ? 'teal' : 'blue'} variant="light">
              {!health.scimEnabled ? 'SCIM off' : isWaiting ? 'Waiting for the IdP' : health.failures24h > 0 ? 'Connected, with failures' : 'Connected'}
            </Badge>
            <Button type="button" variant="subtle" size="compact-xs" onClick={() => void load()} aria-label="Refresh connection status">
              <IconRefresh size={14} />
            </Button>
          </Group>
        </Group>
        <Text size="sm">
          Last request from the IdP:{' '}
          <b>{health.lastRequestAt ? `${formatRelative(health.lastRequestAt)} — ${health.lastClient ?? 'unknown client'}` : 'none yet'}</b>
          {health.lastRequestAt ? (
            <Text span size="xs" c="dimmed">
              {' '}
              ({formatDateTime(health.lastRequestAt)})
            </Text>
          ) : null}
        </Text>
        <SimpleGrid cols={3} spacing="xs">
          <Stat label="Requests (24 h)" value={String(health.requests24h)} />
          <Stat label="Failures (24 h)" value={String(health.failures24h)} {...(health.failures24h > 0 ? { color: 'red' } : {})} />
          <Stat label="Blocked deprovisionings" value={String(health.blockedDeprovisionings)} {...(health.blockedDeprovisionings > 0 ? { color: 'orange' } : {})} />
          <Stat label="Leavers holding assets" value={String(health.leaversHoldingAssets)} {...(health.leaversHoldingAssets > 0 ? { color: 'orange' } : {})} />
          <Stat label="Database size" value={formatBytes(health.dbSizeBytes)} />
        </SimpleGrid>
        {health.failures24h > 0 || health.blockedDeprovisionings > 0 ? (
          <Group gap="xs">
            {health.failures24h > 0 ? (
              <Button type="button" size="xs" variant="light" color="red" onClick={() => {
                  useLiveLogStore.getState().setQuery({ ...EMPTY_LOG_QUERY, result: 'failure' });
                  navigate('log');
                }}
              >
                Show failures in the log
              </Button>
            ) : null}
            {health.blockedDeprovisionings > 0 ? (
              <Button type="button" size="xs" variant="light" color="orange" onClick={() => {
                  useReviewViewStore.getState().showProblems('blocked-deactivation');
                  navigate('review');
                }}
              >
                Review blocked deprovisionings
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}
