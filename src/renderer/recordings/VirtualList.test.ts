import { describe, expect, it } from 'vitest';
import { visibleRange } from './VirtualList';

describe('visibleRange', () => {
  it('renders the rows in view plus the overscan either side', () => {
    // 120 px rows, a 600 px viewport scrolled to row 50: rows 50..54 are in view.
    expect(visibleRange(6000, 600, 120, 10_000, 4)).toEqual({ first: 46, last: 59 });
  });

  it('clamps to the top and to the rows that exist', () => {
    expect(visibleRange(0, 600, 120, 10_000, 4)).toEqual({ first: 0, last: 9 });
    expect(visibleRange(0, 600, 120, 3, 4)).toEqual({ first: 0, last: 3 });
    expect(visibleRange(0, 600, 120, 0, 4)).toEqual({ first: 0, last: 0 });
  });

  it('never renders more than a screenful plus overscan, however long the list', () => {
    const { first, last } = visibleRange(1_000_000, 800, 120, 100_000, 4);
    expect(last - first).toBeLessThanOrEqual(Math.ceil(800 / 120) + 1 + 8);
  });
});
