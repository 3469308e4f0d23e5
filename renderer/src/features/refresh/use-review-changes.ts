import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReviewKind, ReviewMember } from '../../../../shared/api/refresh';
import { fetchReviewChanges } from '../../api/review-api';

const PAGE = 100;
/** Rows kept in memory; the list is windowed, so only the visible ones are in the page. */
const MAX_ROWS = 50_000;

export type ChangesStatus = { readonly status: 'loading' } | { readonly status: 'error'; readonly error: unknown } | { readonly status: 'ready' };

/** Member changes of the review, a page at a time as the list scrolls; reloads when the filter or `version` changes. */
export function useReviewChanges(kind: ReviewKind | null, query: string, version: number) {
  const [rows, setRows] = useState<ReadonlyArray<ReviewMember>>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [status, setStatus] = useState<ChangesStatus>({ status: 'loading' });
  const [isLoadingMore, setLoadingMore] = useState(false);
  const generation = useRef(0);
  const filter = { ...(kind ? { kind } : {}), ...(query.trim() ? { query: query.trim() } : {}) };
  const filterKey = JSON.stringify(filter);

  useEffect(() => {
    const mine = ++generation.current;
    const controller = new AbortController();
    setStatus({ status: 'loading' });
    fetchReviewChanges({ ...(JSON.parse(filterKey) as object), limit: PAGE }, controller.signal).then(
      (page) => {
        if (mine !== generation.current) return;
        setRows(page.rows);
        setNextCursor(page.nextCursor);
        setStatus({ status: 'ready' });
      },
      (error: unknown) => {
        if (mine === generation.current && !controller.signal.aborted) setStatus({ status: 'error', error });
      },
    );
    return () => controller.abort();
  }, [filterKey, version]);

  const loadMore = useCallback(() => {
    if (!nextCursor || isLoadingMore) return;
    const mine = generation.current;
    setLoadingMore(true);
    fetchReviewChanges({ ...(JSON.parse(filterKey) as object), limit: PAGE, cursor: nextCursor })
      .then((page) => {
        if (mine !== generation.current) return;
        setRows((r) => [...r, ...page.rows].slice(0, MAX_ROWS));
        setNextCursor(page.nextCursor);
      })
      .catch((error: unknown) => {
        if (mine === generation.current) setStatus({ status: 'error', error });
      })
      .finally(() => setLoadingMore(false));
  }, [nextCursor, isLoadingMore, filterKey]);

  return { rows, nextCursor, status, isLoadingMore, loadMore, filterKey };
}
