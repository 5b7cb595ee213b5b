import { describe, expect, it } from 'vitest';
import { FeedHealth, FIRST_FRAME_MS, STALL_MS, type TrackReading } from './frame-watch';

const live = (at: number, frames: number | null): TrackReading => ({
  at,
  ended: false,
  muted: false,
  frames,
});

/** A feed read every 250 ms from 0 with a frame count for each reading. */
function follow(frames: Array<number | null>, muted: (at: number) => boolean = () => false) {
  const health = new FeedHealth(0);
  return frames.map((count, i) => health.read({ ...live(i * 250, count), muted: muted(i * 250) }));
}

describe('noticing a camera that stops sending pictures', () => {
  it('says nothing while frames keep coming', () => {
    expect(follow([5, 10, 15, 20, 25, 30, 35, 40, 45, 50])).toEqual(Array(10).fill(null));
  });

  it('counts a feed as stopped after 1.25 s without a new frame, not before', () => {
    const health = new FeedHealth(0);
    health.read(live(0, 10));
    health.read(live(250, 15));
    expect(health.read(live(250 + STALL_MS - 1, 15))).toBeNull();
    expect(health.read(live(250 + STALL_MS, 15))).toBe('no-frames');
    expect(health.stoppedAt()).toBe(250);
  });

  it('counts an ended track as stopped at once', () => {
    const health = new FeedHealth(0);
    health.read(live(0, 10));
    health.read(live(250, 15));
    expect(health.read({ at: 500, ended: true, muted: false, frames: 15 })).toBe('ended');
    expect(health.stoppedAt()).toBe(250);
  });

  it('counts a track muted for 1.25 s as stopped, and an unmuted one as fine again', () => {
    const health = new FeedHealth(0);
    health.read(live(0, null));
    expect(health.read({ at: 250, ended: false, muted: true, frames: null })).toBeNull();
    expect(health.read({ at: 250 + STALL_MS, ended: false, muted: true, frames: null })).toBe('muted');
    expect(health.read(live(2000, null))).toBeNull();
  });

  it('gives a camera just opened a few seconds for its first frame', () => {
    const health = new FeedHealth(0);
    expect(health.read(live(0, 0))).toBeNull();
    expect(health.read(live(STALL_MS + 500, 0))).toBeNull();
    expect(health.read(live(FIRST_FRAME_MS, 0))).toBe('no-frames');
  });

  it('is fine again when frames come back', () => {
    const health = new FeedHealth(0);
    health.read(live(0, 10));
    expect(health.read(live(STALL_MS + 100, 10))).toBe('no-frames');
    expect(health.read(live(STALL_MS + 350, 12))).toBeNull();
  });

  it('relies on ended and mute alone where the browser does not count frames', () => {
    expect(follow(Array(40).fill(null))).toEqual(Array(40).fill(null));
  });
});
