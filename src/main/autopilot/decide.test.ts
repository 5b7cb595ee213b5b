// The rule for making a video by itself, with plain inputs.
import { describe, expect, it } from 'vitest';
import { decideVideo, type FlightChange, type VideoJobFacts } from './decide';

const change: FlightChange = { sceneSaved: true, edited: false, changedAt: '2025-06-01T10:00:00.000Z' };
const ready: VideoJobFacts = {
  autoMakeVideo: true,
  active: null,
  lastVideoStartedAt: null,
  footageProblem: null,
};

describe('deciding to make the video', () => {
  it('makes it after a scene save once every slot has footage', () => {
    expect(decideVideo(change, ready).action).toBe('queue');
  });

  it('leaves a waiting job to show the change', () => {
    const facts = { ...ready, active: { status: 'pending' as const, startedAt: null } };
    expect(decideVideo(change, facts)).toEqual({
      action: 'none',
      reason: 'a waiting video job will show the change',
    });
  });

  it('makes it again after a running job that started before the change', () => {
    const before = { status: 'processing' as const, startedAt: '2025-06-01T09:59:59.000Z' };
    const after = { status: 'processing' as const, startedAt: '2025-06-01T10:00:01.000Z' };
    expect(decideVideo(change, { ...ready, active: before }).action).toBe('after-running');
    expect(decideVideo(change, { ...ready, active: after }).action).toBe('none');
  });

  it('does not make it again when a video made after the change exists', () => {
    const facts = { ...ready, lastVideoStartedAt: '2025-06-01T10:00:02.000Z' };
    expect(decideVideo(change, facts).reason).toBe('a video made after the change exists');
  });

  it('makes it again after an edit only when a video was made before', () => {
    const edit = { ...change, sceneSaved: false, edited: true };
    expect(decideVideo(edit, ready).action).toBe('none');
    expect(decideVideo(edit, { ...ready, lastVideoStartedAt: '2025-06-01T09:00:00.000Z' })).toEqual({
      action: 'queue',
      reason: 'the flight was edited after its video was made',
    });
  });

  it('does nothing for a check-in', () => {
    expect(decideVideo({ ...change, sceneSaved: false }, ready).action).toBe('none');
  });
});
