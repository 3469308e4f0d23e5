import { useState } from 'react';
import { Badge, Group, Paper, Select, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { MemberDetail, MemberPatch } from '../../../../shared/api/members';
import { patchMember } from '../../api/members-api';
import { errorMessage } from '../../api/http-client';
import { rolesOrEmpty, useRolesStore } from '../../stores/roles-store';

/** Role, where it came from, role lock and the member's IdP groups: a locked member's role is never changed by the IdP. */
export function MemberRolePanel({ member, onChanged }: { readonly member: MemberDetail; readonly onChanged: () => void }) {
  const roles = rolesOrEmpty(useRolesStore((s) => s.roles));
  const [isSaving, setSaving] = useState(false);
  const save = async (patch: MemberPatch, message: string) => {
    setSaving(true);
    try {
      await patchMember(member.id, patch);
      notifications.show({ color: 'teal', message });
      onChanged();
      void useRolesStore.getState().load(); // member counts per role changed
    } catch (e) {
      notifications.show({ color: 'red', title: 'Not saved', message: errorMessage(e) });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Paper withBorder p="sm">
      <Group align="flex-end" gap="md" wrap="nowrap">
        <Select
          label="Role"
          w={220}
          data={roles.map((r) => ({ value: String(r.id), label: r.name }))}
          value={member.roleId === null ? null : String(member.roleId)}
          placeholder="No role"
          disabled={isSaving}
          onChange={(v) => {
            if (v !== null && Number(v) !== member.roleId) {
              const name = roles.find((r) => String(r.id) === v)?.name ?? 'the role';
              // A hand-picked role would be overwritten on the next sync unless it is locked.
              void save({ roleId: Number(v), roleLocked: true }, `Role set to ${name} and locked.`);
            }
          }}
        />
        <Switch
          label="Lock role"
          description="The IdP never changes this member’s role."
          checked={member.roleLocked}
          disabled={isSaving}
          onChange={(e) => void save({ roleLocked: e.currentTarget.checked }, e.currentTarget.checked ? 'Role locked.' : 'Role unlocked; the IdP sets it on the next update.')}
        />
      </Group>
      <Text size="xs" c="dimmed" mt={6}>
        {member.roleSource ? `Role from ${member.roleSource}. ` : ''}
        {!member.roleLocked ? 'Choosing a role here locks it, so the next sync does not undo your choice.' : ''}
      </Text>
      <Group gap={4} mt={6} aria-label="IdP groups">
        <Text size="xs" fw={500}>
          IdP groups:
        </Text>
        {member.groups.length === 0 ? (
          <Text size="xs" c="dimmed">
            none
          </Text>
        ) : (
          member.groups.map((g) => (
            <Badge key={g.id} size="sm" variant="light" color="indigo" radius="sm" tt="none">
              {g.displayName}
            </Badge>
          ))
        )}
      </Group>
    </Paper>
  );
}
