import { memo, useEffect, useRef, useState } from 'react';
import { Button, Group, Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { LOG_OPERATIONS } from '../../../../shared/api/log-events';
import { EMPTY_LOG_QUERY, type LogQuery } from '../../api/log-api';
import { describeOperation } from './log-labels';

interface LogFiltersProps {
  readonly query: LogQuery;
  readonly onChange: (query: LogQuery) => void;
}

/** `datetime-local` value (local time, no zone) ⇄ ISO string for the API. */
function toIso(local: string): string {
  if (!local) return '';
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}
function toLocal(iso: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const OPERATION_OPTIONS = LOG_OPERATIONS.map((op) => ({ value: op, label: describeOperation(op) }));
const CLIENT_OPTIONS = ['Entra ID', 'Okta', 'OneLogin', 'JumpCloud', 'Ping', 'other'];

/** Filters by operation, result, client, member and time range; text inputs apply as you type. Memoised: streamed rows do not re-render it. */
export const LogFilters = memo(function LogFilters({ query, onChange }: LogFiltersProps) {
  const [member, setMember] = useState(query.member);
  const [debouncedMember] = useDebouncedValue(member, 300);
  // Only the typed text triggers this effect; the latest query and callback are read from a ref.
  const latest = useRef({ query, onChange });
  latest.current = { query, onChange };
  useEffect(() => {
    const { query: q, onChange: change } = latest.current;
    if (debouncedMember !== q.member) change({ ...q, member: debouncedMember });
  }, [debouncedMember]);
  const isFiltered = JSON.stringify(query) !== JSON.stringify(EMPTY_LOG_QUERY);
  return (
    <Group gap="xs" align="flex-end" mb="sm" wrap="wrap">
      <Select
        label="Operation"
        placeholder="Any"
        clearable
        searchable
        allowDeselect
        w={180}
        data={OPERATION_OPTIONS}
        value={query.operation || null}
        onChange={(v) => onChange({ ...query, operation: v ?? '' })}
      />
      <Select
        label="Result"
        placeholder="Any"
        clearable
        allowDeselect
        w={110}
        data={[
          { value: 'success', label: 'Success' },
          { value: 'failure', label: 'Failure' },
        ]}
        value={query.result || null}
        onChange={(v) => onChange({ ...query, result: (v ?? '') as LogQuery['result'] })}
      />
      <Select label="Client" placeholder="Any" clearable allowDeselect w={120} data={CLIENT_OPTIONS} value={query.client || null} onChange={(v) => onChange({ ...query, client: v ?? '' })} />
      <TextInput label="Member" placeholder="Exact userName or id" w={180} value={member} onChange={(e) => setMember(e.currentTarget.value)} />
      <TextInput label="From" type="datetime-local" w={190} value={toLocal(query.since)} onChange={(e) => onChange({ ...query, since: toIso(e.currentTarget.value) })} />
      <TextInput label="To" type="datetime-local" w={190} value={toLocal(query.until)} onChange={(e) => onChange({ ...query, until: toIso(e.currentTarget.value) })} />
      <Button
        type="button"
        variant="subtle"
        disabled={!isFiltered}
        onClick={() => {
          setMember('');
          onChange(EMPTY_LOG_QUERY);
        }}
      >
        Clear filters
      </Button>
    </Group>
  );
});
