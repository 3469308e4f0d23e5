import { useEffect, useState } from 'react';
import { Button, Card, Group, Loader, Modal, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { CustomField, MappingRow } from '../../../../shared/api/mapping';
import { deleteCustomField, fetchCustomFieldUsage, renameCustomField } from '../../api/mapping-api';
import { plural } from '../../lib/format';
import { useCustomFieldsStore } from '../../stores/custom-fields-store';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { DialogActions, useDialogAction } from '../../components/dialog-actions';

interface CustomFieldsCardProps {
  readonly fields: ReadonlyArray<CustomField>;
  /** The saved mapping: a field a row feeds cannot be deleted (the server refuses). */
  readonly savedRows: ReadonlyArray<MappingRow>;
  readonly onChanged: (fields: ReadonlyArray<CustomField>) => void;
}

function RenameDialog({ field, others, onClose, onRenamed }: { readonly field: CustomField | null; readonly others: ReadonlyArray<CustomField>; readonly onClose: () => void; readonly onRenamed: (f: CustomField) => void }) {
  const [label, setLabel] = useState('');
  const { error, isBusy, run, reset } = useDialogAction();
  useEffect(() => {
    setLabel(field?.label ?? '');
    reset();
  }, [field, reset]);
  const clash = others.some((o) => o.key !== field?.key && o.label.trim().toLowerCase() === label.trim().toLowerCase());
  const problem = label.trim() === '' ? 'Enter a label.' : label.trim().length > 80 ? 'Use at most 80 characters.' : clash ? 'Another custom field already has this label.' : null;
  return (
    <Modal opened={field !== null} onClose={onClose} title={`Rename ${field?.label ?? ''}`}>
      <Stack gap="sm">
        <TextInput label="Label" description={`Shown everywhere instead of the key (custom:${field?.key ?? ''}), which stays.`} value={label} onChange={(e) => setLabel(e.currentTarget.value)} error={label !== field?.label ? problem : null} data-autofocus />
        <DialogActions error={error} isBusy={isBusy} confirmLabel="Rename" isDisabled={problem !== null || label === field?.label} onCancel={onClose} onConfirm={() =>
            void run(async () => {
              if (field) onRenamed(await renameCustomField(field.key, label.trim()));
            })
          } />
      </Stack>
    </Modal>
  );
}

/** Deleting needs the number of members holding a value, asked when the confirmation opens. */
function DeleteDialog({ field, onClose, onDeleted }: { readonly field: CustomField | null; readonly onClose: () => void; readonly onDeleted: () => void }) {
  const [usage, setUsage] = useState<number | null>(null);
  useEffect(() => {
    setUsage(null);
    if (!field) return;
    const controller = new AbortController();
    fetchCustomFieldUsage(field.key, controller.signal).then((u) => setUsage(u.members), () => setUsage(null));
    return () => controller.abort();
  }, [field]);
  return (
    <ConfirmDialog opened={field !== null} title={`Delete the custom field ${field?.label ?? ''}?`} confirmLabel="Delete field" confirmColor="red" onClose={onClose} onConfirm={async () => {
        if (!field) return;
        await deleteCustomField(field.key);
        onDeleted();
      }}
    >
      <Text size="sm">
        {usage === null ? <Loader size="xs" aria-label="Counting members" /> : usage === 0 ? 'No member holds a value for it.' : `${plural(usage, 'member')} ${usage === 1 ? 'holds' : 'hold'} a value for it; deleting the field deletes those values (each member's history keeps them).`}
      </Text>
    </ConfirmDialog>
  );
}

/** Custom fields: labels are unique; rename keeps the key; delete is offered once no mapping row feeds the field. */
export function CustomFieldsCard({ fields, savedRows, onChanged }: CustomFieldsCardProps) {
  const [renaming, setRenaming] = useState<CustomField | null>(null);
  const [deleting, setDeleting] = useState<CustomField | null>(null);
  if (fields.length === 0) return null;
  const feeding = (key: string): number[] => savedRows.flatMap((r, i) => (r.target === `custom:${key}` ? [i + 1] : []));
  const refresh = (next: ReadonlyArray<CustomField>) => {
    onChanged(next);
    void useCustomFieldsStore.getState().load();
  };
  return (
    <Card withBorder padding="md">
      <Text fw={600} mb="xs">
        Custom fields
      </Text>
      <Table verticalSpacing={4} aria-label="Custom fields">
        <Table.Tbody>
          {fields.map((f) => {
            const rows = feeding(f.key);
            const reason = rows.length > 0 ? `Mapping row${rows.length === 1 ? '' : 's'} ${rows.join(', ')} ${rows.length === 1 ? 'feeds' : 'feed'} this field: remove or repoint ${rows.length === 1 ? 'it' : 'them'} first.` : null;
            return (
              <Table.Tr key={f.key}>
                <Table.Td>
                  <Text size="sm" fw={500} className="wrap-anywhere">
                    {f.label}
                  </Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    custom:{f.key} · {f.type}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Button type="button" size="compact-sm" variant="subtle" onClick={() => setRenaming(f)} aria-label={`Rename ${f.label}`}>
                      Rename…
                    </Button>
                    <Tooltip label={reason} disabled={reason === null} multiline w={240} withArrow>
                      <span>
                        <Button type="button" size="compact-sm" variant="subtle" color="red" disabled={reason !== null} onClick={() => setDeleting(f)} aria-label={`Delete ${f.label}`} aria-description={reason ?? undefined}>
                          Delete…
                        </Button>
                      </span>
                    </Tooltip>
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <RenameDialog
        field={renaming}
        others={fields}
        onClose={() => setRenaming(null)}
        onRenamed={(f) => {
          setRenaming(null);
          notifications.show({ color: 'teal', message: `Renamed to ${f.label}.` });
          refresh(fields.map((x) => (x.key === f.key ? f : x)));
        }}
      />
      <DeleteDialog
        field={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={() => {
          const gone = deleting;
          notifications.show({ color: 'teal', message: `Custom field ${gone?.label ?? ''} deleted.` });
          refresh(fields.filter((x) => x.key !== gone?.key));
        }}
      />
    </Card>
  );
}

