import { describe, expect, it } from 'vitest';
import {
  cameraOffsetMs,
  finalContainerFor,
  formatGb,
  isTakeWorkingFile,
  isUnreadableFile,
  parseRawFileName,
  parseRecorderMimeType,
  rawFileName,
  stopFloorBytes,
  tooShortMessage,
  unreadableFileName,
} from './formats';
import { remuxArgs } from './remux';

const MIB = 1024 ** 2;
const GIB = 1024 ** 3;

describe('parseRecorderMimeType', () => {
  it.each([
    ['video/x-matroska;codecs=avc1', { container: 'mkv', codec: 'h264' }],
    ['video/x-matroska;codecs=avc1.42E01E,opus', { container: 'mkv', codec: 'h264' }],
    ['video/webm; codecs="vp8, opus"', { container: 'webm', codec: 'vp8' }],
    ['video/webm;codecs=vp09.00.10.08', { container: 'webm', codec: 'vp9' }],
    ['video/webm;codecs=h264', { container: 'webm', codec: 'h264' }],
    ['video/mp4', { container: 'mp4', codec: null }],
    ['VIDEO/WEBM', { container: 'webm', codec: null }],
  ])('reads %s', (mimeType, format) => {
    expect(parseRecorderMimeType(mimeType)).toEqual(format);
  });

  it.each(['video/ogg', 'audio/webm', 'video/quicktime', ''])('refuses %s', (mimeType) => {
    expect(parseRecorderMimeType(mimeType)).toBeNull();
  });
});

describe('finalContainerFor', () => {
  it('keeps H.264 as MP4 and VP8/VP9 as WebM, whatever the recorder wrapped them in', () => {
    expect(finalContainerFor('h264', 'mkv')).toBe('mp4');
    expect(finalContainerFor('h264', 'webm')).toBe('mp4');
    expect(finalContainerFor('vp8', 'mkv')).toBe('webm');
    expect(finalContainerFor('vp9', 'webm')).toBe('webm');
  });

  it('keeps an unknown codec in Matroska, which takes any', () => {
    expect(finalContainerFor('theora', 'webm')).toBe('mkv');
    expect(finalContainerFor(null, 'mkv')).toBe('mkv');
  });
});

describe('file names', () => {
  it('names raw files per camera and take, so a new take never touches the old footage', () => {
    expect(rawFileName(2, '3f2b9c1e-8a4d-4c6b-9e2f-1a2b3c4d5e6f', 'webm')).toBe('camera2.take-3f2b9c1e.webm');
  });

  it('names a recorder part after the first with .p<n>', () => {
    expect(rawFileName(2, '3f2b9c1e-8a4d-4c6b-9e2f-1a2b3c4d5e6f', 'mkv', 1)).toBe(
      'camera2.take-3f2b9c1e.p1.mkv',
    );
    expect(parseRawFileName('camera2.take-3f2b9c1e.p12.webm')).toEqual({
      camera: 2,
      take: '3f2b9c1e',
      part: 12,
      container: 'webm',
    });
    expect(parseRawFileName('camera1.take-3f2b9c1e.mkv')).toMatchObject({ camera: 1, part: 0 });
    expect(parseRawFileName('camera1.take-3f2b9c1e.p0.mkv')).toBeNull();
    expect(parseRawFileName('camera1.mp4')).toBeNull();
  });

  it('keeps unreadable raw footage under a name no clean-up of working files touches', () => {
    expect(unreadableFileName('camera2.take-3f2b9c1e.p1.mkv')).toBe('camera2.unreadable-3f2b9c1e.p1.mkv');
    expect(isUnreadableFile('camera2.unreadable-3f2b9c1e.p1.mkv')).toBe(true);
    expect(isTakeWorkingFile('camera2.unreadable-3f2b9c1e.mkv')).toBe(false);
    expect(isTakeWorkingFile('camera2.take-3f2b9c1e.p1.mkv')).toBe(true);
    expect(isTakeWorkingFile('camera2.take-3f2b9c1e.concat.txt')).toBe(true);
  });

  it('tells working files from footage', () => {
    expect(isTakeWorkingFile('camera1.take-3f2b9c1e.mkv')).toBe(true);
    expect(isTakeWorkingFile('camera1.take-3f2b9c1e.mkv.remux.tmp')).toBe(true);
    expect(isTakeWorkingFile('take.json.1a2b3c4d.tmp')).toBe(true);
    expect(isTakeWorkingFile('camera1.mp4')).toBe(false);
    expect(isTakeWorkingFile('segment-3.mp4.tmp')).toBe(false); // another area's file is not capture's to remove
  });
});

describe('rules', () => {
  it('asks a take to stop at a quarter of the start floor, never below 256 MB', () => {
    expect(stopFloorBytes(2)).toBe(512 * MIB);
    expect(stopFloorBytes(1)).toBe(256 * MIB);
    expect(stopFloorBytes(20)).toBe(5 * GIB);
  });

  it('rounds free space down, so "2 GB free" never hides 1.96 GB', () => {
    expect(formatGb(1.96 * GIB)).toBe('1.9 GB');
    expect(formatGb(123.7 * GIB)).toBe('123 GB');
  });

  it('measures the offset from camera 1 to camera 2, in whole ms', () => {
    expect(cameraOffsetMs(1000, 1240.6)).toBe(241);
    expect(cameraOffsetMs(1000, 880)).toBe(-120);
    expect(cameraOffsetMs(null, 880)).toBeNull();
  });

  it('says how long the scene has run and what the minimum is', () => {
    expect(tooShortMessage(12_900, 30)).toBe(
      'This scene has been recording for 12 s. Scenes need at least 30 s so the video has enough footage. Keep filming, or ask a manager to lower the minimum in Settings.',
    );
  });
});

describe('remuxArgs', () => {
  it('copies the streams into MP4 with the index first', () => {
    const args = remuxArgs({
      input: 'in.mkv',
      output: 'out.tmp',
      container: 'mp4',
      withAudio: false,
      tolerateTruncation: false,
    });
    expect(args.join(' ')).toContain('-i in.mkv -map 0:v:0 -c copy -movflags +faststart');
    expect(args.slice(-3)).toEqual(['-f', 'mp4', 'out.tmp']);
  });

  it('drops a broken tail when the file was cut off mid-write', () => {
    const args = remuxArgs({
      input: 'in.webm',
      output: 'out.tmp',
      container: 'webm',
      withAudio: true,
      tolerateTruncation: true,
    });
    expect(args.join(' ')).toContain('-fflags +genpts+discardcorrupt -err_detect ignore_err -i in.webm');
  });
});
