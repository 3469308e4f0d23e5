import { Button, Group, Modal, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect } from 'react';
import { AssetInputSchema, type Asset, type AssetInput } from '../../../../shared/api/assets';
import { createAsset, updateAsset } from '../../api/assets-api';
import { applyServerError } from '../../lib/form-errors';

interface AddAssetDialogProps {
  readonly opened: boolean;
  /** The asset to correct; none to add one. */
  readonly asset?: Asset | null;
  readonly onClose: () => void;
  readonly onCreated: () => void;
}

const EMPTY = { tag: '', name: '', category: '', serialNumber: '', notes: '' };
type FormValues = typeof EMPTY;

const valuesOf = (a: Asset | null | undefined): FormValues =>
  a ? { tag: a.tag, name: a.name, category: a.category ?? '', serialNumber: a.serialNumber ?? '', notes: a.notes ?? '' } : EMPTY;

/** Adds one asset, or corrects one (a wrong serial, a typo in the tag). */
export function AddAssetDialog({ opened, asset, onClose, onCreated }: AddAssetDialogProps) {
  const { register, handleSubmit, formState, reset, setError } = useForm<FormValues>({ resolver: zodResolver(AssetInputSchema) as never, defaultValues: valuesOf(asset) });
  useEffect(() => {
    if (opened) reset(valuesOf(asset));
  }, [opened, asset, reset]);
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
      const saved = asset ? await updateAsset(asset.id, input) : await createAsset(input);
      notifications.show({ color: 'teal', message: asset ? `Asset ${saved.tag} saved.` : `Asset ${saved.tag} added.` });
      onCreated();
      close();
    } catch (error) {
      applyServerError(error, setError, ['tag', 'name', 'serialNumber']);
    }
  });
  return (
    <Modal opened={opened} onClose={close} title={asset ? `Edit asset ${asset.tag}` : 'Add asset'}>
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
              {asset ? 'Save changes' : 'Add asset'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
