import { describe, expect, it } from 'vitest';
import type { SlotEdit } from '../../shared/edit-math';
import type { SlotView } from '../../shared/slots';
import type { Result } from '../../shared/errors';
import { SlotSaveQueue } from './save-queue';

/** A stand-in for main: each send waits until the test answers it. */
function fakeMain() {
  const sent: SlotEdit[][] = [];
  const answers: ((result: Result<SlotView[]>) => void)[] = [];
  const saved: SlotView[][] = [];
  const queue = new SlotSaveQueue({
    send: (edits) => {
      sent.push(edits);
      return new Promise((resolve) => answers.push(resolve));
    },
    onSaved: (slots) => saved.push(slots),
    onChange: () => {},
  });
  const answer = async (result: Result<SlotView[]>) => {
    answers.shift()?.(result);
    // Let the queue see the answer (and send what waited behind it).
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { queue, sent, saved, answer };
}

const edit = (slotNumber: number, windowStart: number): SlotEdit => ({
  slotNumber,
  windowStart,
  slotDuration: 3,
});
const view = (slotNumber: number, windowStart: number) => ({ slotNumber, windowStart }) as SlotView;

describe('saving slot edits', () => {
  it('sends only the newest edit of each slot', async () => {
    const { queue, sent, answer } = fakeMain();
    queue.edit(edit(1, 2));
    queue.edit(edit(1, 2.1));
    queue.edit(edit(3, 8));
    const done = queue.flush();
    expect(sent).toEqual([[edit(1, 2.1), edit(3, 8)]]);
    await answer({ ok: true, value: [view(1, 2.1)] });
    await done;
    expect(queue.saveStatus()).toEqual({ state: 'saved' });
    expect(queue.hasUnsaved()).toBe(false);
  });

  it('shows edits over the saved slots until main has answered', async () => {
    const { queue, answer } = fakeMain();
    queue.edit(edit(2, 5));
    const done = queue.flush();
    expect(queue.unsaved()).toEqual([edit(2, 5)]);
    expect(queue.saveStatus()).toEqual({ state: 'saving' });
    await answer({ ok: true, value: [] });
    await done;
    expect(queue.unsaved()).toEqual([]);
  });

  it('sends edits made during a save in the next one, never two at once', async () => {
    const { queue, sent, saved, answer } = fakeMain();
    queue.edit(edit(1, 1));
    const done = queue.flush();
    queue.edit(edit(1, 4));
    void queue.flush();
    expect(sent).toHaveLength(1);
    expect(queue.unsaved()).toEqual([edit(1, 4)]);
    await answer({ ok: true, value: [view(1, 1)] });
    expect(sent).toEqual([[edit(1, 1)], [edit(1, 4)]]);
    await answer({ ok: true, value: [view(1, 4)] });
    await done;
    expect(saved).toEqual([[view(1, 1)], [view(1, 4)]]);
  });

  it('keeps a refused edit, says why, and sends it again on retry', async () => {
    const { queue, sent, answer } = fakeMain();
    queue.edit(edit(4, 9));
    const first = queue.flush();
    await answer({
      ok: false,
      error: { code: 'UNAVAILABLE', message: 'The kiosk service is not answering.' },
    });
    await first;
    expect(queue.saveStatus()).toEqual({
      state: 'failed',
      error: { code: 'UNAVAILABLE', message: 'The kiosk service is not answering.' },
    });
    expect(queue.unsaved()).toEqual([edit(4, 9)]);
    const retry = queue.flush();
    expect(sent).toEqual([[edit(4, 9)], [edit(4, 9)]]);
    await answer({ ok: true, value: [] });
    await retry;
    expect(queue.saveStatus()).toEqual({ state: 'saved' });
  });

  it('lets a newer edit of a slot replace its refused one', async () => {
    const { queue, sent, answer } = fakeMain();
    queue.edit(edit(4, 9));
    const first = queue.flush();
    await answer({ ok: false, error: { code: 'INTERNAL', message: 'Broken.' } });
    await first;
    queue.edit(edit(4, 11));
    void queue.flush();
    expect(sent.at(-1)).toEqual([edit(4, 11)]);
  });

  it('turns a transport that throws into a plain failure', async () => {
    const queue = new SlotSaveQueue({
      send: () => Promise.reject(new Error('socket closed')),
      onSaved: () => {},
      onChange: () => {},
    });
    queue.edit(edit(1, 1));
    await queue.flush();
    const status = queue.saveStatus();
    expect(status.state).toBe('failed');
    expect(status.state === 'failed' && status.error.message).toMatch(/did not answer/);
  });
});
