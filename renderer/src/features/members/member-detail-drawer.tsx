import { useCallback, useEffect } from 'react';
import { Badge, Drawer, Group, Stack, Tabs, Text } from '@mantine/core';
import type { MemberDetail } from '../../../../shared/api/members';
import { fetchMember } from '../../api/members-api';
import { useAsync } from '../../lib/use-async';
import { useMembersViewStore } from '../../stores/members-view-store';
import { AsyncView } from '../../components/async-view';
import { JsonBlock } from '../../components/json-block';
import { memberName, memberStatus } from './member-labels';
import { safeText } from '../../lib/safe-text';
import { MemberFieldsPanel } from './member-fields-panel';
import { MemberRolePanel } from './member-role-panel';
import { MemberAssetsPanel } from './member-assets-panel';
import { MemberHistoryPanel } from './member-history-panel';
import { MemberActions } from './member-actions';

function DetailBody({ member, onChanged }: { readonly member: MemberDetail; readonly onChanged: () => void }) {
  const status = memberStatus(member);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Group gap={6}>
          <Badge variant="light" color={status.color}>
            {status.label}
          </Badge>
          <Badge variant="outline" color="gray">
            From the IdP
          </Badge>
          {member.heldAssets > 0 ? (
            <Badge variant="light" color="orange">
              Holds {member.heldAssets} asset{member.heldAssets === 1 ? '' : 's'}
            </Badge>
          ) : null}
        </Group>
        <MemberActions member={member} onChanged={onChanged} />
      </Group>
      <MemberRolePanel member={member} onChanged={onChanged} />
      <Tabs defaultValue="fields" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="fields">Fields</Tabs.Tab>
          <Tabs.Tab value="assets">Assets ({member.assets.length})</Tabs.Tab>
          <Tabs.Tab value="history">History ({member.history.length})</Tabs.Tab>
          <Tabs.Tab value="scim">SCIM JSON</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="fields" pt="sm">
          <MemberFieldsPanel member={member} />
        </Tabs.Panel>
        <Tabs.Panel value="assets" pt="sm">
          <MemberAssetsPanel member={member} onChanged={onChanged} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="sm">
          <MemberHistoryPanel member={member} />
        </Tabs.Panel>
        <Tabs.Panel value="scim" pt="sm">
          <Text size="xs" c="dimmed" mb={6}>
            The resource as the IdP last sent it; a SCIM GET returns this.
          </Text>
          <JsonBlock value={member.scimResource} label="Raw SCIM resource" maxHeight={520} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

/** The member drawer: fields, role and role lock, held assets with check-in, history, raw SCIM. */
export function MemberDetailDrawer() {
  const memberId = useMembersViewStore((s) => s.openMemberId);
  const openMember = useMembersViewStore((s) => s.openMember);
  const load = useCallback((signal: AbortSignal) => (memberId === null ? Promise.resolve(null) : fetchMember(memberId, signal)), [memberId]);
  const resource = useAsync(load, memberId ?? '');
  const { reload, state } = resource;
  const onChanged = useCallback(() => reload(), [reload]);
  // The IdP controls these: bidi controls neutralised, a 65,000-character name clamped (the Fields tab has it whole).
  const title = state.status === 'ready' && state.data ? safeText(`${memberName(state.data)} · ${state.data.userName}`) : 'Member';
  useEffect(() => {
    // Keep the list row in step with what the drawer shows (role, assets, status after edits).
    if (state.status === 'ready' && state.data) useMembersViewStore.getState().replaceRow(state.data);
  }, [state]);
  return (
    <Drawer opened={memberId !== null} onClose={() => openMember(null)} position="right" size="xl" title={
        <Text fw={600} className="wrap-anywhere" lineClamp={2}>
          {title}
        </Text>
      }>
      <AsyncView state={state} what="the member" onRetry={reload}>
        {(member) => (member ? <DetailBody member={member} onChanged={onChanged} /> : null)}
      </AsyncView>
    </Drawer>
  );
}
