// A souvenir video as pieces: the intro (title drawn over it), one piece per slot, the outro, and the sound,
// each an ffmpeg command of its own whose result is cached under a key of everything that shapes it. The video
// is then the pieces joined by stream copy with the sound muxed in: no picture is encoded at the end, so once
// the pieces exist a video takes well under a second, and changing one slot renders only that slot again.
// Pure (no disk, no database): the pieces, keys and arguments are tested as plain data.
//
// Why mp4 pieces and the concat demuxer: measured with Debian's ffmpeg 5.1 and @ffmpeg-installer's 4.1 build,
// three 90-frame libx264 mp4 pieces (B-frames, edit lists and all) made with identical settings and
// `-video_track_timescale` join with `-f concat -c copy` into 270 frames, every step exactly 512 ticks (no
// timestamp gap), decoding without an error; sound muxed from a separately encoded AAC track lasts exactly as
// long as the picture (its 1024-sample priming kept in the edit list). MPEG-TS pieces were the fallback and were
// not needed; mp4 also keeps each piece a file any player opens.
//
// What keeps a join clean: every piece has the same size, frame rate, pixel format, encoder settings and time
// base; each starts on a keyframe (x264 always opens with one); each is a whole number of frames, cut with
// -frames:v after black padding, so a window that runs past its footage still gives exactly its frames and the
// video lasts exactly its total frames / fps.
import { createHash } from 'node:crypto';
import path from 'node:path';
import {
  DEFAULT_ENCODER,
  fitToFrame,
  MUSIC_FADE_SECONDS,
  seconds,
  titleFilters,
  x264Args,
  type EncoderSettings,
  type PlannedClip,
} from '../plan';

/** Bump when the arguments change in a way the key does not show: every cached piece is then made again. */
export const PIECE_FORMAT = 1;
/** The poster's width, pixels (dashboard and sales screen). */
export const POSTER_WIDTH = 480;

/** What every piece of one video shares; part of every key. */
export interface PieceSettings {
  width: number;
  height: number;
  frameRate: number;
  encoder: EncoderSettings;
  /** Which ffmpeg renders (path, size, mtime): another x264 could write pieces that do not join. */
  ffmpegIdentity: string;
}

/** A file a piece is cut from, with its size and mtime (a changed file is another piece). */
export interface PieceSource {
  file: string;
  identity: string;
}

export interface PieceTitle {
  text: string;
  /** The operator's line under the title; empty for none. */
  operatorLine: string;
  fontFile: string;
  /** The shipped intro has its own lettering above: the title goes unboxed there, boxed over footage. */
  boxed: boolean;
}

export interface PieceSpec {
  kind: 'intro' | 'slot' | 'outro';
  slotNumber: number | null;
  source: PieceSource;
  /** Seconds into the source where the piece starts. */
  fileStart: number;
  frames: number;
  title: PieceTitle | null;
  settings: PieceSettings;
  key: string;
}

export interface SoundSpec {
  music: PieceSource | null;
  frames: number;
  frameRate: number;
  key: string;
}

export interface PiecesPlanInput {
  clips: readonly PlannedClip[];
  /** The flight's first slot number (the title goes over it when there is no intro), ready or not. */
  firstSlotNumber: number;
  intro: (PieceSource & { duration: number }) | null;
  outro: (PieceSource & { duration: number }) | null;
  music: PieceSource | null;
  /** Null when no title is drawn (empty text, or an ffmpeg without drawtext). */
  title: Omit<PieceTitle, 'boxed'> | null;
  width: number;
  height: number;
  frameRate: number;
  encoder?: EncoderSettings;
  ffmpegIdentity: string;
  /** Frames of slots still without footage, for a sound made before they are filmed. */
  waitingFrames?: number;
}

export interface PiecesPlan {
  /** In the video's order. */
  pieces: PieceSpec[];
  sound: SoundSpec;
  totalFrames: number;
  durationSeconds: number;
  /** The poster: a third of the way into the slots, as a piece and a time inside it. */
  poster: { pieceIndex: number; at: number } | null;
}

/** Frames of a part `duration` seconds long: total frames are then exactly duration × fps. */
export const framesOf = (duration: number, frameRate: number) =>
  Math.max(1, Math.round(duration * frameRate));

