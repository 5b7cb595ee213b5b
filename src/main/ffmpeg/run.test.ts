import { execFileSync } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../db/test-support';
import { parseMediaInfo, probeMedia } from './probe';
import { FfmpegError, runFfmpeg, type RenderHold } from './run';

/** A hold a test switches by hand. */
function manualHold(initially: boolean): RenderHold & { set(held: boolean): void } {
  let held = initially;
  const listeners = new Set<(held: boolean) => void>();
  return {
    held: () => held,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next) {
      held = next;
      for (const listener of listeners) listener(next);
    },
  };
}

/** Frames written so far by a `-progress pipe:1` run. */
const frameOf = (line: string) => (line.startsWith('frame=') ? Number(line.slice(6)) : null);

const dir = makeTempDir('magnum-ffmpeg-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('runFfmpeg', () => {
  it('renders a file and resolves with the exit code', async () => {
    const out = join(dir, 'bars.mp4');
    // prettier-ignore
    const result = await runFfmpeg([
      '-f', 'lavfi', '-i', 'smptebars=size=320x240:rate=25:duration=1',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-y', out,
    ]);
    expect(result.exitCode).toBe(0);
    expect(statSync(out).size).toBeGreaterThan(0);
  });

  it("rejects with ffmpeg's own reason when the input does not exist", async () => {
    const failure = runFfmpeg(['-i', join(dir, 'missing.mp4'), '-f', 'null', '-']);
    await expect(failure).rejects.toBeInstanceOf(FfmpegError);
    await expect(failure).rejects.toThrow(/exited with code 1:[\s\S]*No such file or directory/);
  });

  it('rejects readably when the binary cannot be started', async () => {
    await expect(runFfmpeg(['-version'], { ffmpegPath: join(dir, 'no-ffmpeg') })).rejects.toThrow(
      /could not start/,
    );
  });

  it('stops ffmpeg when the caller aborts', async () => {
    const controller = new AbortController();
    const endless = runFfmpeg(['-f', 'lavfi', '-i', 'testsrc2=rate=25', '-f', 'null', '-'], {
      signal: controller.signal,
      onStderrLine: (line) => {
        if (line.startsWith('frame=')) controller.abort();
      },
    });
    await expect(endless).rejects.toThrow(/was cancelled/);
  });

  it.runIf(process.platform === 'linux')('runs background work at the lowest priority', async () => {
    const marker = join(dir, `low-priority-${process.pid}.mp4`);
    const controller = new AbortController();
    let nice: number | null = null;
    const run = runFfmpeg(
      [
        '-f',
        'lavfi',
        '-i',
        'testsrc2=rate=25',
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        '-f',
        'mp4',
        '-y',
        marker,
      ],
      {
        signal: controller.signal,
        priority: 'low',
        onStderrLine: (line) => {
          if (nice !== null || !line.startsWith('frame=')) return;
          const table = execFileSync('ps', ['-eo', 'ni=,args='], { encoding: 'utf8' });
          const row = table.split('\n').find((entry) => entry.includes(marker) && entry.includes('-preset'));
          nice = row ? Number(row.trim().split(/\s+/)[0]) : Number.NaN;
          controller.abort();
        },
      },
    );
    await expect(run).rejects.toThrow(/was cancelled/);
    expect(nice).toBe(19);
  });

  it.runIf(process.platform !== 'win32')('writes nothing while held and finishes once released', async () => {
    const hold = manualHold(true);
    const frames: number[] = [];
    const run = runFfmpeg(
      ['-f', 'lavfi', '-i', 'testsrc2=rate=25:duration=4', '-progress', 'pipe:1', '-f', 'null', '-'],
      {
        hold,
        onStdoutLine: (line) => {
          const frame = frameOf(line);
          if (frame !== null) frames.push(frame);
        },
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(frames).toEqual([]); // stopped before it wrote its first progress block
    hold.set(false);
    await expect(run).resolves.toMatchObject({ exitCode: 0 });
    expect(frames.at(-1)).toBe(100);
  });
});

describe('probeMedia', () => {
  it('reads the duration, codec, size and frame rate of a file ffmpeg made', async () => {
    const out = join(dir, 'probe.mp4');
    // prettier-ignore
    await runFfmpeg([
      '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=30:duration=2',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-y', out,
    ]);
    const info = await probeMedia(out);
    expect(info.durationSeconds).toBeCloseTo(2, 1);
    expect(info).toMatchObject({ videoCodec: 'h264', width: 320, height: 240, frameRate: 30 });
  });

  it('rejects a file that is not media', async () => {
    await expect(probeMedia(join(dir, 'nothing-here.mp4'))).rejects.toThrow(/could not read/);
  });
});

describe('parseMediaInfo', () => {
  it('parses the summary ffmpeg prints for a webm from MediaRecorder', () => {
    const stderr = [
      "Input #0, matroska,webm, from 'camera1.webm':",
      '  Duration: 00:01:02.50, start: 0.000000, bitrate: 2100 kb/s',
      '    Stream #0:0(eng): Video: vp8, yuv420p(progressive), 1280x720, SAR 1:1 DAR 16:9, 29.97 fps, 30 tbr, 1k tbn (default)',
    ].join('\n');
    expect(parseMediaInfo(stderr)).toEqual({
      durationSeconds: 62.5,
      videoCodec: 'vp8',
      width: 1280,
      height: 720,
      frameRate: 29.97,
    });
  });

  it('returns nulls for a file without duration or video, such as a live capture', () => {
    expect(parseMediaInfo('  Duration: N/A, start: 0.000000, bitrate: N/A')).toEqual({
      durationSeconds: null,
      videoCodec: null,
      width: null,
      height: null,
      frameRate: null,
    });
  });
});
