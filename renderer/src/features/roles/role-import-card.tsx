import { useEffect } from 'react';
import { Autocomplete, Button, Card, Group, Radio, Select, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { SettingsSchema, type SettingsView } from '../../../../shared/api/settings';
import { useSettingsStore } from '../../stores/settings-store';
import { rolesOrEmpty, useRolesStore } from '../../stores/roles-store';
import { applyServerError } from '../../lib/form-errors';
import { AsyncView } from '../../components/async-view';

const FormSchema = SettingsSchema.pick({ importCustomRoles: true, roleAttribute: true, unknownRoleAction: true, fallbackRoleId: true });
type FormValues = Pick<SettingsView, 'importCustomRoles' | 'roleAttribute' | 'unknownRoleAction' | 'fallbackRoleId'>;

const ROLE_ATTRIBUTES = [
  'title',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department',
  'roles[primary eq "True"].value',
  'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:CustomAttribute',
];

function pick(v: SettingsView): FormValues {
  return { importCustomRoles: v.importCustomRoles, roleAttribute: v.roleAttribute, unknownRoleAction: v.unknownRoleAction, fallbackRoleId: v.fallbackRoleId };
}

function RoleImportForm({ view }: { readonly view: SettingsView }) {
  const save = useSettingsStore((s) => s.save);
  const roles = rolesOrEmpty(useRolesStore((s) => s.roles));
  const { control, handleSubmit, formState, reset, setError, watch } = useForm<FormValues>({ resolver: zodResolver(FormSchema), defaultValues: pick(view) });
  useEffect(() => reset(pick(view)), [view, reset]);
  const isImporting = watch('importCustomRoles');
  const action = watch('unknownRoleAction');
  const submit = handleSubmit(async (values) => {
    try {
      await save({ ...values, roleAttribute: values.roleAttribute.trim() });
      notifications.show({ color: 'teal', message: 'Role import settings saved.' });
    } catch (error) {
      applyServerError(error, setError, ['roleAttribute', 'fallbackRoleId']);
    }
  });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        <Controller
          control={control}
          name="importCustomRoles"
          render={({ field }) => (
            <Switch
              label="Import users into custom roles"
              description="Read the role from a SCIM attribute on every create and update. When off, roles come from IdP groups only, else the fallback role."
              checked={field.value}
              onChange={(e) => field.onChange(e.currentTarget.checked)}
            />
          )}
        />
        <Controller
          control={control}
          name="roleAttribute"
          render={({ field, fieldState }) => (
            <Autocomplete
              label="Role attribute"
              description="The SCIM path whose value names the role, e.g. title or the enterprise department."
              data={ROLE_ATTRIBUTES}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              disabled={!isImporting}
              error={fieldState.error?.message}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            />
          )}
        />
        <Controller
          control={control}
          name="unknownRoleAction"
          render={({ field }) => (
            <Radio.Group label="When the value names no existing role (or is empty)" value={field.value} onChange={field.onChange}>
              <Stack gap={8} mt={6}>
                <Radio value="fallback-role" label="Give the fallback role" description="The member is provisioned with the role chosen below, and you can create the missing role later." />
                <Radio
                  value="do-not-provision"
                  label="Do not provision"
                  description="A new user is refused with an error naming the missing role, and nothing is written until the role exists. Existing members get the fallback role."
                />
              </Stack>
            </Radio.Group>
          )}
        />
        <Controller
          control={control}
          name="fallbackRoleId"
          render={({ field, fieldState }) => (
            <Select
              label="Fallback role"
              description={
                action === 'do-not-provision' && isImporting
                  ? 'Given to existing members whose groups and attribute name no role (new users are refused).'
                  : 'Given when no IdP group and no attribute value gives a role.'
              }
              data={roles.map((r) => ({ value: String(r.id), label: r.name }))}
              value={String(field.value)}
              onChange={(v) => field.onChange(Number(v))}
              error={fieldState.error?.message}
            />
          )}
        />
        {formState.errors.root?.server ? (
          <Text size="sm" c="red" role="alert">
            {formState.errors.root.server.message}
          </Text>
        ) : null}
        <Group justify="flex-end">
          <Button type="submit" loading={formState.isSubmitting} disabled={!formState.isDirty}>
            Save role import
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** "Import users into custom roles", the role attribute and the unknown-role fallback. */
export function RoleImportCard() {
  const settings = useSettingsStore((s) => s.settings);
  const load = useSettingsStore((s) => s.load);
  return (
    <Card withBorder padding="md" component="section" aria-label="Role import">
      <Text fw={600} mb="sm">
        Role import
      </Text>
      <AsyncView state={settings} what="role settings" onRetry={() => void load()}>
        {(view) => <RoleImportForm view={view} />}
      </AsyncView>
    </Card>
  );
}
