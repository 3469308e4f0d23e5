import { useEffect } from 'react';
import { Button, Center, Group, Loader, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useShallow } from 'zustand/react/shallow';
import { DEFAULT_MEMBER_QUERY, useMembersViewStore } from '../../stores/members-view-store';
import { useRolesStore } from '../../stores/roles-store';
import { exportMembers } from '../../api/members-api';
import { errorMessage } from '../../api/http-client';
import { formatCount } from '../../lib/format';
import { navigate } from '../../routes';
import { PageHeader } from '../../components/page-header';
import { FillHeight } from '../../components/fill-height';
import { ErrorState, LoadingState } from '../../components/async-view';
import { EmptyHint } from '../../components/empty-hint';
import { VirtualList } from '../../components/virtual-list';
import { IconDownload, IconUsers } from '../../components/icons';
import { MemberFilters } from './member-filters';
import { MemberHeader, MemberRowCells, memberRowLabel } from './member-row-cells';
import { MemberDetailDrawer } from './member-detail-drawer';

function ListFooter() {
  const { isLoadingMore, loadMoreError, loadMore, hasMore } = useMembersViewStore(
    useShallow((s) => ({ isLoadingMore: s.isLoadingMore, loadMoreError: s.loadMoreError, loadMore: s.loadMore, hasMore: s.nextCursor !== null })),
  );
  if (loadMoreError)
    return (
      <Group justify="center" py="xs" gap="xs">
        <Text size="xs" c="red">
          {errorMessage(loadMoreError)}
        </Text>
        <Button type="button" size="compact-xs" variant="default" onClick={() => void loadMore()}>
          Retry
        </Button>
      </Group>
    );
  if (isLoadingMore || hasMore)
    return (
      <Center py="xs">
        <Loader size="xs" aria-label="Loading more members" />
      </Center>
    );
  return null;
}

/** Members: search, filters and a windowed list paging through the keyset API as it scrolls. */
export function MembersView() {
  const { query, rows, total, list, nextCursor, setQuery, reload, loadMore, openMember } = useMembersViewStore(
    useShallow((s) => ({ query: s.query, rows: s.rows, total: s.total, list: s.list, nextCursor: s.nextCursor, setQuery: s.setQuery, reload: s.reload, loadMore: s.loadMore, openMember: s.openMember })),
  );
  useEffect(() => {
    void reload();
    void useRolesStore.getState().load();
  }, [reload]);
  const isFiltered = JSON.stringify(query) !== JSON.stringify({ ...DEFAULT_MEMBER_QUERY, sort: query.sort });
  const exportCsv = () => exportMembers(query).catch((e: unknown) => notifications.show({ color: 'red', title: 'Export failed', message: errorMessage(e) }));

  return (
    <FillHeight>
      <PageHeader
        title="Members"
        description="People provisioned by the IdP. Open a member for fields, role, assets and history."
        actions={
          <Button type="button" variant="default" leftSection={<IconDownload size={14} />} onClick={() => void exportCsv()}>
            Export CSV
          </Button>
        }
      />
      <MemberFilters query={query} onChange={setQuery} />
      <Text size="xs" c="dimmed" mb={6} role="status" aria-live="polite">
        {list.status === 'ready' ? `${formatCount(total)} member${total === 1 ? '' : 's'}${isFiltered ? ' match' : ''} · ${formatCount(rows.length)} loaded` : list.status === 'loading' ? 'Searching…' : ''}
      </Text>
      {list.status === 'loading' && rows.length === 0 ? <LoadingState label="Loading members…" /> : null}
      {list.status === 'error' ? <ErrorState title="Could not load members" error={list.error} onRetry={() => void reload()} /> : null}
      {list.status === 'ready' && rows.length === 0 ? (
        isFiltered ? (
          <EmptyHint title="No member matches" description="Check the spelling, or clear the filters." action={<Button type="button" variant="light" onClick={() => setQuery(DEFAULT_MEMBER_QUERY)}>Clear filters</Button>} />
        ) : (
          <EmptyHint
            icon={<IconUsers size={28} />}
            title="No members yet"
            description="Members appear when the IdP provisions them. Turn SCIM on and connect Entra ID or Okta in Setup."
            action={<Button type="button" variant="light" onClick={() => navigate('setup')}>Open Setup</Button>}
          />
        )
      ) : null}
      {rows.length > 0 && list.status !== 'error' ? (
        <div style={{ opacity: list.status === 'loading' ? 0.6 : 1, transition: 'opacity 120ms', display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}>
          <VirtualList
            items={rows}
            getKey={(m) => m.id}
            rowHeight={34}
            label="Members"
            header={<MemberHeader />}
            renderRow={(m) => <MemberRowCells member={m} />}
            rowLabel={memberRowLabel}
            onOpen={(m) => openMember(m.id)}
            hasMore={nextCursor !== null}
            onEndReached={() => void loadMore()}
            resetKey={JSON.stringify(query)}
            footer={<ListFooter />}
          />
        </div>
      ) : null}
      <MemberDetailDrawer />
    </FillHeight>
  );
}
