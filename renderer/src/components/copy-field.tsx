import { ActionIcon, CopyButton, Group, TextInput, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from './icons';

interface CopyFieldProps {
  readonly label: string;
  readonly value: string;
  readonly description?: string;
  readonly placeholder?: string;
}

/** A read-only value with a copy button (Tenant URL, connector key). */
export function CopyField({ label, value, description, placeholder }: CopyFieldProps) {
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <TextInput
        label={label}
        value={value}
        readOnly
        placeholder={placeholder}
        description={description}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        style={{ flex: 1 }}
        onFocus={(e) => e.currentTarget.select()}
      />
      <CopyButton value={value} timeout={1500}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? 'Copied' : 'Copy'} withArrow>
            <ActionIcon type="button" variant={copied ? 'filled' : 'default'} color={copied ? 'teal' : 'gray'} size={36} onClick={copy} disabled={!value} aria-label={`Copy ${label}`}>
              {copied ? <IconCheck /> : <IconCopy />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}
