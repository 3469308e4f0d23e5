import { Code, ScrollArea } from '@mantine/core';

interface JsonBlockProps {
  readonly value: unknown;
  readonly label: string;
  readonly maxHeight?: number;
}

/** Pretty-printed JSON in a scrollable, labelled region. */
export function JsonBlock({ value, label, maxHeight = 320 }: JsonBlockProps) {
  const text = value === null || value === undefined ? '(none)' : JSON.stringify(value, null, 2);
  return (
    <ScrollArea.Autosize mah={maxHeight} type="auto" role="region" aria-label={label} tabIndex={0}>
      <Code block fz="xs">
        {text}
      </Code>
    </ScrollArea.Autosize>
  );
}
