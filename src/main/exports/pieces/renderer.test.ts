// The renderer's promises to its callers, with real ffmpeg on a small file: a piece asked for twice at once is
// rendered once; a caller that gives up does not stop the render another caller still waits for; the last one
// that gives up does, and no temporary file is left.
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../../db/test-support';
import { resolveFfmpeg } from '../../ffmpeg/resolve';
import { createPieceCache } from './cache';
import { planPieces, type PieceSpec } from './plan';
import { createPieceRenderer, type PieceRenderer } from './renderer';
import { countFrames, findFfprobe } from './video-checks';

const ffmpeg = resolveFfmpeg().path;
const dir = makeTempDir('magnum-renderer-');
const footage = path.join(dir, 'footage.mp4');
let renders: number;
let renderer: PieceRenderer;

beforeAll(() => {
  execFileSync(ffmpeg, [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=s=320x180:r=30:d=6',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    footage,
  ]);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeEach(() => {
  rmSync(path.join(dir, 'cache'), { recursive: true, force: true });
  renders = 0;
  renderer = createPieceRenderer({
    cache: createPieceCache(dir),
    ffmpegPath: () => {
      renders += 1;
      return ffmpeg;
    },
  });
});

/** A 4 s slot piece at 1920×1080 (about a second of work: long enough to abort in the middle). */
const spec = (fileStart = 1): PieceSpec =>
  planPieces({
    clips: [{ slotNumber: 1, file: footage, fileStart, duration: 4, fileIdentity: 'test' }],
    firstSlotNumber: 1,
    intro: null,
    outro: null,
    music: null,
    title: null,
    width: 1920,
    height: 1080,
    frameRate: 30,
    ffmpegIdentity: ffmpeg,
  }).pieces[0]!;

const cacheNames = () => {
  try {
    return readdirSync(path.join(dir, 'cache', 'pieces'));
  } catch {
    return [];
  }
};

describe('the piece renderer', () => {
  it('renders a piece asked for twice at once only once, and then serves it from the cache', async () => {
    const piece = spec();
    const [a, b] = await Promise.all([renderer.renderPiece(piece), renderer.renderPiece(piece)]);
    expect(a.file).toBe(b.file);
    expect(renders).toBe(1);
    expect(await countFrames(findFfprobe(), a.file)).toBe(120);
    expect(await renderer.renderPiece(piece)).toEqual({ file: a.file, rendered: false });
    expect(renders).toBe(1);
  });

  it('keeps rendering for the caller still waiting when another gives up', async () => {
    const piece = spec(1.5);
    const quitter = new AbortController();
    const first = renderer.renderPiece(piece, { signal: quitter.signal });
    const second = renderer.renderPiece(piece);
    await expect.poll(() => cacheNames().some((name) => name.includes('.partial-'))).toBe(true);
    quitter.abort();
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    const { file } = await second;
    expect(renders).toBe(1);
    expect(await countFrames(findFfprobe(), file)).toBe(120);
  });

  it('stops ffmpeg when the last caller gives up, leaving no file behind', async () => {
    const piece = spec(2);
    const controller = new AbortController();
    const run = renderer.renderPiece(piece, { signal: controller.signal });
    await expect.poll(() => cacheNames().some((name) => name.includes('.partial-'))).toBe(true);
    controller.abort();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(renders).toBe(1);
    expect(renderer.inFlight()).toEqual([]);
    expect(cacheNames()).toEqual([]);
  });
});
