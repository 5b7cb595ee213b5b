// The export plan: from the flight's eight slot windows and its template to one ffmpeg command with one filter
// graph. Pure (no disk, no database), so the arguments are tested as plain data and the render tests only have
// to show that ffmpeg agrees.
//
// Each slot is its own input, seeked with -ss/-t *before* -i: ffmpeg jumps to the keyframe before the window
// and decodes only from there, so the cost of a slot does not depend on how long the footage is. Every part is
// brought to the output's size (letterboxed, never stretched), frame rate and pixel format, cut to its exact
// length, and the parts are concatenated in slot order between the intro and the outro. The title card is drawn
// over the intro (or over the first slot when there is none), so it adds no length of its own.
//
// The app now makes videos from cached pieces (pieces/plan.ts), which reuse the filters below; this one-shot
// command stays as bench:export's baseline (what a video cost before pieces).

export interface PlannedClip {
  slotNumber: number;
  /** Absolute path of the camera file. */
  file: string;
  /** Seconds into that file (the camera's own clock, offset already applied). */
  fileStart: number;
  duration: number;
  /** Size and modification time of the file: a re-recorded take is another file for the piece cache. */
  fileIdentity?: string;
}

export interface PlannedAsset {
  file: string;
  /** Seconds; probed from the file. */
  duration: number;
}

export interface PlannedTitle {
  /** UTF-8 text files (drawtext reads them as they are: no escaping of the passenger's name can go wrong). */
  titleFile: string;
  /** The operator's name, drawn smaller under the title; null for none. */
  subtitleFile: string | null;
  fontFile: string;
  /** Characters in each line, so a long name is drawn smaller instead of running off the frame. */
  titleLength: number;
  subtitleLength: number;
}

export interface EncoderSettings {
  /** x264 preset; `superfast` measured fastest to finish on the 2-core build machine (bench/README.md). */
  preset: string;
  crf: number;
}

export const DEFAULT_ENCODER: EncoderSettings = { preset: 'superfast', crf: 21 };

export interface ExportPlanInput {
  clips: readonly PlannedClip[];
  width: number;
  height: number;
  frameRate: number;
  intro: PlannedAsset | null;
  outro: PlannedAsset | null;
  /** A music bed, looped when shorter than the video and faded out at its end. */
  music: { file: string } | null;
  title: PlannedTitle | null;
  outputFile: string;
  /** A JPEG poster frame, taken in the same run (no second decode of the finished video). */
  poster?: { file: string; width: number } | null;
  encoder?: EncoderSettings;
}

export interface ExportPlan {
  /** ffmpeg's arguments (after -hide_banner -nostdin, which runFfmpeg adds). */
  args: string[];
  /** Length of the finished video, seconds: intro + every slot + outro. */
  durationSeconds: number;
  /** What the title card is drawn over. */
  titleOver: 'intro' | 'first-slot' | null;
  /** Where in the video the poster frame is taken, seconds. */
  posterAt: number | null;
}

export const MUSIC_FADE_SECONDS = 2;
const TITLE_FADE_SECONDS = 0.5;

/**
 * A value inside a filter graph, escaped for both levels ffmpeg parses: the option list (`key=value:key=value`,
 * where `\`, `'` and `:` are special) and then the graph (`[`, `]`, `,` and `;` separate filters). Paths with a
 * Windows drive letter, a quote or a comma (a passenger's name in a folder) come through whole.
 */
