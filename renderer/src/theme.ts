import { createTheme, defaultVariantColorsResolver, type VariantColorsResolver } from '@mantine/core';

/** Neutral (gray) light badges read as black patches in the dark theme; give them a quiet tint in both. */
const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  if (input.variant === 'light' && input.color === 'gray') {
    return { ...colors, background: 'light-dark(var(--mantine-color-gray-1), var(--mantine-color-dark-5))', color: 'light-dark(var(--mantine-color-gray-7), var(--mantine-color-dark-0))' };
  }
  return colors;
};

/** Dense, neutral admin look; system fonts only (the CSP allows no external fonts). */
export const theme = createTheme({
  primaryColor: 'indigo',
  variantColorResolver,
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, "SF Mono", "Cascadia Code", Menlo, Consolas, monospace',
  headings: { fontWeight: '650' },
  components: {
    Button: { defaultProps: { size: 'sm' } },
    TextInput: { defaultProps: { size: 'sm' } },
    Select: { defaultProps: { size: 'sm', allowDeselect: false } },
    Table: { defaultProps: { verticalSpacing: 6, fz: 'sm' } },
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close dialog' } } },
    Drawer: { defaultProps: { closeButtonProps: { 'aria-label': 'Close panel' } } },
  },
});
