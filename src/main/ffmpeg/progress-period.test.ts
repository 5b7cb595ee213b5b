import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { knowsStatsPeriod, progressPeriodArgs } from './progress-period';
import { resolveFfmpeg } from './resolve';

const require = createRequire(import.meta.url);
const installerFfmpeg = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;

/** Runs a tiny encode with `extra` before `-progress`; true when ffmpeg accepted it. */
function runsWith(ffmpegPath: string, extra: string[]): boolean {
  try {
    execFileSync(
      ffmpegPath,
      [
        '-v',
        'error',
        '-f',
        'lavfi',
        '-i',
        'testsrc2=s=64x64:r=30:d=0.2',
        ...extra,
        '-progress',
        'pipe:1',
      ].concat(['-f', 'null', '-']),
      { stdio: 'pipe' },
    );
    return true;
  } catch {
    return false;
  }
}

describe('how often ffmpeg reports progress', () => {
  it('reads the option from the option list, not from a mention elsewhere', () => {
    expect(
      knowsStatsPeriod(
        '-stats             print progress report during encoding\n-stats_period time  set the period',
      ),
    ).toBe(true);
    expect(knowsStatsPeriod('-stats             print progress report during encoding\n-progress url')).toBe(
      false,
    );
    expect(knowsStatsPeriod('')).toBe(false);
  });

  it('asks ten times a second of the ffmpeg in use, and that ffmpeg runs with it', async () => {
    const ffmpeg = resolveFfmpeg().path;
    const args = await progressPeriodArgs(ffmpeg);
    expect(runsWith(ffmpeg, args)).toBe(true);
    if (args.length > 0) expect(args).toEqual(['-stats_period', '0.1']);
  });

  it("asks nothing of the installer's 2018 build, which refuses the option", async () => {
    expect(await progressPeriodArgs(installerFfmpeg)).toEqual([]);
    expect(runsWith(installerFfmpeg, ['-stats_period', '0.1'])).toBe(false);
    expect(runsWith(installerFfmpeg, [])).toBe(true);
  });

  it('asks it of a current ffmpeg', async () => {
    const system = '/usr/bin/ffmpeg';
    const version = execFileSync(system, ['-version'], { encoding: 'utf8' });
    expect(version).toMatch(/^ffmpeg version [5-9]/);
    expect(await progressPeriodArgs(system)).toEqual(['-stats_period', '0.1']);
  });

  it('answers none for a binary that does not run', async () => {
    expect(await progressPeriodArgs('/nonexistent/ffmpeg')).toEqual([]);
  });
});
