// Reads which ffmpeg a binary is from the first line of its `-version`, so resolution can prefer a current one
// and the home screen can name it. Releases say "ffmpeg version 5.1.9-0+deb12u1"; builds from git say
// "ffmpeg version N-47683-g0e8eb07980-static ... Copyright (c) 2000-2018", and only their copyright year dates them.

export interface FfmpegVersion {
  /** What to call it: "ffmpeg 5.1.9", "ffmpeg (2018 build)". */
  label: string;
  /** Version 5 or later (a git build of 2022 or later, when ffmpeg 5 was out, counts as current). */
  current: boolean;
}

/** ffmpeg 5.0 came out in January 2022; a build from git of that year or later has what 5 has. */
const FIRST_YEAR_OF_5 = 2022;

/** Pure: the version from `ffmpeg -version` output, or null when it does not say (then it is not trusted). */
export function parseFfmpegVersion(output: string): FfmpegVersion | null {
  const token = /ffmpeg version (\S+)/.exec(output)?.[1];
  if (!token) return null;

  // "5.1.9-0+deb12u1", "n6.1.1", "7.1": a release; the distribution's suffix is not part of its name.
  const release = /^n?(\d+)\.(\d+)(?:\.\d+)?/.exec(token);
  if (release) return { label: `ffmpeg ${release[0].replace(/^n/, '')}`, current: Number(release[1]) >= 5 };

  // "N-47683-g0e8eb07980-static", "2023-01-30-git-2d202985b7-full_build": built from git between releases.
  if (/^N-\d+|git/i.test(token)) {
    const yearText = /Copyright \(c\) \d{4}-(\d{4})/.exec(output)?.[1];
    if (!yearText) return { label: 'ffmpeg (development build)', current: true };
    const year = Number(yearText);
    return { label: `ffmpeg (${year} build)`, current: year >= FIRST_YEAR_OF_5 };
  }
  return null;
}
