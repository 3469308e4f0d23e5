import { useState } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Review } from '../../../../shared/api/refresh';
import { acknowledgeReview, fetchReview } from '../../api/review-api';
import { errorMessage } from '../../api/http-client';
import { useAsync } from '../../lib/use-async';
import { formatDateTime, formatLogTime, plural } from '../../lib/format';
import { useHealthStore } from '../../stores/health-store';
import { AsyncView } from '../../components/async-view';
import { PageHeader } from '../../components/page-header';
import { EmptyHint } from '../../components/empty-hint';
import { IconCheck, IconRefresh } from '../../components/icons';
import { ReviewRefusals } from './review-refusals';
import { ReviewMembers } from './review-members';
import { ReviewGroups } from './review-groups';

function Summary({ review, loadedAt }: { readonly review: Review; readonly loadedAt: string }) {
  return (
    <Text size="sm" c="dimmed" mb="sm" role="status">
      {review.since ? `Changes since ${formatDateTime(review.since)}` : 'All changes so far (nothing acknowledged yet)'}
      {review.lastAcknowledged ? ` · last acknowledged ${formatDateTime(review.lastAcknowledged.at)} by ${review.lastAcknowledged.by}` : ''} · refreshed {loadedAt}
    </Text>
  );
}

function ReviewBody({ review, loadedAt }: { readonly review: Review; readonly loadedAt: string }) {
  if (review.members.length === 0 && review.groups.length === 0 && review.refused.length === 0)
    return (
      <>
        <Summary review={review} loadedAt={loadedAt} />
        <EmptyHint
          icon={<IconCheck size={28} />}
          title="Nothing to review"
          description="The IdP has changed nothing since the last acknowledged review. Press Refresh after the next provisioning cycle."
        />
      </>
    );
  return (
    <Stack gap="lg">
      <div>
        <Summary review={review} loadedAt={loadedAt} />
        <Text size="sm">
          {plural(review.members.length, 'member')} changed{review.groups.length > 0 ? `, ${plural(review.groups.length, 'group')} changed` : ''}
          {review.refused.length > 0 ? `, ${plural(review.refused.length, 'request')} refused and waiting for you` : ''}.
        </Text>
      </div>
      {review.refused.length > 0 ? <ReviewRefusals refusals={review.refused} /> : null}
      {review.members.length > 0 ? <ReviewMembers members={review.members} /> : null}
      {review.groups.length > 0 ? <ReviewGroups groups={review.groups} /> : null}
    </Stack>
  );
}

/** Refresh / Sync review: what the IdP changed since the last acknowledge, grouped by member. */
export function ReviewView() {
  const [loadedAt, setLoadedAt] = useState('');
  const resource = useAsync(async (signal) => {
    const review = await fetchReview(signal);
    setLoadedAt(formatLogTime(new Date().toISOString()));
    return review;
  }, 'review');
  const [isAcknowledging, setAcknowledging] = useState(false);
  const review = resource.state.status === 'ready' ? resource.state.data : null;
  const hasItems = review !== null && (review.members.length > 0 || review.groups.length > 0 || review.refused.length > 0);
  const acknowledge = async () => {
    if (!review) return;
    setAcknowledging(true);
    try {
      await acknowledgeReview(review.toLogId);
      notifications.show({ color: 'teal', message: 'Review acknowledged. The next Refresh starts from here.' });
      resource.reload();
      void useHealthStore.getState().load();
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
        description="Everything the IdP changed since you last acknowledged, one line per member and per group, and what was refused."
        actions={
          <Group gap="xs">
            <Button type="button" variant="default" leftSection={<IconRefresh size={14} />} loading={resource.isRefreshing} onClick={resource.reload}>
              Refresh
            </Button>
            <Button type="button" leftSection={<IconCheck size={14} />} disabled={!hasItems} loading={isAcknowledging} onClick={() => void acknowledge()}>
              Acknowledge
            </Button>
          </Group>
        }
      />
      <AsyncView state={resource.state} what="the sync review" onRetry={resource.reload}>
        {(r) => <ReviewBody review={r} loadedAt={loadedAt} />}
      </AsyncView>
    </>
  );
}
