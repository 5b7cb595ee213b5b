// Reads a media file's duration and video stream from `ffmpeg -i` (the shipped ffmpeg has no ffprobe).
import { runFfmpeg } from './run';

export interface MediaInfo {
  durationSeconds: number | null;
  videoCodec: string | null;
  width: number | null;
  height: number | null;
  frameRate: number | null;
}

/** Pure: parses the stream summary ffmpeg prints to stderr for `ffmpeg -i FILE`. */
export function parseMediaInfo(stderr: string): MediaInfo {
  const duration = /Duration: (\d+):(\d{2}):(\d{2}(?:\.\d+)?)/.exec(stderr);
  const video = /Stream #\d+:\d+.*?: Video: ([\w-]+)[^\n]*?, (\d{2,5})x(\d{2,5})/.exec(stderr);
  const fps = /Stream #\d+:\d+.*?: Video: [^\n]*?, ([\d.]+) fps/.exec(stderr);
  return {
    durationSeconds: duration
      ? Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number(duration[3])
      : null,
    videoCodec: video?.[1] ?? null,
    width: video ? Number(video[2]) : null,
    height: video ? Number(video[3]) : null,
    frameRate: fps ? Number(fps[1]) : null,
  };
}

export async function probeMedia(path: string, options: { ffmpegPath?: string } = {}): Promise<MediaInfo> {
  // With an input and no output ffmpeg prints the summary and exits 1; that is the expected outcome here.
  const { stderr } = await runFfmpeg(['-i', path], { ...options, okExitCodes: [0, 1] });
  if (/No such file or directory|Invalid data found/.test(stderr)) {
    throw new Error(`ffmpeg could not read ${path}: ${stderr.trim().split(/\r?\n/).at(-1) ?? ''}`);
  }
  return parseMediaInfo(stderr);
}
