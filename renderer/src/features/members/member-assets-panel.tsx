import { useState } from 'react';
import { Button, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { MemberDetail } from '../../../../shared/api/members';
import { checkinAsset } from '../../api/assets-api';
import { errorMessage } from '../../api/http-client';
import { formatDateTime } from '../../lib/format';

/** Assets the member holds, each with a check-in. */
export function MemberAssetsPanel({ member, onChanged }: { readonly member: MemberDetail; readonly onChanged: () => void }) {
  const [busyId, setBusyId] = useState<number | null>(null);
  if (member.assets.length === 0)
    return (
      <Text size="sm" c="dimmed">
        Holds no assets. Check assets out to this member from the Assets view.
      </Text>
    );
  const checkin = async (assetId: number, tag: string) => {
    setBusyId(assetId);
    try {
      await checkinAsset(assetId);
      notifications.show({ color: 'teal', message: `${tag} checked in.` });
      onChanged();
    } catch (e) {
      notifications.show({ color: 'red', title: `Could not check in ${tag}`, message: errorMessage(e) });
    } finally {
      setBusyId(null);
    }
  };
  return (
    <>
      {!member.active || member.leaverHoldingAssets ? null : (
        <Text size="xs" c="dimmed" mb={6}>
          While these are checked out, a deactivation from the IdP is refused (unless Setup says to deactivate anyway).
        </Text>
      )}
      <Table withTableBorder verticalSpacing={4} aria-label="Held assets">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Tag</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th>Checked out</Table.Th>
            <Table.Th w={110} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {member.assets.map((a) => (
            <Table.Tr key={a.assetId}>
              <Table.Td ff="monospace">{a.tag}</Table.Td>
              <Table.Td>{a.name}</Table.Td>
              <Table.Td>{formatDateTime(a.checkedOutAt)}</Table.Td>
              <Table.Td>
                <Button type="button" size="compact-sm" variant="light" loading={busyId === a.assetId} onClick={() => void checkin(a.assetId, a.tag)} aria-label={`Check in ${a.tag}`}>
                  Check in
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
