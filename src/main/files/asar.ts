// A packaged Electron app keeps its files inside the app.asar archive, which only Electron's own fs can read.
// What another program must read or run (ffmpeg's binary, the fonts and clips ffmpeg is given) is unpacked
// beside it by electron-builder.yml, into app.asar.unpacked.
import { sep } from 'node:path';

/** The unpacked copy of a path inside app.asar; any other path as it is. */
export function outsideAsar(path: string): string {
  return path.replace(`${sep}app.asar${sep}`, `${sep}app.asar.unpacked${sep}`);
}
