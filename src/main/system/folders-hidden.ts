// system.info is public (the status strip under the sign-in screen reads it), so a machine on the kiosk's network
// may ask it before anyone signs in. Where the kiosk keeps its data and its programs is not for them: a folder
// often names the operator's account, and a path is a map for an attack on the machine. The kiosk machine itself
// (its recovery screen shows the damaged database's file) and signed-in screens (Home) still get the folders.
import type { SystemInfo } from '../../shared/system';

export const FOLDER_HIDDEN = '(shown on the kiosk itself)';

/** The same facts with every folder and file path of the kiosk replaced, wherever a message repeats one. */
export function withFoldersHidden(info: SystemInfo): SystemInfo {
  const paths = [info.dataDir, info.database.path, ...(info.ffmpeg.available ? [info.ffmpeg.path] : [])]
    .filter((path) => path.length > 0)
    .sort((a, b) => b.length - a.length);
  const hide = (text: string) => paths.reduce((hidden, path) => hidden.split(path).join(FOLDER_HIDDEN), text);
  const hidden = hideInStrings(info, hide) as SystemInfo;
  return {
    ...hidden,
    dataDir: FOLDER_HIDDEN,
    database: { ...hidden.database, path: FOLDER_HIDDEN },
    ffmpeg: hidden.ffmpeg.available ? { ...hidden.ffmpeg, path: FOLDER_HIDDEN } : hidden.ffmpeg,
  };
}

function hideInStrings(value: unknown, hide: (text: string) => string): unknown {
  if (typeof value === 'string') return hide(value);
  if (Array.isArray(value)) return value.map((item) => hideInStrings(item, hide));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, hideInStrings(item, hide)]));
  }
  return value;
}
