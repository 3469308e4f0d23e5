import { useEffect, useMemo, useState } from 'react';
import { Alert, Badge, Card, Group, JsonInput, Loader, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { MEMBER_FIELD_LABELS, type CustomField, type MappingPreview, type MappingRow } from '../../../../shared/api/mapping';
import { previewMapping, type PreviewSource } from '../../api/mapping-api';
import { errorMessage } from '../../api/http-client';
import { MemberPicker } from '../../components/member-picker';
import { SAMPLE_SCIM_USER } from './sample-user';

interface MappingPreviewPanelProps {
  /** The draft rows (unsaved edits are previewed too). */
  readonly rows: ReadonlyArray<MappingRow>;
  readonly customFields: ReadonlyArray<CustomField>;
}

type PreviewState = { readonly status: 'idle' | 'loading' } | { readonly status: 'error'; readonly message: string } | { readonly status: 'ready'; readonly preview: MappingPreview };

function parseResource(text: string): { resource: Record<string, unknown> } | { error: string } {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return { resource: value as Record<string, unknown> };
    return { error: 'The JSON must be a single SCIM user object.' };
  } catch (e) {
    return { error: `Not valid JSON: ${errorMessage(e)}` };
  }
}

function PreviewResult({ preview, customFields }: { readonly preview: MappingPreview; readonly customFields: ReadonlyArray<CustomField> }) {
  const fieldRows = Object.entries(preview.fields).map(([k, v]) => [(MEMBER_FIELD_LABELS as Record<string, string>)[k] ?? k, v] as const);
  const customRows = Object.entries(preview.custom).map(([k, v]) => [`${customFields.find((f) => f.key === k)?.label ?? k} (custom)`, v === null ? null : String(v)] as const);
  const all = [...fieldRows, ...customRows];
  return (
    <Stack gap="xs">
      {preview.role.kind === 'role' ? (
        <Group gap="xs">
          <Text size="sm">Role:</Text>
          <Badge variant="light" size="lg" aria-label={`Resulting role ${preview.role.roleName}`}>
            {preview.role.roleName}
          </Badge>
        </Group>
      ) : (
        <Alert color="orange" title="The IdP’s request would be refused" role="alert">
          {preview.role.detail}
        </Alert>
      )}
      <Table withTableBorder fz="sm" verticalSpacing={3} aria-label="Resulting member fields">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="42%">Member field</Table.Th>
            <Table.Th>Value</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {all.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Td>{label}</Table.Td>
              <Table.Td>
                {value === null || value === '' ? (
                  <Text span size="sm" c="dimmed">
                    —
                  </Text>
                ) : (
                  value
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** What a SCIM user becomes under the draft mapping: paste JSON or pick a member. Writes nothing. */
export function MappingPreviewPanel({ rows, customFields }: MappingPreviewPanelProps) {
  const [mode, setMode] = useState<'json' | 'member'>('json');
  const [json, setJson] = useState(() => JSON.stringify(SAMPLE_SCIM_USER, null, 2));
  const [memberId, setMemberId] = useState<string | null>(null);
  const [state, setState] = useState<PreviewState>({ status: 'idle' });
  const request = useMemo(() => ({ mode, json, memberId, rows }), [mode, json, memberId, rows]);
  const [input] = useDebouncedValue(request, 350);

  useEffect(() => {
    let source: PreviewSource;
    if (input.mode === 'member') {
      if (!input.memberId) return setState({ status: 'idle' });
      source = { memberId: input.memberId };
    } else {
      const parsed = parseResource(input.json);
      if ('error' in parsed) return setState({ status: 'error', message: parsed.error });
      source = parsed;
    }
    const controller = new AbortController();
    setState({ status: 'loading' });
    previewMapping(source, input.rows, controller.signal).then(
      (preview) => setState({ status: 'ready', preview }),
      (e: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', message: errorMessage(e) });
      },
    );
    return () => controller.abort();
  }, [input]);

  return (
    <Card withBorder padding="md" component="section" aria-label="Mapping preview">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600}>Preview</Text>
          {state.status === 'loading' ? <Loader size="xs" aria-label="Updating preview" /> : null}
        </Group>
        <Text size="xs" c="dimmed">
          Uses the rows as edited, before you save. Nothing is written.
        </Text>
        <SegmentedControl
          aria-label="Preview source"
          size="xs"
          value={mode}
          onChange={(v) => setMode(v === 'member' ? 'member' : 'json')}
          data={[
            { value: 'json', label: 'Paste SCIM JSON' },
            { value: 'member', label: 'Pick a member' },
          ]}
        />
        {mode === 'json' ? (
          <JsonInput label="SCIM user JSON" value={json} onChange={setJson} autosize minRows={8} maxRows={16} styles={{ input: { fontSize: 12 } }} />
        ) : (
          <MemberPicker label="Member" value={memberId} onChange={(id) => setMemberId(id)} />
        )}
        {state.status === 'error' ? (
          <Alert color="red" role="alert" title="No preview">
            {state.message}
          </Alert>
        ) : null}
        {state.status === 'ready' ? <PreviewResult preview={state.preview} customFields={customFields} /> : null}
        {state.status === 'idle' && mode === 'member' ? (
          <Text size="sm" c="dimmed">
            Pick a member to see what the mapping makes of their SCIM data.
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}
