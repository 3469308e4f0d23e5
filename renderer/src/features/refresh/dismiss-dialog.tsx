import { useEffect, useState } from 'react';
import { Modal, Stack, Text, Textarea } from '@mantine/core';
import type { ReviewProblem } from '../../../../shared/api/refresh';
import { dismissProblem } from '../../api/review-api';
import { DialogActions, useDialogAction } from '../../components/dialog-actions';
import { safeText } from '../../lib/safe-text';

interface DismissDialogProps {
  readonly problem: ReviewProblem | null;
  readonly onClose: () => void;
  readonly onDone: () => void;
}

/** Close one problem with a reason; the IdP retrying it does not bring it back. */
export function DismissDialog({ problem, onClose, onDone }: DismissDialogProps) {
  const [reason, setReason] = useState('');
  const { error, isBusy, run, reset } = useDialogAction();
  useEffect(() => {
    setReason('');
    reset();
  }, [problem, reset]);
  const tooShort = reason.trim().length < 3;
  return (
    <Modal opened={problem !== null} onClose={onClose} title="Dismiss this problem">
      <Stack gap="sm">
        <Text size="sm">
          {problem?.userName ? <b>{safeText(problem.userName)}</b> : 'This problem'} leaves “Needs your action”. If the identity provider keeps
          retrying, it stays dismissed; it comes back only after it was resolved and happens again.
        </Text>
        <Textarea
          label="Reason"
          description="Kept with the problem, for whoever looks later."
          placeholder="e.g. Laptop reported lost; HR is handling it"
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          maxLength={500}
          autosize
          minRows={2}
          data-autofocus
          error={reason.length > 0 && tooShort ? 'Say in a few words why (at least 3 characters).' : undefined}
        />
        <DialogActions
          error={error}
          isBusy={isBusy}
          confirmLabel="Dismiss"
          isDisabled={tooShort}
          onCancel={onClose}
          onConfirm={() =>
            void run(async () => {
              if (!problem) return;
              await dismissProblem(problem.id, reason.trim());
              onDone();
            })
          }
        />
      </Stack>
    </Modal>
  );
}
