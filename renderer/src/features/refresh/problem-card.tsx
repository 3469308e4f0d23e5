import { useState } from 'react';
import { Anchor, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ReviewProblem } from '../../../../shared/api/refresh';
import { checkinAsset } from '../../api/assets-api';
import { deactivateAnyway } from '../../api/review-api';
import { errorMessage } from '../../api/http-client';
import { formatCount, formatDateTime } from '../../lib/format';
import { safeText } from '../../lib/safe-text';
import { useMembersViewStore } from '../../stores/members-view-store';
import { useRolesStore } from '../../stores/roles-store';
import { navigate } from '../../routes';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { PROBLEM_LABELS } from './review-labels';

interface ProblemCardProps {
  readonly problem: ReviewProblem;
  readonly onChanged: () => void;
  readonly onDismiss: (p: ReviewProblem) => void;
  readonly onShowRequest: (logId: number) => void;
}

function openMember(memberId: string) {
  useMembersViewStore.getState().openMember(memberId);
  navigate('members');
}

/** Runs a one-click fix, says what happened, and refreshes the review. */
function useFix(onChanged: () => void) {
  const [busy, setBusy] = useState<string | null>(null);
  const fix = async (id: string, action: () => Promise<unknown>, done: string) => {
    setBusy(id);
    try {
      await action();
      notifications.show({ color: 'teal', message: done });
      onChanged();
    } catch (e) {
      notifications.show({ color: 'red', title: 'Not done', message: errorMessage(e) });
    } finally {
      setBusy(null);
    }
  };
  return { busy, fix };
}

/** One open problem: who, what happened, what to do, and the fixes that apply. */
export function ProblemCard({ problem: p, onChanged, onDismiss, onShowRequest }: ProblemCardProps) {
  const { busy, fix } = useFix(onChanged);
  const [isConfirming, setConfirming] = useState(false);
  const who = safeText(p.userName) ?? (p.groupName !== null ? `Group ${safeText(p.groupName)}` : 'Unknown member');
  return (
    <Card component="article" withBorder padding="sm" style={{ borderLeft: `3px solid var(--mantine-color-${p.standing ? 'orange' : 'teal'}-filled)` }}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Group gap="xs" style={{ minWidth: 0 }}>
            <Badge size="sm" color={p.standing ? 'orange' : 'teal'} variant="light">
              {PROBLEM_LABELS[p.operation]}
            </Badge>
            {p.memberId ? (
              <Anchor component="button" type="button" size="sm" fw={600} onClick={() => openMember(p.memberId ?? '')} className="wrap-anywhere">
                {who}
              </Anchor>
            ) : (
              <Text size="sm" fw={600} className="wrap-anywhere">
                {who}
              </Text>
            )}
          </Group>
          <Text size="xs" c="dimmed" ta="right" style={{ whiteSpace: 'nowrap' }}>
            {p.attempts > 1 ? `${formatCount(p.attempts)} attempts · ` : ''}
            {formatDateTime(p.at)}
          </Text>
        </Group>
        {p.detail ? (
          <Text size="sm" className="wrap-anywhere" lineClamp={4}>
            {safeText(p.detail)}
          </Text>
        ) : null}
        <Text size="sm">
          <b>What to do:</b> {p.standing ? p.action : 'Fixed here. The identity provider retries on its next cycle; nothing else to do.'}
        </Text>
        <Group gap="xs">
          {p.operation === 'blocked-deactivation' && p.standing
            ? p.assets.map((a) => (
                <Button key={a.id} type="button" size="compact-sm" variant="light" loading={busy === `in-${a.id}`}
                  onClick={() => void fix(`in-${a.id}`, () => checkinAsset(a.id), `${a.tag} checked in.`)}>
                  Check in {safeText(a.tag)}
                </Button>
              ))
            : null}
          {p.operation === 'blocked-deactivation' && p.standing ? (
            <Button type="button" size="compact-sm" variant="light" color="orange" onClick={() => setConfirming(true)}>
              Deactivate anyway and flag
            </Button>
          ) : null}
          {p.operation === 'rejected-role' && p.requestedRole && p.standing ? (
            <Button type="button" size="compact-sm" variant="light" loading={busy === 'role'}
              onClick={() => void fix('role', () => useRolesStore.getState().create(p.requestedRole ?? ''), `Role "${p.requestedRole ?? ''}" created. The IdP's next attempt goes through.`)}>
              Create role “{safeText(p.requestedRole)}”
            </Button>
          ) : null}
          <Button type="button" size="compact-sm" variant="subtle" onClick={() => onShowRequest(p.logId)}>
            Show the request
          </Button>
          <Button type="button" size="compact-sm" variant="subtle" color="gray" onClick={() => onDismiss(p)}>
            Dismiss…
          </Button>
        </Group>
      </Stack>
      <ConfirmDialog
        opened={isConfirming}
        title="Deactivate anyway?"
        confirmLabel="Deactivate and flag"
        confirmColor="orange"
        onClose={() => setConfirming(false)}
        onConfirm={async () => {
          await deactivateAnyway(p.id);
          notifications.show({ color: 'teal', message: `${who} deactivated and flagged as a leaver holding assets.` });
          onChanged();
        }}
      >
        {`${who} still holds ${p.assets.map((a) => a.tag).join(', ') || 'assets'}. Deactivating now flags them as a leaver holding assets, listed on the Members view until the assets are checked in.`}
      </ConfirmDialog>
    </Card>
  );
}
