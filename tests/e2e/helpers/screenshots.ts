import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';

const DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../test-results/screenshots');

/**
 * Saves the page in the light and the dark theme (the app follows the OS colour scheme). Toasts
 * are hidden unless `withToasts`, so they do not cover the view being documented.
 */
export async function screenshotBoth(page: Page, name: string, options: { readonly withToasts?: boolean } = {}): Promise<void> {
  const hide = options.withToasts ? null : await page.addStyleTag({ content: '.mantine-Notifications-root { display: none !important; }' });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    // Let Mantine swap its colour scheme attribute and transitions settle.
    await page.waitForFunction((scheme) => document.documentElement.getAttribute('data-mantine-color-scheme') === scheme, colorScheme);
    await page.screenshot({ path: `${DIR}/${name}-${colorScheme}.png`, fullPage: true, animations: 'disabled' });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await hide?.evaluate((el) => (el as unknown as { remove(): void }).remove());
}
