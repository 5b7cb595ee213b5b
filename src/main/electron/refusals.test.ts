// Refusals reach the log with what, where and why; a page asking in a loop cannot flood it.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createRefusalLog } from './refusals';

function capture(options: Parameters<typeof createRefusalLog>[1]) {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { lines, refused: createRefusalLog(() => logger, options) };
}
const microphone = {
  kind: 'permission-request' as const,
  what: 'media',
  url: 'app://magnum/index.html',
  reason: 'camera (video) only, never the microphone',
};

describe('the refusal log', () => {
  it('writes the permission, the page and the reason as a warning', () => {
    const { lines, refused } = capture({});
    refused(microphone);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 40,
      msg: 'refused',
      refused: 'permission-request',
      what: 'media',
      url: 'app://magnum/index.html',
      reason: 'camera (video) only, never the microphone',
    });
  });

  it('logs the same refusal once per window and counts the repeats in the next line', () => {
    let clock = 0;
    const { lines, refused } = capture({ windowMs: 1000, now: () => clock });
    for (let i = 0; i < 50; i++) refused(microphone);
    expect(lines).toHaveLength(1);
    refused({ ...microphone, url: 'https://example.com/' });
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({ url: 'https://example.com/', suppressedBefore: 49 });
    clock = 1000;
    refused(microphone);
    expect(lines).toHaveLength(3);
    expect(lines[2]).not.toHaveProperty('suppressedBefore');
  });

  it('keeps to its budget per window, however many different refusals a page makes', () => {
    let clock = 0;
    const { lines, refused } = capture({ perWindow: 3, windowMs: 1000, now: () => clock });
    for (let i = 0; i < 50; i++) refused({ ...microphone, what: `permission-${i}` });
    expect(lines).toHaveLength(3);
    clock = 1000;
    refused({ ...microphone, what: 'geolocation' });
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatchObject({ what: 'geolocation', suppressedBefore: 47 });
  });

  it('cuts a huge address down', () => {
    const { lines, refused } = capture({});
    refused({ ...microphone, url: `https://example.com/${'a'.repeat(10_000)}` });
    expect((lines[0]!.url as string).length).toBe(200);
  });

  it('drops the line when there is no log yet instead of failing the refusal', () => {
    const refused = createRefusalLog(() => undefined);
    expect(() => refused(microphone)).not.toThrow();
  });
});
