import { Button, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { CustomFieldSchema, type CustomField } from '../../../../shared/api/mapping';
import { createCustomField } from '../../api/mapping-api';
import { applyServerError } from '../../lib/form-errors';

interface CustomFieldFormProps {
  readonly onCreated: (field: CustomField) => void;
  readonly onCancel: () => void;
}

/** Derives a key from the label: "Badge colour" → badge_colour. */
function keyFromLabel(label: string): string {
  const key = label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '')
    .slice(0, 41);
  return key;
}

/** Creates a custom field in place, from inside the mapping row dialog. */
export function CustomFieldForm({ onCreated, onCancel }: CustomFieldFormProps) {
  const { register, control, handleSubmit, formState, setValue, getFieldState, setError } = useForm<CustomField>({
    resolver: zodResolver(CustomFieldSchema),
    defaultValues: { key: '', label: '', type: 'text' },
  });
  const submit = handleSubmit(async (values) => {
    try {
      onCreated(await createCustomField(values));
    } catch (error) {
      applyServerError(error, setError, ['key', 'label']);
    }
  });
  const labelField = register('label', {
    onChange: (e: { target: { value: string } }) => {
      if (!getFieldState('key').isDirty) setValue('key', keyFromLabel(e.target.value));
    },
  });
  return (
    <Paper withBorder p="sm" bg="var(--mantine-color-default-hover)">
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          New custom field
        </Text>
        <Group grow align="flex-start">
          <TextInput label="Label" placeholder="Badge colour" error={formState.errors.label?.message} {...labelField} />
          <TextInput label="Key" placeholder="badge_colour" error={formState.errors.key?.message} {...register('key')} />
          <Controller
            control={control}
            name="type"
            render={({ field }) => (
              <Select
                label="Type"
                data={[
                  { value: 'text', label: 'Text' },
                  { value: 'number', label: 'Number' },
                  { value: 'date', label: 'Date' },
                  { value: 'boolean', label: 'Yes / no' },
                ]}
                value={field.value}
                onChange={(v) => field.onChange(v ?? 'text')}
              />
            )}
          />
        </Group>
        {formState.errors.root?.server ? (
          <Text size="xs" c="red" role="alert">
            {formState.errors.root.server.message}
          </Text>
        ) : null}
        <Group justify="flex-end" gap="xs">
          <Button type="button" variant="default" size="xs" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="button" size="xs" loading={formState.isSubmitting} onClick={() => void submit()}>
            Create field
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
