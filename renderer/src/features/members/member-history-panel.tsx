import { Stack, Text, Timeline } from '@mantine/core';
import type { MemberDetail } from '../../../../shared/api/members';
import { formatDateTime } from '../../lib/format';
import { FieldChanges } from '../../components/field-changes';

/** The member's change history, newest first: who (IdP request or admin) changed what. */
export function MemberHistoryPanel({ member }: { readonly member: MemberDetail }) {
  if (member.history.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No changes recorded yet.
      </Text>
    );
  const entries = [...member.history].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <Timeline bulletSize={12} lineWidth={2}>
      {entries.map((h, i) => (
        <Timeline.Item key={`${h.at}-${i}`} title={<Text size="sm" fw={500}>{h.actor}</Text>}>
          <Stack gap={4}>
            <Text size="xs" c="dimmed">
              {formatDateTime(h.at)}
            </Text>
            <FieldChanges changes={h.changes} caption={`Changes by ${h.actor}`} />
          </Stack>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
