import { ActionIcon, Menu, useMantineColorScheme, type MantineColorScheme } from '@mantine/core';

const CHOICES: ReadonlyArray<{ readonly value: MantineColorScheme; readonly label: string }> = [
  { value: 'auto', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

function Icon({ scheme }: { readonly scheme: MantineColorScheme }) {
  const d = scheme === 'dark' ? 'M20 14.5A8 8 0 1 1 9.5 4a6.5 6.5 0 0 0 10.5 10.5z' : scheme === 'light' ? 'M12 4v2M12 18v2M4 12h2M18 12h2M6.3 6.3l1.4 1.4M16.3 16.3l1.4 1.4M6.3 17.7l1.4-1.4M16.3 7.7l1.4-1.4M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8z' : 'M4 5h16v11H4zM9 20h6M12 16v4';
  return (
    <svg width={18} height={18} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d={d} />
    </svg>
  );
}

/** System, light or dark; Mantine remembers the choice in this browser (localStorage). */
export function ThemeMenu() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const current = CHOICES.find((c) => c.value === colorScheme) ?? CHOICES[0];
  return (
    <Menu position="bottom-end" width={160}>
      <Menu.Target>
        <ActionIcon type="button" variant="subtle" color="gray" aria-label={`Theme: ${current?.label ?? 'System'}`}>
          <Icon scheme={colorScheme} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Theme</Menu.Label>
        {CHOICES.map((c) => (
          <Menu.Item key={c.value} onClick={() => setColorScheme(c.value)} rightSection={c.value === colorScheme ? <span aria-hidden="true">✓</span> : null}>
            {c.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
