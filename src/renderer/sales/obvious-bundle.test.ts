import { describe, expect, it } from 'vitest';
import type { BundleOffer } from '../../shared/sales';
import { obviousBundle } from './obvious-bundle';

const offer = (code: string, contents: string, extra: Partial<BundleOffer> = {}): BundleOffer => ({
  code,
  label: code,
  priceCents: 1000,
  includesVideo: contents.includes('v'),
  includesPhotos: contents.includes('p'),
  includesAirtourPhotos: contents.includes('a'),
  active: true,
  sortOrder: 0,
  soldCount: 0,
  quote: { listPriceCents: 1000, discountCents: 0, priceCents: 1000, ruleId: null, ruleLabel: null },
  missing: null,
  unavailable: null,
  ...extra,
});

// The default catalogue of a fresh kiosk, for a flight filmed but with no video and no photos yet.
const CATALOGUE = [
  offer('video_photos', 'vp', { missing: 'Not made yet: video and photos' }),
  offer('video_only', 'v', { missing: 'Not made yet: video' }),
  offer('video_airtour_photos', 'va', { missing: 'Not made yet: video and air-tour photos' }),
  offer('photos_only', 'p', { missing: 'Not made yet: photos' }),
];
const FILMED = { videoUrl: null, stillCount: 0, airtourPhotoCount: 0 };

describe('obviousBundle', () => {
  it('starts with the bundle whose only missing part is the video being made', () => {
    expect(obviousBundle(CATALOGUE, FILMED, true)?.code).toBe('video_only');
  });

  it('prefers a bundle the flight has everything for', () => {
    const ready = CATALOGUE.map((o) => (o.code === 'video_only' ? { ...o, missing: null } : o));
    expect(obviousBundle(ready, { ...FILMED, videoUrl: '/v.mp4' }, false)?.code).toBe('video_only');
  });

  it('with no video coming, falls back to the first that can be sold', () => {
    expect(obviousBundle(CATALOGUE, FILMED, false)?.code).toBe('video_photos');
  });

  it('takes the only bundle that can be sold, and nothing when none can', () => {
    const none = CATALOGUE.map((o) => ({ ...o, unavailable: 'No footage' }));
    expect(obviousBundle(none, FILMED, true)).toBeNull();
    const one = none.map((o) => (o.code === 'photos_only' ? { ...o, unavailable: null } : o));
    expect(obviousBundle(one, FILMED, true)?.code).toBe('photos_only');
  });

  it('counts photos the flight has: video + photos once stills exist', () => {
    expect(obviousBundle(CATALOGUE, { ...FILMED, stillCount: 4 }, true)?.code).toBe('video_photos');
  });
});
