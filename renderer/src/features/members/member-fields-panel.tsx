import { useEffect } from 'react';
import { DataList, Text } from '@mantine/core';
import { MEMBER_FIELD_LABELS } from '../../../../shared/api/mapping';
import type { MemberDetail } from '../../../../shared/api/members';
import { formatDateTime } from '../../lib/format';
import { safeText } from '../../lib/safe-text';
import { useCustomFieldsStore } from '../../stores/custom-fields-store';

function Row({ label, value, mono }: { readonly label: string; readonly value: string | null | undefined; readonly mono?: boolean }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>
        {value === null || value === undefined || value === '' ? (
          <Text span c="dimmed" size="sm">
            —
          </Text>
        ) : (
          <Text span size="sm" ff={mono ? 'monospace' : 'text'} style={{ wordBreak: 'break-word' }}>
            {safeText(value)}
          </Text>
        )}
      </DataList.ItemValue>
    </DataList.Item>
  );
}

/** Member fields (as derived through the mapping), custom fields and identifiers. */
export function MemberFieldsPanel({ member }: { readonly member: MemberDetail }) {
  // Custom fields by their labels (issue #16: the detail showed keys, "title (custom)").
  const labels = useCustomFieldsStore((s) => s.labels);
  const isLoaded = useCustomFieldsStore((s) => s.isLoaded);
  useEffect(() => {
    if (!isLoaded) void useCustomFieldsStore.getState().load();
  }, [isLoaded]);
  // Values of a field deleted meanwhile (the delete clears them) are not shown.
  const custom = Object.entries(member.custom).filter(([k]) => !isLoaded || k in labels);
  const fieldKeys = Object.keys(MEMBER_FIELD_LABELS).filter((k) => k in member.fields);
  const extraKeys = Object.keys(member.fields).filter((k) => !(k in MEMBER_FIELD_LABELS));
  return (
    <DataList size="sm" labelWidth={170} gap={2} withDivider>
      <Row label="User name" value={member.userName} mono />
      {fieldKeys.map((k) => (
        <Row key={k} label={(MEMBER_FIELD_LABELS as Record<string, string>)[k] ?? k} value={member.fields[k]} />
      ))}
      {extraKeys.map((k) => (
        <Row key={k} label={k} value={member.fields[k]} />
      ))}
      {custom.map(([k, v]) => (
        <Row key={`custom:${k}`} label={labels[k] ?? k} value={v === null ? null : String(v)} />
      ))}
      <Row label="SCIM id" value={member.id} mono />
      <Row label="External ID" value={member.externalId} mono />
      <Row label="Created" value={formatDateTime(member.createdAt)} />
      <Row label="Last provisioned" value={member.lastProvisionedAt ? formatDateTime(member.lastProvisionedAt) : null} />
      <Row label="Updated" value={formatDateTime(member.updatedAt)} />
    </DataList>
  );
}
