import { useEffect, useRef, useState } from 'react';
import { Group, Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { MemberQuery } from '../../api/members-api';
import { rolesOrEmpty, useRolesStore } from '../../stores/roles-store';
import { IconSearch } from '../../components/icons';

interface MemberFiltersProps {
  readonly query: MemberQuery;
  readonly onChange: (patch: Partial<MemberQuery>) => void;
}

const ANY = [{ value: '', label: 'Any' }];

/** Search (as you type) and the list filters. */
export function MemberFilters({ query, onChange }: MemberFiltersProps) {
  const roles = rolesOrEmpty(useRolesStore((s) => s.roles));
  const [text, setText] = useState(query.query);
  const [debounced] = useDebouncedValue(text, 200);
  const latest = useRef({ query, onChange });
  latest.current = { query, onChange };
  useEffect(() => {
    // Only the typed text triggers a search; the latest props are read from the ref.
    if (debounced !== latest.current.query.query) latest.current.onChange({ query: debounced });
  }, [debounced]);
  return (
    <Group gap="xs" align="flex-end" mb="sm" wrap="wrap">
      <TextInput
        label="Search members"
        placeholder="Name, email or userName"
        leftSection={<IconSearch size={16} />}
        w={280}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        type="search"
      />
      <Select
        label="Status"
        w={120}
        data={[...ANY, { value: 'true', label: 'Active' }, { value: 'false', label: 'Inactive' }]}
        value={query.active}
        onChange={(v) => onChange({ active: (v ?? '') as MemberQuery['active'] })}
      />
      <Select
        label="Role"
        w={170}
        searchable
        data={[...ANY, ...roles.map((r) => ({ value: String(r.id), label: r.name }))]}
        value={query.role}
        onChange={(v) => onChange({ role: v ?? '' })}
      />
      <Select
        label="Holds assets"
        w={120}
        data={[...ANY, { value: 'true', label: 'Yes' }, { value: 'false', label: 'No' }]}
        value={query.holdsAssets}
        onChange={(v) => onChange({ holdsAssets: (v ?? '') as MemberQuery['holdsAssets'] })}
      />
      <Select
        label="Sort by"
        w={170}
        data={[
          { value: 'name', label: 'Name (A–Z)' },
          { value: '-name', label: 'Name (Z–A)' },
          { value: 'userName', label: 'userName (A–Z)' },
          { value: '-userName', label: 'userName (Z–A)' },
          { value: '-updated', label: 'Recently updated' },
          { value: 'updated', label: 'Least recently updated' },
        ]}
        value={query.sort}
        onChange={(v) => onChange({ sort: (v ?? 'name') as MemberQuery['sort'] })}
      />
    </Group>
  );
}
