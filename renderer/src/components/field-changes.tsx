import { Table, Text } from '@mantine/core';
import type { FieldChange } from '../../../shared/api/log-events';

function Value({ value }: { readonly value: string | null }) {
  return value === null || value === '' ? (
    <Text span size="xs" c="dimmed" fs="italic">
      empty
    </Text>
  ) : (
    <Text span size="xs" style={{ wordBreak: 'break-word' }}>
      {value}
    </Text>
  );
}

/** Modified fields, old → new. */
export function FieldChanges({ changes, caption }: { readonly changes: ReadonlyArray<FieldChange>; readonly caption: string }) {
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
              <Text span size="xs" fw={500}>
                {c.field}
              </Text>
            </Table.Td>
            <Table.Td>
              <Value value={c.old} />
            </Table.Td>
            <Table.Td>
              <Value value={c.new} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
