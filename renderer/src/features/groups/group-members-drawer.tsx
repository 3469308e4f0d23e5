import { useCallback } from 'react';
import { Anchor, Badge, Drawer, Group, Stack, Table, Text } from '@mantine/core';
import type { GroupDetail } from '../../../../shared/api/groups';
import { fetchGroup } from '../../api/groups-api';
import { useAsync } from '../../lib/use-async';
import { plural } from '../../lib/format';
import { navigate } from '../../routes';
import { useMembersViewStore } from '../../stores/members-view-store';
import { AsyncView } from '../../components/async-view';

function openMember(memberId: string) {
  useMembersViewStore.getState().openMember(memberId);
  navigate('members');
}

function Members({ group }: { readonly group: GroupDetail }) {
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Text size="sm">{plural(group.memberCount, 'member')}</Text>
        {group.roles[0] ? (
          <Badge variant="light" color="indigo" tt="none">
            gives {group.roles[0].name}
          </Badge>
        ) : (
          <Badge variant="light" color="gray" tt="none">
            gives no role
          </Badge>
        )}
        {group.externalId ? (
          <Text size="xs" c="dimmed" ff="monospace">
            {group.externalId}
          </Text>
        ) : null}
      </Group>
      {group.members.length === 0 ? (
        <Text size="sm" c="dimmed">
          No members yet. Entra creates a group empty and adds its members in the next requests.
        </Text>
      ) : (
        <Table striped withTableBorder fz="sm" aria-label={`Members of ${group.displayName}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Member</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th w={90}>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {group.members.map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>
                  <Anchor component="button" type="button" size="sm" onClick={() => openMember(m.id)}>
                    {m.displayName ?? m.userName}
                  </Anchor>
                  {m.displayName ? (
                    <Text span size="xs" c="dimmed">
                      {' '}
                      {m.userName}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{m.roleName ?? '—'}</Table.Td>
                <Table.Td>
                  <Text size="sm" c={m.active ? 'teal' : 'dimmed'}>
                    {m.active ? 'active' : 'inactive'}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {group.isTruncated ? (
        <Text size="xs" c="dimmed">
          The first {group.members.length} are listed.
        </Text>
      ) : null}
    </Stack>
  );
}

/** One group's members, each linking to the member's detail. */
export function GroupMembersDrawer({ groupId, onClose }: { readonly groupId: string | null; readonly onClose: () => void }) {
  const load = useCallback((signal: AbortSignal) => (groupId === null ? Promise.resolve(null) : fetchGroup(groupId, signal)), [groupId]);
  const resource = useAsync(load, groupId ?? '');
  const title = resource.state.status === 'ready' && resource.state.data ? resource.state.data.displayName : 'Group';
  return (
    <Drawer opened={groupId !== null} onClose={onClose} position="right" size="lg" title={<Text fw={600}>{title}</Text>}>
      <AsyncView state={resource.state} what="the group" onRetry={resource.reload}>
        {(group) => (group ? <Members group={group} /> : null)}
      </AsyncView>
    </Drawer>
  );
}
