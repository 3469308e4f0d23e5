import { useEffect, useMemo, useState } from 'react';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { MemberSummary } from '../../../shared/api/members';
import { fetchMemberPage } from '../api/members-api';
import { DEFAULT_MEMBER_QUERY } from '../stores/members-view-store';

interface MemberPickerProps {
  readonly label: string;
  readonly value: string | null;
  readonly onChange: (memberId: string | null, member: MemberSummary | null) => void;
  readonly description?: string;
  readonly placeholder?: string;
  /** Only active members (checkout cannot go to a deactivated member). */
  readonly activeOnly?: boolean;
  readonly error?: string | undefined;
}

function optionLabel(m: MemberSummary): string {
  const name = m.displayName ?? ([m.firstName, m.lastName].filter(Boolean).join(' ') || m.userName);
  return name === m.userName ? name : `${name} (${m.userName})`;
}

/** A searchable member select that asks the server (the list can hold 100,000 members). */
export function MemberPicker({ label, value, onChange, description, placeholder, activeOnly, error }: MemberPickerProps) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 200);
  const [found, setFound] = useState<ReadonlyArray<MemberSummary>>([]);
  const [selected, setSelected] = useState<MemberSummary | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    const isSelectedLabel = selected !== null && debounced === optionLabel(selected);
    fetchMemberPage({ ...DEFAULT_MEMBER_QUERY, query: isSelectedLabel ? '' : debounced, active: activeOnly ? 'true' : '' }, null, 20, controller.signal).then(
      (page) => {
        setFound(page.members);
        setLoadError(null);
      },
      (e: unknown) => {
        if (!controller.signal.aborted) setLoadError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => controller.abort();
  }, [debounced, activeOnly, selected]);

  const data = useMemo(() => {
    const list = selected && !found.some((m) => m.id === selected.id) ? [selected, ...found] : found;
    return list.map((m) => ({ value: m.id, label: optionLabel(m) }));
  }, [found, selected]);

  return (
    <Select
      label={label}
      description={description}
      placeholder={placeholder ?? 'Search by name, email or userName'}
      searchable
      clearable
      data={data}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={loadError ?? (debounced ? 'No member matches' : 'No members yet')}
      error={error}
      onChange={(id) => {
        const member = found.find((m) => m.id === id) ?? (selected?.id === id ? selected : null);
        setSelected(member);
        onChange(id, member);
      }}
    />
  );
}
