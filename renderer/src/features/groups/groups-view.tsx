import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Table, Text } from '@mantine/core';
import type { GroupList } from '../../../../shared/api/groups';
import { fetchGroups } from '../../api/groups-api';
import { useAsync } from '../../lib/use-async';
import { formatDateTime } from '../../lib/format';
import { navigate } from '../../routes';
import { AsyncView } from '../../components/async-view';
import { PageHeader } from '../../components/page-header';
import { EmptyHint } from '../../components/empty-hint';
import { IconGroups, IconRefresh } from '../../components/icons';
import { GroupMembersDrawer } from './group-members-drawer';

function GroupsTable({ list, onOpen }: { readonly list: GroupList; readonly onOpen: (id: string) => void }) {
  if (list.groups.length === 0)
    return (
      <EmptyHint
        icon={<IconGroups size={28} />}
        title="No groups yet"
        description="Assign a group to the app in Entra ID, or push one from Okta; it appears here after the next provisioning cycle."
      />
    );
  return (
    <Table striped highlightOnHover withTableBorder aria-label="IdP groups">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Group</Table.Th>
          <Table.Th w={100} ta="right">
            Members
          </Table.Th>
          <Table.Th>Gives the role</Table.Th>
          <Table.Th w={190}>Last change</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {list.groups.map((g) => (
          <Table.Tr key={g.id}>
            <Table.Td>
              <Anchor component="button" type="button" size="sm" fw={500} onClick={() => onOpen(g.id)}>
                {g.displayName}
              </Anchor>
            </Table.Td>
            <Table.Td ta="right">{g.memberCount}</Table.Td>
            <Table.Td>
              {g.roles.length === 0 ? (
                <Text size="sm" c="dimmed">
                  none
                </Text>
              ) : (
                <Group gap={4}>
                  {g.roles.map((r, i) => (
                    <Badge key={r.id} variant={i === 0 ? 'light' : 'outline'} color={i === 0 ? 'indigo' : 'gray'} tt="none" title={i === 0 ? undefined : 'Listed lower: a role higher in the order wins'}>
                      {r.name}
                    </Badge>
                  ))}
                </Group>
              )}
            </Table.Td>
            <Table.Td>
              <Text size="xs" c="dimmed">
                {formatDateTime(g.updatedAt)}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Groups: what the IdP assigned or pushed, how many members each has, and the role each gives. */
export function GroupsView() {
  const resource = useAsync(fetchGroups, 'groups');
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <>
      <PageHeader
        title="Groups"
        description="The groups your IdP provisions. Give a role IdP groups under Roles, and their members get it."
        actions={
          <>
            <Button type="button" variant="default" onClick={() => navigate('roles')}>
              Roles…
            </Button>
            <Button type="button" variant="default" leftSection={<IconRefresh size={14} />} loading={resource.isRefreshing} onClick={resource.reload}>
              Refresh
            </Button>
          </>
        }
      />
      <AsyncView state={resource.state} what="groups" onRetry={resource.reload}>
        {(list) => (
          <>
            {list.groupProvisioning === 'users-only' ? (
              <Alert color="orange" mb="sm" title="Users only">
                SCIM Desk is set to provision users only: it refuses group writes and roles do not follow groups. Choose “Users and groups” under Roles to store them.
              </Alert>
            ) : null}
            <GroupsTable list={list} onOpen={setOpenId} />
          </>
        )}
      </AsyncView>
      <GroupMembersDrawer groupId={openId} onClose={() => setOpenId(null)} />
    </>
  );
}
