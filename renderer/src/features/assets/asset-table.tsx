import { useState } from 'react';
import { Anchor, Badge, Button, Group, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Asset } from '../../../../shared/api/assets';
import { checkinAsset } from '../../api/assets-api';
import { errorMessage } from '../../api/http-client';
import { formatDateTime } from '../../lib/format';
import { useMembersViewStore } from '../../stores/members-view-store';
import { navigate } from '../../routes';
import { safeText } from '../../lib/safe-text';
import { AssetRowMenu } from './asset-row-menu';

interface AssetTableProps {
  readonly assets: ReadonlyArray<Asset>;
  readonly onCheckout: (asset: Asset) => void;
  readonly onEdit: (asset: Asset) => void;
  readonly onChanged: () => void;
}

/** The asset register with checkout and check-in per row. */
export function AssetTable({ assets, onCheckout, onEdit, onChanged }: AssetTableProps) {
  const [busyId, setBusyId] = useState<number | null>(null);
  const checkin = async (asset: Asset) => {
    setBusyId(asset.id);
    try {
      await checkinAsset(asset.id);
      notifications.show({ color: 'teal', message: `${asset.tag} checked in.` });
      onChanged();
    } catch (e) {
      notifications.show({ color: 'red', title: `Could not check in ${asset.tag}`, message: errorMessage(e) });
    } finally {
      setBusyId(null);
    }
  };
  const openMember = (memberId: string) => {
    useMembersViewStore.getState().openMember(memberId);
    navigate('members');
  };
  return (
    // A container (app.css .vlist): category and serial fold away in a 900 px window so the actions stay in view.
    <div className="vlist">
    <Table.ScrollContainer minWidth={560}>
      <Table striped highlightOnHover withTableBorder verticalSpacing={5} aria-label="Assets">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={120}>Tag</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th w={130} className="log-wide">
              Category
            </Table.Th>
            <Table.Th w={150} className="log-wide">
              Serial number
            </Table.Th>
            <Table.Th>Held by</Table.Th>
            <Table.Th w={150} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {assets.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td ff="monospace" fw={500} className="wrap-anywhere">
                {safeText(a.tag)}
              </Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>
                {safeText(a.name)}
                {a.retiredAt ? (
                  <Badge size="xs" color="gray" variant="light" ml={6}>
                    Retired
                  </Badge>
                ) : null}
              </Table.Td>
              <Table.Td className="wrap-anywhere log-wide">{safeText(a.category) ?? ''}</Table.Td>
              <Table.Td ff="monospace" fz="xs" className="wrap-anywhere log-wide">
                {safeText(a.serialNumber) ?? ''}
              </Table.Td>
              <Table.Td>
                {a.holder ? (
                  <>
                    <Anchor component="button" type="button" size="sm" onClick={() => openMember(a.holder?.memberId ?? '')}>
                      {safeText(a.holder.displayName ?? a.holder.userName)}
                    </Anchor>
                    <Text span size="xs" c="dimmed">
                      {' '}
                      since {formatDateTime(a.holder.checkedOutAt)}
                    </Text>
                  </>
                ) : (
                  <Text span size="sm" c="dimmed">
                    {a.retiredAt ? `Retired ${formatDateTime(a.retiredAt)}` : 'Available'}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap" justify="flex-end">
                  {a.holder ? (
                    <Button type="button" size="compact-sm" variant="light" loading={busyId === a.id} onClick={() => void checkin(a)} aria-label={`Check in ${a.tag}`}>
                      Check in
                    </Button>
                  ) : (
                    <Button
                      type="button"
                      size="compact-sm"
                      variant="default"
                      disabled={a.retiredAt !== null}
                      title={a.retiredAt ? 'Retired: return it to service first' : undefined}
                      onClick={() => onCheckout(a)}
                      aria-label={`Check out ${a.tag}`}
                    >
                      Check out…
                    </Button>
                  )}
                  <AssetRowMenu asset={a} onEdit={onEdit} onChanged={onChanged} />
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
    </div>
  );
}
