import { useMemo, useState } from 'react';
import { Button, Group, SegmentedControl, TextInput } from '@mantine/core';
import type { Asset } from '../../../../shared/api/assets';
import { fetchAssets } from '../../api/assets-api';
import { useAsync } from '../../lib/use-async';
import { AsyncView } from '../../components/async-view';
import { PageHeader } from '../../components/page-header';
import { EmptyHint } from '../../components/empty-hint';
import { IconBox, IconPlus, IconSearch } from '../../components/icons';
import { AssetTable } from './asset-table';
import { AddAssetDialog } from './add-asset-dialog';
import { ImportAssetsDialog } from './import-assets-dialog';
import { CheckoutDialog } from './checkout-dialog';

type Status = 'all' | 'available' | 'out' | 'retired';

function matches(a: Asset, text: string, status: Status): boolean {
  if (status === 'available' && (a.holder || a.retiredAt)) return false;
  if (status === 'retired' && !a.retiredAt) return false;
  if (status === 'out' && !a.holder) return false;
  if (!text) return true;
  const needle = text.toLowerCase();
  return [a.tag, a.name, a.category, a.serialNumber, a.holder?.userName, a.holder?.displayName].some((v) => v?.toLowerCase().includes(needle));
}

/** Assets: the register, add, CSV import, checkout to a member and check-in. */
export function AssetsView() {
  const resource = useAsync(fetchAssets, 'assets');
  const [dialog, setDialog] = useState<'add' | 'import' | null>(null);
  const [checkingOut, setCheckingOut] = useState<Asset | null>(null);
  const [editing, setEditing] = useState<Asset | null>(null);
  const [text, setText] = useState('');
  const [status, setStatus] = useState<Status>('all');
  const { state } = resource;
  const visible = useMemo(() => (state.status === 'ready' ? state.data : []).filter((a) => matches(a, text, status)), [state, text, status]);
  return (
    <>
      <PageHeader
        title="Assets"
        description="Equipment checked out to members. A member holding assets cannot be deactivated by the IdP until they are checked in."
        actions={
          <>
            <Button type="button" variant="default" onClick={() => setDialog('import')}>
              Import CSV…
            </Button>
            <Button type="button" leftSection={<IconPlus size={14} />} onClick={() => setDialog('add')}>
              Add asset
            </Button>
          </>
        }
      />
      <AsyncView state={resource.state} what="assets" onRetry={resource.reload}>
        {(assets) =>
          assets.length === 0 ? (
            <EmptyHint
              icon={<IconBox size={28} />}
              title="No assets yet"
              description="Add laptops, phones or badges one by one, or import a CSV with the columns tag,name,category,serialNumber,notes."
              action={
                <Group gap="xs">
                  <Button type="button" variant="light" onClick={() => setDialog('add')}>
                    Add asset
                  </Button>
                  <Button type="button" variant="default" onClick={() => setDialog('import')}>
                    Import CSV
                  </Button>
                </Group>
              }
            />
          ) : (
            <>
              <Group gap="xs" mb="sm" align="flex-end">
                <TextInput label="Search assets" placeholder="Tag, name, serial or holder" leftSection={<IconSearch size={16} />} w={300} value={text} onChange={(e) => setText(e.currentTarget.value)} type="search" />
                <SegmentedControl
                  aria-label="Asset status"
                  value={status}
                  onChange={(v) => setStatus(v as Status)}
                  data={[
                    { value: 'all', label: `All (${assets.length})` },
                    { value: 'available', label: 'Available' },
                    { value: 'out', label: 'Checked out' },
                    { value: 'retired', label: 'Retired' },
                  ]}
                />
              </Group>
              {visible.length === 0 ? (
                <EmptyHint title="No asset matches" description="Change the search or the status filter." />
              ) : (
                <AssetTable assets={visible} onCheckout={setCheckingOut} onEdit={setEditing} onChanged={resource.reload} />
              )}
            </>
          )
        }
      </AsyncView>
      <AddAssetDialog opened={dialog === 'add'} onClose={() => setDialog(null)} onCreated={resource.reload} />
      <AddAssetDialog opened={editing !== null} asset={editing} onClose={() => setEditing(null)} onCreated={resource.reload} />
      <ImportAssetsDialog opened={dialog === 'import'} onClose={() => setDialog(null)} onImported={resource.reload} />
      <CheckoutDialog asset={checkingOut} onClose={() => setCheckingOut(null)} onDone={resource.reload} />
    </>
  );
}
