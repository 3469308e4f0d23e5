import { useState } from 'react';
import { Alert, Button, Code, Container, Group, List, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { routeUrl } from '../../../shared/api/route-call';
import { useSessionStore } from '../stores/session-store';
import { IconKey } from './icons';

/** Checks a pasted token against the core before keeping it, so a typo says so here. */
async function isAccepted(token: string): Promise<boolean | null> {
  try {
    const res = await fetch(routeUrl('getHealth'), { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
    return res.ok ? true : res.status === 401 ? false : null;
  } catch {
    return null;
  }
}

function SignInForm() {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const submit = async () => {
    const value = token.trim();
    if (value === '') return setError('Paste the admin token.');
    setBusy(true);
    const ok = await isAccepted(value);
    setBusy(false);
    if (ok === true) useSessionStore.getState().setToken(value);
    else setError(ok === false ? 'The core did not accept this token. Check that you copied all of it, from this machine’s SCIM Desk.' : 'Cannot reach the SCIM Desk core. Check that it is still running.');
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      noValidate
    >
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <PasswordInput
          style={{ flex: 1 }}
          label="Admin token"
          description="Paste the token to sign in this browser tab."
          value={token}
          onChange={(e) => {
            setToken(e.currentTarget.value);
            setError(null);
          }}
          error={error}
          autoComplete="off"
        />
        <Button type="submit" loading={isBusy} mb={error ? 22 : 0}>
          Sign in
        </Button>
      </Group>
    </form>
  );
}

/** Shown when there is no admin token (or the core refused it): sign in by pasting it, or how to get in. */
export function NoSession() {
  const problem = useSessionStore((s) => s.problem);
  return (
    <Container size="sm" py={64}>
      <Paper withBorder p="xl" radius="md">
        <Stack gap="md">
          <Title order={1} fz="h2">
            SCIM Desk
          </Title>
          {problem === 'rejected' ? (
            <Alert color="red" title="The admin session is no longer valid" icon={<IconKey />} role="alert">
              The core refused this page's admin token, usually because SCIM Desk was restarted with a new token. Sign in again below.
            </Alert>
          ) : (
            <Alert color="blue" title="Sign in to the Admin UI" icon={<IconKey />}>
              Open the Admin UI link SCIM Desk printed at start-up, or paste the admin token below.
            </Alert>
          )}
          <SignInForm />
          <Text size="sm">Where to find the token:</Text>
          <List size="sm" spacing={6}>
            <List.Item>
              Headless (<Code>npm run serve</Code>): the <Code>Admin UI: http://127.0.0.1:…/#token=…</Code> line printed at start-up (the part after{' '}
              <Code>#token=</Code>), or the file <Code>admin-token</Code> in the data folder.
            </List.Item>
            <List.Item>
              The desktop app never needs it: use <b>Open SCIM Desk</b> from the tray icon; the window signs in by itself.
            </List.Item>
            <List.Item>The token stays in this browser tab only; closing the tab signs you out.</List.Item>
          </List>
        </Stack>
      </Paper>
    </Container>
  );
}
