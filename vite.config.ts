import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Renderer build: served by the admin listener from dist/renderer in both desktop and serve modes.
// In dev, `vite` proxies /api to a running core (SCIMDESK_ADMIN_URL, default http://127.0.0.1:8081).
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': process.env.SCIMDESK_ADMIN_URL ?? 'http://127.0.0.1:8081' } },
});
