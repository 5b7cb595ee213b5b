// The ffmpeg arguments that make a scene's thumbnails (ffmpeg 4.1: no thumbnail helpers we can rely on beyond
// select, scale, pad and tile). Pure, so the frame times are checked without running anything.
import { THUMB_HEIGHT, THUMB_STRIP_FRAMES, THUMB_WIDTH } from '../../shared/editor';

/** JPEG quality on ffmpeg's 2 (best) to 31 scale: small files, no visible blocks at 160×90. */
const JPEG_QUALITY = '5';

/** Scales a frame to fit THUMB_WIDTH×THUMB_HEIGHT without stretching it and pads the rest black. */
export const FIT_FILTER =
  `scale=${THUMB_WIDTH}:${THUMB_HEIGHT}:force_original_aspect_ratio=decrease,` +
  `pad=${THUMB_WIDTH}:${THUMB_HEIGHT}:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1`;

/** `file:` keeps ffmpeg from reading a path as another protocol (a Windows drive letter looks like one). */
const asFile = (absolutePath: string) => `file:${absolutePath}`;

/** The poster is taken about a third into the file: past the take's start, before the scene's end. */
export function posterTime(durationSeconds: number | null): number {
  return durationSeconds && durationSeconds > 0 ? durationSeconds / 3 : 0;
}

/**
 * The times the strip shows: frame k at (k + 0.5) × duration / N, the middle of the k-th of N equal parts,
 * because the editor stretches the strip over the camera's span of the timeline.
 */
export function stripTimes(durationSeconds: number, frames = THUMB_STRIP_FRAMES): number[] {
  return Array.from({ length: frames }, (_, k) => ((k + 0.5) * durationSeconds) / frames);
}

/** One frame, fitted and padded. `-ss` before `-i` seeks by the index and still decodes up to the exact time. */
export function posterArgs(source: string, durationSeconds: number | null, output: string): string[] {
  // prettier-ignore
  return [
    '-ss', posterTime(durationSeconds).toFixed(3),
    '-i', asFile(source),
    '-an', '-sn', '-dn',
    '-vf', FIT_FILTER,
    '-frames:v', '1',
    '-q:v', JPEG_QUALITY,
    '-f', 'mjpeg', asFile(output),
  ];
}

/**
 * N frames side by side in one JPEG, in one decoding pass over the file: `select` keeps the first frame at or
 * after each target time, so the result is exact whatever the keyframe spacing (recorder footage can have
 * keyframes far apart, which would make N separate seeks decode most of the file N times). Timestamps are
 * taken from the first frame (setpts), as the scene clock counts from the file's first frame. A file shorter
 * than its recorded duration still gives a strip of full width: tile pads the missing frames black.
 */
export function stripArgs(
  source: string,
  durationSeconds: number,
  output: string,
  frames = THUMB_STRIP_FRAMES,
): string[] {
  const step = (durationSeconds / frames).toFixed(6);
  const select = `select='gte(t\\,(selected_n+0.5)*${step})'`;
  // prettier-ignore
  return [
    '-i', asFile(source),
    '-an', '-sn', '-dn',
    '-vf', `setpts=PTS-STARTPTS,${select},${FIT_FILTER},tile=${frames}x1`,
    '-vsync', '0',
    '-frames:v', '1',
    '-q:v', JPEG_QUALITY,
    '-f', 'mjpeg', asFile(output),
  ];
}
