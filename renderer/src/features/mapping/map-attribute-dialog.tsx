import { useEffect, useState } from 'react';
import { Checkbox, Code, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { CustomField, MappingRow, UnmappedAttribute } from '../../../../shared/api/mapping';
import { applyMappings, mapAttribute } from '../../api/mapping-api';
import { plural } from '../../lib/format';
import { DialogActions, useDialogAction } from '../../components/dialog-actions';
import { targetOptions } from './mapping-targets';

const NEW_FIELD = '__new__';

/** A custom field key and label suggested from the attribute's name (`…:User:CostCentre` → cost_centre, "Cost Centre"). */
export function suggestField(scimPath: string): Pick<CustomField, 'key' | 'label'> {
  const name = scimPath.replace(/\[[^\]]*\]/g, '').split(/[:.]/).filter(Boolean).slice(-1)[0] ?? 'field';
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim();
  const base = words.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  // Keys start with a letter and hold at most 41 characters (CustomFieldSchema).
  const key = (/^[a-z]/.test(base) ? base : `f_${base}`).slice(0, 41);
  return { key, label: words.charAt(0).toUpperCase() + words.slice(1) };
}

interface MapAttributeDialogProps {
  readonly attribute: UnmappedAttribute | null;
  readonly customFields: ReadonlyArray<CustomField>;
  readonly onMapped: (rows: ReadonlyArray<MappingRow>, field: CustomField | null) => void;
  readonly onClose: () => void;
}

/** Map one attribute the IdP sends to a field (or a new custom field), and fill existing members from it. */
export function MapAttributeDialog({ attribute, customFields, onMapped, onClose }: MapAttributeDialogProps) {
  const [target, setTarget] = useState<string>(NEW_FIELD);
  const [field, setField] = useState<CustomField>({ key: '', label: '', type: 'text' });
  const [isApplying, setApplying] = useState(true);
  const { error, isBusy, run, reset } = useDialogAction();
  useEffect(() => {
    if (!attribute) return;
    setTarget(NEW_FIELD);
    setField({ ...suggestField(attribute.scimPath), type: 'text' });
    setApplying(true);
    reset();
  }, [attribute, reset]);
  const options = [{ group: 'New', items: [{ value: NEW_FIELD, label: 'A new custom field…' }] }, ...targetOptions(customFields)];
  const confirm = () =>
    run(async () => {
      if (!attribute) return;
      const isNew = target === NEW_FIELD;
      const rows = await mapAttribute(isNew ? { scimPath: attribute.scimPath, newField: field } : { scimPath: attribute.scimPath, target });
      onMapped(rows, isNew ? field : null);
      const applied = isApplying ? await applyMappings(false) : null;
      notifications.show({
        color: 'teal',
        message: applied
          ? `Mapped and applied: ${plural(applied.changed, 'member')} updated.`
          : 'Mapped. New SCIM requests fill it; apply the mapping to existing members when ready.',
      });
      onClose();
    });
  return (
    <Modal opened={attribute !== null} onClose={onClose} title="Map an attribute" size="lg">
      <Stack gap="sm">
        <Text size="sm">
          <Code>{attribute?.scimPath}</Code> — {attribute ? plural(attribute.memberCount, 'member') : ''} carry it
          {attribute?.example ? `, e.g. “${attribute.example}”` : ''}.
        </Text>
        <Select label="Member field" data={options} value={target} onChange={(v) => setTarget(v ?? NEW_FIELD)} allowDeselect={false} searchable />
        {target === NEW_FIELD ? (
          <Group grow align="flex-start">
            <TextInput label="Field label" value={field.label} onChange={(e) => setField({ ...field, label: e.currentTarget.value })} />
            <TextInput label="Key" description="Lower-case letters, digits and _" value={field.key} onChange={(e) => setField({ ...field, key: e.currentTarget.value })} />
            <Select
              label="Type"
              data={['text', 'number', 'date', 'boolean']}
              value={field.type}
              allowDeselect={false}
              onChange={(v) => setField({ ...field, type: v === 'number' || v === 'date' || v === 'boolean' ? v : 'text' })}
            />
          </Group>
        ) : null}
        <Checkbox label="Also apply to existing members now" checked={isApplying} onChange={(e) => setApplying(e.currentTarget.checked)} />
        <DialogActions error={error} errorTitle="Not mapped" isBusy={isBusy} confirmLabel="Map attribute" onCancel={onClose} onConfirm={() => void confirm()} />
      </Stack>
    </Modal>
  );
}
