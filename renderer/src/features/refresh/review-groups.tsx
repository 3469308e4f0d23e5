import { useEffect, useState } from 'react';
import { Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import type { ReviewGroup, ReviewGroupKind, ReviewSummary } from '../../../../shared/api/refresh';
import { fetchReviewGroups } from '../../api/review-api';
import { errorMessage } from '../../api/http-client';
import { formatDateTime, plural } from '../../lib/format';
import { safeText } from '../../lib/safe-text';
import { FieldChanges } from '../../components/field-changes';

const KIND: Readonly<Record<ReviewGroupKind, { readonly label: string; readonly color: string }>> = {
  created: { label: 'Created', color: 'teal' },
  updated: { label: 'Updated', color: 'blue' },
  deleted: { label: 'Deleted by the IdP', color: 'red' },
};

/** Groups loaded per page (each lists at most 50 member lines). */
const PAGE = 20;

function GroupChange({ g }: { readonly g: ReviewGroup }) {
  const name = safeText(g.displayName) ?? g.groupId;
  const counts = [g.joined > 0 ? `${plural(g.joined, 'member')} joined` : '', g.left > 0 ? `${plural(g.left, 'member')} left` : ''].filter(Boolean).join(', ');
  return (
    <div style={{ padding: '6px 0', borderBottom: '1px solid var(--mantine-color-default-border)' }}>
      <Group justify="space-between" mb={4} wrap="nowrap">
        <Group gap="xs" style={{ minWidth: 0 }}>
          <Badge color={KIND[g.kind].color} variant="light">
            {KIND[g.kind].label}
          </Badge>
          <Text size="sm" fw={600} className="wrap-anywhere">
            {name}
          </Text>
          {counts ? (
            <Text size="xs" c="dimmed">
              {counts}
            </Text>
          ) : null}
        </Group>
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {formatDateTime(g.lastAt)}
        </Text>
      </Group>
      {g.changes.length > 0 ? <FieldChanges changes={g.changes} caption={`Changes to group ${name}`} /> : null}
      {g.omitted > 0 ? (
        <Text size="xs" c="dimmed" mt={4}>
          and {plural(g.omitted, 'more member')} (the group's member list in Groups has them all)
        </Text>
      ) : null}
    </div>
  );
}

/** IdP groups with their net change, a page at a time: renamed, members joined or left. The role changes are under the members. */
export function ReviewGroups({ summary, version }: { readonly summary: ReviewSummary; readonly version: number }) {
  const [rows, setRows] = useState<ReadonlyArray<ReviewGroup>>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isLoading, setLoading] = useState(false);
  const total = summary.groups.total;

  useEffect(() => {
    if (total === 0) return;
    const ctl = new AbortController();
    setLoading(true);
    fetchReviewGroups({ limit: PAGE }, ctl.signal)
      .then((page) => {
        setRows(page.rows);
        setCursor(page.nextCursor);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!ctl.signal.aborted) setError(errorMessage(e));
      })
      .finally(() => setLoading(false));
    return () => ctl.abort();
  }, [total, version]);

  const more = async () => {
    if (cursor === null) return;
    setLoading(true);
    try {
      const page = await fetchReviewGroups({ limit: PAGE, cursor });
      setRows((r) => [...r, ...page.rows]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  };

  if (total === 0) return null;
  return (
    <section aria-label="Group changes">
      <Title order={3} fz="md" mb="xs">
        Group changes · {plural(total, 'group')}
      </Title>
      {error ? (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      ) : null}
      <Stack gap={0}>
        {rows.map((g) => (
          <GroupChange key={g.groupId} g={g} />
        ))}
      </Stack>
      {cursor !== null ? (
        <Button type="button" variant="subtle" size="xs" mt="xs" loading={isLoading} onClick={() => void more()}>
          Show more groups
        </Button>
      ) : null}
    </section>
  );
}
