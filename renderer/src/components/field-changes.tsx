import { Table, Text } from '@mantine/core';
import type { FieldChange } from '../../../shared/api/log-events';
import { safeText } from '../lib/safe-text';
import { useFieldLabel } from '../stores/custom-fields-store';

function Value({ value }: { readonly value: string | null }) {
  return value === null || value === '' ? (
    <Text span size="xs" c="dimmed" fs="italic">
      empty
    </Text>
  ) : (
    <Text span size="xs" style={{ wordBreak: 'break-word' }}>
      {safeText(value)}
    </Text>
  );
}

/**
 * A change in the admin's words: a group's `member:<userName>` change reads as that member
 * joining or leaving; `groups` and `roleSource` get their labels.
 */
function describe(c: FieldChange): FieldChange {
  if (c.field.startsWith('member:')) return { field: c.field.slice('member:'.length), old: c.old === null ? null : 'in the group', new: c.new === null ? null : 'in the group' };
  if (c.field === 'groups') return { ...c, field: 'IdP groups' };
  if (c.field === 'roleSource') return { ...c, field: 'role from' };
  return c;
}

/** `requested role "Warehouse Lead" not found → Staff User`: a fallback says what was asked for. */
export function describeFallback(c: FieldChange): string | null {
  return c.requested === undefined ? null : `requested role "${safeText(c.requested)}" not found → ${safeText(c.new) ?? 'no role'}`;
}

/** Modified fields, old → new, labelled in the admin's words. */
export function FieldChanges({ changes, caption }: { readonly changes: ReadonlyArray<FieldChange>; readonly caption: string }) {
  const label = useFieldLabel();
  if (changes.length === 0)
    return (
      <Text size="xs" c="dimmed">
        No field changes.
      </Text>
    );
  return (
    <Table withTableBorder withColumnBorders fz="xs" verticalSpacing={4} horizontalSpacing="xs" aria-label={caption}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="28%">Field</Table.Th>
          <Table.Th>Old</Table.Th>
          <Table.Th>New</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {changes.map(describe).map((c) => (
          <Table.Tr key={c.field}>
            <Table.Td>
              <Text span size="xs" fw={500} title={c.field}>
                {label(c.field)}
              </Text>
            </Table.Td>
            <Table.Td>
              <Value value={c.old} />
            </Table.Td>
            <Table.Td>
              {c.requested === undefined ? (
                <Value value={c.new} />
              ) : (
                <Text span size="xs" c="orange.8">
                  {describeFallback(c)}
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
