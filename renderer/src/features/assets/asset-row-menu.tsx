import { useState } from 'react';
import { ActionIcon, Menu, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Asset } from '../../../../shared/api/assets';
import { deleteAsset, retireAsset } from '../../api/assets-api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { IconPencil } from '../../components/icons';
import { safeText } from '../../lib/safe-text';

interface AssetRowMenuProps {
  readonly asset: Asset;
  readonly onEdit: (asset: Asset) => void;
  readonly onChanged: () => void;
}

/** Why an action the server would refuse is not offered (shown on the disabled item). */
export function assetActionBlock(a: Asset): { readonly retire: string | null; readonly remove: string | null } {
  return {
    retire: a.holder ? `Checked out to ${a.holder.displayName ?? a.holder.userName}: check it in first.` : null,
    remove: a.hasHistory ? 'It has been checked out before; deleting would lose that history. Retire it instead.' : a.holder ? 'Check it in first.' : null,
  };
}

/** Edit, retire (or return to service) and delete, each asking first where it cannot be undone. */
export function AssetRowMenu({ asset: a, onEdit, onChanged }: AssetRowMenuProps) {
  const [confirm, setConfirm] = useState<'retire' | 'delete' | null>(null);
  const block = assetActionBlock(a);
  const tag = safeText(a.tag);
  const restore = async () => {
    await retireAsset(a.id, false);
    notifications.show({ color: 'teal', message: `${tag} is back in service.` });
    onChanged();
  };
  const item = (label: string, reason: string | null, onClick: () => void, color?: string) => {
    const el = (
      <Menu.Item disabled={reason !== null} onClick={onClick} {...(color ? { color } : {})}>
        {label}
      </Menu.Item>
    );
    return reason ? (
      <Tooltip label={reason} position="left" withArrow multiline w={260}>
        <div>{el}</div>
      </Tooltip>
    ) : (
      el
    );
  };
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon type="button" variant="subtle" aria-label={`More actions for ${tag}`}>
            <IconPencil size={15} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => onEdit(a)}>Edit…</Menu.Item>
          {a.retiredAt ? <Menu.Item onClick={() => void restore()}>Return to service</Menu.Item> : item('Retire…', block.retire, () => setConfirm('retire'))}
          {item('Delete…', block.remove, () => setConfirm('delete'), 'red')}
          {block.remove ? (
            <Menu.Label style={{ whiteSpace: 'normal', maxWidth: 260 }}>{block.remove}</Menu.Label>
          ) : null}
        </Menu.Dropdown>
      </Menu>
      <ConfirmDialog
        opened={confirm === 'retire'}
        title={`Retire ${tag}?`}
        confirmLabel="Retire"
        confirmColor="orange"
        onClose={() => setConfirm(null)}
        onConfirm={async () => {
          await retireAsset(a.id, true);
          notifications.show({ color: 'teal', message: `${tag} retired. Its checkout history is kept.` });
          onChanged();
        }}
      >
        {`${tag} (${a.name}) leaves the available assets and cannot be checked out. Its checkout history is kept; you can return it to service later.`}
      </ConfirmDialog>
      <ConfirmDialog
        opened={confirm === 'delete'}
        title={`Delete ${tag}?`}
        confirmLabel="Delete asset"
        confirmColor="red"
        onClose={() => setConfirm(null)}
        onConfirm={async () => {
          await deleteAsset(a.id);
          notifications.show({ color: 'teal', message: `${tag} deleted.` });
          onChanged();
        }}
      >
        {`${tag} (${a.name}) was never checked out. Deleting removes it for good.`}
      </ConfirmDialog>
    </>
  );
}
