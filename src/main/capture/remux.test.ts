import { describe, expect, it } from 'vitest';
import { FfmpegNotFoundError } from '../ffmpeg/resolve';
import { FfmpegError } from '../ffmpeg/run';
import { blockedBy } from './remux';

describe('blockedBy', () => {
  it('blames the kiosk when ffmpeg is missing or would not start, so the raw footage is kept', () => {
    expect(blockedBy(new FfmpegNotFoundError('ffmpeg was not found.'))?.reason).toBe('ffmpeg');
    expect(blockedBy(new FfmpegError('ffmpeg could not start', null, ''))?.reason).toBe('ffmpeg');
  });

  it('blames the disk when it is full or refuses writes', () => {
    const full = new FfmpegError('ffmpeg exited with code 1', 1, 'out.tmp: No space left on device\n');
    expect(blockedBy(full)?.reason).toBe('disk');
    expect(blockedBy(Object.assign(new Error('write failed'), { code: 'ENOSPC' }))?.reason).toBe('disk');
  });

  it('blames the footage when ffmpeg read it and found nothing it could use', () => {
    const broken = new FfmpegError(
      'ffmpeg exited with code 1',
      1,
      'in.mkv: Invalid data found when processing input\n',
    );
    expect(blockedBy(broken)).toBeNull();
    expect(blockedBy(new Error('no duration'))).toBeNull();
  });
});
