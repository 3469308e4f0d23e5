import { useState } from 'react';
import { Alert, Badge, Button, Card, Code, CopyButton, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import type { SelfCheckResult, SelfCheckStep } from '../../../../shared/api/ops';
import { runSelfCheck } from '../../api/ops-api';
import { errorMessage } from '../../api/http-client';
import { formatDateTime } from '../../lib/format';
import { IconAlert, IconCheck, IconPulse } from '../../components/icons';

const CONFIG_NAMES = { nginx: 'nginx', caddy: 'Caddy', cloudflared: 'cloudflared' } as const;

function StepIcon({ step }: { readonly step: SelfCheckStep }) {
  if (step.ok)
    return (
      <ThemeIcon color="teal" variant="light" size={22} radius="xl" aria-label="passed">
        <IconCheck size={14} />
      </ThemeIcon>
    );
  return (
    <ThemeIcon color={step.skipped ? 'gray' : 'red'} variant="light" size={22} radius="xl" aria-label={step.skipped ? 'not checked' : 'failed'}>
      {step.skipped ? <Text size="xs">–</Text> : <IconAlert size={14} />}
    </ThemeIcon>
  );
}

/** One step: what was checked, what was found and, when it failed, the fix in words and configuration. */
function StepItem({ step }: { readonly step: SelfCheckStep }) {
  return (
    <Group component="li" align="flex-start" wrap="nowrap" gap="sm" aria-label={`${step.label}: ${step.ok ? 'passed' : step.skipped ? 'not checked' : 'failed'}`}>
      <StepIcon step={step} />
      <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
        <Text size="sm" fw={600} {...(step.skipped ? { c: 'dimmed' } : {})}>
          {step.label}
        </Text>
        <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {step.detail}
        </Text>
        {step.fix ? (
          <Alert color="orange" variant="light" p="xs" title="How to fix it">
            <Stack gap={6}>
              <Text size="sm">{step.fix.text}</Text>
              {step.fix.config ? (
                <Stack gap={4}>
                  <Group justify="space-between">
                    <Text size="xs" c="dimmed">
                      {step.fix.configFor ? `${CONFIG_NAMES[step.fix.configFor]} configuration` : 'Configuration'}
                    </Text>
                    <CopyButton value={step.fix.config}>
                      {({ copied, copy }) => (
                        <Button type="button" size="compact-xs" variant="subtle" onClick={copy} aria-label={`Copy the configuration for “${step.label}”`}>
                          {copied ? 'Copied' : 'Copy'}
                        </Button>
                      )}
                    </CopyButton>
                  </Group>
                  <Code block>{step.fix.config}</Code>
                </Stack>
              ) : null}
            </Stack>
          </Alert>
        ) : null}
      </Stack>
    </Group>
  );
}

/**
 * "Test from outside": the core calls the public base URL the IdP will use and checks it step by
 * step (DNS, TLS, that the request reaches this SCIM Desk, the Authorization header, the path, the
 * round-trip time).
 */
export function SelfCheckCard({ publicBaseUrl }: { readonly publicBaseUrl: string }) {
  const [result, setResult] = useState<SelfCheckResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isRunning, setRunning] = useState(false);
  const run = async (): Promise<void> => {
    setRunning(true);
    setError(null);
    try {
      setResult(await runSelfCheck());
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setRunning(false);
    }
  };
  const failures = result ? result.steps.filter((s) => !s.ok && !s.skipped).length : 0;
  return (
    <Card withBorder padding="md" component="section" aria-label="Test from outside">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs">
            <Text fw={600}>Test from outside</Text>
            {result ? (
              <Badge color={result.ok ? 'teal' : 'red'} variant="light">
                {result.ok ? 'All checks passed' : `${failures} ${failures === 1 ? 'check' : 'checks'} failed`}
              </Badge>
            ) : null}
          </Group>
          <Button type="button" variant={result?.ok ? 'default' : 'filled'} leftSection={<IconPulse size={16} />} loading={isRunning} onClick={() => void run()}>
            {result ? 'Test again' : 'Test from outside'}
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          Calls {publicBaseUrl ? <code>{publicBaseUrl}/scim/v2</code> : 'the public base URL'} from this machine the way the IdP will, and says what to fix in the proxy or tunnel.
        </Text>
        {error ? (
          <Alert color="red" role="alert" title="The test could not run">
            {error}
          </Alert>
        ) : null}
        {result ? (
          <>
            <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Self-check steps">
              {result.steps.map((s) => (
                <StepItem key={s.id} step={s} />
              ))}
            </Stack>
            <Text size="xs" c="dimmed">
              Checked {formatDateTime(result.checkedAt)}.
            </Text>
          </>
        ) : null}
      </Stack>
    </Card>
  );
}
