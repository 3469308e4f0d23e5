import { useCallback, useMemo, useState } from 'react';
import { Alert, Button, Grid, Group, List, Menu, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { CustomField, MappingRow } from '../../../../shared/api/mapping';
import { fetchCustomFields, fetchMappings, saveMappings } from '../../api/mapping-api';
import { errorMessage } from '../../api/http-client';
import { LeaveDialog, useLeaveGuard } from '../../components/leave-guard';
import { useMappingCheck } from './use-mapping-check';
import { useAsync } from '../../lib/use-async';
import { AsyncView } from '../../components/async-view';
import { PageHeader } from '../../components/page-header';
import { EmptyHint } from '../../components/empty-hint';
import { IconPlus } from '../../components/icons';
import { useMappingDraft, type DraftRow } from './use-mapping-draft';
import { MappingTable } from './mapping-table';
import { MappingRowDialog } from './mapping-row-dialog';
import { MappingPreviewPanel } from './mapping-preview';
import { ApplyMappingButton } from './apply-mapping-button';
import { UnmappedAttributesCard } from './unmapped-attributes-card';
import { presetRows } from './mapping-targets';
import { CustomFieldsCard } from './custom-fields-card';

interface Loaded {
  readonly rows: ReadonlyArray<MappingRow>;
  readonly customFields: ReadonlyArray<CustomField>;
}

async function loadAll(signal: AbortSignal): Promise<Loaded> {
  const [rows, customFields] = await Promise.all([fetchMappings(signal), fetchCustomFields(signal)]);
  return { rows, customFields };
}

/** A field of the saved body (`rows.3.scimPath`) → the index of its row. */
const ROW_FIELD = /^rows\.(\d+)(?:\.|$)/;

/** uid → message for every row a server answer names (`rows.3.scimPath`). */
function rowErrorsOf(fields: ReadonlyArray<{ readonly field: string; readonly message: string }>, rows: ReadonlyArray<DraftRow>): Map<number, string> {
  const out = new Map<number, string>();
  for (const { field, message } of fields) {
    const index = ROW_FIELD.exec(field)?.[1];
    const uid = index === undefined ? undefined : rows[Number(index)]?.uid;
    if (uid !== undefined && !out.has(uid)) out.set(uid, message);
  }
  return out;
}

function MappingEditor({ loaded }: { readonly loaded: Loaded }) {
  const draft = useMappingDraft(loaded.rows);
  const [customFields, setCustomFields] = useState(loaded.customFields);
  const [savedRows, setSavedRows] = useState(loaded.rows);
  const [editing, setEditing] = useState<{ readonly row: DraftRow | null } | null>(null);
  const [isSaving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const check = useMappingCheck(draft.plain, draft.isDirty);
  const rowErrors = useMemo(() => rowErrorsOf(check.problems, draft.rows), [check.problems, draft.rows]);
  const guard = useLeaveGuard(draft.isDirty);

  const save = async () => {
    setSaving(true);
    setSaveError(null);
    try {
      const saved = await saveMappings(draft.plain);
      draft.markSaved(saved);
      setSavedRows(saved);
      notifications.show({ color: 'teal', message: 'Mapping saved. New SCIM requests use it; apply it to existing members when ready.' });
    } catch (e) {
      setSaveError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  const onSaveRow = useCallback(
    (row: MappingRow) => {
      if (editing?.row) draft.update(editing.row.uid, row);
      else draft.add(row);
      setEditing(null);
    },
    [editing, draft],
  );

  return (
    <>
      <PageHeader
        title="Attribute mapping"
        description="Each row copies a SCIM attribute the IdP sends into a member field. Earlier rows win when several feed the same field."
        actions={
          <>
            <Menu position="bottom-end">
              <Menu.Target>
                <Button type="button" variant="default">
                  Presets
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>Replace the table (not saved until you save)</Menu.Label>
                <Menu.Item onClick={() => draft.replaceAll(presetRows('entra'))}>Microsoft Entra ID defaults</Menu.Item>
                <Menu.Item onClick={() => draft.replaceAll(presetRows('okta'))}>Okta defaults</Menu.Item>
              </Menu.Dropdown>
            </Menu>
            <ApplyMappingButton isDirty={draft.isDirty} />
          </>
        }
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, xl: 7 }}>
          <Stack gap="sm">
            <Group justify="space-between">
              <Button type="button" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setEditing({ row: null })}>
                Add row
              </Button>
              <Group gap="xs">
                {draft.isDirty ? (
                  <Text size="sm" c="orange" role="status">
                    Unsaved changes
                  </Text>
                ) : null}
                <Button type="button" variant="default" disabled={!draft.isDirty || isSaving} onClick={draft.discard}>
                  Discard
                </Button>
                <Button
                  type="button"
                  disabled={!draft.isDirty || rowErrors.size > 0 || check.isChecking}
                  title={rowErrors.size > 0 ? 'Fix the rows marked in red first' : undefined}
                  loading={isSaving}
                  onClick={() => void save()}
                >
                  Save mapping
                </Button>
              </Group>
            </Group>
            {rowErrors.size > 0 ? (
              <Alert color="red" title={`${rowErrors.size === 1 ? 'One row needs' : `${rowErrors.size} rows need`} fixing before you can save`} role="alert">
                <List size="sm" spacing={2}>
                  {check.problems.map((p) => (
                    <List.Item key={p.field}>{p.message}</List.Item>
                  ))}
                </List>
              </Alert>
            ) : null}
            {saveError ? (
              <Alert color="red" title="The mapping was not saved" role="alert" withCloseButton closeButtonLabel="Dismiss" onClose={() => setSaveError(null)}>
                {saveError}
              </Alert>
            ) : null}
            {draft.rows.length === 0 ? (
              <EmptyHint title="No mapping rows" description="Members will only get a userName. Add a row, or start from the Entra ID or Okta preset." />
            ) : (
              <MappingTable draft={draft} customFields={customFields} rowErrors={rowErrors} onEdit={(row) => setEditing({ row })} />
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, xl: 5 }}>
          <Stack gap="md">
            <UnmappedAttributesCard
              isDirty={draft.isDirty}
              customFields={customFields}
              onMapped={(rows, field) => {
                draft.markSaved(rows);
                setSavedRows(rows);
                if (field) setCustomFields((fs) => [...fs, field]);
              }}
            />
            <MappingPreviewPanel rows={draft.plain} customFields={customFields} />
            <CustomFieldsCard fields={customFields} savedRows={savedRows} onChanged={setCustomFields} />
          </Stack>
        </Grid.Col>
      </Grid>
      <MappingRowDialog
        opened={editing !== null}
        row={editing?.row ?? null}
        customFields={customFields}
        onCustomFieldCreated={(f) => setCustomFields((fs) => [...fs, f])}
        onSave={onSaveRow}
        onClose={() => setEditing(null)}
      />
      <LeaveDialog guard={guard} what="mapping" />
    </>
  );
}

/** Attribute mapping: the table, presets, preview and "apply to existing members". */
export function MappingView() {
  const resource = useAsync(loadAll, 'mapping');
  return (
    <AsyncView state={resource.state} what="the attribute mapping" onRetry={resource.reload}>
      {(loaded) => <MappingEditor loaded={loaded} />}
    </AsyncView>
  );
}
