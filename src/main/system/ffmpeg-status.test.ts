// The home screen's ffmpeg card, read from real binaries: the installer's 2018 build and the system's ffmpeg.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { systemLookup } from '../ffmpeg/resolve';
import { parseFfmpegVersion } from '../ffmpeg/version';
import { probeFfmpeg } from './ffmpeg-status';

const installer = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;
const systemFfmpeg = '/usr/bin/ffmpeg';
const hasCurrentSystemFfmpeg = Boolean(
  parseFfmpegVersion(systemLookup.versionOf(systemFfmpeg) ?? '')?.current,
);

describe('the ffmpeg status', () => {
  it("names the installer's build by its year, says where it is, and counts it as old", async () => {
    const status = await probeFfmpeg(() => ({ path: installer, source: 'ffmpeg-installer' }));
    expect(status).toMatchObject({
      available: true,
      source: 'ffmpeg-installer',
      path: installer,
      label: 'ffmpeg (2018 build)',
      current: false,
    });
    expect(status.available && status.version).toMatch(/^N-47683-g/);
  });

  // Skipped without Debian's ffmpeg 5 or later at /usr/bin/ffmpeg; CI installs it, so it runs there.
  it.skipIf(!hasCurrentSystemFfmpeg)(
    "names the system's ffmpeg by its release and counts it as current",
    async () => {
      const status = await probeFfmpeg(() => ({ path: systemFfmpeg, source: 'system' }));
      expect(status).toMatchObject({ available: true, source: 'system', path: systemFfmpeg, current: true });
      expect(status.available && status.label).toMatch(/^ffmpeg \d+\.\d+/);
      expect(status.available && status.label).not.toMatch(/deb|-/);
    },
  );

  it('says plainly when ffmpeg cannot be found', async () => {
    const status = await probeFfmpeg(() => {
      throw new Error('FFMPEG_PATH is set to /opt/none, but no executable file is there.');
    });
    expect(status).toEqual({
      available: false,
      message: 'ffmpeg was not found: FFMPEG_PATH is set to /opt/none, but no executable file is there.',
    });
  });
});
