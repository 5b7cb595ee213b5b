// Where the screens find a scene's thumbnails: a poster frame (dashboard) and a strip of frames (editor
// timeline), made by ffmpeg on first request and cached on disk. The same relative URL in both hosts, like
// footage (url.ts); `v` is the scene's version, so a re-recorded scene never shows the old take's frames.
export const THUMBS_ROUTE = '/thumbs/';

export type ThumbKind = 'poster' | 'strip';

/** `/thumbs/<sceneId>/camera<N>-<kind>.jpg?v=<version>`. */
export function thumbUrl(sceneId: string, camera: 1 | 2, kind: ThumbKind, version: string): string {
  return `${THUMBS_ROUTE}${encodeURIComponent(sceneId)}/camera${camera}-${kind}.jpg?v=${encodeURIComponent(version)}`;
}

/** A scene's thumbnail version: its updated_at in ms, so a re-recorded scene gets new URLs and new files. */
export function thumbVersion(updatedAt: string): string {
  return String(Date.parse(updatedAt));
}
