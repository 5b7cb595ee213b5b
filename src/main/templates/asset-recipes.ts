// How the intro, outro and music bed that ship in resources/ are made: ffmpeg's own generators and the bundled
// font, nothing downloaded. scripts/make-template-assets.mjs runs these; the files it made are committed.
import type { TemplateAssetKind } from '../../shared/templates';

export const ASSET_FONT_FILE = 'DejaVuSans-Bold.ttf';

export interface AssetRecipe {
  kind: TemplateAssetKind;
  /** The file name under resources/<folder>/, as templates store it. */
  name: string;
  seconds: number;
  /** ffmpeg arguments after -hide_banner -nostdin, writing to `outputPath`. Run with resources/fonts as cwd. */
  args(outputPath: string): string[];
}

const WIDTH = 1920;
const HEIGHT = 1080;
const RATE = 30;
const BACKGROUND = '0x0b1f3a';

/** A title and a subtitle on the brand colour, separated by a yellow rule; both slide and fade in. */
function titleCardGraph(title: string, subtitle: string, seconds: number, fade: 'in' | 'out'): string {
  const text = (words: string, size: number, colour: string, y: string, delay: number) =>
    `drawtext=fontfile=${ASSET_FONT_FILE}:expansion=none:text='${words}':fontsize=${size}:fontcolor=${colour}:` +
    `x=(w-tw)/2:y=${y}:alpha='min(max(t-${delay}\\,0)/0.8\\,1)'`;
  const fadeFilter = fade === 'in' ? 'fade=t=in:st=0:d=0.4' : `fade=t=out:st=${seconds - 0.6}:d=0.6`;
  return [
    `color=c=${BACKGROUND}:size=${WIDTH}x${HEIGHT}:rate=${RATE}:duration=${seconds}`,
    text(title, 150, 'white', `(h-th)/2-70-40*(1-min(t/0.8\\,1))`, 0),
    `drawbox=x=(iw-600)/2:y=ih/2+20:w=600:h=6:color=0xffcc00:t=fill`,
    text(subtitle, 70, '0x9cc9ff', '(h/2)+60', 0.5),
    fadeFilter,
  ].join(',');
}

// prettier-ignore
const videoArgs = (graph: string, outputPath: string): string[] => [
  '-y', '-f', 'lavfi', '-i', graph,
  '-c:v', 'libx264', '-preset', 'veryslow', '-crf', '30', '-pix_fmt', 'yuv420p',
  '-g', String(RATE), '-r', String(RATE), '-movflags', '+faststart', '-an',
  // Same bytes on every run, so regenerating does not churn the repository.
  '-map_metadata', '-1', '-fflags', '+bitexact', '-flags:v', '+bitexact',
  '-f', 'mp4', outputPath,
];

/**
 * A soft A-major chord with a slow swell. Every frequency makes a whole number of cycles in MUSIC_SECONDS and
 * the swell a whole number of periods, so the end meets the start and the bed loops without a click.
 */
const MUSIC_SECONDS = 8;
const musicExpression = [
  [110, 0.16],
  [220, 0.12],
  [277.125, 0.09],
  [329.625, 0.08],
  [440, 0.04],
]
  .map(([hz, level]) => `${level}*sin(2*PI*${hz}*t)`)
  .join('+');

export const TEMPLATE_ASSET_RECIPES: readonly AssetRecipe[] = [
  {
    kind: 'intro',
    name: 'scenic-flight-intro.mp4',
    seconds: 2.5,
    args: (out) => videoArgs(titleCardGraph('Scenic Flight', 'Your souvenir video', 2.5, 'in'), out),
  },
  {
    kind: 'outro',
    name: 'thank-you-outro.mp4',
    seconds: 2.5,
    args: (out) => videoArgs(titleCardGraph('Thank you', 'for flying with us', 2.5, 'out'), out),
  },
  {
    kind: 'music',
    name: 'calm-chord-bed.m4a',
    seconds: MUSIC_SECONDS,
    // prettier-ignore
    args: (out) => [
      '-y', '-f', 'lavfi',
      '-i', `aevalsrc='(${musicExpression})*(0.75+0.25*sin(2*PI*t/${MUSIC_SECONDS / 2}))':s=44100:d=${MUSIC_SECONDS}`,
      '-c:a', 'aac', '-b:a', '48k', '-ac', '1',
      '-map_metadata', '-1', '-fflags', '+bitexact', '-flags:a', '+bitexact',
      '-movflags', '+faststart', '-f', 'mp4', out,
    ],
  },
];
