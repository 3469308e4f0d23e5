import type { ReactNode } from 'react';

/**
 * A view that fills the window below the header (lists that scroll inside themselves rather than
 * scrolling the page).
 */
export function FillHeight({ children }: { readonly children: ReactNode }) {
  return <div style={{ height: 'calc(100dvh - var(--app-shell-header-height, 48px) - 2 * var(--mantine-spacing-md))', display: 'flex', flexDirection: 'column', minHeight: 360 }}>{children}</div>;
}
