import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outsideAsar } from './asar';

const packaged = (...parts: string[]) => join(sep, 'opt', 'MagnumStream', 'resources', ...parts);

describe('outsideAsar', () => {
  it('points a path inside app.asar at the copy unpacked beside it', () => {
    expect(outsideAsar(packaged('app.asar', 'resources'))).toBe(packaged('app.asar.unpacked', 'resources'));
    expect(outsideAsar(packaged('app.asar', 'node_modules', 'ffmpeg-static', 'ffmpeg'))).toBe(
      packaged('app.asar.unpacked', 'node_modules', 'ffmpeg-static', 'ffmpeg'),
    );
  });

  it('leaves a path outside any archive, or already unpacked, as it is', () => {
    const source = join(sep, 'home', 'crew', 'magnum', 'resources');
    expect(outsideAsar(source)).toBe(source);
    expect(outsideAsar(packaged('app.asar.unpacked', 'resources'))).toBe(
      packaged('app.asar.unpacked', 'resources'),
    );
  });

  it('does not touch a folder whose name only ends in app.asar', () => {
    const other = join(sep, 'opt', 'myapp.asar', 'ffmpeg');
    expect(outsideAsar(other)).toBe(other);
  });
});
