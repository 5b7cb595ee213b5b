// How often ffmpeg reports progress. Unless told otherwise it reports twice a second. A 3 s piece renders in
// about 1.5 s, so its progress arrived in two or three jumps, and the time left shown jumped with it
// (bench:export's worst error was 75 %). ffmpeg 4.4 and later take `-stats_period`; older builds (the
// installer's 4.1) refuse it. So the build is asked once, by its own option list, whether it knows it.
import { execFile } from 'node:child_process';

/** Seconds between progress reports where the build allows it. */
export const PROGRESS_PERIOD_SECONDS = 0.1;

const known = new Map<string, Promise<boolean>>();

/** Pure: whether `ffmpeg -h long` output lists `-stats_period`. */
export function knowsStatsPeriod(helpOutput: string): boolean {
  return /^-stats_period\b/m.test(helpOutput);
}

function askBuild(ffmpegPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(
      ffmpegPath,
      ['-hide_banner', '-h', 'long'],
      { timeout: 10_000, maxBuffer: 8 * 1024 * 1024 },
      // A build that cannot answer gets the default: twice a second is coarse, never wrong.
      (error, stdout) => resolve(!error && knowsStatsPeriod(stdout)),
    );
  });
}

/** The arguments that make `ffmpegPath` report progress ten times a second, or none when it cannot. */
export async function progressPeriodArgs(ffmpegPath: string): Promise<string[]> {
  let answer = known.get(ffmpegPath);
  if (!answer) {
    answer = askBuild(ffmpegPath);
    known.set(ffmpegPath, answer);
  }
  return (await answer) ? ['-stats_period', String(PROGRESS_PERIOD_SECONDS)] : [];
}
