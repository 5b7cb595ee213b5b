// The pieces engine of one export service: its cache, its one renderer, and the plan of a flight's pieces from
// what the database and the template say (the intro's and outro's lengths probed once per file, the ffmpeg's
// identity read once). The video job (../video.ts) and the background prerender both go through it, so they
// share every cached piece and every piece being rendered.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { probeMedia } from '../../ffmpeg/probe';
import type { RenderHold } from '../../ffmpeg/run';
import { ASSET_FOLDERS } from '../../templates/assets';
import { ASSET_FONT_FILE } from '../../templates/asset-recipes';
import type { EncoderSettings } from '../plan';
import { ExportProblem, type ExportSource } from '../sources';
import { createPieceCache } from './cache';
import { framesOf, planPieces, type PieceSource, type PiecesPlan } from './plan';
import { createPieceRenderer, type PieceRenderer } from './renderer';

export interface PieceEngineOptions {
  dataDir: string;
  resourcesDir: string;
  ffmpegPath: () => string;
  hold?: RenderHold;
  encoder?: EncoderSettings;
}

export interface FlightPiecesInput {
  source: ExportSource;
  /** The operator's name for the title card's second line; empty for none. */
  operatorName: string;
  drawTitle: boolean;
  /** Slot lengths of slots not filmed yet, seconds (prerender makes the sound for the whole video). */
  waitingSeconds?: readonly number[];
}

export interface PieceEngine {
  readonly renderer: PieceRenderer;
  /** The pieces, sound and poster of a flight's video as it stands. */
  plan(input: FlightPiecesInput): Promise<PiecesPlan>;
  /** Removes half-written pieces and pieces unused for weeks (start of the export service). */
  tidy(): Promise<number>;
}

const identityOf = async (file: string) => {
  const info = await stat(file);
  return `${info.size}-${Math.round(info.mtimeMs)}`;
};

export function createPieceEngine(options: PieceEngineOptions): PieceEngine {
  const cache = createPieceCache(options.dataDir);
  const renderer = createPieceRenderer({ cache, ffmpegPath: options.ffmpegPath, hold: options.hold });
  /** Lengths of intro and outro files by path and identity: probing costs a process each time. */
  const durations = new Map<string, number>();
  const ffmpegIdentities = new Map<string, string>();

  async function ffmpegIdentity(): Promise<string> {
    const binary = options.ffmpegPath();
    let known = ffmpegIdentities.get(binary);
    if (!known) {
      known = `${binary}:${await identityOf(binary).catch(() => 'unknown')}`;
      ffmpegIdentities.set(binary, known);
    }
    return known;
  }

  async function asset(
    kind: 'intro' | 'outro' | 'music',
    name: string | null,
  ): Promise<(PieceSource & { duration: number }) | null> {
    if (!name) return null;
    const file = path.join(options.resourcesDir, ASSET_FOLDERS[kind].folder, name);
    const identity = await identityOf(file).catch(() => null);
    let duration = identity ? durations.get(`${file}:${identity}`) : undefined;
    if (identity && duration === undefined && kind !== 'music') {
      const info = await probeMedia(file, { ffmpegPath: options.ffmpegPath() }).catch(() => null);
      if (info?.durationSeconds) {
        duration = info.durationSeconds;
        durations.set(`${file}:${identity}`, duration);
      }
    }
    if (!identity || (kind !== 'music' && !duration)) {
      throw new ExportProblem(
        `The template's ${kind} "${name}" cannot be read. Choose another ${kind} under Settings → Templates.`,
      );
    }
    return { file, identity, duration: duration ?? 0 };
  }

  return {
    renderer,

    async plan({ source, operatorName, drawTitle, waitingSeconds = [] }) {
      const [intro, outro, music, ffmpeg] = await Promise.all([
        asset('intro', source.introAsset),
        asset('outro', source.outroAsset),
        asset('music', source.musicAsset),
        ffmpegIdentity(),
      ]);
      return planPieces({
        clips: source.clips,
        firstSlotNumber: source.firstSlotNumber,
        intro,
        outro,
        music: music ? { file: music.file, identity: music.identity } : null,
        title: drawTitle
          ? {
              text: source.titleText,
              operatorLine: operatorName,
              fontFile: path.join(options.resourcesDir, 'fonts', ASSET_FONT_FILE),
            }
          : null,
        width: source.width,
        height: source.height,
        frameRate: source.frameRate,
        encoder: options.encoder,
        ffmpegIdentity: ffmpeg,
        waitingFrames: waitingSeconds.reduce((sum, s) => sum + framesOf(s, source.frameRate), 0),
      });
    },

    tidy: () => cache.tidy({ busy: renderer.inFlight() }),
  };
}
