import { describe, expect, it } from 'vitest';
import { HISTORY_LIMIT, canRedo, canUndo, record, redo, startHistory, undo } from './history';

describe('undo and redo', () => {
  it('starts with nothing to undo or redo', () => {
    const history = startHistory(['a']);
    expect(canUndo(history)).toBe(false);
    expect(canRedo(history)).toBe(false);
  });

  it('undoes a change back to what was shown before, and redoes it', () => {
    const changed = record(startHistory(1), 2);
    const undone = undo(changed);
    expect(undone.present).toBe(1);
    expect(canRedo(undone)).toBe(true);
    expect(redo(undone).present).toBe(2);
  });

  it('undoes several changes one at a time, newest first', () => {
    let history = startHistory(1);
    for (const next of [2, 3, 4]) history = record(history, next);
    expect(undo(history).present).toBe(3);
    expect(undo(undo(undo(history))).present).toBe(1);
    expect(canUndo(undo(undo(undo(history))))).toBe(false);
  });

  it('forgets what could be redone once something new is changed', () => {
    const history = record(undo(record(startHistory(1), 2)), 5);
    expect(history.present).toBe(5);
    expect(canRedo(history)).toBe(false);
    expect(undo(history).present).toBe(1);
  });

  it('adds no step for a change to what is already shown', () => {
    const history = startHistory({ n: 1 });
    const same = record(history, { n: 1 }, null, (a, b) => a.n === b.n);
    expect(same).toBe(history);
  });

  it('leaves undo and redo unchanged when there is nothing to undo or redo', () => {
    const history = startHistory(1);
    expect(undo(history)).toBe(history);
    expect(redo(history)).toBe(history);
  });
});

describe('one drag is one step', () => {
  it('replaces the present while the same gesture goes on', () => {
    let history = record(startHistory(0), 1);
    for (const position of [10, 11, 12, 13]) history = record(history, position, 'drag-1');
    expect(history.present).toBe(13);
    expect(undo(history).present).toBe(1);
    expect(undo(undo(history)).present).toBe(0);
  });

  it('starts a new step for the next gesture', () => {
    let history = record(startHistory(0), 5, 'drag-1');
    history = record(history, 6, 'drag-1');
    history = record(history, 9, 'drag-2');
    expect(undo(history).present).toBe(6);
  });

  it('starts a new step after an undo even with the same gesture name', () => {
    let history = record(record(startHistory(0), 5, 'drag-1'), 6);
    history = record(undo(history), 7, 'drag-1');
    expect(undo(history).present).toBe(5);
  });

  it('leaves no step behind for a drag that ends where it began', () => {
    let history = record(startHistory(0), 3, 'drag-1');
    history = record(history, 0, 'drag-1');
    expect(history.present).toBe(0);
    expect(canUndo(history)).toBe(false);
    history = record(history, 4, 'drag-1');
    expect(undo(history).present).toBe(0);
  });
});

describe('how much is kept', () => {
  it(`keeps the newest ${HISTORY_LIMIT} steps and drops the oldest`, () => {
    let history = startHistory(0);
    for (let i = 1; i <= HISTORY_LIMIT + 20; i++) history = record(history, i);
    expect(history.past).toHaveLength(HISTORY_LIMIT);
    let back = history;
    while (canUndo(back)) back = undo(back);
    expect(back.present).toBe(20);
  });
});
