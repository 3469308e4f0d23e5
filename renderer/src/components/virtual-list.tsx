import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

interface VirtualListProps<T> {
  readonly items: ReadonlyArray<T>;
  readonly getKey: (item: T) => string | number;
  readonly rowHeight: number;
  /** Accessible name of the list. */
  readonly label: string;
  /** Column headings, rendered above the scroller (kept outside the listbox). */
  readonly header: ReactNode;
  /** The cells of one row. */
  readonly renderRow: (item: T, index: number) => ReactNode;
  /** Enter or click on a row. */
  readonly onOpen: (item: T) => void;
  /** More rows exist on the server: called as the end comes into view. */
  readonly hasMore: boolean;
  readonly onEndReached: () => void;
  /** Below the last row: "Loading more…" or a retry. */
  readonly footer?: ReactNode;
  /** CSS height of the scroller; omit to fill a flex column parent. */
  readonly height?: string;
  /** Row accessible name; defaults to the row's text. */
  readonly rowLabel?: (item: T) => string;
  /** When this changes (new search or filters) the list scrolls back to the top. */
  readonly resetKey?: string;
  /** Called when the list comes to, or leaves, its first row (the live log holds new rows back while away). */
  readonly onAtTopChange?: (isAtTop: boolean) => void;
  /**
   * Key rows by position, not by item: when new items arrive on top several times a second (the
   * live log), the rows in view are updated in place instead of all unmounted and mounted again.
   */
  readonly isKeyedByPosition?: boolean;
  /** Rows rendered beyond the visible ones, each way. */
  readonly overscan?: number;
}

const LOAD_AHEAD_ROWS = 40;

/**
 * A windowed list (only the visible rows are in the DOM) for the 100,000-member list and the log.
 * Keyboard: the list is one tab stop; arrows, Page Up/Down, Home/End move the active row
 * (aria-activedescendant), Enter opens it.
 */
export function VirtualList<T>(props: VirtualListProps<T>) {
  const { items, getKey, rowHeight, label, header, renderRow, onOpen, hasMore, onEndReached, footer, height, rowLabel, resetKey, onAtTopChange, isKeyedByPosition = false, overscan = 12 } = props;
  const scrollerRef = useRef<HTMLDivElement>(null);
  const idPrefix = useId();
  const [active, setActive] = useState(-1);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => rowHeight,
    overscan,
    getItemKey: (i) => {
      const item = items[i];
      return item === undefined || isKeyedByPosition ? i : getKey(item);
    },
  });
  const virtualRows = virtualizer.getVirtualItems();
  const lastIndex = virtualRows.at(-1)?.index ?? -1;

  useEffect(() => {
    if (hasMore && lastIndex >= items.length - LOAD_AHEAD_ROWS) onEndReached();
  }, [hasMore, lastIndex, items.length, onEndReached]);

  useEffect(() => {
    scrollerRef.current?.scrollTo({ top: 0 });
    setActive(-1);
  }, [resetKey]);

  useEffect(() => {
    if (active >= items.length) setActive(items.length - 1);
  }, [active, items.length]);

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(items.length - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const page = Math.max(1, Math.floor((scrollerRef.current?.clientHeight ?? rowHeight * 10) / rowHeight) - 1);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(active + 1),
      ArrowUp: () => moveTo(active - 1),
      PageDown: () => moveTo(active + page),
      PageUp: () => moveTo(active - page),
      Home: () => moveTo(0),
      End: () => moveTo(items.length - 1),
      Enter: () => {
        const item = items[active];
        if (item !== undefined) onOpen(item);
      },
    };
    const action = keys[e.key];
    if (!action || items.length === 0) return;
    e.preventDefault();
    action();
  };

  return (
    <div
      className="vlist"
      style={{
        border: '1px solid var(--mantine-color-default-border)',
        borderRadius: 'var(--mantine-radius-sm)',
        ...(height === undefined ? { display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 } : {}),
      }}
    >
      <div aria-hidden="true">{header}</div>
      <div
        ref={scrollerRef}
        className="vlist-scroller"
        style={height === undefined ? { flex: 1, minHeight: 0 } : { height }}
        role="listbox"
        aria-label={label}
        tabIndex={0}
        aria-activedescendant={active >= 0 && active < items.length ? `${idPrefix}-${active}` : undefined}
        onKeyDown={onKeyDown}
        onScroll={onAtTopChange ? (e) => onAtTopChange(e.currentTarget.scrollTop < rowHeight / 2) : undefined}
        onFocus={() => {
          if (active < 0 && items.length > 0) setActive(Math.max(0, virtualRows[0]?.index ?? 0));
        }}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
          {virtualRows.map((v) => {
            const item = items[v.index];
            if (item === undefined) return null;
            return (
              <div
                key={v.key}
                id={`${idPrefix}-${v.index}`}
                role="option"
                aria-selected={v.index === active}
                aria-label={rowLabel?.(item)}
                className="vlist-row"
                style={{ position: 'absolute', top: 0, left: 0, width: '100%', height: rowHeight, transform: `translateY(${v.start}px)` }}
                onClick={() => {
                  setActive(v.index);
                  onOpen(item);
                }}
              >
                {renderRow(item, v.index)}
              </div>
            );
          })}
        </div>
        {footer}
      </div>
    </div>
  );
}