export function filterValue(value: string): string {
  const option = value.replace(/[\\':]/g, (char) => `\\${char}`);
  return option.replace(/[\\'[\],;]/g, (char) => `\\${char}`);
}

export const seconds = (value: number) => String(Math.round(value * 1000) / 1000);

/** Scale into the frame keeping the aspect ratio, pad the rest black, at the output's rate and pixel format. */
export function fitToFrame(width: number, height: number, frameRate: number, duration: number): string {
  return [
    `fps=${frameRate}`,
    `scale=${width}:${height}:force_original_aspect_ratio=decrease:flags=bilinear`,
    `pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2:color=black`,
    'setsar=1',
    'format=yuv420p',
    `trim=duration=${seconds(duration)}`,
    'setpts=PTS-STARTPTS',
  ].join(',');
}

/**
 * The title and the operator's line in the lower third (the shipped intro's own lettering sits above it),
 * centred, fading in and out over a part `duration` long.
 */
/** Font size in pixels: `share` of the frame's height, smaller when `chars` would not fit its width. */
export function fittedFontSize(width: number, height: number, share: number, chars: number): number {
  // DejaVu Sans Bold averages about 0.62 em a character; keep 4 % of the width free each side.
  const fitting = (width * 0.92) / (0.62 * Math.max(1, chars));
  return Math.max(12, Math.min(Math.round(height * share), Math.floor(fitting)));
}

export function titleFilters(
  title: PlannedTitle,
  width: number,
  height: number,
  duration: number,
  boxed: boolean,
): string {
  const fade = Math.min(TITLE_FADE_SECONDS, duration / 4);
  const alpha = `if(lt(t,${seconds(fade)}),t/${seconds(fade)},if(gt(t,${seconds(duration - fade)}),max(0,(${seconds(duration)}-t)/${seconds(fade)}),1))`;
  const box = boxed ? ':box=1:boxcolor=black@0.45:boxborderw=24' : '';
  const big = fittedFontSize(width, height, 0.065, title.titleLength);
  const small = fittedFontSize(width, height, 0.04, title.subtitleLength);
  const line = (file: string, size: number, y: string) =>
    `drawtext=fontfile=${filterValue(title.fontFile)}:textfile=${filterValue(file)}:expansion=none` +
    `:fontsize=${size}:fontcolor=white:borderw=3:bordercolor=black@0.6${box}` +
    `:x=(w-text_w)/2:y=${y}:alpha=${filterValue(alpha)}`;
  const filters = [line(title.titleFile, big, `h*0.78-text_h`)];
  if (title.subtitleFile) filters.push(line(title.subtitleFile, small, `h*0.78+${Math.round(big * 0.5)}`));
  return filters.join(',');
}

/**
 * The picture's encoder settings, the same for the one-shot render and every piece (pieces only join cleanly
 * when they agree): x264 at the preset and crf given, yuv420p, a keyframe every 2 s (phones scrub the souvenir
 * video smoothly, and each piece opens with one), at the output's frame rate.
 */
export function x264Args(encoder: EncoderSettings, frameRate: number): string[] {
  // prettier-ignore
  return [
    '-c:v', 'libx264', '-preset', encoder.preset, '-crf', String(encoder.crf), '-pix_fmt', 'yuv420p',
    '-g', String(frameRate * 2), '-r', String(frameRate),
  ];
}

export function buildExportPlan(input: ExportPlanInput): ExportPlan {
  const { clips, width, height, frameRate, intro, outro, music, title } = input;
  if (clips.length === 0) throw new Error('An export needs at least one slot.');
  const encoder = input.encoder ?? DEFAULT_ENCODER;

  const args: string[] = [];
  const chains: string[] = [];
  const parts: string[] = [];
  let inputIndex = 0;
  const titleOver = title ? (intro ? 'intro' : 'first-slot') : null;

  const addPart = (label: string, duration: number, withTitle: boolean, boxedTitle: boolean) => {
    let chain = `[${inputIndex}:v]${fitToFrame(width, height, frameRate, duration)}`;
    if (withTitle && title) chain += `,${titleFilters(title, width, height, duration, boxedTitle)}`;
    chains.push(`${chain}[${label}]`);
    parts.push(`[${label}]`);
    inputIndex += 1;
  };

  if (intro) {
    args.push('-i', intro.file);
    addPart('intro', intro.duration, titleOver === 'intro', false);
  }
  clips.forEach((clip, i) => {
    args.push('-ss', seconds(Math.max(0, clip.fileStart)), '-t', seconds(clip.duration), '-i', clip.file);
    addPart(`slot${clip.slotNumber}`, clip.duration, i === 0 && titleOver === 'first-slot', true);
  });
  if (outro) {
    args.push('-i', outro.file);
    addPart('outro', outro.duration, false, false);
  }

  const durationSeconds =
    (intro?.duration ?? 0) + clips.reduce((sum, clip) => sum + clip.duration, 0) + (outro?.duration ?? 0);
  // The poster: a third of the way into the slots (past the intro and its title), split off the finished
  // picture so it is exactly a frame of the video.
  const posterAt = input.poster
    ? (intro?.duration ?? 0) + clips.reduce((sum, clip) => sum + clip.duration, 0) / 3
    : null;
  const joined = `${parts.join('')}concat=n=${parts.length}:v=1:a=0`;
  if (input.poster && posterAt !== null) {
    chains.push(`${joined},split=2[video][posterin]`);
    chains.push(
      `[posterin]trim=start=${seconds(posterAt)},setpts=PTS-STARTPTS,scale=${input.poster.width}:-2[poster]`,
    );
  } else {
    chains.push(`${joined}[video]`);
  }

  const maps = ['-map', '[video]'];
  if (music) {
    args.push('-stream_loop', '-1', '-i', music.file);
    const fadeStart = Math.max(0, durationSeconds - MUSIC_FADE_SECONDS);
    chains.push(
      `[${inputIndex}:a]aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo,` +
        `atrim=duration=${seconds(durationSeconds)},` +
        `afade=t=out:st=${seconds(fadeStart)}:d=${seconds(Math.min(MUSIC_FADE_SECONDS, durationSeconds))},` +
        `asetpts=PTS-STARTPTS[music]`,
    );
    maps.push('-map', '[music]', '-c:a', 'aac', '-b:a', '160k');
    inputIndex += 1;
  }

  args.push(
    '-filter_complex',
    chains.join(';'),
    ...maps,
    ...x264Args(encoder, frameRate),
    '-movflags',
    '+faststart',
    '-t',
    seconds(durationSeconds),
    '-progress',
    'pipe:1',
    '-nostats',
    '-f',
    'mp4',
    '-y',
    input.outputFile,
  );
  if (input.poster) {
    args.push('-map', '[poster]', '-frames:v', '1', '-q:v', '4', '-f', 'image2', '-y', input.poster.file);
  }
  return { args, durationSeconds, titleOver, posterAt };
}
