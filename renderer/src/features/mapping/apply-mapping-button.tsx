import { useState } from 'react';
import { Alert, Button, Group, Modal, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { applyMappings, type ApplyResult } from '../../api/mapping-api';
import { errorMessage } from '../../api/http-client';
import { plural } from '../../lib/format';

type Step = { readonly kind: 'closed' } | { readonly kind: 'counting' } | { readonly kind: 'confirm'; readonly count: ApplyResult } | { readonly kind: 'error'; readonly message: string };

/**
 * "Apply to existing members": a dry run counts who would change, the confirmation says so, then
 * the server re-derives every member's fields in one transaction.
 */
export function ApplyMappingButton({ isDirty }: { readonly isDirty: boolean }) {
  const [step, setStep] = useState<Step>({ kind: 'closed' });
  const [isApplying, setApplying] = useState(false);
  const start = async () => {
    setStep({ kind: 'counting' });
    try {
      setStep({ kind: 'confirm', count: await applyMappings(true) });
    } catch (e) {
      setStep({ kind: 'error', message: errorMessage(e) });
    }
  };
  const apply = async () => {
    setApplying(true);
    try {
      const result = await applyMappings(false);
      notifications.show({ color: 'teal', message: `Mapping applied: ${plural(result.changed, 'member')} updated.` });
      setStep({ kind: 'closed' });
    } catch (e) {
      setStep({ kind: 'error', message: errorMessage(e) });
    } finally {
      setApplying(false);
    }
  };
  const button = (
    <Button type="button" variant="default" onClick={() => void start()} loading={step.kind === 'counting'} disabled={isDirty}>
      Apply to existing members…
    </Button>
  );
  return (
    <>
      {isDirty ? (
        <Tooltip label="Save the table first" withArrow>
          <span>{button}</span>
        </Tooltip>
      ) : (
        button
      )}
      <Modal opened={step.kind === 'confirm' || step.kind === 'error'} onClose={() => setStep({ kind: 'closed' })} title="Apply the mapping to existing members">
        {step.kind === 'confirm' ? (
          <Stack gap="sm">
            <Text size="sm">
              {step.count.changed === 0
                ? `No member changes: all ${plural(step.count.total, 'member')} already match the saved mapping.`
                : `${plural(step.count.changed, 'member')} of ${step.count.total} will change. Their fields are re-derived from the SCIM data the IdP sent, in one transaction; each change is recorded in the member’s history.`}
            </Text>
            <Group justify="flex-end" gap="xs">
              <Button type="button" variant="default" onClick={() => setStep({ kind: 'closed' })}>
                Cancel
              </Button>
              <Button type="button" loading={isApplying} disabled={step.count.changed === 0} onClick={() => void apply()}>
                Update {plural(step.count.changed, 'member')}
              </Button>
            </Group>
          </Stack>
        ) : null}
        {step.kind === 'error' ? (
          <Stack gap="sm">
            <Alert color="red" role="alert">
              {step.message}
            </Alert>
            <Group justify="flex-end">
              <Button type="button" variant="default" onClick={() => void start()}>
                Retry
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>
    </>
  );
}
