import type { ReactNode } from 'react';
import { Modal, Stack, Text } from '@mantine/core';
import type { ButtonProps } from '@mantine/core';
import { DialogActions, useDialogAction } from './dialog-actions';

interface ConfirmDialogProps {
  readonly opened: boolean;
  readonly title: string;
  /** What will happen, in plain words. */
  readonly children: ReactNode;
  readonly confirmLabel: string;
  readonly confirmColor?: ButtonProps['color'];
  readonly onClose: () => void;
  /** The action; the dialog closes when it resolves and shows the server's refusal when it throws. */
  readonly onConfirm: () => Promise<void>;
}

/** "Are you sure?" for actions that change a member or cannot be undone (issue #16, item 10). */
export function ConfirmDialog({ opened, title, children, confirmLabel, confirmColor, onClose, onConfirm }: ConfirmDialogProps) {
  const { error, isBusy, run, reset } = useDialogAction();
  const close = () => {
    reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={title}>
      <Stack gap="sm">
        {typeof children === 'string' ? <Text size="sm">{children}</Text> : children}
        <DialogActions
          error={error}
          isBusy={isBusy}
          confirmLabel={confirmLabel}
          {...(confirmColor ? { confirmColor } : {})}
          onCancel={close}
          onConfirm={() =>
            void run(async () => {
              await onConfirm();
              close();
            })
          }
        />
      </Stack>
    </Modal>
  );
}
