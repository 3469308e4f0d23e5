import { useEffect } from 'react';
import { Button, Card, Group, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { SettingsSchema, type SettingsView } from '../../../../shared/api/settings';
import { useSettingsStore } from '../../stores/settings-store';
import { applyServerError } from '../../lib/form-errors';
import { CopyField } from '../../components/copy-field';

const FormSchema = SettingsSchema.pick({ publicBaseUrl: true });
type FormValues = { publicBaseUrl: string };

/** The public base URL (tunnel / reverse proxy) and the Tenant URL built from it. */
export function TenantUrlCard({ view }: { readonly view: SettingsView }) {
  const save = useSettingsStore((s) => s.save);
  const form = useForm<FormValues>({ resolver: zodResolver(FormSchema) as never, defaultValues: { publicBaseUrl: view.publicBaseUrl } });
  const { register, handleSubmit, formState, reset, setError } = form;
  useEffect(() => reset({ publicBaseUrl: view.publicBaseUrl }), [view.publicBaseUrl, reset]);

  const onSubmit = handleSubmit(async (values) => {
    try {
      await save({ publicBaseUrl: values.publicBaseUrl.trim() as SettingsView['publicBaseUrl'] });
      notifications.show({ color: 'teal', message: 'Public base URL saved.' });
    } catch (error) {
      applyServerError(error, setError, ['publicBaseUrl']);
    }
  });

  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Text fw={600}>Connector base URL</Text>
        <CopyField
          label="SCIM connector base URL"
          value={view.tenantUrl}
          placeholder="Set the public base URL below"
          description="Paste into Entra ID’s “Tenant URL” or Okta’s “SCIM connector base URL”."
        />
        <form onSubmit={(e) => void onSubmit(e)} noValidate>
          <Group gap="xs" align="flex-start" wrap="nowrap">
            <TextInput
              style={{ flex: 1 }}
              label="Public base URL"
              description="The HTTPS address the IdP reaches this machine at (your tunnel or reverse proxy). Leave empty to use the listener address."
              placeholder="https://scim.example.com"
              error={formState.errors.publicBaseUrl?.message ?? formState.errors.root?.server?.message}
              {...register('publicBaseUrl')}
            />
            <Button type="submit" mt={42} loading={formState.isSubmitting} disabled={!formState.isDirty}>
              Save
            </Button>
          </Group>
        </form>
        <Text size="xs" c="dimmed">
          SCIM listener on this machine: <code>{view.scimListenUrl}</code>
        </Text>
      </Stack>
    </Card>
  );
}
