import { useCallback, useEffect, useRef, useState } from 'react';

/** The state of one fetch, as a discriminated union (never a loading flag next to stale data). */
export type AsyncState<T> = { readonly status: 'loading' } | { readonly status: 'error'; readonly error: unknown } | { readonly status: 'ready'; readonly data: T };

export interface AsyncResource<T> {
  readonly state: AsyncState<T>;
  /** Fetch again; the previous data stays on screen while reloading when `keepData`. */
  readonly reload: () => void;
  /** Replace the data locally (after a save that answered the new value). */
  readonly setData: (data: T) => void;
  /** True while a reload is in flight on top of shown data. */
  readonly isRefreshing: boolean;
}

/**
 * Runs `load` when `key` changes (aborting the previous call) and exposes loading / error / ready.
 * For view-local server data; shared data lives in the zustand stores.
 */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, key: string): AsyncResource<T> {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  const [isRefreshing, setRefreshing] = useState(false);
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const stateRef = useRef(state);
  stateRef.current = state;

  useEffect(() => {
    const controller = new AbortController();
    if (stateRef.current.status === 'ready' && generation > 0) setRefreshing(true);
    else setState({ status: 'loading' });
    loadRef.current(controller.signal).then(
      (data) => {
        if (controller.signal.aborted) return;
        setState({ status: 'ready', data });
        setRefreshing(false);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ status: 'error', error });
        setRefreshing(false);
      },
    );
    return () => controller.abort();
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const setData = useCallback((data: T) => setState({ status: 'ready', data }), []);
  return { state, reload, setData, isRefreshing };
}
