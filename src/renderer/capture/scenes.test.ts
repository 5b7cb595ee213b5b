import { describe, expect, it } from 'vitest';
import type { SceneView } from '../../shared/capture';
import type { RecordingDetail } from '../../shared/recordings';
import { sceneSummary, takeInProgress } from './scenes';

function scene(id: string, sceneType: SceneView['sceneType'], status: SceneView['status']): SceneView {
  return {
    id,
    recordingId: 'flight',
    sceneType,
    sceneIndex: 1,
    status,
    camera1Source: 'front',
    camera2Source: 'rear',
    camera1Url: null,
    camera2Url: null,
    camera1Duration: status === 'recorded' ? 83 : null,
    camera2Duration: status === 'recorded' ? 82.5 : null,
    offsetMs: null,
    codec: null,
    startedAt: null,
    endedAt: null,
    updatedAt: '2025-06-01T09:00:00.000Z',
  };
}

function flight(id: string, passengerNames: string, scenes: SceneView[]): RecordingDetail {
  return {
    id,
    passengerNames,
    flightAt: '2025-06-01T09:00:00.000Z',
    customerEmail: null,
    customerPhone: null,
    pilotId: null,
    pilotName: null,
    staffMemberId: null,
    staffMemberName: null,
    notes: null,
    origin: null,
    tripPurpose: null,
    waiverAcceptedAt: null,
    sold: false,
    exportStatus: 'not_exported',
    createdAt: '2025-06-01T08:00:00.000Z',
    scenes,
    footageRemoved: null,
  };
}

describe('sceneSummary', () => {
  it('says Filming for a scene a take is on, on this screen or another', () => {
    expect(sceneSummary(scene('a', 'cruising', 'pending'), true)).toBe('Filming');
    expect(sceneSummary(scene('a', 'cruising', 'recording'))).toBe('Filming');
  });

  it('says Not filmed yet only for a scene nobody is filming', () => {
    expect(sceneSummary(scene('a', 'cruising', 'pending'))).toBe('Not filmed yet');
    expect(sceneSummary(scene('a', 'cruising', 'recorded'))).toBe('Filmed · 1:23');
  });
});

describe('takeInProgress', () => {
  const mia = flight('mia', 'Mia and Leo', [scene('mia-cruising', 'cruising', 'pending')]);
  const ana = flight('ana', 'Ana Silva', [scene('ana-cruising', 'cruising', 'pending')]);

  it('is nothing while the screen is not filming', () => {
    expect(takeInProgress('idle', 'mia-cruising', mia)).toBeNull();
  });

  it('names the flight, passengers and scene of the take, whether counting down, filming or saving', () => {
    for (const phase of ['countdown', 'recording', 'stopping'] as const) {
      expect(takeInProgress(phase, 'mia-cruising', mia)).toEqual({
        phase,
        sceneId: 'mia-cruising',
        sceneType: 'cruising',
        recordingId: 'mia',
        passengerNames: 'Mia and Leo',
      });
    }
  });

  it('keeps the take’s own flight when another flight’s filming screen is opened mid-take', () => {
    takeInProgress('recording', 'mia-cruising', mia);
    expect(takeInProgress('recording', 'mia-cruising', ana)).toMatchObject({
      recordingId: 'mia',
      passengerNames: 'Mia and Leo',
    });
  });

  it('does not lend one take’s flight to another take it never saw', () => {
    takeInProgress('recording', 'mia-cruising', mia);
    expect(takeInProgress('recording', 'ana-cruising', null)).toBeNull();
  });
});
