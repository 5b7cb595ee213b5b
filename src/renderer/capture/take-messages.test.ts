import { describe, expect, it } from 'vitest';
import {
  cameraStoppedText,
  connectionBackText,
  connectionLostText,
  oneDecimal,
  recoveredText,
  refusedText,
  takeEndMessage,
  waitingToSaveText,
  type TakeEnd,
} from './take-messages';
import type { TakeFinished } from '../../shared/capture';

const camera = (number: 1 | 2, durationSeconds: number, lost = false) => ({
  camera: number,
  durationSeconds,
  bytes: 1000,
  lost,
  parts: 1,
});

describe('what the filming screen says about a take in trouble', () => {
  it('writes seconds with one decimal, and none when it is zero', () => {
    expect(oneDecimal(19.34)).toBe('19.3');
    expect(oneDecimal(19.96)).toBe('20');
    expect(oneDecimal(0.05)).toBe('0.1');
  });

  it('says what was recovered of a take the kiosk service restarted in', () => {
    const text = recoveredText({
      sceneLabel: 'Arrival',
      lengthSeconds: 20.02,
      reopened: true,
      cameras: [camera(1, 19.31), camera(2, 19.6)],
    });
    expect(text).toBe(
      'Arrival saved. Recovered 19.3 s of 20 s — the kiosk service restarted during the take.',
    );
  });

  it('never says more was recovered than the take lasted', () => {
    const text = recoveredText({
      sceneLabel: 'Cruising',
      lengthSeconds: 18.68,
      reopened: true,
      cameras: [camera(1, 18.78), camera(2, 18.8)],
    });
    expect(text).toContain('Recovered 18.7 s of 18.7 s');
  });

  it('names a dropped connection when the service did not restart, and leaves a lost camera out', () => {
    const text = recoveredText({
      sceneLabel: 'Chase',
      lengthSeconds: 12.44,
      reopened: false,
      cameras: [camera(1, 12.4), camera(2, 3.1, true)],
    });
    expect(text).toBe(
      'Chase saved. Recovered 12.4 s of 12.4 s — the connection to the kiosk service was lost during the take.',
    );
  });

  it('says a lost connection is not the end of filming', () => {
    expect(connectionLostText('recording', 4.2)).toBe(
      'Lost the connection to the kiosk service. Still filming: 4 s of footage is kept on this screen and is sent when it is back.',
    );
    expect(connectionLostText('stopping', 7)).toBe(waitingToSaveText(7));
    expect(waitingToSaveText(7)).toContain(
      'Waiting for the kiosk service to save the take — 7 s of footage waiting',
    );
  });

  it('counts down what is still to send once the connection is back', () => {
    expect(connectionBackText(3)).toBe(
      'Connection back. Sending the footage kept on this screen: 3 s to go.',
    );
    expect(connectionBackText(0)).toBe('Connection back. All footage kept on this screen is saved.');
  });

  it('names the camera that stopped, when, and which one is still recording', () => {
    expect(cameraStoppedText('Camera 2 (rear)', 7.8, [{ name: 'Camera 1', recording: true }])).toBe(
      'Camera 2 (rear) stopped sending pictures at 0:07. Camera 1 is still recording.',
    );
    expect(cameraStoppedText('Camera 1 (front)', 65, [{ name: 'Camera 2', recording: false }])).toContain(
      'at 1:05. No camera is recording now; its footage up to then is kept.',
    );
  });

  it('says what was kept when main refused the footage', () => {
    expect(refusedText('That recording has already ended.', 3)).toBe(
      'The kiosk service stopped taking this take’s footage: That recording has already ended. Recording stopped; what reached the kiosk disk is kept. The last 3 s filmed on this screen could not be sent.',
    );
  });
});

describe('what the screen says when a take ends', () => {
  const finished = (cameras: ReturnType<typeof camera>[]) => ({
    ok: true as const,
    value: {
      scene: { sceneType: 'arrival' } as TakeFinished['scene'],
      cameras,
      finalizeMs: 300,
    },
  });
  const end = (overrides: Partial<TakeEnd>): TakeEnd => ({
    result: finished([camera(1, 20), camera(2, 20)]),
    failure: null,
    unsentSeconds: 0,
    interrupted: false,
    reopened: false,
    lengthSeconds: 20,
    kept: null,
    ...overrides,
  });

  it('says the scene was saved, naming a camera that dropped out', () => {
    expect(takeEndMessage(end({}))).toEqual({ level: 'info', text: 'Arrival saved.' });
    expect(takeEndMessage(end({ result: finished([camera(1, 20), camera(2, 4, true)]) })).text).toBe(
      'Arrival saved (camera 2 dropped out).',
    );
  });

  it('says what was recovered after a lost connection, as a warning when more than a second is missing', () => {
    const recovered = takeEndMessage(
      end({ interrupted: true, reopened: true, result: finished([camera(1, 19.3), camera(2, 19.5)]) }),
    );
    expect(recovered).toEqual({
      level: 'info',
      keep: true,
      text: 'Arrival saved. Recovered 19.3 s of 20 s — the kiosk service restarted during the take.',
    });
    const short = takeEndMessage(
      end({ interrupted: true, result: finished([camera(1, 17.5), camera(2, 20)]) }),
    );
    expect(short.level).toBe('warning');
  });

  it('keeps a refusal in front of whatever main answered to the stop', () => {
    const message = takeEndMessage(
      end({ failure: { code: 'NOT_FOUND', message: 'That recording has already ended.' }, unsentSeconds: 2 }),
    );
    expect(message.level).toBe('error');
    expect(message.text).toContain('The last 2 s filmed on this screen could not be sent.');
  });
});
