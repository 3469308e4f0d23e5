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
        {changes.map((c) => (
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
