import { useCallback } from 'react';
import { Alert, Anchor, Badge, DataList, Drawer, Group, Stack, Text, Title } from '@mantine/core';
import type { LogDetail } from '../../../../shared/api/log-events';
import { fetchLogDetail } from '../../api/log-api';
import { useAsync } from '../../lib/use-async';
import { formatDateTime } from '../../lib/format';
import { AsyncView } from '../../components/async-view';
import { FieldChanges } from '../../components/field-changes';
import { JsonBlock } from '../../components/json-block';
import { describeOperation, operationColor, RESULT_COLORS } from './log-labels';

interface LogDetailDrawerProps {
  readonly logId: number | null;
  readonly onClose: () => void;
  readonly onOpenMember: (memberId: string) => void;
}

function Section({ title, children }: { readonly title: string; readonly children: React.ReactNode }) {
  return (
    <Stack gap={6}>
      <Title order={3} fz="sm">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function DetailBody({ detail, onOpenMember }: { readonly detail: LogDetail; readonly onOpenMember: (memberId: string) => void }) {
  return (
    <Stack gap="md">
      <Group gap="xs">
        <Badge variant="light" color={operationColor(detail.operation)}>
          {describeOperation(detail.operation)}
        </Badge>
        <Badge variant="dot" color={RESULT_COLORS[detail.result]}>
          {detail.result}
        </Badge>
        <Badge variant="outline" color="gray">
          HTTP {detail.status}
        </Badge>
      </Group>
      {detail.result !== 'success' && (detail.detail || detail.recommendedAction) ? (
        <Alert color={detail.result === 'failure' ? 'red' : 'gray'} title={detail.detail ?? 'Not applied'} role="alert">
          {detail.recommendedAction ? (
            <Text size="sm">
              <b>What to do:</b> {detail.recommendedAction}
            </Text>
          ) : null}
          {detail.scimType ? (
            <Text size="xs" c="dimmed" mt={4}>
              scimType: {detail.scimType}
            </Text>
          ) : null}
        </Alert>
      ) : null}
      <DataList size="sm" labelWidth={110} gap={4}>
        <DataList.Item>
          <DataList.ItemLabel>Time</DataList.ItemLabel>
          <DataList.ItemValue>{formatDateTime(detail.at)}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>Request</DataList.ItemLabel>
          <DataList.ItemValue>
            <Text span ff="monospace" size="xs">{`${detail.method} ${detail.path}`}</Text>
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>Client</DataList.ItemLabel>
          <DataList.ItemValue>{detail.client}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>Member</DataList.ItemLabel>
          <DataList.ItemValue>
            {detail.memberId ? (
              <Anchor component="button" type="button" size="sm" onClick={() => onOpenMember(detail.memberId ?? '')}>
                {detail.userName ?? detail.memberId}
              </Anchor>
            ) : (
              (detail.userName ?? '—')
            )}
          </DataList.ItemValue>
        </DataList.Item>
        {detail.groupName !== null ? (
          <DataList.Item>
            <DataList.ItemLabel>Group</DataList.ItemLabel>
            <DataList.ItemValue>
              <Anchor href="#/groups" size="sm">
                {detail.groupName}
              </Anchor>
            </DataList.ItemValue>
          </DataList.Item>
        ) : null}
        <DataList.Item>
          <DataList.ItemLabel>Request id</DataList.ItemLabel>
          <DataList.ItemValue>
            <Text span ff="monospace" size="xs">
              {detail.requestId}
            </Text>
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>Duration</DataList.ItemLabel>
          <DataList.ItemValue>{detail.durationMs.toFixed(1)} ms</DataList.ItemValue>
        </DataList.Item>
      </DataList>
      <Section title="Modified fields">
        <FieldChanges changes={detail.changes} caption="Modified fields, old and new values" />
      </Section>
      <Section title="Request body (redacted)">
        <JsonBlock value={detail.request} label="Request body" />
      </Section>
      <Section title="Response body (redacted)">
        <JsonBlock value={detail.response} label="Response body" />
      </Section>
    </Stack>
  );
}

/** One SCIM request in full: what changed, the redacted bodies, and what to do about a failure. */
export function LogDetailDrawer({ logId, onClose, onOpenMember }: LogDetailDrawerProps) {
  const load = useCallback((signal: AbortSignal) => (logId === null ? Promise.resolve(null) : fetchLogDetail(logId, signal)), [logId]);
  const resource = useAsync(load, String(logId));
  return (
    <Drawer opened={logId !== null} onClose={onClose} position="right" size="xl" title={<Text fw={600}>Log entry #{logId}</Text>}>
      <AsyncView state={resource.state} what="the log entry" onRetry={resource.reload}>
        {(detail) => (detail ? <DetailBody detail={detail} onOpenMember={onOpenMember} /> : null)}
      </AsyncView>
    </Drawer>
  );
}
