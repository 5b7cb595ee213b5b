// Runs ffmpeg as a child process and turns a failure into an error a person can read (the last lines of
// ffmpeg's own explanation), instead of a bare exit code. Background work (video pieces rendered while a scene
// is filmed) runs at the lowest priority and can be held: stopped while a recorder falls behind, continued
// once it has caught up, so it never takes the CPU filming needs.
import { spawn, type ChildProcess } from 'node:child_process';
import { constants, setPriority } from 'node:os';
import { resolveFfmpeg } from './resolve';

export interface RunFfmpegOptions {
  /** Defaults to resolveFfmpeg().path. */
  ffmpegPath?: string;
  cwd?: string;
  /** Aborting kills ffmpeg (export cancel). */
  signal?: AbortSignal;
  /** Exit codes that count as success; `ffmpeg -i file` with no output exits 1 by design. */
  okExitCodes?: readonly number[];
  onStderrLine?(line: string): void;
  /** ffmpeg's standard output line by line (`-progress pipe:1`); without it stdout is discarded. */
  onStdoutLine?(line: string): void;
  /** 'low' runs ffmpeg at the operating system's lowest priority (background work). */
  priority?: 'normal' | 'low';
  /** While held, ffmpeg is stopped (SIGSTOP) and continued when released; Windows has no such signal. */
  hold?: RenderHold;
}

/** Whether background renders must wait now, and news of every change (see the module comment). */
export interface RenderHold {
  held(): boolean;
  /** Calls `listener` on every change; returns the unsubscribe. */
  subscribe(listener: (held: boolean) => void): () => void;
}

/** Stops and continues a running child as the hold says; returns the unsubscribe. */
function followHold(child: ChildProcess, hold: RenderHold): () => void {
  if (process.platform === 'win32') return () => undefined;
  const apply = (held: boolean) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      child.kill(held ? 'SIGSTOP' : 'SIGCONT');
    } catch {
      // Already gone: its 'close' is on the way.
    }
  };
  if (hold.held()) apply(true);
  return hold.subscribe(apply);
}

export interface FfmpegResult {
  exitCode: number;
  stderr: string;
}

export class FfmpegError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'FfmpegError';
  }
}

/** Keeps only the tail of stderr: ffmpeg can print megabytes of progress, the reason is at the end. */
const STDERR_LIMIT = 64 * 1024;

export function runFfmpeg(args: readonly string[], options: RunFfmpegOptions = {}): Promise<FfmpegResult> {
  const ffmpegPath = options.ffmpegPath ?? resolveFfmpeg().path;
  const okExitCodes = options.okExitCodes ?? [0];
  return new Promise((resolve, reject) => {
    // -nostdin: ffmpeg otherwise reads the terminal and can hang or eat keystrokes when run from a service.
    const child = spawn(ffmpegPath, ['-hide_banner', '-nostdin', ...args], {
      cwd: options.cwd,
      stdio: ['ignore', options.onStdoutLine ? 'pipe' : 'ignore', 'pipe'],
      signal: options.signal,
      windowsHide: true,
    });
    if (options.priority === 'low' && child.pid !== undefined) {
      try {
        setPriority(child.pid, constants.priority.PRIORITY_LOW);
      } catch {
        // Not allowed here: the work still runs, at normal priority.
      }
    }
    const unfollow = options.hold ? followHold(child, options.hold) : () => undefined;
    let stderr = '';
    let partialLine = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_LIMIT);
      if (!options.onStderrLine) return;
      const lines = (partialLine + chunk).split(/\r\n|\r|\n/);
      partialLine = lines.pop() ?? '';
      for (const line of lines) if (line) options.onStderrLine(line);
    });
    const onStdoutLine = options.onStdoutLine;
    if (onStdoutLine && child.stdout) {
      let partialOut = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        const lines = (partialOut + chunk).split(/\r\n|\r|\n/);
        partialOut = lines.pop() ?? '';
        for (const line of lines) if (line) onStdoutLine(line);
      });
    }
    child.on('error', (error) => {
      unfollow();
      const reason = error.name === 'AbortError' ? 'was cancelled' : `could not start (${error.message})`;
      reject(new FfmpegError(`ffmpeg at ${ffmpegPath} ${reason}`, null, stderr));
    });
    child.on('close', (code, signal) => {
      unfollow();
      if (code !== null && okExitCodes.includes(code)) {
        resolve({ exitCode: code, stderr });
        return;
      }
      if (options.signal?.aborted) return; // already rejected by the 'error' event
      const tail = stderr.trim().split(/\r?\n/).slice(-8).join('\n');
      const how = code === null ? `was killed by ${signal}` : `exited with code ${code}`;
      reject(new FfmpegError(`ffmpeg ${how}:\n${tail || '(no output)'}`, code, stderr));
    });
  });
}
