import { DataList, Text } from '@mantine/core';
import { MEMBER_FIELD_LABELS } from '../../../../shared/api/mapping';
import type { MemberDetail } from '../../../../shared/api/members';
import { formatDateTime } from '../../lib/format';

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
            {value}
          </Text>
        )}
      </DataList.ItemValue>
    </DataList.Item>
  );
}

/** Member fields (as derived through the mapping), custom fields and identifiers. */
export function MemberFieldsPanel({ member }: { readonly member: MemberDetail }) {
  const fieldKeys = Object.keys(MEMBER_FIELD_LABELS).filter((k) => k in member.fields);
  const extraKeys = Object.keys(member.fields).filter((k) => !(k in MEMBER_FIELD_LABELS));
  return (
    <DataList size="sm" labelWidth={170} gap={2} withDivider>
      <Row label="userName" value={member.userName} mono />
      {fieldKeys.map((k) => (
        <Row key={k} label={(MEMBER_FIELD_LABELS as Record<string, string>)[k] ?? k} value={member.fields[k]} />
      ))}
      {extraKeys.map((k) => (
        <Row key={k} label={k} value={member.fields[k]} />
      ))}
      {Object.entries(member.custom).map(([k, v]) => (
        <Row key={`custom:${k}`} label={`${k} (custom)`} value={v === null ? null : String(v)} />
      ))}
      <Row label="SCIM id" value={member.id} mono />
      <Row label="externalId" value={member.externalId} mono />
      <Row label="Created" value={formatDateTime(member.createdAt)} />
      <Row label="Last provisioned" value={member.lastProvisionedAt ? formatDateTime(member.lastProvisionedAt) : null} />
      <Row label="Updated" value={formatDateTime(member.updatedAt)} />
    </DataList>
  );
}
