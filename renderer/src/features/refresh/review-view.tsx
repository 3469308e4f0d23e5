import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ReviewSummary } from '../../../../shared/api/refresh';
import { acknowledgeReview, fetchReviewSummary } from '../../api/review-api';
import { errorMessage } from '../../api/http-client';
import { useAsync } from '../../lib/use-async';
import { formatCount, formatDateTime, formatLogTime, plural } from '../../lib/format';
import { useHealthStore } from '../../stores/health-store';
import { AsyncView } from '../../components/async-view';
import { PageHeader } from '../../components/page-header';
import { EmptyHint } from '../../components/empty-hint';
import { IconCheck, IconRefresh } from '../../components/icons';
import { LogDetailDrawer } from '../live-log/log-detail-drawer';
import { ReviewProblems } from './review-problems';
import { ReviewFallbacks, ReviewNotices } from './review-fallbacks';
import { ReviewChanges } from './review-changes';
import { ReviewGroups } from './review-groups';

/** While the review is still reading a first sync, look again this often. */
const PENDING_POLL_MS = 1000;

function Status({ summary, loadedAt }: { readonly summary: ReviewSummary; readonly loadedAt: string }) {
  return (
    <Text size="sm" c="dimmed" role="status">
      {summary.since ? `Changes since ${formatDateTime(summary.since)}` : 'All changes so far (nothing acknowledged yet)'}
      {summary.lastAcknowledged ? ` · last acknowledged by ${summary.lastAcknowledged.by}` : ''} · refreshed {loadedAt}
    </Text>
  );
}

const isEmpty = (s: ReviewSummary): boolean =>
  s.changes.total === 0 && s.groups.total === 0 && s.needsAction.total === 0 && s.fallbacks.total === 0 && s.notices.length === 0 && s.waiting === 0 && s.pendingLogRows === 0;

interface BodyProps {
  readonly summary: ReviewSummary;
  readonly loadedAt: string;
  readonly version: number;
  readonly onChanged: () => void;
  readonly onShowRequest: (logId: number) => void;
}

function ReviewBody({ summary, loadedAt, version, onChanged, onShowRequest }: BodyProps) {
  if (isEmpty(summary))
    return (
      <Stack gap="sm">
        <Status summary={summary} loadedAt={loadedAt} />
        <EmptyHint
          icon={<IconCheck size={28} />}
          title="Nothing to review"
          description="The identity provider changed nothing since the last acknowledgement and no problem is open. Press Refresh after the next provisioning cycle."
        />
      </Stack>
    );
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Status summary={summary} loadedAt={loadedAt} />
        <Text size="sm">
          {plural(summary.changes.total, 'member')} changed
          {summary.groups.total > 0 ? `, ${plural(summary.groups.total, 'group')} changed` : ''}
          {summary.needsAction.total > 0 ? `; ${plural(summary.needsAction.total, 'problem')} ${summary.needsAction.total === 1 ? 'needs' : 'need'} your action` : ''}.
        </Text>
        {summary.pendingLogRows > 0 ? (
          <Alert color="blue" variant="light" icon={<Loader size="xs" />} title="Still reading the provisioning log">
            {formatCount(summary.pendingLogRows)} log entries are not in these numbers yet; the review updates itself.
          </Alert>
        ) : null}
      </Stack>
      <ReviewProblems summary={summary} version={version} onChanged={onChanged} onShowRequest={onShowRequest} />
      <ReviewFallbacks summary={summary} onChanged={onChanged} />
      <ReviewNotices summary={summary} />
      <ReviewChanges summary={summary} version={version} />
      <ReviewGroups summary={summary} version={version} />
    </Stack>
  );
}

/** Sync review: a summary of what the IdP changed since the last acknowledgement, open problems first, then the member changes page by page. */
export function ReviewView() {
  const [loadedAt, setLoadedAt] = useState('');
  const [version, setVersion] = useState(0);
  const [logId, setLogId] = useState<number | null>(null);
  const resource = useAsync(async (signal) => {
    const summary = await fetchReviewSummary(signal);
    setLoadedAt(formatLogTime(new Date().toISOString()));
    return summary;
  }, 'review');
  const [isAcknowledging, setAcknowledging] = useState(false);
  const summary = resource.state.status === 'ready' ? resource.state.data : null;
  const { setData, reload } = resource;
  const refresh = useCallback(() => {
    reload();
    setVersion((v) => v + 1);
    void useHealthStore.getState().load();
  }, [reload]);
  useEffect(() => {
    if (!summary || summary.pendingLogRows === 0) return;
    const timer = window.setTimeout(refresh, PENDING_POLL_MS);
    return () => window.clearTimeout(timer);
  }, [summary, refresh]);
  const canAcknowledge = summary !== null && summary.toLogId > summary.fromLogId;
  const acknowledge = async () => {
    if (!summary) return;
    setAcknowledging(true);
    try {
      setData(await acknowledgeReview(summary.toLogId));
      notifications.show({ color: 'teal', message: 'Review acknowledged. Open problems stay listed until they are resolved or dismissed.' });
      refresh();
    } catch (e) {
      notifications.show({ color: 'red', title: 'Not acknowledged', message: errorMessage(e) });
    } finally {
      setAcknowledging(false);
    }
  };
  return (
    <>
      <PageHeader
        title="Sync review"
        description="What the identity provider changed since you last acknowledged, and what needs you."
        actions={
          <Group gap="xs" wrap="nowrap">
            <Button type="button" variant="default" leftSection={<IconRefresh size={14} />} loading={resource.isRefreshing} onClick={refresh}>
              Refresh
            </Button>
            <Button
              type="button"
              leftSection={<IconCheck size={14} />}
              disabled={!canAcknowledge}
              title={canAcknowledge ? 'Mark these changes as seen; open problems stay' : 'Nothing new to acknowledge'}
              loading={isAcknowledging}
              onClick={() => void acknowledge()}
            >
              Acknowledge
            </Button>
          </Group>
        }
      />
      <AsyncView state={resource.state} what="the sync review" onRetry={refresh}>
        {(s) => <ReviewBody summary={s} loadedAt={loadedAt} version={version} onChanged={refresh} onShowRequest={setLogId} />}
      </AsyncView>
      <LogDetailDrawer logId={logId} onClose={() => setLogId(null)} onOpenMember={() => setLogId(null)} />
    </>
  );
}
