import { useEffect } from 'react';
import { Alert, Badge, Button, Card, Group, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { SettingsSchema, type SettingsView } from '../../../../shared/api/settings';
import type { AcmeSettings, TlsStatus } from '../../../../shared/api/tls';
import { fetchTlsStatus } from '../../api/ops-api';
import { useSettingsStore } from '../../stores/settings-store';
import { useAsync } from '../../lib/use-async';
import { applyServerError } from '../../lib/form-errors';
import { formatDateTime, formatRelative } from '../../lib/format';
import { IconShield } from '../../components/icons';

const FormSchema = SettingsSchema.pick({ acme: true });
type FormValues = { acme: AcmeSettings };

const MODE_LABEL: Record<TlsStatus['mode'], string> = { off: 'Plain HTTP (TLS at the proxy)', files: 'Certificate files', acme: 'Automatic (ACME)' };

function Fact({ label, value }: { readonly label: string; readonly value: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Text>
    </Stack>
  );
}

/** What runs now: the certificate, and for ACME the renewal state and its last failure. */
function TlsNow({ status }: { readonly status: TlsStatus }) {
  const cert = status.certificate;
  const acme = status.acme;
  return (
    <Stack gap="xs">
      <SimpleGrid cols={2} spacing="xs">
        <Fact label="SCIM listener" value={MODE_LABEL[status.mode]} />
        {cert ? <Fact label="Certificate for" value={cert.names.join(', ')} /> : null}
        {cert ? <Fact label="Expires" value={`${formatDateTime(cert.notAfter)} (${formatRelative(cert.notAfter)})`} /> : null}
        {cert ? <Fact label="Issued by" value={cert.issuer} /> : null}
        {acme?.nextAttemptAt ? <Fact label={acme.state === 'failed' ? 'Next attempt' : 'Renewal'} value={formatDateTime(acme.nextAttemptAt)} /> : null}
        {acme ? <Fact label="Settings from" value={acme.source === 'options' ? 'the --acme-* options' : 'Setup'} /> : null}
      </SimpleGrid>
      {acme?.lastFailure ? (
        <Alert color="red" role="alert" title={`Certificate ${cert ? 'renewal' : 'issuance'} failed ${formatRelative(acme.lastFailure.at)}${cert ? ' — the current certificate stays in service' : ''}`}>
          {acme.lastFailure.message}
        </Alert>
      ) : null}
      {status.restartRequired ? (
        <Alert color="blue" variant="light">
          The automatic TLS settings below differ from what runs now. They apply the next time SCIM Desk starts.
        </Alert>
      ) : null}
    </Stack>
  );
}

/** Automatic TLS (ACME): status of the SCIM listener's certificate and the settings Setup keeps. */
export function TlsCard({ view }: { readonly view: SettingsView }) {
  const tls = useAsync((signal) => fetchTlsStatus(signal), 'tls');
  const save = useSettingsStore((s) => s.save);
  const { control, register, handleSubmit, formState, reset, setError } = useForm<FormValues>({ resolver: zodResolver(FormSchema), defaultValues: { acme: view.acme } });
  useEffect(() => reset({ acme: view.acme }), [view.acme, reset]);
  const status = tls.state.status === 'ready' ? tls.state.data : null;
  const isLocked = status?.acme?.source === 'options' || status?.mode === 'files';
  const onSubmit = handleSubmit(async (values) => {
    try {
      await save({ acme: { ...values.acme, domain: values.acme.domain.trim(), email: values.acme.email.trim() } });
      notifications.show({ color: 'teal', message: 'Automatic TLS saved. It applies the next time SCIM Desk starts.' });
      tls.reload();
    } catch (error) {
      applyServerError(error, setError, ['acme.domain', 'acme.email', 'acme.directory', 'acme.caFile', 'acme.httpPort']);
    }
  });
  const err = formState.errors.acme;
  return (
    <Card withBorder padding="md" component="section" aria-label="Automatic TLS">
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <Stack gap="sm">
          <Group justify="space-between">
            <Group gap="xs">
              <IconShield size={18} />
              <Text fw={600}>Automatic TLS</Text>
            </Group>
            {status?.acme ? (
              <Badge color={status.acme.state === 'valid' ? 'teal' : status.acme.state === 'failed' ? 'red' : 'blue'} variant="light">
                {status.acme.state === 'valid' ? 'Certificate valid' : status.acme.state === 'failed' ? 'Renewal failing' : 'Obtaining certificate'}
              </Badge>
            ) : null}
          </Group>
          <Text size="sm" c="dimmed">
            Without a proxy or tunnel in front, SCIM Desk can get and renew a Let’s Encrypt certificate itself. The CA checks port 80 of the domain.
          </Text>
          {status ? <TlsNow status={status} /> : null}
          {isLocked ? (
            <Text size="xs" c="dimmed">
              {status?.mode === 'files' ? 'The SCIM listener uses --tls-cert/--tls-key; these settings are not used.' : 'Set by the --acme-* options of this start; these settings are used when those are removed.'}
            </Text>
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            <TextInput label="Domain" placeholder="scim.example.com" disabled={isLocked} error={err?.domain?.message} {...register('acme.domain')} />
            <TextInput label="Email for the CA" placeholder="it@example.com" disabled={isLocked} error={err?.email?.message} {...register('acme.email')} />
            <TextInput label="ACME directory" placeholder="Let’s Encrypt (default)" disabled={isLocked} error={err?.directory?.message} {...register('acme.directory')} />
            <TextInput label="Extra CA file (private ACME server)" placeholder="/etc/step-ca/root.pem" disabled={isLocked} error={err?.caFile?.message} {...register('acme.caFile')} />
            <Controller
              control={control}
              name="acme.httpPort"
              render={({ field, fieldState }) => (
                <NumberInput label="Challenge port (HTTP)" min={1} max={65535} disabled={isLocked} value={field.value} onChange={(v) => field.onChange(Number(v))} error={fieldState.error?.message} />
              )}
            />
          </SimpleGrid>
          {formState.errors.root?.server ? (
            <Alert color="red" role="alert">
              {formState.errors.root.server.message}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button type="submit" loading={formState.isSubmitting} disabled={isLocked || !formState.isDirty}>
              Save automatic TLS
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
