import { useState } from 'react';
import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ReviewSummary } from '../../../../shared/api/refresh';
import { applyRole } from '../../api/review-api';
import { errorMessage } from '../../api/http-client';
import { formatCount, formatDateTime, plural } from '../../lib/format';
import { safeText } from '../../lib/safe-text';
import { useRolesStore } from '../../stores/roles-store';
import { NOTICE_LABELS, noticeCount } from './review-labels';

interface Props {
  readonly summary: ReviewSummary;
  readonly onChanged: () => void;
}

/** Members given the fallback role because the role they asked for does not exist, by role, with the one-click fix. */
export function ReviewFallbacks({ summary, onChanged }: Props) {
  const [busy, setBusy] = useState<string | null>(null);
  const { total, roles } = summary.fallbacks;
  if (total === 0) return null;
  const give = async (name: string, exists: boolean) => {
    setBusy(name);
    try {
      if (!exists) await useRolesStore.getState().create(name);
      const r = await applyRole(name);
      notifications.show({ color: 'teal', message: `${exists ? '' : `Role "${r.role}" created; `}${plural(r.applied, 'member')} now ${r.applied === 1 ? 'has' : 'have'} it.` });
      void useRolesStore.getState().load();
      onChanged();
    } catch (e) {
      notifications.show({ color: 'red', title: 'Role not given', message: errorMessage(e) });
    } finally {
      setBusy(null);
    }
  };
  return (
    <section aria-label="Fell back to the default role">
      <Title order={3} fz="md" mb={4}>
        Fell back to the default role ({formatCount(total)})
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        The identity provider asked for a role SCIM Desk does not have, so these members got the fallback role.
      </Text>
      <Stack gap={4}>
        {roles.map((r) => (
          <Group key={r.value} gap="xs" justify="space-between" wrap="nowrap">
            <Text size="sm" className="wrap-anywhere">
              Requested role “{safeText(r.value)}”{r.roleExists ? ' (exists now)' : ' not found'}: {plural(r.count, 'member')}
            </Text>
            <Button type="button" size="compact-sm" variant="light" loading={busy === r.value} onClick={() => void give(r.value, r.roleExists)}>
              {r.roleExists ? `Give “${safeText(r.value)}” to ${plural(r.count, 'member')}` : `Create role “${safeText(r.value)}” for ${plural(r.count, 'member')}`}
            </Button>
          </Group>
        ))}
      </Stack>
    </section>
  );
}

/** Refusals that are about no one member (auth failures): counted since the last acknowledgement. */
export function ReviewNotices({ summary }: Pick<Props, 'summary'>) {
  if (summary.notices.length === 0) return null;
  return (
    <Stack gap="xs">
      {summary.notices.map((n) => (
        <Alert key={n.operation} color="red" variant="light" title={`${NOTICE_LABELS[n.operation] ?? n.operation} (${noticeCount(n.count)})`}>
          <Text size="sm">
            Last at {formatDateTime(n.lastAt)}
            {n.detail ? `: ${safeText(n.detail)}` : ''}
          </Text>
          <Text size="sm">
            <b>What to do:</b> {n.action}
          </Text>
        </Alert>
      ))}
    </Stack>
  );
}
