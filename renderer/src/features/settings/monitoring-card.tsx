import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, Modal, Stack, Text } from '@mantine/core';
import type { MetricsTokenCreated, MetricsTokenInfo } from '../../../../shared/api/ops';
import { createMetricsToken, fetchMetricsToken } from '../../api/ops-api';
import { useAsync } from '../../lib/use-async';
import { formatDateTime } from '../../lib/format';
import { CopyField } from '../../components/copy-field';
import { IconAlert, IconKey } from '../../components/icons';
import { DialogActions, useDialogAction } from '../../components/dialog-actions';

interface ReplaceDialogProps {
  readonly opened: boolean;
  readonly onClose: () => void;
  readonly onCreated: (created: MetricsTokenCreated) => void;
}

function ReplaceDialog({ opened, onClose, onCreated }: ReplaceDialogProps) {
  const { error, isBusy, run } = useDialogAction();
  return (
    <Modal opened={opened} onClose={onClose} title="Replace the metrics token?">
      <Stack gap="sm">
        <Text size="sm">The current token stops working at once: update the Prometheus scrape configuration with the new one.</Text>
        <DialogActions error={error} isBusy={isBusy} confirmLabel="Replace token" confirmColor="orange" onCancel={onClose} onConfirm={() => void run(async () => onCreated(await createMetricsToken()))} />
      </Stack>
    </Modal>
  );
}

function TokenState({ info }: { readonly info: MetricsTokenInfo | null }) {
  if (info === null) return null;
  return (
    <Badge color={info.hasToken ? 'teal' : 'gray'} variant="light">
      {info.hasToken ? 'Metrics on' : 'Metrics off'}
    </Badge>
  );
}

/** Monitoring: `/ping` for health checks, `/metrics` for Prometheus and its token (shown once). */
export function MonitoringCard({ scimListenUrl }: { readonly scimListenUrl: string }) {
  const token = useAsync((signal) => fetchMetricsToken(signal), 'metrics-token');
  const [fresh, setFresh] = useState<MetricsTokenCreated | null>(null);
  const [isDialogOpen, setDialogOpen] = useState(false);
  const { error, isBusy, run } = useDialogAction();
  const info = token.state.status === 'ready' ? token.state.data : null;
  const origin = scimListenUrl.replace(/\/scim\/v2\/?$/, '');
  const onCreated = (created: MetricsTokenCreated): void => {
    setDialogOpen(false);
    setFresh(created);
    token.setData({ hasToken: true, createdAt: created.createdAt });
  };
  return (
    <Card withBorder padding="md" component="section" aria-label="Monitoring">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs">
            <Text fw={600}>Monitoring</Text>
            <TokenState info={info} />
          </Group>
          <Button
            type="button"
            variant={info?.hasToken ? 'default' : 'filled'}
            leftSection={<IconKey size={16} />}
            loading={isBusy}
            disabled={info === null}
            onClick={() => (info?.hasToken ? setDialogOpen(true) : void run(async () => onCreated(await createMetricsToken())))}
          >
            {info?.hasToken ? 'Replace token…' : 'Generate token'}
          </Button>
        </Group>
        <CopyField label="Health check (no authentication)" value={`${origin}/ping`} description="For uptime monitors and the proxy's or tunnel's health check. Writes nothing." />
        <CopyField
          label="Prometheus metrics"
          value={`${origin}/metrics`}
          description={info?.hasToken ? `Bearer: the metrics token (created ${formatDateTime(info.createdAt)}).` : 'Off until a metrics token exists.'}
        />
        {error ? (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        ) : null}
        {fresh ? (
          <Alert color="yellow" variant="light" icon={<IconAlert />} title="Copy the metrics token now — it is shown only once" withCloseButton closeButtonLabel="Hide the token" onClose={() => setFresh(null)}>
            <CopyField label="New metrics token" value={fresh.metricsToken} description="Prometheus: authorization: { type: Bearer, credentials_file: … }" />
          </Alert>
        ) : null}
      </Stack>
      <ReplaceDialog opened={isDialogOpen} onClose={() => setDialogOpen(false)} onCreated={onCreated} />
    </Card>
  );
}
