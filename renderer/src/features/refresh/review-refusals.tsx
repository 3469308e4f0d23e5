import { Anchor, Badge, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import type { z } from 'zod';
import type { ReviewRefusalSchema } from '../../../../shared/api/refresh';
import { formatDateTime } from '../../lib/format';
import { useMembersViewStore } from '../../stores/members-view-store';
import { navigate } from '../../routes';
import { describeOperation } from '../live-log/log-labels';

type Refusal = z.infer<typeof ReviewRefusalSchema>;

function openMember(memberId: string) {
  useMembersViewStore.getState().openMember(memberId);
  navigate('members');
}

/** Refused requests (blocked deprovisionings, unknown roles, errors), each with what to do. */
export function ReviewRefusals({ refusals }: { readonly refusals: ReadonlyArray<Refusal> }) {
  return (
    <section aria-label="Refused requests">
      <Title order={3} fz="md" mb="xs">
        Needs your action ({refusals.length})
      </Title>
      <Stack gap="xs">
        {refusals.map((r) => (
          <Card key={r.logId} withBorder padding="sm" style={{ borderLeft: '3px solid var(--mantine-color-orange-filled)' }}>
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Stack gap={4} style={{ minWidth: 0 }}>
                <Group gap="xs">
                  <Badge size="sm" color="orange" variant="light">
                    {describeOperation(r.operation)}
                  </Badge>
                  {r.memberId ? (
                    <Anchor component="button" type="button" size="sm" fw={600} onClick={() => openMember(r.memberId ?? '')}>
                      {r.userName ?? r.memberId}
                    </Anchor>
                  ) : (
                    <Text size="sm" fw={600}>
                      {r.userName ?? (r.groupName !== null ? `Group ${r.groupName}` : 'Unknown member')}
                    </Text>
                  )}
                </Group>
                {r.detail ? <Text size="sm">{r.detail}</Text> : null}
                <Text size="sm">
                  <b>What to do:</b> {r.action}
                </Text>
                {r.assets.length > 0 ? (
                  <div>
                    <Text size="xs" c="dimmed">
                      Assets still held:
                    </Text>
                    <List size="sm" spacing={0}>
                      {r.assets.map((a) => (
                        <List.Item key={a.tag}>
                          <Text span ff="monospace" size="sm">
                            {a.tag}
                          </Text>{' '}
                          — {a.name}
                        </List.Item>
                      ))}
                    </List>
                  </div>
                ) : null}
              </Stack>
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {formatDateTime(r.at)}
              </Text>
            </Group>
          </Card>
        ))}
      </Stack>
    </section>
  );
}
