import { Stack, Text, Timeline } from '@mantine/core';
import type { MemberDetail } from '../../../../shared/api/members';
import { formatDateTime } from '../../lib/format';
import { FieldChanges } from '../../components/field-changes';

/** "scim:Entra ID:31fb…" → "Entra ID (request 31fb30cc)"; "admin" → "Admin (SCIM Desk)". */
function describeActor(actor: string): string {
  const scim = /^scim:([^:]+):(.+)$/.exec(actor);
  if (scim) return `${scim[1]} (request ${scim[2]?.slice(0, 8)})`;
  if (actor === 'admin') return 'Admin (SCIM Desk)';
  return actor;
}

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
        <Timeline.Item key={`${h.at}-${i}`} title={<Text size="sm" fw={500} title={h.actor}>{describeActor(h.actor)}</Text>}>
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
