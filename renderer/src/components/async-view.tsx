import type { ReactNode } from 'react';
import { Alert, Button, Center, Group, Loader, Text } from '@mantine/core';
import { errorMessage } from '../api/http-client';
import type { AsyncState } from '../lib/use-async';
import { IconAlert, IconRefresh } from './icons';

interface ErrorStateProps {
  readonly title: string;
  readonly error: unknown;
  readonly onRetry: () => void;
}

/** A failed fetch: what failed, the server's message, and a way out (never a dead end). */
export function ErrorState({ title, error, onRetry }: ErrorStateProps) {
  return (
    <Alert color="red" variant="light" title={title} icon={<IconAlert />} role="alert">
      <Text size="sm" mb="xs">
        {errorMessage(error)}
      </Text>
      <Group gap="xs">
        <Button type="button" size="xs" variant="default" leftSection={<IconRefresh size={14} />} onClick={onRetry}>
          Retry
        </Button>
      </Group>
    </Alert>
  );
}

export function LoadingState({ label }: { readonly label: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="xs">
        <Loader size="sm" />
        <Text size="sm" c="dimmed">
          {label}
        </Text>
      </Group>
    </Center>
  );
}

interface AsyncViewProps<T> {
  readonly state: AsyncState<T>;
  /** Names the thing being loaded: "Loading settings…", "Could not load settings". */
  readonly what: string;
  readonly onRetry: () => void;
  readonly children: (data: T) => ReactNode;
}

/** Renders loading, error (with Retry) or the data. */
export function AsyncView<T>({ state, what, onRetry, children }: AsyncViewProps<T>) {
  if (state.status === 'loading') return <LoadingState label={`Loading ${what}…`} />;
  if (state.status === 'error') return <ErrorState title={`Could not load ${what}`} error={state.error} onRetry={onRetry} />;
  return <>{children(state.data)}</>;
}
