import { memo } from 'react';
import { Button, Center, Loader, Text } from '@mantine/core';
import { useShallow } from 'zustand/react/shallow';
import { EMPTY_LOG_QUERY, type LogQuery } from '../../api/log-api';
import { useLiveLogStore } from '../../stores/live-log-store';
import { useFieldLabel } from '../../stores/custom-fields-store';
import { navigate } from '../../routes';
import { ErrorState, LoadingState } from '../../components/async-view';
import { EmptyHint } from '../../components/empty-hint';
import { VirtualList } from '../../components/virtual-list';
import { IconPulse } from '../../components/icons';
import { LOG_ROW_HEIGHT, LogHeader, LogRowCells, logRowLabel } from './log-row-cells';

interface LogEntriesProps {
  readonly query: LogQuery;
  /** Changes when the list should go back to its newest row. */
  readonly jumps: number;
  readonly onOpen: (id: number) => void;
}

/** The log's rows (windowed), or why there are none. The one part of the view a burst re-renders. */
export const LogEntries = memo(function LogEntries({ query, jumps, onOpen }: LogEntriesProps) {
  const { rows, list, nextCursor, isLoadingMore, loadFirst, loadMore, setAtTop } = useLiveLogStore(
    useShallow((s) => ({ rows: s.rows, list: s.list, nextCursor: s.nextCursor, isLoadingMore: s.isLoadingMore, loadFirst: s.loadFirst, loadMore: s.loadMore, setAtTop: s.setAtTop })),
  );
  const label = useFieldLabel();
  const isFiltered = JSON.stringify(query) !== JSON.stringify(EMPTY_LOG_QUERY);
  if (list.status === 'error') return <ErrorState title="Could not load the provisioning log" error={list.error} onRetry={() => void loadFirst()} />;
  if (rows.length === 0) {
    if (list.status === 'loading') return <LoadingState label="Loading the provisioning log…" />;
    return isFiltered ? (
      <EmptyHint title="No request matches these filters" description="Clear or widen the filters; new matching requests will still appear here live." />
    ) : (
      <EmptyHint
        icon={<IconPulse size={28} />}
        title="No SCIM requests yet"
        description="Once Entra ID or Okta is connected (see Setup), its requests appear here live. In Entra, “Test Connection” sends the first one."
        action={
          <Button type="button" variant="light" onClick={() => navigate('setup')}>
            Open Setup
          </Button>
        }
      />
    );
  }
  return (
    <VirtualList
      items={rows}
      getKey={(r) => r.id}
      isKeyedByPosition
      overscan={6}
      rowHeight={LOG_ROW_HEIGHT}
      label="Provisioning log entries"
      header={<LogHeader />}
      renderRow={(row) => <LogRowCells row={row} label={label} />}
      rowLabel={logRowLabel}
      onOpen={(row) => onOpen(row.id)}
      hasMore={nextCursor !== null}
      onEndReached={() => void loadMore()}
      resetKey={`${JSON.stringify(query)}|${jumps}`}
      onAtTopChange={setAtTop}
      footer={
        isLoadingMore ? (
          <Center py="xs">
            <Loader size="xs" aria-label="Loading older entries" />
          </Center>
        ) : nextCursor === null ? (
          <Text size="xs" c="dimmed" ta="center" py="xs">
            Start of the log (older entries are removed after the retention period).
          </Text>
        ) : null
      }
    />
  );
});
