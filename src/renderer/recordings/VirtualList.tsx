// A long list that stays smooth with thousands of rows: rows have one fixed height, and only the rows in view
// (plus a few either side) are in the page. It scrolls inside itself and fills the window down to its bottom,
// so whatever sits above it (a filter bar) stays in view. Near the end it asks for more rows.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

interface VirtualListProps<T> {
  items: readonly T[];
  /** Height of one row in px, the gap below it included. */
  rowHeight: number;
  /** Rows kept in the page above and below the visible ones. */
  overscan?: number;
  /** How many rows before the end `onNearEnd` is called. */
  nearEnd?: number;
  /** How many rows there are in all (for screen readers), when only some are loaded. */
  total?: number;
  label: string;
  getKey(item: T): string;
  renderRow(item: T, index: number): ReactNode;
  onNearEnd?(): void;
  /** Shown after the last row (e.g. "Loading more"). */
  footer?: ReactNode;
  /** Changing it scrolls back to the top (e.g. a new filter). */
  resetKey?: string;
  /** The list never gets shorter than this, in px. */
  minHeight?: number;
}

/** The visible window of rows for a scroll position: [first, last) with overscan, clamped to the list. */
export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan: number,
): { first: number; last: number } {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan);
  return { first, last: Math.max(first, last) };
}

// The screen's own bottom padding (.screen in styles.css), so the page itself never scrolls.
const BOTTOM_GAP = 32;

export function VirtualList<T>({
  items,
  rowHeight,
  overscan = 4,
  nearEnd = 10,
  total,
  label,
  getKey,
  renderRow,
  onNearEnd,
  footer,
  resetKey,
  minHeight = 260,
}: VirtualListProps<T>) {
  const viewport = useRef<HTMLDivElement | null>(null);
  const [height, setHeight] = useState(minHeight);
  const [scrollTop, setScrollTop] = useState(0);

  // Fill the window below the list's top; re-measure when the window or anything above the list changes.
  const measure = useCallback(() => {
    const element = viewport.current;
    if (!element) return;
    const top = element.getBoundingClientRect().top + window.scrollY;
    setHeight(Math.max(minHeight, Math.floor(window.innerHeight - top - BOTTOM_GAP)));
  }, [minHeight]);
  useLayoutEffect(() => {
    measure();
    window.addEventListener('resize', measure);
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => {
      window.removeEventListener('resize', measure);
      observer.disconnect();
    };
  }, [measure]);

  // Scrolling to the top fires a scroll event, which updates scrollTop.
  useLayoutEffect(() => {
    if (viewport.current) viewport.current.scrollTop = 0;
  }, [resetKey]);

  const { first, last } = visibleRange(scrollTop, height, rowHeight, items.length, overscan);

  useEffect(() => {
    if (onNearEnd && items.length > 0 && last >= items.length - nearEnd) onNearEnd();
  }, [last, items.length, nearEnd, onNearEnd]);

  const rows: ReactNode[] = [];
  for (let index = first; index < last; index++) {
    const item = items[index] as T;
    rows.push(
      <div
        key={getKey(item)}
        role="listitem"
        aria-posinset={index + 1}
        aria-setsize={total ?? items.length}
        className="virtual-row"
        style={{ position: 'absolute', left: 0, right: 0, top: index * rowHeight, height: rowHeight }}
      >
        {renderRow(item, index)}
      </div>,
    );
  }

  return (
    <div
      ref={viewport}
      className="virtual-list"
      style={{ height, overflowY: 'auto', overscrollBehavior: 'contain' }}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <div
        role="list"
        aria-label={label}
        className="virtual-list-body"
        style={{ position: 'relative', height: items.length * rowHeight }}
      >
        {rows}
      </div>
      {footer}
    </div>
  );
}
