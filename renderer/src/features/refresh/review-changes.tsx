import { useState } from 'react';
import { Badge, Center, Drawer, Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { ReviewKind, ReviewMember, ReviewSummary } from '../../../../shared/api/refresh';
import { formatCount, formatDateTime, formatLogTime } from '../../lib/format';
import { safeText } from '../../lib/safe-text';
import { useFieldLabel } from '../../stores/custom-fields-store';
import { useMembersViewStore } from '../../stores/members-view-store';
import { ErrorState } from '../../components/async-view';
import { EmptyHint } from '../../components/empty-hint';
import { FieldChanges, describeFallback } from '../../components/field-changes';
import { IconSearch } from '../../components/icons';
import { VirtualList } from '../../components/virtual-list';
import { KIND_LABELS } from './review-labels';
import { CountChips } from './count-chips';
import { useReviewChanges } from './use-review-changes';

const ROW_HEIGHT = 52;

/** A new member's identity fields: the row's first line already shows them. */
const SHOWN_ABOVE = new Set(['userName', 'externalId', 'firstName', 'lastName', 'displayName', 'email']);

/** ` (now Field Technician)`: the role changed in SCIM Desk since the IdP's write set it (the role rules changed). */
export function roleNow(m: Pick<ReviewMember, 'changes' | 'currentRole'>): string {
  const role = m.changes.find((c) => c.field === 'role');
  return role && m.currentRole !== null && m.currentRole !== role.new ? ` (now ${safeText(m.currentRole)}, by the role rules)` : '';
}

/** One line saying what changed: the telling values of a new member, old → new otherwise (the drawer has all). */
function changeLine(m: ReviewMember, label: (f: string) => string): string {
  const isNew = m.kind === 'created' || m.kind === 'revived';
  return m.changes
    .filter((c) => c.field !== 'userName' && (!isNew || (c.new !== null && c.new !== '' && !SHOWN_ABOVE.has(c.field) && !(c.field === 'active' && c.new === 'true'))))
    .map((c) => `${label(c.field)}: ${describeFallback(c) ?? (isNew ? safeText(c.new) : `${safeText(c.old) ?? '∅'} → ${safeText(c.new) ?? '∅'}`)}${c.field === 'role' ? roleNow(m) : ''}`)
    .join(' · ');
}

function ChangeRow({ m, label }: { readonly m: ReviewMember; readonly label: (f: string) => string }) {
  const kind = KIND_LABELS[m.kind];
  return (
    <div style={{ display: 'flex', flexDirection: 'column', justifyContent: 'center', minWidth: 0, width: '100%', gap: 2 }}>
      <div style={{ display: 'flex', gap: 8, alignItems: 'center', minWidth: 0 }}>
        <Badge size="xs" variant="light" color={kind.color} style={{ flexShrink: 0 }}>
          {kind.label}
        </Badge>
        <span className="vlist-cell" style={{ fontWeight: 600 }}>
          {safeText(m.displayName) ?? safeText(m.userName) ?? m.memberId}
        </span>
        {m.displayName && m.userName ? (
          <span className="vlist-cell" style={{ color: 'var(--mantine-color-dimmed)', fontSize: 'var(--mantine-font-size-xs)', flex: 1 }}>
            {safeText(m.userName)}
          </span>
        ) : (
          <span style={{ flex: 1 }} />
        )}
        <span style={{ color: 'var(--mantine-color-dimmed)', fontSize: 'var(--mantine-font-size-xs)', flexShrink: 0 }}>{formatLogTime(m.lastAt)}</span>
      </div>
      <span className="vlist-cell" style={{ color: 'var(--mantine-color-dimmed)', fontSize: 'var(--mantine-font-size-xs)' }}>
        {changeLine(m, label) || 'No field changes'}
      </span>
    </div>
  );
}

interface ReviewChangesProps {
  readonly summary: ReviewSummary;
  readonly version: number;
}

/** Member changes: counts per kind as a filter, a search, and a windowed list of every changed member. */
export function ReviewChanges({ summary, version }: ReviewChangesProps) {
  const [kind, setKind] = useState<ReviewKind | null>(null);
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search, 250);
  const [open, setOpen] = useState<ReviewMember | null>(null);
  const label = useFieldLabel();
  const list = useReviewChanges(kind, query, version);
  const { total, byKind } = summary.changes;
  if (total === 0)
    return (
      <section aria-label="Member changes">
        <Title order={3} fz="md" mb="xs">
          Member changes (0)
        </Title>
        <Text size="sm" c="dimmed">
          The identity provider changed no member since the last acknowledgement.
        </Text>
      </section>
    );
  return (
    <section aria-label="Member changes">
      <Title order={3} fz="md" mb="xs">
        Member changes ({formatCount(total)})
      </Title>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" align="flex-end">
          <CountChips label="Show changes of kind" total={total} counts={byKind} nameOf={(v) => KIND_LABELS[v].label} value={kind} onChange={setKind} />
          <TextInput
            type="search"
            aria-label="Search member changes"
            placeholder="Search name or userName"
            leftSection={<IconSearch size={14} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            w={240}
            size="xs"
          />
        </Group>
        {list.status.status === 'error' ? <ErrorState title="Could not load the member changes" error={list.status.error} onRetry={list.loadMore} /> : null}
        {list.status.status === 'loading' && list.rows.length === 0 ? (
          <Center py="md">
            <Loader size="sm" aria-label="Loading member changes" />
          </Center>
        ) : null}
        {list.status.status === 'ready' && list.rows.length === 0 ? <EmptyHint title="No change matches" description="Clear the search or pick another kind." /> : null}
        {list.rows.length > 0 ? (
          <VirtualList
            items={list.rows}
            getKey={(m) => m.memberId ?? m.logId}
            rowHeight={ROW_HEIGHT}
            height={`min(${list.rows.length * ROW_HEIGHT + 2}px, 60vh)`}
            label="Member changes"
            header={null}
            renderRow={(m) => <ChangeRow m={m} label={label} />}
            rowLabel={(m) => `${KIND_LABELS[m.kind].label}: ${safeText(m.displayName ?? m.userName ?? '')}`}
            onOpen={setOpen}
            hasMore={list.nextCursor !== null}
            onEndReached={list.loadMore}
            resetKey={list.filterKey}
            footer={list.isLoadingMore ? <Center py="xs"><Loader size="xs" aria-label="Loading more changes" /></Center> : null}
          />
        ) : null}
      </Stack>
      <Drawer opened={open !== null} onClose={() => setOpen(null)} position="right" size="lg" title={<Text fw={600} className="wrap-anywhere">{safeText(open?.displayName ?? open?.userName ?? '')}</Text>}>
        {open ? (
          <Stack gap="sm">
            <Group gap="xs">
              <Badge variant="light" color={KIND_LABELS[open.kind].color}>
                {KIND_LABELS[open.kind].label}
              </Badge>
              <Text size="sm" c="dimmed" className="wrap-anywhere">
                {safeText(open.userName)} · last change {formatDateTime(open.lastAt)}
              </Text>
            </Group>
            <FieldChanges changes={open.changes} caption={`Changes to ${safeText(open.userName) ?? 'member'}`} />
            {roleNow(open) ? (
              <Text size="sm" c="dimmed">
                Role now: {safeText(open.currentRole)}, given since by the role rules (a role for one of the member&apos;s groups, or a role created).
              </Text>
            ) : null}
            {open.memberId ? (
              <Text size="sm">
                <a href="#/members" onClick={() => useMembersViewStore.getState().openMember(open.memberId ?? null)}>
                  Open the member
                </a>
              </Text>
            ) : null}
          </Stack>
        ) : null}
      </Drawer>
    </section>
  );
}
