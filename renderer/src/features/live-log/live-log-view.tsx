import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Center, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useShallow } from 'zustand/react/shallow';
import { useLiveLogStore } from '../../stores/live-log-store';
import { useMembersViewStore } from '../../stores/members-view-store';
import { exportLog } from '../../api/log-api';
import { errorMessage } from '../../api/http-client';
import { navigate } from '../../routes';
import { PageHeader } from '../../components/page-header';
import { FillHeight } from '../../components/fill-height';
import { IconArrowUp, IconDownload, IconPause, IconPlay } from '../../components/icons';
import { formatCount } from '../../lib/format';
import { LogFilters } from './log-filters';
import { LogEntries } from './log-entries';
import { LogDetailDrawer } from './log-detail-drawer';

const STREAM_LABELS = { connecting: 'Connecting…', open: 'Live', reconnecting: 'Reconnecting…', closed: 'Disconnected' } as const;

function StreamControls() {
  const { isPaused, pendingCount, status, pause, resume } = useLiveLogStore(
    useShallow((s) => ({ isPaused: s.isPaused, pendingCount: s.pendingCount, status: s.streamStatus, pause: s.pause, resume: s.resume })),
  );
  return (
    <>
      <Badge variant="dot" color={isPaused ? 'yellow' : status === 'open' ? 'teal' : 'gray'} size="lg" role="status" style={{ flexShrink: 0 }}>
        {isPaused ? `Paused${pendingCount > 0 ? ` · ${formatCount(pendingCount)} new` : ''}` : STREAM_LABELS[status]}
      </Badge>
      {isPaused ? (
        <Button type="button" leftSection={<IconPlay size={14} />} onClick={resume}>
          Resume
        </Button>
      ) : (
        <Button type="button" variant="default" leftSection={<IconPause size={14} />} onClick={pause}>
          Pause
        </Button>
      )}
    </>
  );
}

/** Live and scrolled away from the newest rows: new ones wait here instead of moving the list. */
function NewRowsButton({ onShow }: { readonly onShow: () => void }) {
  const { isPaused, pendingCount } = useLiveLogStore(useShallow((s) => ({ isPaused: s.isPaused, pendingCount: s.pendingCount })));
  if (isPaused || pendingCount === 0) return null;
  return (
    <Center mb={6}>
      <Button type="button" size="compact-sm" variant="light" leftSection={<IconArrowUp size={14} />} onClick={onShow}>
        {formatCount(pendingCount)} new {pendingCount === 1 ? 'row' : 'rows'}
      </Button>
    </Center>
  );
}

function ExportMenu() {
  const query = useLiveLogStore((s) => s.query);
  const run = (format: 'csv' | 'json') =>
    exportLog(query, format).catch((e: unknown) => notifications.show({ color: 'red', title: 'Export failed', message: errorMessage(e) }));
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button type="button" variant="default" leftSection={<IconDownload size={14} />}>
          Export
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>With the current filters</Menu.Label>
        <Menu.Item onClick={() => void run('csv')}>CSV</Menu.Item>
        <Menu.Item onClick={() => void run('json')}>JSON</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** The live provisioning log: newest first, streaming, filterable, with a detail drawer. */
export function LiveLogView() {
  // Only what the frame needs: the rows are LogEntries' own subscription, so a burst of rows
  // re-renders the list and not the filters and header (issue #16).
  const { query, setQuery, loadFirst, setAtTop } = useLiveLogStore(
    useShallow((s) => ({ query: s.query, setQuery: s.setQuery, loadFirst: s.loadFirst, setAtTop: s.setAtTop })),
  );
  const [openId, setOpenId] = useState<number | null>(null);
  // Bumped to bring the list back to its newest row ("N new rows").
  const [jumps, setJumps] = useState(0);
  const showNew = useCallback(() => {
    useLiveLogStore.getState().resume();
    setJumps((n) => n + 1);
  }, []);
  useEffect(() => {
    void loadFirst();
  }, [loadFirst]);
  // The list opens on its newest rows: live rows go on top again.
  useEffect(() => setAtTop(true), [setAtTop]);
  const openMember = (memberId: string) => {
    setOpenId(null);
    useMembersViewStore.getState().openMember(memberId);
    navigate('members');
  };

  return (
    <FillHeight>
      <PageHeader
        title="Provisioning log"
        description="Every SCIM request from the IdP, newest first. New requests appear as they arrive."
        actions={
          <>
            <StreamControls />
            <ExportMenu />
          </>
        }
      />
      <LogFilters query={query} onChange={setQuery} />
      <NewRowsButton onShow={showNew} />
      <LogEntries query={query} jumps={jumps} onOpen={setOpenId} />
      <LogDetailDrawer logId={openId} onClose={() => setOpenId(null)} onOpenMember={openMember} />
    </FillHeight>
  );
}
