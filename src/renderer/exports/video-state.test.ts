import { describe, expect, it } from 'vitest';
import type { ExportJobView } from '../../shared/exports';
import { makingWords, videoState } from './video-state';

const job = (extra: Partial<ExportJobView>): ExportJobView => ({
  id: 'j1',
  recordingId: 'r1',
  kind: 'video',
  status: 'processing',
  progress: 0.6,
  etaSeconds: 3,
  error: null,
  attempts: 1,
  createdAt: '2026-05-01T10:00:05.000Z',
  startedAt: '2026-05-01T10:00:05.000Z',
  finishedAt: null,
  videoUrl: null,
  posterUrl: null,
  photoUrls: [],
  ...extra,
});

const LAST_TAKE = '2026-05-01T10:00:04.000Z';

describe('videoState', () => {
  it('says how far the video is and how long is left', () => {
    expect(makingWords(job({}))).toBe('Making the video… 60 %, about 3 s left');
    expect(videoState(job({}), LAST_TAKE)).toMatchObject({ kind: 'making' });
    expect(makingWords(job({ status: 'pending' }))).toMatch(/^Video waiting/);
  });

  it('is ready once made from the footage filmed now', () => {
    expect(videoState(job({ status: 'completed' }), LAST_TAKE).kind).toBe('ready');
  });

  it('does not call a video of older footage ready', () => {
    const old = job({ status: 'completed', createdAt: '2026-05-01T09:00:00.000Z' });
    expect(videoState(old, LAST_TAKE).kind).toBe('none');
    expect(videoState(job({ status: 'cancelled' }), LAST_TAKE).kind).toBe('none');
    expect(videoState(null, LAST_TAKE).kind).toBe('none');
  });

  it('passes on why it failed', () => {
    const failed = videoState(job({ status: 'failed', error: 'Disk full.' }), LAST_TAKE);
    expect(failed).toMatchObject({ kind: 'failed', words: 'Disk full.' });
  });
});
