import { Badge, Group, Stack, Text, Title } from '@mantine/core';
import type { z } from 'zod';
import type { ReviewGroupSchema } from '../../../../shared/api/refresh';
import { formatDateTime } from '../../lib/format';
import { FieldChanges } from '../../components/field-changes';

type ReviewGroup = z.infer<typeof ReviewGroupSchema>;

const KIND: Readonly<Record<ReviewGroup['kind'], { readonly label: string; readonly color: string }>> = {
  created: { label: 'Created', color: 'teal' },
  updated: { label: 'Updated', color: 'blue' },
  deleted: { label: 'Deleted by the IdP', color: 'red' },
};

/** IdP groups with their net change: renamed, members joined or left. The role changes are under the members. */
export function ReviewGroups({ groups }: { readonly groups: ReadonlyArray<ReviewGroup> }) {
  return (
    <section aria-label="Group changes">
      <Title order={3} fz="md" mb="xs">
        Group changes
      </Title>
      <Stack gap={0}>
        {groups.map((g) => (
          <div key={g.groupId} style={{ padding: '6px 0', borderBottom: '1px solid var(--mantine-color-default-border)' }}>
            <Group justify="space-between" mb={4}>
              <Group gap="xs">
                <Badge color={KIND[g.kind].color} variant="light">
                  {KIND[g.kind].label}
                </Badge>
                <Text size="sm" fw={600}>
                  {g.displayName ?? g.groupId}
                </Text>
              </Group>
              <Text size="xs" c="dimmed">
                {formatDateTime(g.lastAt)}
              </Text>
            </Group>
            {g.changes.length > 0 ? <FieldChanges changes={g.changes} caption={`Changes to group ${g.displayName ?? g.groupId}`} /> : null}
          </div>
        ))}
      </Stack>
    </section>
  );
}
