import { describe, expect, it } from 'vitest';
import { THUMB_STRIP_FRAMES } from '../../shared/editor';
import { thumbUrl, thumbVersion } from '../media/thumb-url';
import { posterArgs, posterTime, stripArgs, stripTimes } from './ffmpeg-args';
import { checkThumbRequest } from './request';

const SCENE = '6f1c2a9e-3b7d-4c1e-9a55-0d2b8e4f7a10';
const VERSION = thumbVersion('2025-06-01T10:00:00.000Z');

describe('thumbnail request path', () => {
  it('reads back what thumbUrl makes, from both hosts', () => {
    for (const camera of [1, 2] as const) {
      for (const kind of ['poster', 'strip'] as const) {
        const url = thumbUrl(SCENE, camera, kind, VERSION);
        const expected = { ok: true, sceneId: SCENE, camera, kind, version: VERSION };
        expect(checkThumbRequest(url)).toEqual(expected);
        expect(checkThumbRequest(`app://magnum${url}`)).toEqual(expected);
        expect(checkThumbRequest(`${url}#t=1`)).toEqual(expected);
      }
    }
    expect(VERSION).toBe('1748772000000');
  });

  it.each([
    ['no version', `/thumbs/${SCENE}/camera1-poster.jpg`],
    ['an empty version', `/thumbs/${SCENE}/camera1-poster.jpg?v=`],
    ['two versions', `/thumbs/${SCENE}/camera1-poster.jpg?v=${VERSION}&v=1`],
    ['a version that is not a number', `/thumbs/${SCENE}/camera1-poster.jpg?v=NaN`],
    ['a negative version', `/thumbs/${SCENE}/camera1-poster.jpg?v=-1`],
    ['a path outside /thumbs/', `/media/${SCENE}/camera1-poster.jpg?v=${VERSION}`],
    ['traversal', `/thumbs/${SCENE}/../camera1-poster.jpg?v=${VERSION}`],
    ['encoded traversal', `/thumbs/%2e%2e/camera1-poster.jpg?v=${VERSION}`],
    ['an encoded slash', `/thumbs/${SCENE}%2fcamera1-poster.jpg?v=${VERSION}`],
    ['an encoded letter', `/thumbs/${SCENE}/c%61mera1-poster.jpg?v=${VERSION}`],
    ['a deeper path', `/thumbs/${SCENE}/x/camera1-poster.jpg?v=${VERSION}`],
    ['camera 0', `/thumbs/${SCENE}/camera0-poster.jpg?v=${VERSION}`],
    ['another extension', `/thumbs/${SCENE}/camera1-poster.png?v=${VERSION}`],
    ['a cache file name', `/thumbs/${SCENE}/camera1-poster-${VERSION}.jpg?v=${VERSION}`],
    ['a too long id', `/thumbs/${'a'.repeat(65)}/camera1-poster.jpg?v=${VERSION}`],
  ])('refuses %s', (_name, url) => {
    expect(checkThumbRequest(url).ok).toBe(false);
  });
});

describe('thumbnail frame times', () => {
  it('takes the poster a third into the file, or the first frame when the length is unknown', () => {
    expect(posterTime(60)).toBe(20);
    expect(posterTime(null)).toBe(0);
    expect(posterTime(0)).toBe(0);
    expect(posterArgs('/data/c.mp4', 60, '/data/t.tmp').slice(0, 4)).toEqual([
      '-ss',
      '20.000',
      '-i',
      'file:/data/c.mp4',
    ]);
  });

  it('spaces the strip at the middle of N equal parts of the file', () => {
    const times = stripTimes(60);
    expect(times).toHaveLength(THUMB_STRIP_FRAMES);
    expect(times[0]).toBeCloseTo(60 / THUMB_STRIP_FRAMES / 2);
    expect(times.at(-1)).toBeCloseTo(60 - 60 / THUMB_STRIP_FRAMES / 2);
    expect(stripTimes(10, 4)).toEqual([1.25, 3.75, 6.25, 8.75]);
    const args = stripArgs('/data/c.mp4', 10, '/data/t.tmp', 4);
    const filter = args[args.indexOf('-vf') + 1];
    expect(filter).toContain("select='gte(t\\,(selected_n+0.5)*2.500000)'");
    expect(filter).toMatch(/tile=4x1$/);
  });
});
