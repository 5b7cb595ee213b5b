// When an open receipt copies onto a drive by itself.
import { describe, expect, it } from 'vitest';
import type { DeliveryTarget } from '../../shared/delivery';
import { decideAutoCopy } from './auto-copy';

const drive = (id: string): DeliveryTarget => ({ id, label: `Drive ${id}`, kind: 'drive', freeBytes: null });
const change = (ids: string[], added: string[]) => ({ drives: ids.map(drive), added });

describe('decideAutoCopy', () => {
  it('copies onto a drive plugged in after the receipt opened', () => {
    expect(decideAutoCopy(['old'], [], change(['old', 'new'], ['new']))).toEqual({
      driveId: 'new',
      known: ['old', 'new'],
    });
  });

  it('leaves alone a drive that was there when the receipt opened', () => {
    // Main calls it new (plugged in just before), but the receipt found it there already.
    expect(decideAutoCopy(['stick'], [], change(['stick'], ['stick'])).driveId).toBeNull();
  });

  it('does not copy twice onto a drive pulled out and put back', () => {
    expect(decideAutoCopy([], ['stick'], change(['stick'], ['stick'])).driveId).toBeNull();
  });

  it('copies onto a new drive even before it heard which drives were there', () => {
    expect(decideAutoCopy(null, [], change(['old', 'new'], ['new'])).driveId).toBe('new');
  });

  it('does nothing when a drive is taken out', () => {
    expect(decideAutoCopy(['a', 'b'], [], change(['a'], []))).toEqual({ driveId: null, known: ['a'] });
  });
});
