import { useEffect } from 'react';
import { Button, Card, Group, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import type { SettingsView } from '../../../../shared/api/settings';
import { checkPublicBaseUrl, scimUrlOf } from '../../../../shared/api/public-url';
import { useSettingsStore } from '../../stores/settings-store';
import { applyServerError } from '../../lib/form-errors';
import { CopyField } from '../../components/copy-field';

/** The same check the server makes on save (shared/api/public-url.ts), as the admin types. */
const FormSchema = z.object({
  publicBaseUrl: z.string().superRefine((value, ctx) => {
    const r = checkPublicBaseUrl(value);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
  }),
});
type FormValues = { publicBaseUrl: string };

/** What the IdP will be given for the typed value, and what was changed on the way. */
function Preview({ typed, listenUrl }: { readonly typed: string; readonly listenUrl: string }) {
  const r = checkPublicBaseUrl(typed);
  if (!r.ok) return null;
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        The IdP will use: <code>{r.value ? scimUrlOf(r.value) : listenUrl}</code>
      </Text>
      {r.notes.map((n) => (
        <Text key={n} size="xs" c="blue" role="status">
          {n}
        </Text>
      ))}
    </Stack>
  );
}

/** The public base URL (tunnel / reverse proxy) and the Tenant URL built from it. */
export function TenantUrlCard({ view }: { readonly view: SettingsView }) {
  const save = useSettingsStore((s) => s.save);
  const form = useForm<FormValues>({ resolver: zodResolver(FormSchema) as never, defaultValues: { publicBaseUrl: view.publicBaseUrl }, mode: 'onChange' });
  const { register, handleSubmit, formState, reset, setError, watch } = form;
  const typed = watch('publicBaseUrl');
  useEffect(() => reset({ publicBaseUrl: view.publicBaseUrl }), [view.publicBaseUrl, reset]);

  const onSubmit = handleSubmit(async (values) => {
    try {
      const r = checkPublicBaseUrl(values.publicBaseUrl);
      const next = (r.ok ? r.value : values.publicBaseUrl.trim()) as SettingsView['publicBaseUrl'];
      await save({ publicBaseUrl: next });
      reset({ publicBaseUrl: next });
      notifications.show({ color: 'teal', message: next ? `Public base URL saved. The IdP uses ${scimUrlOf(next)}.` : 'Public base URL cleared. The IdP uses the listener address.' });
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
            <Button type="submit" mt={42} loading={formState.isSubmitting} disabled={!formState.isDirty || !formState.isValid} title={formState.isValid ? undefined : 'Fix the address first'}>
              Save
            </Button>
          </Group>
          <Preview typed={typed} listenUrl={view.scimListenUrl} />
        </form>
        <Text size="xs" c="dimmed">
          SCIM listener on this machine: <code>{view.scimListenUrl}</code>
        </Text>
      </Stack>
    </Card>
  );
}
