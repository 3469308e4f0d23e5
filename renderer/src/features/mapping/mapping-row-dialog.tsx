import { useEffect, useState } from 'react';
import { Autocomplete, Button, Group, Modal, Select, Stack, Switch } from '@mantine/core';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { MappingRowSchema, type CustomField, type MappingRow } from '../../../../shared/api/mapping';
import { SUGGESTED_PATHS, targetOptions } from './mapping-targets';
import { CustomFieldForm } from './custom-field-form';
import { IconPlus } from '../../components/icons';
import { useMappingCheck } from './use-mapping-check';

interface MappingRowDialogProps {
  /** The row being edited, or null to add one. */
  readonly row: MappingRow | null;
  readonly opened: boolean;
  readonly customFields: ReadonlyArray<CustomField>;
  readonly onCustomFieldCreated: (field: CustomField) => void;
  readonly onSave: (row: MappingRow) => void;
  readonly onClose: () => void;
}

const EMPTY: MappingRow = { scimPath: '', target: 'jobTitle', enabled: true };

/** Add or edit one mapping row; a custom field can be created without leaving the dialog. */
export function MappingRowDialog({ row, opened, customFields, onCustomFieldCreated, onSave, onClose }: MappingRowDialogProps) {
  const [isCreatingField, setCreatingField] = useState(false);
  const { control, handleSubmit, reset, setValue, formState, watch } = useForm<MappingRow>({
    resolver: zodResolver(MappingRowSchema) as never,
    defaultValues: row ?? EMPTY,
  });
  // The path is checked by the server's own parser as it is typed (urn:foo:bar, an unclosed filter, a..b).
  const scimPath = watch('scimPath');
  const target = watch('target');
  const check = useMappingCheck([{ scimPath, target }], opened && scimPath.trim() !== '');
  const pathProblem = check.problems.find((p) => p.field.endsWith('.scimPath'))?.message.replace(/^Row 1 (\(".*?"\))?:?\s*/, '');
  const targetProblem = check.problems.find((p) => p.field.endsWith('.target'))?.message.replace(/^Row 1 /, 'This row ');
  useEffect(() => {
    if (opened) {
      reset(row ?? EMPTY);
      setCreatingField(false);
    }
  }, [opened, row, reset]);

  const submit = handleSubmit((values) => onSave({ ...values, scimPath: values.scimPath.trim() }));
  return (
    <Modal opened={opened} onClose={onClose} title={row ? 'Edit mapping row' : 'Add mapping row'} size="lg">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <Controller
            control={control}
            name="scimPath"
            render={({ field, fieldState }) => (
              <Autocomplete
                label="SCIM attribute path"
                description='As the IdP sends it, e.g. title, emails[type eq "work"].value or a custom extension URN.'
                data={[...SUGGESTED_PATHS]}
                limit={40}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                error={fieldState.error?.message ?? pathProblem}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              />
            )}
          />
          <Group align="flex-end" gap="xs" wrap="nowrap">
            <Controller
              control={control}
              name="target"
              render={({ field, fieldState }) => (
                <Select
                  style={{ flex: 1 }}
                  label="Member field"
                  searchable
                  data={targetOptions(customFields)}
                  value={field.value}
                  onChange={(v) => field.onChange(v ?? '')}
                  error={fieldState.error?.message ?? targetProblem}
                />
              )}
            />
            <Button type="button" variant="default" leftSection={<IconPlus size={14} />} onClick={() => setCreatingField(true)} disabled={isCreatingField}>
              New custom field
            </Button>
          </Group>
          {isCreatingField ? (
            <CustomFieldForm
              onCancel={() => setCreatingField(false)}
              onCreated={(f) => {
                onCustomFieldCreated(f);
                setValue('target', `custom:${f.key}`, { shouldDirty: true });
                setCreatingField(false);
              }}
            />
          ) : null}
          <Controller
            control={control}
            name="enabled"
            render={({ field }) => <Switch label="Enabled" checked={field.value} onChange={(e) => field.onChange(e.currentTarget.checked)} />}
          />
          <Group justify="flex-end" gap="xs">
            <Button type="button" variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={formState.isSubmitting || check.isChecking || check.problems.length > 0}>
              {row ? 'Update row' : 'Add row'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
