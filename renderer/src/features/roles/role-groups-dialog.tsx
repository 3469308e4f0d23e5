import { useCallback, useEffect, useState } from 'react';
import { Modal, Stack, TagsInput, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Role } from '../../../../shared/api/roles';
import { fetchGroups } from '../../api/groups-api';
import { useAsync } from '../../lib/use-async';
import { useRolesStore } from '../../stores/roles-store';
import { DialogActions, useDialogAction } from '../../components/dialog-actions';

/**
 * Edits the IdP groups that give a role. Names are suggested from the groups the IdP has pushed;
 * any name can be typed (a group the IdP will push later). Saving decides members' roles again.
 */
export function RoleGroupsDialog({ role, onClose }: { readonly role: Role | null; readonly onClose: () => void }) {
  const update = useRolesStore((s) => s.update);
  const [value, setValue] = useState<string[]>([]);
  const { error, isBusy, run, reset } = useDialogAction();
  const loadGroups = useCallback((signal: AbortSignal) => fetchGroups(signal), []);
  const groups = useAsync(loadGroups, role === null ? 'closed' : `role-${role.id}`);
  useEffect(() => {
    setValue(role ? [...role.idpGroups] : []);
    reset();
  }, [role, reset]);
  const known = groups.state.status === 'ready' ? groups.state.data.groups.map((g) => g.displayName) : [];
  const save = () =>
    run(async () => {
      if (!role) return;
      const saved = await update(role.id, { idpGroups: value });
      notifications.show({ color: 'teal', message: `“${saved.name}” now follows ${saved.idpGroups.length === 0 ? 'no group' : saved.idpGroups.join(', ')}. Members’ roles were updated.` });
      onClose();
    });
  return (
    <Modal opened={role !== null} onClose={onClose} title={`IdP groups for “${role?.name ?? ''}”`}>
      <Stack gap="sm">
        <TagsInput
          label="IdP groups that give this role"
          description="Group names as your IdP sends them (case does not matter). Press Enter after each."
          placeholder={value.length === 0 ? 'e.g. Field Technicians' : undefined}
          data={known}
          value={value}
          onChange={setValue}
          clearable
          data-autofocus
        />
        <Text size="xs" c="dimmed">
          Members of any of these groups get the role, unless a role higher in the list matches them first. A member who leaves the group goes back to the
          fallback role.
        </Text>
        <DialogActions error={error} errorTitle="Not saved" isBusy={isBusy} confirmLabel="Save groups" onCancel={onClose} onConfirm={() => void save()} />
      </Stack>
    </Modal>
  );
}
