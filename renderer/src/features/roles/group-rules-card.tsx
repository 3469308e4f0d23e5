import { useState } from 'react';
import { Card, Radio, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { SettingsPatch, SettingsView } from '../../../../shared/api/settings';
import { errorMessage } from '../../api/http-client';
import { useSettingsStore } from '../../stores/settings-store';
import { useRolesStore } from '../../stores/roles-store';
import { AsyncView } from '../../components/async-view';

function GroupRules({ view }: { readonly view: SettingsView }) {
  const save = useSettingsStore((s) => s.save);
  const [isSaving, setSaving] = useState(false);
  const change = async (patch: SettingsPatch, message: string) => {
    setSaving(true);
    try {
      await save(patch);
      notifications.show({ color: 'teal', message });
      void useRolesStore.getState().load(); // members whose role a group gave may have moved
    } catch (e) {
      notifications.show({ color: 'red', title: 'Not saved', message: errorMessage(e) });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Stack gap="md">
      <Radio.Group
        label="What SCIM Desk provisions"
        value={view.groupProvisioning}
        onChange={(v) =>
          void change(
            { groupProvisioning: v === 'users-only' ? 'users-only' : 'groups' },
            v === 'users-only' ? 'Users only: group writes are refused; roles no longer follow groups.' : 'Users and groups: groups the IdP sends are stored.',
          )
        }
      >
        <Stack gap={8} mt={6}>
          <Radio
            value="groups"
            disabled={isSaving}
            label="Users and groups"
            description="Store the groups Entra assigns and Okta pushes, so roles can follow them. Leave “Provision Microsoft Entra ID Groups” on (Okta: Push Groups)."
          />
          <Radio
            value="users-only"
            disabled={isSaving}
            label="Users only"
            description="Answer group lists empty and refuse group writes, telling the IdP to stop sending them. Turn group provisioning off in the IdP."
          />
        </Stack>
      </Radio.Group>
      <Radio.Group
        label="When both could give a role"
        value={view.roleDecidedBy}
        onChange={(v) =>
          void change(
            { roleDecidedBy: v === 'attribute-first' ? 'attribute-first' : 'groups-first' },
            v === 'attribute-first' ? 'The role attribute now decides first.' : 'IdP groups now decide first.',
          )
        }
      >
        <Stack gap={8} mt={6}>
          <Radio value="groups-first" disabled={isSaving} label="IdP groups decide first" description="The role attribute counts only for members in no role group." />
          <Radio
            value="attribute-first"
            disabled={isSaving}
            label="The role attribute decides first"
            description="Groups count only when the attribute names no role (or role import is off)."
          />
        </Stack>
      </Radio.Group>
      <Text size="xs" c="dimmed">
        A locked role is never changed. “Do not provision” refuses only new users: the IdP creates a user before it sends the user’s groups.
      </Text>
    </Stack>
  );
}

/** Whether groups are stored, and whether groups or the role attribute decide a role first. */
export function GroupRulesCard() {
  const settings = useSettingsStore((s) => s.settings);
  const load = useSettingsStore((s) => s.load);
  return (
    <Card withBorder padding="md" component="section" aria-label="Roles from groups">
      <Text fw={600} mb="sm">
        Roles from groups
      </Text>
      <AsyncView state={settings} what="group settings" onRetry={() => void load()}>
        {(view) => <GroupRules view={view} />}
      </AsyncView>
    </Card>
  );
}
