// The README's run command, `npm run kiosk -- --demo`: a fresh kiosk gets demo flights with footage, once.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDataDir, RawClient, startKiosk } from './support/kiosk-process';

async function waitForOutput(
  read: () => string,
  pattern: RegExp,
  timeoutMs: number,
): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(read());
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}:\n${read()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('kiosk --demo', () => {
  it('fills an empty kiosk with demo flights and their footage, and leaves a kiosk with flights alone', async () => {
    const dataDir = makeDataDir();
    const first = await startKiosk(dataDir, ['--demo']);
    try {
      await waitForOutput(first.output, /Demo flights ready: 4 flights/, 180_000);
      const client = await RawClient.open(first);
      const reply = await client.call('system.info', {});
      client.close();
      expect(reply.result).toMatchObject({ ok: true, value: { database: { state: 'ok', recordings: 4 } } });
      const mediaDirs = path.join(dataDir, 'media');
      expect(existsSync(mediaDirs)).toBe(true);
    } finally {
      expect(await first.stop()).toBe(0);
    }

    const second = await startKiosk(dataDir, ['--demo']);
    try {
      await waitForOutput(second.output, /Demo flights skipped: this kiosk already has flights/, 30_000);
    } finally {
      await second.stop();
    }
  }, 240_000);
});
