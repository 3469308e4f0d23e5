import type { ReactNode } from 'react';
import { EmptyState } from '@mantine/core';

interface EmptyHintProps {
  readonly title: string;
  /** What to do next. */
  readonly description: ReactNode;
  readonly icon?: ReactNode;
  readonly action?: ReactNode;
}

/** An empty list that says what to do next. */
export function EmptyHint({ title, description, icon, action }: EmptyHintProps) {
  return (
    <EmptyState size="sm" py="xl" title={title} description={description} icon={icon} withIndicatorBackground={icon !== undefined}>
      {action ? <EmptyState.Actions>{action}</EmptyState.Actions> : null}
    </EmptyState>
  );
}
