// Capture through the real app and dispatcher: a take recorded over the channels, the kiosk closed mid-take,
// and the next start of the app saving it before anyone asks.
import { rmSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../db/test-support';
import type { RecordingDetail } from '../../shared/recordings';
import type { RecoveredScene, TakeStarted } from '../../shared/capture';
import type { ChannelName } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import type { SessionInfo } from '../../shared/auth';
import { startMainApp, type MainApp } from '../app';
import { FAST_PIN_PARAMS } from '../auth/test-support';
import { recorderFootage, removeRecorderFootage, splitIntoChunks } from './test-support';

const dataDir = makeTempDir('magnum-capture-app-');
const apps: MainApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});
afterAll(async () => {
  await removeRecorderFootage();
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<MainApp> {
  const app = await startMainApp({ dataDir, host: 'browser', data: { pinParams: FAST_PIN_PARAMS } });
  apps.push(app);
  return app;
}

async function call<T>(app: MainApp, channel: ChannelName, input: unknown, session?: string): Promise<T> {
  const result: Result<unknown> = await app.dispatch({ channel, input, session, transport: 'electron' });
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe('capture in the running app', () => {
  it('saves a take the kiosk was closed in the middle of when the app next starts', async () => {
    const footage = await recorderFootage('h264');
    const first = await start();
    const admin = await call<SessionInfo>(first, 'auth.setup', { name: 'Ida Admin', pin: '482100' });
    const flight = await call<RecordingDetail>(
      first,
      'recordings.checkIn',
      { passengerNames: 'Anna & Ben Keller' },
      admin.token,
    );
    const cruising = flight.scenes[0]!;
    const take = await call<TakeStarted>(
      first,
      'capture.start',
      {
        sceneId: cruising.id,
        mimeType: footage.mimeType,
        cameras: [{ camera: 1, label: 'Front camera', width: 320, height: 240, frameRate: 20 }],
      },
      admin.token,
    );
    for (const [seq, bytes] of splitIntoChunks(footage.bytes).entries()) {
      await call(first, 'capture.chunk', { takeId: take.takeId, camera: 1, seq, bytes }, admin.token);
    }
    await first.close();

    const second = await start();
    const again = await call<SessionInfo>(second, 'auth.signIn', { userId: admin.user.id, pin: '482100' });
    const notes = await call<RecoveredScene[]>(second, 'capture.recoveries', {}, again.token);

    expect(notes).toMatchObject([
      {
        sceneId: cruising.id,
        passengerNames: 'Anna & Ben Keller',
        sceneType: 'cruising',
        camera2Duration: null,
      },
    ]);
    expect(notes[0]!.camera1Duration).toBeCloseTo(footage.durationSeconds, 0);
    const detail = await call<RecordingDetail>(second, 'recordings.get', { id: flight.id }, again.token);
    expect(detail.scenes[0]).toMatchObject({
      status: 'recovered',
      camera1Url: expect.stringContaining('camera1.mp4'),
    });
    await expect(
      call(second, 'capture.acknowledgeRecoveries', { sceneIds: [cruising.id] }, again.token),
    ).resolves.toEqual({ acknowledged: 1 });
  });
});
