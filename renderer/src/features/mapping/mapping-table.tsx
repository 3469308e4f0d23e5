import { ActionIcon, Group, Switch, Table, Text, Tooltip } from '@mantine/core';
import type { CustomField } from '../../../../shared/api/mapping';
import type { DraftRow, MappingDraft } from './use-mapping-draft';
import { shortPath, targetLabel } from './mapping-targets';
import { IconArrowDown, IconArrowUp, IconPencil, IconTrash } from '../../components/icons';

interface MappingTableProps {
  readonly draft: MappingDraft;
  readonly customFields: ReadonlyArray<CustomField>;
  /** What is wrong with each bad row (checked as the admin types, and on save), by row uid. */
  readonly rowErrors: ReadonlyMap<number, string>;
  readonly onEdit: (row: DraftRow) => void;
}

/** Which rows are shadowed: an earlier enabled row feeds the same field (earlier rows win). */
function fallbackUids(rows: ReadonlyArray<DraftRow>): ReadonlySet<number> {
  const seen = new Set<string>();
  const result = new Set<number>();
  for (const r of rows) {
    if (!r.enabled) continue;
    if (seen.has(r.target)) result.add(r.uid);
    seen.add(r.target);
  }
  return result;
}

/** The mapping rows: SCIM path → member field, in priority order. */
export function MappingTable({ draft, customFields, rowErrors, onEdit }: MappingTableProps) {
  const fallbacks = fallbackUids(draft.rows);
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped highlightOnHover withTableBorder verticalSpacing={4} aria-label="Attribute mapping rows">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={36}>#</Table.Th>
            <Table.Th w={52}>On</Table.Th>
            <Table.Th>SCIM attribute path</Table.Th>
            <Table.Th>Member field</Table.Th>
            <Table.Th w={120}>
              <Text span size="sm" fw={600}>
                Actions
              </Text>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {draft.rows.map((row, index) => {
            const rowError = rowErrors.get(row.uid);
            const isErrorRow = rowError !== undefined;
            const path = shortPath(row.scimPath);
            return (
              <Table.Tr key={row.uid} aria-invalid={isErrorRow || undefined} style={isErrorRow ? { outline: '2px solid var(--mantine-color-red-filled)', outlineOffset: -2 } : undefined}>
                <Table.Td c="dimmed" fz="xs">
                  {index + 1}
                </Table.Td>
                <Table.Td>
                  <Switch size="xs" checked={row.enabled} onChange={() => draft.toggle(row.uid)} aria-label={`Enable mapping ${row.scimPath}`} />
                </Table.Td>
                <Table.Td>
                  <Text size="xs" ff="monospace" title={row.scimPath} c={row.enabled ? 'var(--mantine-color-text)' : 'dimmed'} td={row.enabled ? 'none' : 'line-through'} style={{ wordBreak: 'break-word' }}>
                    {path}
                  </Text>
                  {isErrorRow ? (
                    <Text size="xs" c="red" role="alert">
                      {rowError}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={row.enabled ? 'var(--mantine-color-text)' : 'dimmed'}>
                    {targetLabel(row.target, customFields)}
                    {fallbacks.has(row.uid) ? (
                      <Tooltip label="An earlier row feeds the same field; this one is used when that value is missing." withArrow>
                        <Text span size="xs" c="dimmed" fs="italic">
                          {' '}
                          (fallback)
                        </Text>
                      </Tooltip>
                    ) : null}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={2} wrap="nowrap">
                    <ActionIcon type="button" variant="subtle" size="sm" onClick={() => onEdit(row)} aria-label={`Edit mapping ${row.scimPath}`}>
                      <IconPencil size={15} />
                    </ActionIcon>
                    <ActionIcon type="button" variant="subtle" size="sm" disabled={index === 0} onClick={() => draft.move(row.uid, -1)} aria-label={`Move ${row.scimPath} up`}>
                      <IconArrowUp size={15} />
                    </ActionIcon>
                    <ActionIcon type="button" variant="subtle" size="sm" disabled={index === draft.rows.length - 1} onClick={() => draft.move(row.uid, 1)} aria-label={`Move ${row.scimPath} down`}>
                      <IconArrowDown size={15} />
                    </ActionIcon>
                    <ActionIcon type="button" variant="subtle" color="red" size="sm" onClick={() => draft.remove(row.uid)} aria-label={`Delete mapping ${row.scimPath}`}>
                      <IconTrash size={15} />
                    </ActionIcon>
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