/** The mp4 time base every piece and the joined video share: a whole number of ticks a frame. */
export const timescaleOf = (frameRate: number) => frameRate * 512;

function keyOf(parts: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([PIECE_FORMAT, parts]))
    .digest('hex')
    .slice(0, 32);
}

function piece(spec: Omit<PieceSpec, 'key'>): PieceSpec {
  const { settings, source, title } = spec;
  const key = keyOf([
    spec.kind,
    source.file,
    source.identity,
    spec.fileStart,
    spec.frames,
    settings,
    title ? [title.text, title.operatorLine, path.basename(title.fontFile), title.boxed] : null,
  ]);
  return { ...spec, key };
}

export function soundSpec(music: PieceSource | null, frames: number, frameRate: number): SoundSpec {
  return {
    music,
    frames,
    frameRate,
    key: keyOf(['sound', music?.file ?? null, music?.identity ?? null, frames, frameRate]),
  };
}

export function planPieces(input: PiecesPlanInput): PiecesPlan {
  const { frameRate, intro, outro, title } = input;
  const settings: PieceSettings = {
    width: input.width,
    height: input.height,
    frameRate,
    encoder: input.encoder ?? DEFAULT_ENCODER,
    ffmpegIdentity: input.ffmpegIdentity,
  };
  const pieces: PieceSpec[] = [];
  if (intro) {
    pieces.push(
      piece({
        kind: 'intro',
        slotNumber: null,
        source: { file: intro.file, identity: intro.identity },
        fileStart: 0,
        frames: framesOf(intro.duration, frameRate),
        title: title ? { ...title, boxed: false } : null,
        settings,
      }),
    );
  }
  for (const clip of input.clips) {
    const titled = !intro && title && clip.slotNumber === input.firstSlotNumber;
    pieces.push(
      piece({
        kind: 'slot',
        slotNumber: clip.slotNumber,
        source: { file: clip.file, identity: clip.fileIdentity ?? '' },
        fileStart: clip.fileStart,
        frames: framesOf(clip.duration, frameRate),
        title: titled ? { ...title, boxed: true } : null,
        settings,
      }),
    );
  }
  if (outro) {
    pieces.push(
      piece({
        kind: 'outro',
        slotNumber: null,
        source: { file: outro.file, identity: outro.identity },
        fileStart: 0,
        frames: framesOf(outro.duration, frameRate),
        title: null,
        settings,
      }),
    );
  }
  const totalFrames = pieces.reduce((sum, p) => sum + p.frames, 0);

  // A third of the way into the slots, past the intro and its title: as the one-shot render chose it.
  const introFrames = pieces[0]?.kind === 'intro' ? pieces[0].frames : 0;
  const slotFrames = pieces.filter((p) => p.kind === 'slot').reduce((sum, p) => sum + p.frames, 0);
  let poster: PiecesPlan['poster'] = null;
  if (slotFrames > 0) {
    const target = introFrames + Math.floor(slotFrames / 3);
    let start = 0;
    const index = pieces.findIndex((p) => {
      if (target < start + p.frames) return true;
      start += p.frames;
      return false;
    });
    poster = { pieceIndex: index, at: (target - start) / frameRate };
  }

  return {
    pieces,
    sound: soundSpec(input.music, totalFrames + (input.waitingFrames ?? 0), frameRate),
    totalFrames,
    durationSeconds: totalFrames / frameRate,
    poster,
  };
}

/** Where a piece's title lines are, written by the renderer (drawtext reads text files as they are). */
export interface TitleFiles {
  titleFile: string;
  subtitleFile: string | null;
}

/**
 * ffmpeg's arguments for one piece, written to `output` (mp4), progress on stdout; `progressPeriod` is what
 * sets how often (ffmpeg/progress-period.ts), none for ffmpeg's default.
 */
