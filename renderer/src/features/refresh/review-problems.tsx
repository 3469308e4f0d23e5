import { useEffect, useRef, useState } from 'react';
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ProblemOperation, ReviewProblem, ReviewSummary } from '../../../../shared/api/refresh';
import { fetchReviewProblems } from '../../api/review-api';
import { errorMessage } from '../../api/http-client';
import { useAsync } from '../../lib/use-async';
import { formatCount, plural } from '../../lib/format';
import { safeText } from '../../lib/safe-text';
import { useReviewViewStore } from '../../stores/review-view-store';
import { useRolesStore } from '../../stores/roles-store';
import { AsyncView } from '../../components/async-view';
import { ProblemCard } from './problem-card';
import { DismissDialog } from './dismiss-dialog';
import { PROBLEM_LABELS } from './review-labels';
import { CountChips } from './count-chips';

/** Problems per page: the page stays small whatever the tenant size. */
const PAGE = 20;

interface ReviewProblemsProps {
  readonly summary: ReviewSummary;
  /** Bumped after any change, so the list reloads with the summary. */
  readonly version: number;
  readonly onChanged: () => void;
  readonly onShowRequest: (logId: number) => void;
}

/** "Create role X" for the roles whose absence refused the most requests. */
function MissingRoles({ summary, onChanged }: Pick<ReviewProblemsProps, 'summary' | 'onChanged'>) {
  const [busy, setBusy] = useState<string | null>(null);
  if (summary.needsAction.missingRoles.length === 0) return null;
  const create = async (name: string) => {
    setBusy(name);
    try {
      await useRolesStore.getState().create(name);
      notifications.show({ color: 'teal', message: `Role "${name}" created. The IdP's next attempts go through.` });
      onChanged();
    } catch (e) {
      notifications.show({ color: 'red', title: 'Role not created', message: errorMessage(e) });
    } finally {
      setBusy(null);
    }
  };
  return (
    <Stack gap={4}>
      {summary.needsAction.missingRoles.map((r) => (
        <Group key={r.value} gap="xs" justify="space-between" wrap="nowrap">
          <Text size="sm" className="wrap-anywhere">
            Role “{safeText(r.value)}” does not exist: {plural(r.count, 'request')} refused.
          </Text>
          <Button type="button" size="compact-sm" variant="light" loading={busy === r.value} onClick={() => void create(r.value)}>
            Create role “{safeText(r.value)}”
          </Button>
        </Group>
      ))}
    </Stack>
  );
}

interface ProblemListProps {
  readonly query: { readonly operation?: ProblemOperation; readonly state?: 'standing' | 'waiting' };
  readonly version: number;
  readonly onChanged: () => void;
  readonly onShowRequest: (logId: number) => void;
  readonly onDismiss: (p: ReviewProblem) => void;
}

/** Problems a page at a time (Newer / Older), so the page holds at most {@link PAGE} cards. */
export function ProblemList({ query, version, onChanged, onShowRequest, onDismiss }: ProblemListProps) {
  const [cursors, setCursors] = useState<ReadonlyArray<string | undefined>>([undefined]);
  const queryKey = JSON.stringify(query);
  const cursor = cursors[cursors.length - 1];
  const page = useAsync((signal) => fetchReviewProblems({ ...query, limit: PAGE, ...(cursor ? { cursor } : {}) }, signal), `${queryKey}|${cursor ?? ''}|${version}`);
  useEffect(() => setCursors([undefined]), [queryKey, version]);
  return (
    <AsyncView state={page.state} what="the problems" onRetry={page.reload}>
      {(p) => (
        <Stack gap="xs">
          {p.rows.map((row) => (
            <ProblemCard key={row.id} problem={row} onChanged={onChanged} onDismiss={onDismiss} onShowRequest={onShowRequest} />
          ))}
          {cursors.length > 1 || p.nextCursor ? (
            <Group justify="space-between">
              <Button type="button" size="xs" variant="default" disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
                Newer
              </Button>
              <Text size="xs" c="dimmed">
                Page {cursors.length}
              </Text>
              <Button type="button" size="xs" variant="default" disabled={!p.nextCursor} onClick={() => setCursors((c) => [...c, p.nextCursor ?? undefined])}>
                Older
              </Button>
            </Group>
          ) : null}
        </Stack>
      )}
    </AsyncView>
  );
}

/** "Needs your action": open problems whose cause is still there, a page at a time, with their fixes. */
export function ReviewProblems({ summary, version, onChanged, onShowRequest }: ReviewProblemsProps) {
  const filter = useReviewViewStore((s) => s.problemFilter);
  const isFocusPending = useReviewViewStore((s) => s.isFocusPending);
  const [dismissing, setDismissing] = useState<ReviewProblem | null>(null);
  const [isShowingWaiting, setShowingWaiting] = useState(false);
  const sectionRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!isFocusPending) return;
    sectionRef.current?.scrollIntoView({ block: 'start' });
    useReviewViewStore.getState().focusDone();
  }, [isFocusPending]);
  const { total, byOperation } = summary.needsAction;
  const setFilter = (v: ProblemOperation | null) => useReviewViewStore.getState().setProblemFilter(v);

  return (
    <section aria-label="Needs your action" ref={sectionRef}>
      <Title order={3} fz="md" mb="xs">
        Needs your action ({formatCount(total)})
      </Title>
      {total === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing is waiting for you: no refused request still stands.
        </Text>
      ) : (
        <Stack gap="sm">
          <CountChips label="Show problems of kind" total={total} counts={byOperation} nameOf={(v) => PROBLEM_LABELS[v]} value={filter} onChange={setFilter} />
          <MissingRoles summary={summary} onChanged={onChanged} />
          <ProblemList query={filter ? { operation: filter } : {}} version={version} onChanged={onChanged} onShowRequest={onShowRequest} onDismiss={setDismissing} />
        </Stack>
      )}
      {summary.waiting > 0 ? (
        <Stack gap="xs" mt="sm">
          <Group gap="xs">
            <Text size="sm" role="status">
              {plural(summary.waiting, 'problem')} fixed in SCIM Desk {summary.waiting === 1 ? 'waits' : 'wait'} for the identity provider's next attempt.
            </Text>
            <Button type="button" size="compact-xs" variant="subtle" onClick={() => setShowingWaiting((v) => !v)}>
              {isShowingWaiting ? 'Hide' : 'Show'}
            </Button>
          </Group>
          {isShowingWaiting ? <ProblemList query={{ state: 'waiting' }} version={version} onChanged={onChanged} onShowRequest={onShowRequest} onDismiss={setDismissing} /> : null}
        </Stack>
      ) : null}
      <DismissDialog
        problem={dismissing}
        onClose={() => setDismissing(null)}
        onDone={() => {
          setDismissing(null);
          notifications.show({ color: 'teal', message: 'Problem dismissed.' });
          onChanged();
        }}
      />
    </section>
  );
}
