// The join checks on small files made for the purpose: each check passes a clean file and catches the flaw it
// is there to catch (a dropped stretch of frames, short sound, a damaged file, a different picture).
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../../db/test-support';
import { resolveFfmpeg } from '../../ffmpeg/resolve';
import {
  countFrames,
  decodeErrors,
  findFfprobe,
  frameDifference,
  streamDurations,
  timestampGaps,
} from './video-checks';

const ffmpeg = resolveFfmpeg().path;
const ffprobe = findFfprobe();
const dir = makeTempDir('magnum-video-checks-');
const file = (name: string) => path.join(dir, name);
const make = (args: string[]) => execFileSync(ffmpeg, ['-v', 'error', '-y', ...args]);
const h264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'];

beforeAll(() => {
  // 2 s at 30 fps: one red second, then one blue second, with 2 s of sound.
  make([
    '-f',
    'lavfi',
    '-i',
    'color=c=red:s=160x90:r=30:d=1[a];color=c=blue:s=160x90:r=30:d=1[b];[a][b]concat=n=2',
    '-f',
    'lavfi',
    '-i',
    'sine=f=440:d=2',
    ...h264,
    '-c:a',
    'aac',
    '-shortest',
    file('clean.mp4'),
  ]);
  // The same picture with frames 10 to 19 dropped and the timestamps kept: a hole in the middle.
  make([
    '-i',
    file('clean.mp4'),
    '-vf',
    "select='not(between(n,10,19))'",
    '-vsync',
    '0',
    '-an',
    ...h264,
    file('holed.mp4'),
  ]);
  // A white picture for 2 s, sound for 1 s.
  make([
    '-f',
    'lavfi',
    '-i',
    'color=c=white:s=160x90:r=30:d=2',
    '-f',
    'lavfi',
    '-i',
    'sine=f=440:d=1',
    ...h264,
    '-c:a',
    'aac',
    file('short-sound.mp4'),
  ]);
  // A transport stream whose middle 80 packets have their payload scrambled (the 4-byte headers kept, so the
  // demuxer still reads them): the decoder meets broken macroblocks.
  make(['-f', 'lavfi', '-i', 'testsrc=s=320x180:r=30:d=2', ...h264, '-f', 'mpegts', file('damaged.ts')]);
  const bytes = readFileSync(file('damaged.ts'));
  const middle = Math.floor(bytes.length / 2 / 188) * 188;
  for (let packet = middle - 188 * 40; packet < middle + 188 * 40; packet += 188) {
    for (let i = packet + 4; i < packet + 188; i += 1) bytes[i] = (bytes[i]! * 7 + 13) & 0xff;
  }
  writeFileSync(file('damaged.ts'), bytes);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the join checks', () => {
  it('counts every decoded frame', async () => {
    expect(await countFrames(ffprobe, file('clean.mp4'))).toBe(60);
    expect(await countFrames(ffprobe, file('holed.mp4'))).toBe(50);
  });

  it('measures picture and sound apart, and sees sound that stops early', async () => {
    const clean = await streamDurations(ffprobe, file('clean.mp4'));
    expect(clean.video).toBeCloseTo(2, 1);
    expect(Math.abs(clean.audio! - clean.video)).toBeLessThan(1 / 30 + 0.03);
    const short = await streamDurations(ffprobe, file('short-sound.mp4'));
    expect(short.video).toBeCloseTo(2, 1);
    expect(short.audio).toBeCloseTo(1, 1);
    expect((await streamDurations(ffprobe, file('holed.mp4'))).audio).toBeNull();
  });

  it('finds no timestamp gap in a continuous file and one where frames are missing', async () => {
    expect(await timestampGaps(ffprobe, file('clean.mp4'), 30)).toBe(0);
    expect(await timestampGaps(ffprobe, file('holed.mp4'), 30)).toBe(1);
  });

  it('reports decode errors of a damaged file and none of a clean one', async () => {
    expect(await decodeErrors(ffmpeg, file('clean.mp4'))).toEqual([]);
    expect((await decodeErrors(ffmpeg, file('damaged.ts'))).length).toBeGreaterThan(0);
  });

  it('tells the same moment from a different one', async () => {
    const size = { width: 64, height: 36 };
    const other = await frameDifference(
      ffmpeg,
      { file: file('clean.mp4'), at: 0.5 },
      { file: file('short-sound.mp4'), at: 0 },
      size,
    );
    const red = await frameDifference(
      ffmpeg,
      { file: file('clean.mp4'), at: 0.2 },
      { file: file('clean.mp4'), at: 0.8 },
      size,
    );
    const redBlue = await frameDifference(
      ffmpeg,
      { file: file('clean.mp4'), at: 0.5 },
      { file: file('clean.mp4'), at: 1.5 },
      size,
    );
    expect(red).toBeLessThan(2);
    expect(redBlue).toBeGreaterThan(20);
    // Red against white: another file's picture.
    expect(other).toBeGreaterThan(20);
  });
});
