import { describe, expect, it } from 'vitest';
import { checkMediaPath, rawPathname } from './request-path';
import { mediaUrl } from './url';

const REC = '6f1c2a9e-3b7d-4c1e-9a55-0d2b8e4f7a10';

describe('media request path', () => {
  it('turns a media URL back into the path stored in the database', () => {
    const stored = `media/${REC}/cruising/camera1.mp4`;
    expect(checkMediaPath(rawPathname(mediaUrl(stored, 'v3')))).toEqual({
      ok: true,
      path: stored,
      segments: ['media', REC, 'cruising', 'camera1.mp4'],
      recordingId: REC,
    });
  });

  it('decodes each segment once, so a stored name with a percent sign still matches', () => {
    expect(checkMediaPath(`/media/${REC}/100%25%20take.mp4`)).toMatchObject({
      ok: true,
      path: `media/${REC}/100% take.mp4`,
    });
    expect(checkMediaPath(`/media/${REC}/%252e%252e/x.mp4`)).toMatchObject({
      ok: true,
      path: `media/${REC}/%2e%2e/x.mp4`,
    });
  });

  it('takes the path as sent from both hosts, ignoring the query and fragment', () => {
    expect(rawPathname('/media/a/b.mp4?v=2')).toBe('/media/a/b.mp4');
    expect(rawPathname('app://magnum/media/a/b.mp4?v=2#t=3')).toBe('/media/a/b.mp4');
    expect(rawPathname('/media/../magnum.db')).toBe('/media/../magnum.db');
    expect(rawPathname('//etc/passwd')).toBe('//etc/passwd');
    expect(rawPathname('app://magnum')).toBe('');
  });

  it.each([
    ['outside /media/', '/magnum.db'],
    ['the renderer', '/index.html'],
    ['absolute', '/etc/passwd'],
    ['protocol-relative absolute', '//etc/passwd'],
    ['absolute inside media', '/media//etc/passwd'],
    ['encoded route', '/%6Dedia/x/y.mp4'],
    ['../ traversal', `/media/${REC}/../../magnum.db`],
    ['%2e%2e traversal', `/media/${REC}/%2e%2e/%2e%2e/magnum.db`],
    ['mixed-case %2E%2e traversal', `/media/%2E%2e/magnum.db`],
    ['single dot', `/media/./${REC}/a.mp4`],
    ['..%2f inside a segment', `/media/${REC}/..%2f..%2fmagnum.db`],
    ['%2F inside a segment', `/media/${REC}%2Fcruising/camera1.mp4`],
    ['NUL', `/media/${REC}/camera1.mp4%00.png`],
    ['backslash', `/media/${REC}/..\\..\\magnum.db`],
    ['encoded backslash', `/media/${REC}/..%5c..%5cmagnum.db`],
    ['Windows drive', `/media/C:/Windows/win.ini`],
    ['bad escape', `/media/${REC}/%E0%A4%A.mp4`],
    ['empty segment', `/media/${REC}//camera1.mp4`],
    ['trailing slash', `/media/${REC}/cruising/`],
    ['the media folder', '/media/'],
    ['a recording folder', `/media/${REC}`],
  ])('refuses %s', (_name, pathname) => {
    expect(checkMediaPath(pathname).ok).toBe(false);
  });
});
