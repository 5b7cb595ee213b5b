// `npx tsx scripts/which-ffmpeg.ts`: which ffmpeg and ffprobe the app resolves here, and their versions, so a CI
// log or a support call shows what the export tests and the kiosk run. Exits 1 when there is none.
import { resolveFfmpeg, resolveFfprobe, systemLookup } from '../src/main/ffmpeg/resolve';
import { parseFfmpegVersion } from '../src/main/ffmpeg/version';

try {
  const ffmpeg = resolveFfmpeg();
  const version = parseFfmpegVersion(systemLookup.versionOf(ffmpeg.path) ?? '');
  const age = version ? (version.current ? 'current' : 'older than 5') : 'version unknown';
  console.log(
    `ffmpeg in use: ${version?.label ?? 'ffmpeg'}; ${age}; source ${ffmpeg.source}; ${ffmpeg.path}`,
  );
  const ffprobe = resolveFfprobe();
  const probeVersion =
    /ffprobe version (\S+)/.exec(systemLookup.versionOf(ffprobe.path) ?? '')?.[1] ?? 'unknown';
  console.log(`ffprobe in use: ${probeVersion}; source ${ffprobe.source}; ${ffprobe.path}`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
