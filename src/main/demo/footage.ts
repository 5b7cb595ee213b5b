// Synthetic dual-camera footage for the demo: every frame says which camera, which scene, which flight and
// the scene clock, so a newcomer can check sync, slot windows and exports by eye.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SceneType } from '../../../db/schema';
import { runFfmpeg } from '../ffmpeg/run';

export const DEMO_FONT_FILE = 'DejaVuSans-Bold.ttf';

export interface DemoClip {
  camera: 1 | 2;
  sceneType: SceneType;
  /** Seconds of footage. */
  durationSeconds: number;
  /** Scene clock at this clip's first frame, in ms (camera 2 starts this much after camera 1). */
  clockStartMs: number;
  /** Shown on every frame, so clips of different flights cannot be mistaken for each other. */
  flightLabel: string;
  width?: number;
  height?: number;
  frameRate?: number;
}

const CAMERA_NAMES = { 1: 'FRONT', 2: 'REAR' } as const;
const SCENE_NUMBER: Record<SceneType, number> = { cruising: 1, chase: 2, arrival: 3 };

/** Keeps letters, digits, spaces and & . - : characters that need no escaping in an ffmpeg filter graph. */
export function filterSafeText(text: string): string {
  return text
    .replace(/[^\p{L}\p{N} &.-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Pure: the ffmpeg arguments for one clip. Runs with the font's folder as cwd so the filter graph names the
 * font without a path (paths with colons or backslashes would need filter-graph escaping).
 */
export function demoClipArgs(clip: DemoClip, outputPath: string): string[] {
  const width = clip.width ?? 1280;
  const height = clip.height ?? 720;
  const rate = clip.frameRate ?? 30;
  const seconds = clip.durationSeconds.toFixed(3);
  // Two looks, so a glance tells the angles apart: a moving test pattern (front) and colour bars with a
  // travelling block (rear). testsrc2 is drawn at quarter size and scaled up: it encodes several times faster.
  const background =
    clip.camera === 1
      ? `testsrc2=size=${width / 2}x${height / 2}:rate=${rate}:duration=${seconds},scale=${width}:${height}`
      : `smptehdbars=size=${width}x${height}:rate=${rate}:duration=${seconds}[bars];` +
        `color=c=0xffcc00:size=${height / 5}x${height / 5}:rate=${rate}[block];` +
        `[bars][block]overlay=x='mod(t*240,W+w)-w':y='H/2+H/4*sin(t)':shortest=1`;
  const size = Math.round(height / 13);
  const label = (text: string, x: string, y: string, colour = 'white') =>
    `drawtext=fontfile=${DEMO_FONT_FILE}:expansion=none:text='${filterSafeText(text)}':x=${x}:y=${y}:` +
    `fontsize=${size}:fontcolor=${colour}:box=1:boxcolor=black@0.6:boxborderw=${Math.round(size / 4)}`;
  const clock =
    `drawtext=fontfile=${DEMO_FONT_FILE}:text='%{pts\\:hms\\:${(clip.clockStartMs / 1000).toFixed(3)}}':` +
    `x=w-tw-${size}:y=h-th-${size}:fontsize=${Math.round(size * 1.2)}:fontcolor=yellow:box=1:boxcolor=black@0.6:` +
    `boxborderw=${Math.round(size / 4)}`;
  const sceneName = `${clip.sceneType.toUpperCase()} ${SCENE_NUMBER[clip.sceneType]} OF 3`;
  const graph = [
    background,
    label(`CAM ${clip.camera} ${CAMERA_NAMES[clip.camera]}`, `${size}`, `${size}`),
    label(sceneName, `w-tw-${size}`, `${size}`),
    label(clip.flightLabel, `${size}`, `${Math.round(size * 2.9)}`, '0xa0e0ff'),
    clock,
  ].join(',');
  // prettier-ignore
  return [
    '-y',
    '-f', 'lavfi', '-i', graph,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '30', '-pix_fmt', 'yuv420p',
    // A keyframe every second keeps seeking (review, slot windows, export) accurate and quick.
    '-g', String(rate), '-r', String(rate),
    '-movflags', '+faststart', '-an', '-f', 'mp4', outputPath,
  ];
}

/** The shipped font, found by walking up from this module (src/main/demo in dev, dist/main when bundled). */
export function findDemoFontDir(start = dirname(fileURLToPath(import.meta.url))): string {
  let dir = start;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'resources', 'fonts');
    if (existsSync(join(candidate, DEMO_FONT_FILE))) return candidate;
    dir = resolve(dir, '..');
  }
  throw new Error(`The demo font ${DEMO_FONT_FILE} was not found in resources/fonts above ${start}.`);
}

export async function renderDemoClip(
  clip: DemoClip,
  outputPath: string,
  options: { fontDir: string; ffmpegPath?: string },
): Promise<void> {
  await runFfmpeg(demoClipArgs(clip, outputPath), { cwd: options.fontDir, ffmpegPath: options.ffmpegPath });
}
