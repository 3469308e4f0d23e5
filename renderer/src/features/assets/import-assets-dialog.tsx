import { useState } from 'react';
import { Alert, Button, FileButton, Group, Modal, ScrollArea, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { AssetImportResult } from '../../../../shared/api/assets';
import { importAssets } from '../../api/assets-api';
import { errorMessage } from '../../api/http-client';
import { plural } from '../../lib/format';

interface ImportAssetsDialogProps {
  readonly opened: boolean;
  readonly onClose: () => void;
  readonly onImported: () => void;
}

const EXAMPLE = 'tag,name,category,serialNumber,notes\nLAP-0042,ThinkPad T14,Laptop,PF3ABC12,\nPHN-0007,iPhone 15,Phone,,Spare';

type Refusal = { readonly message: string; readonly errors: AssetImportResult['errors'] };

/** CSV import: all rows or none; a refused import lists each bad row. */
export function ImportAssetsDialog({ opened, onClose, onImported }: ImportAssetsDialogProps) {
  const [csv, setCsv] = useState('');
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [isBusy, setBusy] = useState(false);
  const close = () => {
    setCsv('');
    setRefusal(null);
    onClose();
  };
  const loadFile = async (file: File | null) => {
    if (file) setCsv(await file.text());
  };
  const run = async () => {
    setBusy(true);
    setRefusal(null);
    try {
      const outcome = await importAssets(csv);
      if (outcome.ok) {
        notifications.show({ color: 'teal', message: `${plural(outcome.result.imported, 'asset')} imported.` });
        onImported();
        close();
      } else {
        setRefusal({ message: outcome.message, errors: outcome.errors });
      }
    } catch (e) {
      setRefusal({ message: errorMessage(e), errors: [] });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={close} title="Import assets from CSV" size="lg">
      <Stack gap="sm">
        <Text size="sm">
          Header row <code>tag,name,category,serialNumber,notes</code>; tag and name are required, tags must be unique. If any row is wrong, nothing is imported.
        </Text>
        <Group gap="xs">
          <FileButton onChange={(f) => void loadFile(f)} accept=".csv,text/csv">
            {(props) => (
              <Button type="button" variant="default" size="xs" {...props}>
                Choose a CSV file…
              </Button>
            )}
          </FileButton>
          <Button type="button" variant="subtle" size="xs" onClick={() => setCsv(EXAMPLE)}>
            Insert an example
          </Button>
        </Group>
        <Textarea
          label="CSV"
          placeholder={EXAMPLE}
          autosize
          minRows={6}
          maxRows={14}
          value={csv}
          onChange={(e) => setCsv(e.currentTarget.value)}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
        />
        {refusal ? (
          <Alert color="red" title="Nothing was imported" role="alert">
            <Text size="sm" mb={refusal.errors.length > 0 ? 'xs' : 0}>
              {refusal.errors.length > 0 ? `Fix ${plural(refusal.errors.length, 'row')} and import again.` : refusal.message}
            </Text>
            {refusal.errors.length > 0 ? (
              <ScrollArea.Autosize mah={200}>
                <Table fz="xs" verticalSpacing={2} aria-label="Rows with errors">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={60}>Line</Table.Th>
                      <Table.Th>Problem</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {refusal.errors.map((e, i) => (
                      <Table.Tr key={`${e.line}-${i}`}>
                        <Table.Td>{e.line}</Table.Td>
                        <Table.Td>{e.message}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollArea.Autosize>
            ) : null}
          </Alert>
        ) : null}
        <Group justify="flex-end" gap="xs">
          <Button type="button" variant="default" onClick={close}>
            Cancel
          </Button>
          <Button type="button" loading={isBusy} disabled={!csv.trim()} onClick={() => void run()}>
            Import
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
