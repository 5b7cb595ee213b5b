import { describe, expect, it } from 'vitest';
import { parseFfmpegVersion } from './version';

describe('parseFfmpegVersion', () => {
  it("reads Debian's release and leaves out its packaging suffix", () => {
    expect(
      parseFfmpegVersion('ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2026 the FFmpeg developers'),
    ).toEqual({ label: 'ffmpeg 5.1.9', current: true });
  });

  it('counts releases before 5 as old', () => {
    expect(parseFfmpegVersion('ffmpeg version 4.4.2-0ubuntu0.22.04.1 Copyright (c) 2000-2021')).toEqual({
      label: 'ffmpeg 4.4.2',
      current: false,
    });
    expect(parseFfmpegVersion('ffmpeg version n4.1 Copyright (c) 2000-2018')).toEqual({
      label: 'ffmpeg 4.1',
      current: false,
    });
  });

  it('reads two-part and "n"-prefixed releases', () => {
    expect(parseFfmpegVersion('ffmpeg version 7.1 Copyright (c) 2000-2024')).toEqual({
      label: 'ffmpeg 7.1',
      current: true,
    });
    expect(parseFfmpegVersion('ffmpeg version n6.1.1-static')?.label).toBe('ffmpeg 6.1.1');
  });

  it("dates a build from git by its copyright year: the installer's 2018 build is old", () => {
    expect(
      parseFfmpegVersion(
        'ffmpeg version N-47683-g0e8eb07980-static https://johnvansickle.com/ffmpeg/  Copyright (c) 2000-2018 the FFmpeg developers',
      ),
    ).toEqual({ label: 'ffmpeg (2018 build)', current: false });
    expect(parseFfmpegVersion('ffmpeg version N-113512-g7b5a3c8f6a Copyright (c) 2000-2024')).toEqual({
      label: 'ffmpeg (2024 build)',
      current: true,
    });
    expect(
      parseFfmpegVersion('ffmpeg version 2023-01-30-git-2d202985b7-full_build-www.gyan.dev')?.current,
    ).toBe(true);
  });

  it('takes an undated build from git as current', () => {
    expect(parseFfmpegVersion('ffmpeg version N-12345-gabcdef0')).toEqual({
      label: 'ffmpeg (development build)',
      current: true,
    });
  });

  it('does not guess at output that names no ffmpeg version', () => {
    expect(parseFfmpegVersion('')).toBeNull();
    expect(parseFfmpegVersion('ffprobe version 5.1.9')).toBeNull();
    expect(parseFfmpegVersion('ffmpeg version custom-build')).toBeNull();
  });
});
