// The checks a joined souvenir video must pass (issue 18, item 4), as functions the export tests and the e2e
// share: every frame there and decodable, sound as long as the picture, no timestamp gap at a join, and each
// piece starting on the frame its source has at the window's start. Test support: the app never runs these.
import { execFile } from 'node:child_process';
import { resolveFfprobe } from '../../ffmpeg/resolve';

/** ffprobe as the app finds it: FFPROBE_PATH, the one beside the ffmpeg in use, else @ffprobe-installer. */
export function findFfprobe(): string {
  return resolveFfprobe().path; // the app's one ffprobe resolution (ffmpeg/resolve.ts)
}

interface Output {
  stdout: Buffer;
  stderr: string;
  code: number;
}

function run(binary: string, args: readonly string[]): Promise<Output> {
  return new Promise((resolve, reject) => {
    execFile(
      binary,
      ['-hide_banner', ...args],
      { encoding: 'buffer', maxBuffer: 256 * 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        if (error && typeof error.code !== 'number') {
          reject(new Error(`${binary} could not run: ${error.message}`));
          return;
        }
        resolve({ stdout, stderr: stderr.toString('utf8'), code });
      },
    );
  });
}

async function probeJson<T>(ffprobePath: string, args: readonly string[], file: string): Promise<T> {
  const out = await run(ffprobePath, ['-v', 'error', ...args, '-of', 'json', file]);
  if (out.code !== 0) throw new Error(`ffprobe could not read ${file}: ${out.stderr.trim()}`);
  return JSON.parse(out.stdout.toString('utf8')) as T;
}

/** Frames of the first video stream, counted by decoding them all (`-count_frames`), not read from a header. */
export async function countFrames(ffprobePath: string, file: string): Promise<number> {
  const parsed = await probeJson<{ streams: Array<{ nb_read_frames?: string }> }>(
    ffprobePath,
    ['-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_frames'],
    file,
  );
  return Number(parsed.streams[0]?.nb_read_frames ?? NaN);
}

interface ProbedPacket {
  pts?: number;
  pts_time?: string;
  duration_time?: string;
  stream_index: number;
}

/**
 * Seconds from the stream's start to the last packet's end. The start is the stream's own start time when the
 * container gives one: AAC's priming packet sits before it and is never heard (the edit list drops it).
 */
function spanOf(packets: ProbedPacket[], startTime: number): number | null {
  let first = Infinity;
  let last = -Infinity;
  for (const packet of packets) {
    const start = Number(packet.pts_time);
    if (!Number.isFinite(start)) continue;
    first = Math.min(first, start);
    last = Math.max(last, start + (Number(packet.duration_time) || 0));
  }
  if (!Number.isFinite(first)) return null;
  return last - (Number.isFinite(startTime) ? Math.max(first, startTime) : first);
}

/**
 * How long the picture and the sound last, seconds (from the packets, so a container header that claims
 * more than is there does not count); `audio` is null for a video without sound.
 */
export async function streamDurations(
  ffprobePath: string,
  file: string,
): Promise<{ video: number; audio: number | null }> {
  const parsed = await probeJson<{
    streams: Array<{ index: number; codec_type: string; start_time?: string }>;
    packets: ProbedPacket[];
  }>(
    ffprobePath,
    ['-show_entries', 'stream=index,codec_type,start_time:packet=stream_index,pts_time,duration_time'],
    file,
  );
  const spanOfKind = (kind: string) => {
    const stream = parsed.streams.find((s) => s.codec_type === kind);
    if (!stream) return null;
    const packets = parsed.packets.filter((p) => p.stream_index === stream.index);
    return spanOf(packets, Number(stream.start_time));
  };
  return { video: spanOfKind('video') ?? 0, audio: spanOfKind('audio') };
}

/** What ffmpeg complains about while decoding every frame and sample; empty for a clean file. */
export async function decodeErrors(ffmpegPath: string, file: string): Promise<string[]> {
  const out = await run(ffmpegPath, ['-nostdin', '-v', 'error', '-i', file, '-f', 'null', '-']);
  const lines = out.stderr
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  if (out.code !== 0 && lines.length === 0) lines.push(`ffmpeg exited with code ${out.code}`);
  return lines;
}

/**
 * Video packets whose presentation time is not exactly one frame after the one before (in presentation
 * order): 0 for a join without a hole or an overlap. A tick of rounding in the time base is allowed.
 */
export async function timestampGaps(ffprobePath: string, file: string, fps: number): Promise<number> {
  const parsed = await probeJson<{ streams: Array<{ time_base: string }>; packets: ProbedPacket[] }>(
    ffprobePath,
    ['-select_streams', 'v:0', '-show_entries', 'stream=time_base:packet=pts'],
    file,
  );
  const [num, den] = (parsed.streams[0]?.time_base ?? '1/1').split('/').map(Number) as [number, number];
  const frameTicks = den / (num * fps);
  const pts = parsed.packets
    .map((p) => p.pts)
    .filter((value): value is number => typeof value === 'number')
    .sort((a, b) => a - b);
  let gaps = 0;
  for (let i = 1; i < pts.length; i += 1) {
    if (Math.abs(pts[i]! - pts[i - 1]! - frameTicks) > 1) gaps += 1;
  }
  return gaps;
}

/** One frame at `at` seconds, scaled to `size` and grey, as raw bytes. */
async function grabFrame(
  ffmpegPath: string,
  frame: { file: string; at: number },
  size: { width: number; height: number },
): Promise<Buffer> {
  const out = await run(ffmpegPath, [
    '-nostdin',
    '-v',
    'error',
    '-ss',
    String(Math.max(0, frame.at)),
    '-i',
    frame.file,
    '-frames:v',
    '1',
    '-vf',
    `scale=${size.width}:${size.height}:flags=bilinear,format=gray`,
    '-f',
    'rawvideo',
    '-',
  ]);
  const expected = size.width * size.height;
  if (out.code !== 0 || out.stdout.length < expected) {
    throw new Error(`No frame at ${frame.at} s in ${frame.file}: ${out.stderr.trim() || 'nothing decoded'}`);
  }
  return out.stdout.subarray(0, expected);
}

/**
 * Mean absolute difference, 0 (the same picture) to 255, between a frame of `a` and a frame of `b`, both
 * scaled to `size` in grey: small for the same moment re-encoded, large for a different moment of the flight.
 */
export async function frameDifference(
  ffmpegPath: string,
  a: { file: string; at: number },
  b: { file: string; at: number },
  size: { width: number; height: number },
): Promise<number> {
  const [left, right] = await Promise.all([grabFrame(ffmpegPath, a, size), grabFrame(ffmpegPath, b, size)]);
  let sum = 0;
  for (let i = 0; i < left.length; i += 1) sum += Math.abs(left[i]! - right[i]!);
  return sum / left.length;
}
