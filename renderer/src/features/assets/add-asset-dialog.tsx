import { Button, Group, Modal, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { AssetInputSchema, type AssetInput } from '../../../../shared/api/assets';
import { createAsset } from '../../api/assets-api';
import { applyServerError } from '../../lib/form-errors';

interface AddAssetDialogProps {
  readonly opened: boolean;
  readonly onClose: () => void;
  readonly onCreated: () => void;
}

const EMPTY = { tag: '', name: '', category: '', serialNumber: '', notes: '' };
type FormValues = typeof EMPTY;

/** Adds one asset. */
export function AddAssetDialog({ opened, onClose, onCreated }: AddAssetDialogProps) {
  const { register, handleSubmit, formState, reset, setError } = useForm<FormValues>({ resolver: zodResolver(AssetInputSchema) as never, defaultValues: EMPTY });
  const close = () => {
    reset(EMPTY);
    onClose();
  };
  const submit = handleSubmit(async (values) => {
    const input: AssetInput = {
      tag: values.tag.trim(),
      name: values.name.trim(),
      category: values.category.trim() || null,
      serialNumber: values.serialNumber.trim() || null,
      notes: values.notes.trim() || null,
    };
    try {
      const asset = await createAsset(input);
      notifications.show({ color: 'teal', message: `Asset ${asset.tag} added.` });
      onCreated();
      close();
    } catch (error) {
      applyServerError(error, setError, ['tag', 'name', 'serialNumber']);
    }
  });
  return (
    <Modal opened={opened} onClose={close} title="Add asset">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={2} spacing="sm">
            <TextInput label="Asset tag" required placeholder="LAP-0042" data-autofocus error={formState.errors.tag?.message} {...register('tag')} />
            <TextInput label="Name" required placeholder="ThinkPad T14" error={formState.errors.name?.message} {...register('name')} />
            <TextInput label="Category" placeholder="Laptop" {...register('category')} />
            <TextInput label="Serial number" error={formState.errors.serialNumber?.message} {...register('serialNumber')} />
          </SimpleGrid>
          <Textarea label="Notes" autosize minRows={2} {...register('notes')} />
          {formState.errors.root?.server ? (
            <Text size="sm" c="red" role="alert">
              {formState.errors.root.server.message}
            </Text>
          ) : null}
          <Group justify="flex-end" gap="xs">
            <Button type="button" variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={formState.isSubmitting}>
              Add asset
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
