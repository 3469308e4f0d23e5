import { Alert, Code, Container, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useSessionStore } from '../stores/session-store';
import { IconKey } from './icons';

/** Shown when there is no admin token (or the core refused it): how to get in. */
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
              The core refused this page's admin token, usually because SCIM Desk was restarted with a new token.
            </Alert>
          ) : (
            <Alert color="blue" title="Open the Admin UI link to sign in" icon={<IconKey />}>
              This page needs the admin token, which comes with the link SCIM Desk prints at start-up.
            </Alert>
          )}
          <Text size="sm">To open the admin interface:</Text>
          <List size="sm" spacing={6} type="ordered">
            <List.Item>
              In the desktop app, use <b>Open SCIM Desk</b> from the tray icon; the window signs in by itself.
            </List.Item>
            <List.Item>
              When running headless (<Code>npm run serve</Code>), open the <Code>Admin UI: http://127.0.0.1:…/#token=…</Code> link printed on start-up.
            </List.Item>
            <List.Item>The token stays in this browser tab only; closing the tab signs you out.</List.Item>
          </List>
        </Stack>
      </Paper>
    </Container>
  );
}
