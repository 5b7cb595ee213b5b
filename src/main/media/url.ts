// Where the renderer finds a media file: the same relative URL in both hosts (app://magnum/media/... in
// Electron, http://host/media/... in the browser host), served by media/serve.ts after checking the file is
// one the database knows. `v` changes when a scene is re-recorded, so the screen never shows a cached old take.
export const MEDIA_ROUTE = '/media/';

/** `media/<recording>/<scene>/camera1.mp4` (relative to the data folder) to its URL. */
export function mediaUrl(relativePath: string, version?: string): string {
  const encoded = relativePath
    .split('/')
    .filter((part) => part.length > 0)
    .map(encodeURIComponent)
    .join('/');
  const query = version ? `?v=${encodeURIComponent(version)}` : '';
  return `/${encoded}${query}`;
}
