import { useCallback, useState } from 'react';
import { Alert, Button, Group } from '@mantine/core';
import type { ButtonProps } from '@mantine/core';
import { errorMessage } from '../api/http-client';

/**
 * The confirm step every action dialog shares: run the action once at a time, keep the server's
 * refusal to show it as worded, and reset when the dialog opens for something else.
 */
export function useDialogAction() {
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }, []);
  const reset = useCallback(() => setError(null), []);
  return { error, isBusy, run, reset };
}

interface DialogActionsProps {
  readonly error: string | null;
  readonly errorTitle?: string;
  readonly isBusy: boolean;
  readonly confirmLabel: string;
  readonly confirmColor?: ButtonProps['color'];
  readonly isDisabled?: boolean;
  readonly onCancel: () => void;
  readonly onConfirm: () => void;
}

/** The server's error (if any) above Cancel and the confirm button. */
export function DialogActions({ error, errorTitle, isBusy, confirmLabel, confirmColor, isDisabled = false, onCancel, onConfirm }: DialogActionsProps) {
  return (
    <>
      {error ? (
        <Alert color="red" role="alert" {...(errorTitle ? { title: errorTitle } : {})}>
          {error}
        </Alert>
      ) : null}
      <Group justify="flex-end" gap="xs">
        <Button type="button" variant="default" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="button" disabled={isDisabled} loading={isBusy} onClick={onConfirm} {...(confirmColor ? { color: confirmColor } : {})}>
          {confirmLabel}
        </Button>
      </Group>
    </>
  );
}
