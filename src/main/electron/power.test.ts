// The display is kept awake from start to quit, with Electron's app and powerSaveBlocker as small fakes.
import { EventEmitter } from 'node:events';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { keepDisplayAwake } from './power';

function fakeBlocker(failing = false) {
  const running = new Set<number>();
  const started: string[] = [];
  let next = 1;
  return {
    running,
    started,
    start(type: string) {
      if (failing) throw new Error('no power service');
      started.push(type);
      running.add(next);
      return next++;
    },
    stop: (id: number) => running.delete(id),
    isStarted: (id: number) => running.has(id),
  };
}

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  return {
    lines,
    logger: pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) }),
  };
}

describe('keeping the display awake', () => {
  it('blocks display sleep from start until the app quits', () => {
    const app = new EventEmitter();
    const blocker = fakeBlocker();
    const { logger } = capture();
    keepDisplayAwake({ app: app as never, powerSaveBlocker: blocker as never, logger: () => logger });
    expect(blocker.started).toEqual(['prevent-display-sleep']);
    expect(blocker.running.size).toBe(1);
    app.emit('will-quit', {});
    expect(blocker.running.size).toBe(0);
  });

  it('stops once, however often it is asked', () => {
    const app = new EventEmitter();
    const blocker = fakeBlocker();
    const stop = keepDisplayAwake({
      app: app as never,
      powerSaveBlocker: blocker as never,
      logger: () => undefined,
    });
    stop();
    stop();
    app.emit('will-quit', {});
    expect(blocker.running.size).toBe(0);
  });

  it('logs and lets the kiosk start when the display cannot be kept awake', () => {
    const app = new EventEmitter();
    const { lines, logger } = capture();
    const stop = keepDisplayAwake({
      app: app as never,
      powerSaveBlocker: fakeBlocker(true) as never,
      logger: () => logger,
    });
    expect(lines).toMatchObject([
      { level: 40, msg: 'the display could not be kept awake; it may go dark when idle' },
    ]);
    expect(() => stop()).not.toThrow();
  });
});
