import { useState } from 'react';
import { Button, Card, Code, Group, Table, Text, Tooltip } from '@mantine/core';
import type { CustomField, MappingRow, UnmappedAttribute } from '../../../../shared/api/mapping';
import { fetchUnmappedAttributes } from '../../api/mapping-api';
import { useAsync } from '../../lib/use-async';
import { AsyncView } from '../../components/async-view';
import { IconRefresh } from '../../components/icons';
import { MapAttributeDialog } from './map-attribute-dialog';
import { shortPath } from './mapping-targets';

interface UnmappedAttributesCardProps {
  /** Unsaved changes in the table: mapping from here would bypass them, so the admin saves first. */
  readonly isDirty: boolean;
  readonly customFields: ReadonlyArray<CustomField>;
  readonly onMapped: (rows: ReadonlyArray<MappingRow>, field: CustomField | null) => void;
}

/** "Attributes your IdP sends that are not mapped yet", each mapped in one step. */
export function UnmappedAttributesCard({ isDirty, customFields, onMapped }: UnmappedAttributesCardProps) {
  const resource = useAsync(fetchUnmappedAttributes, 'unmapped');
  const [mapping, setMapping] = useState<UnmappedAttribute | null>(null);
  return (
    <Card withBorder padding="md" component="section" aria-label="Attributes not mapped yet">
      <Group justify="space-between" mb="xs">
        <Text fw={600}>Attributes your IdP sends that are not mapped yet</Text>
        <Button type="button" size="xs" variant="subtle" leftSection={<IconRefresh size={12} />} loading={resource.isRefreshing} onClick={resource.reload}>
          Refresh
        </Button>
      </Group>
      <AsyncView state={resource.state} what="unmapped attributes" onRetry={resource.reload}>
        {(list) =>
          list.attributes.length === 0 ? (
            <Text size="sm" c="dimmed">
              Every attribute the IdP sends is mapped{list.membersScanned === 0 ? ' (no members yet)' : ''}.
            </Text>
          ) : (
            <Table fz="sm" verticalSpacing={4} aria-label="Attributes not mapped yet">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Attribute</Table.Th>
                  <Table.Th w={80} ta="right">
                    Members
                  </Table.Th>
                  <Table.Th w={70} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.attributes.map((a) => (
                  <Table.Tr key={a.scimPath}>
                    <Table.Td title={a.scimPath}>
                      <Code>{shortPath(a.scimPath)}</Code>
                      {a.example ? (
                        <Text span size="xs" c="dimmed">
                          {' '}
                          e.g. {a.example}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td ta="right">{a.memberCount}</Table.Td>
                    <Table.Td>
                      <Tooltip label="Save or discard the table first" disabled={!isDirty} withArrow>
                        <Button type="button" size="compact-xs" variant="light" disabled={isDirty} onClick={() => setMapping(a)} aria-label={`Map ${a.scimPath}`}>
                          Map…
                        </Button>
                      </Tooltip>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </AsyncView>
      <MapAttributeDialog
        attribute={mapping}
        customFields={customFields}
        onMapped={(rows, field) => {
          onMapped(rows, field);
          resource.reload();
        }}
        onClose={() => setMapping(null)}
      />
    </Card>
  );
}
