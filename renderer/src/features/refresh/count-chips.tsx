import { Chip, Group } from '@mantine/core';
import { formatCount } from '../../lib/format';

interface CountChipsProps<T extends string> {
  /** What the chips filter, for screen readers ("Show changes of kind"). */
  readonly label: string;
  readonly total: number;
  readonly counts: ReadonlyArray<{ readonly value: T; readonly count: number }>;
  readonly nameOf: (value: T) => string;
  /** The chosen value, or null for all. */
  readonly value: T | null;
  readonly onChange: (value: T | null) => void;
}

/** "All 1,234" then one chip per kind with its count: the review's filters of changes and of problems. */
export function CountChips<T extends string>({ label, total, counts, nameOf, value, onChange }: CountChipsProps<T>) {
  return (
    <Chip.Group multiple={false} value={value ?? 'all'} onChange={(v) => onChange(v === 'all' ? null : (v as T))}>
      <Group gap={6} role="group" aria-label={label}>
        <Chip value="all" size="xs">
          All {formatCount(total)}
        </Chip>
        {counts.map((c) => (
          <Chip key={c.value} value={c.value} size="xs">
            {nameOf(c.value)} {formatCount(c.count)}
          </Chip>
        ))}
      </Group>
    </Chip.Group>
  );
}
