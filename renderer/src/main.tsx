import './zod-config';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { theme } from './theme';
import { App } from './app';
import { captureTokenFromLocation } from './stores/session-store';

// Before anything renders: take the token out of the address bar (a hash change could replace it).
captureTokenFromLocation();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <MantineProvider theme={theme} defaultColorScheme="auto">
        <Notifications position="bottom-right" limit={4} />
        <App />
      </MantineProvider>
    </StrictMode>,
  );
}