export function pieceArgs(
  spec: PieceSpec,
  titleFiles: TitleFiles | null,
  output: string,
  progressPeriod: readonly string[] = [],
): string[] {
  const { width, height, frameRate, encoder } = spec.settings;
  const duration = spec.frames / frameRate;
  let picture = `[0:v]${fitToFrame(width, height, frameRate, duration)}`;
  if (spec.title && titleFiles) {
    picture += `,${titleFilters(
      {
        ...titleFiles,
        fontFile: spec.title.fontFile,
        titleLength: [...spec.title.text].length,
        subtitleLength: [...spec.title.operatorLine].length,
      },
      width,
      height,
      duration,
      spec.title.boxed,
    )}`;
  }
  // Black after the footage's end: the piece has its frames even when the window runs past the file (a
  // recovered take shorter than the database says). The padding is never decoded otherwise.
  const graph =
    `${picture}[part];color=c=black:s=${width}x${height}:r=${frameRate},format=yuv420p,setsar=1[pad];` +
    `[part][pad]concat=n=2:v=1:a=0[video]`;
  const input =
    spec.kind === 'slot'
      ? // Seeked before -i: only the keyframe before the window onwards is decoded (see ../plan.ts).
        ['-ss', seconds(Math.max(0, spec.fileStart)), '-t', seconds(duration + 1 / frameRate), '-i']
      : ['-i'];
  return [
    ...input,
    spec.source.file,
    '-filter_complex',
    graph,
    '-map',
    '[video]',
    '-an',
    '-frames:v',
    String(spec.frames),
    ...x264Args(encoder, frameRate),
    '-video_track_timescale',
    String(timescaleOf(frameRate)),
    ...progressPeriod,
    '-progress',
    'pipe:1',
    '-nostats',
    '-f',
    'mp4',
    '-y',
    output,
  ];
}

/** The sound: the music looped, cut to the video and faded out, or silence; AAC in an mp4 (m4a). */
export function soundArgs(spec: SoundSpec, output: string): string[] {
  const duration = spec.frames / spec.frameRate;
  const input = spec.music
    ? ['-stream_loop', '-1', '-i', spec.music.file]
    : ['-f', 'lavfi', '-i', 'anullsrc=r=48000:cl=stereo'];
  const fadeStart = Math.max(0, duration - MUSIC_FADE_SECONDS);
  const filters = [
    'aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo',
    `atrim=duration=${seconds(duration)}`,
    ...(spec.music
      ? [`afade=t=out:st=${seconds(fadeStart)}:d=${seconds(Math.min(MUSIC_FADE_SECONDS, duration))}`]
      : []),
    'asetpts=PTS-STARTPTS',
  ];
  return [
    ...input,
    '-af',
    filters.join(','),
    '-vn',
    '-c:a',
    'aac',
    '-b:a',
    '160k',
    '-t',
    seconds(duration),
    '-f',
    'mp4',
    '-y',
    output,
  ];
}

/** The concat demuxer's list: one `file '…'` line a piece, quotes in paths escaped as it reads them. */
export function concatList(
  pieces: ReadonlyArray<{ file: string; frames: number }>,
  frameRate: number,
): string {
  // Each piece's length is stated, not read from the file: where a piece's footage ended between two frames the
  // muxer gives its last frame a few ticks more, and the next piece would start that late (a timestamp gap).
  // Microseconds, as the demuxer keeps them: rounded to the mp4 time base, that is exactly frames × 512 ticks.
  return pieces
    .map(
      ({ file, frames }) =>
        `file '${file.replace(/'/g, "'\\''")}'\nduration ${(frames / frameRate).toFixed(6)}\n`,
    )
    .join('');
}

/** The video: the pieces' pictures and the sound, both copied (nothing is encoded), ready to stream. */
export function joinArgs(listFile: string, soundFile: string, frameRate: number, output: string): string[] {
  return [
    '-f',
    'concat',
    '-safe',
    '0',
    '-i',
    listFile,
    '-i',
    soundFile,
    '-map',
    '0:v:0',
    '-map',
    '1:a:0',
    '-c',
    'copy',
    '-video_track_timescale',
    String(timescaleOf(frameRate)),
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    '-y',
    output,
  ];
}

/** The poster frame, from the piece it falls in: the same bytes the video copies, so the same picture. */
export function posterArgs(pieceFile: string, at: number, output: string): string[] {
  return [
    '-ss',
    seconds(at),
    '-i',
    pieceFile,
    '-frames:v',
    '1',
    '-vf',
    `scale=${POSTER_WIDTH}:-2`,
    '-q:v',
    '4',
    '-f',
    'image2',
    '-y',
    output,
  ];
}
