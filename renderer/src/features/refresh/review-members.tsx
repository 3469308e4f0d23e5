import { Accordion, Badge, Group, Text, Title } from '@mantine/core';
import type { z } from 'zod';
import type { ReviewMemberSchema } from '../../../../shared/api/refresh';
import type { FieldChange } from '../../../../shared/api/log-events';
import { formatDateTime } from '../../lib/format';
import { FieldChanges } from '../../components/field-changes';

type ReviewMember = z.infer<typeof ReviewMemberSchema>;
type Kind = ReviewMember['kind'];

const KINDS: ReadonlyArray<{ readonly kind: Kind; readonly label: string; readonly color: string }> = [
  { kind: 'created', label: 'Created', color: 'teal' },
  { kind: 'updated', label: 'Updated', color: 'blue' },
  { kind: 'deactivated', label: 'Deactivated', color: 'grape' },
  { kind: 'reactivated', label: 'Reactivated', color: 'teal' },
  { kind: 'revived', label: 'Revived', color: 'cyan' },
  { kind: 'deleted', label: 'Deleted by the IdP', color: 'red' },
];

/** A new member's values on one line: an old → new table of empties says nothing more. */
function NewValues({ changes }: { readonly changes: ReadonlyArray<FieldChange> }) {
  return (
    <Text size="xs" c="dimmed">
      {changes
        .filter((c) => c.new !== null && c.new !== '' && c.field !== 'userName')
        .map((c) => `${c.field}: ${c.new ?? ''}`)
        .join(' · ')}
    </Text>
  );
}

/** Members with their net change, grouped by kind. */
export function ReviewMembers({ members }: { readonly members: ReadonlyArray<ReviewMember> }) {
  const groups = KINDS.map((k) => ({ ...k, members: members.filter((m) => m.kind === k.kind) })).filter((g) => g.members.length > 0);
  return (
    <section aria-label="Member changes">
      <Title order={3} fz="md" mb="xs">
        Member changes
      </Title>
      <Accordion multiple variant="separated" defaultValue={groups.map((g) => g.kind)}>
        {groups.map((g) => (
          <Accordion.Item key={g.kind} value={g.kind}>
            <Accordion.Control>
              <Group gap="xs">
                <Badge color={g.color} variant="light">
                  {g.label}
                </Badge>
                <Text size="sm">{g.members.length}</Text>
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              {g.members.map((m) => (
                <div key={`${m.memberId ?? m.userName}-${m.lastAt}`} style={{ padding: '6px 0', borderBottom: '1px solid var(--mantine-color-default-border)' }}>
                  <Group justify="space-between" mb={4}>
                    <Text size="sm" fw={600}>
                      {m.displayName ?? m.userName ?? m.memberId}
                      {m.displayName && m.userName ? (
                        <Text span size="xs" c="dimmed" fw={400}>
                          {' '}
                          {m.userName}
                        </Text>
                      ) : null}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(m.lastAt)}
                    </Text>
                  </Group>
                  {m.changes.length === 0 ? null : m.kind === 'created' || m.kind === 'revived' ? (
                    <NewValues changes={m.changes} />
                  ) : (
                    <FieldChanges changes={m.changes} caption={`Changes to ${m.userName ?? 'member'}`} />
                  )}
                </div>
              ))}
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </section>
  );
}
