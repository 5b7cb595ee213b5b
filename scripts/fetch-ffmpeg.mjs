// ffmpeg and ffprobe for one packaging target (not the build machine's), into build/ffmpeg/<os>-<arch>/, where
// electron-builder.yml's extraResources picks them up as <resources>/ffmpeg/ (src/main/ffmpeg/resolve.ts).
// <os> and <arch> are electron-builder's names (linux|win|mac, x64|arm64|ia32|armv7l), so one yml line serves
// every target. The binaries are ffmpeg-static's release builds (the same ones its npm package downloads), from
// GitHub: this needs internet, on the machine that packages. Each binary's SHA-256 is checked against
// build/ffmpeg-sha256.json; a binary not listed there is refused unless --record is given, which writes its hash
// for a person to check and commit (trust on first use, once per release and target).
//
//   node scripts/fetch-ffmpeg.mjs [--os linux|win|mac] [--arch x64|arm64|ia32|armv7l] [--record]
//   node scripts/fetch-ffmpeg.mjs --check      exit 1 (with the command to run) when this machine's target lacks them
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/** ffmpeg-static 5.3.0's binaries (its package.json "binary-release-tag"): ffmpeg 6.1.1. */
export const RELEASE = 'b6.1.1';
export const RELEASE_URL = `https://github.com/eugeneware/ffmpeg-static/releases/download/${RELEASE}`;
export const TOOLS = ['ffmpeg', 'ffprobe'];

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const HASHES_FILE = path.join(ROOT, 'build', 'ffmpeg-sha256.json');

/** The targets ffmpeg-static publishes, by electron-builder's os and arch names, with its asset suffix. */
const ASSETS = {
  'linux-x64': 'linux-x64',
  'linux-arm64': 'linux-arm64',
  'linux-armv7l': 'linux-arm',
  'linux-ia32': 'linux-ia32',
  'win-x64': 'win32-x64',
  'win-ia32': 'win32-ia32',
  'mac-x64': 'darwin-x64',
  'mac-arm64': 'darwin-arm64',
};

/** electron-builder's ${os} for a Node platform name. */
export function builderOs(platform) {
  return { linux: 'linux', win32: 'win', darwin: 'mac' }[platform] ?? platform;
}

/** electron-builder's ${arch} for a Node arch name. */
export function builderArch(arch) {
  return arch === 'arm' ? 'armv7l' : arch;
}

/** Where one target's binaries go: build/ffmpeg/<os>-<arch> (electron-builder.yml: build/ffmpeg/${os}-${arch}). */
export function targetFolder(root, os, arch) {
  return path.join(root, 'build', 'ffmpeg', `${os}-${arch}`);
}

/** The file name of a tool on the target. */
export function binaryName(tool, os) {
  return os === 'win' ? `${tool}.exe` : tool;
}

/** The download for one tool and target, and the key of its hash in build/ffmpeg-sha256.json. */
export function assetFor(tool, os, arch) {
  const suffix = ASSETS[`${os}-${arch}`];
  if (!suffix) {
    throw new Error(
      `There is no ffmpeg build for ${os}-${arch}. Targets with one: ${Object.keys(ASSETS).join(', ')}.`,
    );
  }
  const name = `${tool}-${suffix}`;
  return { url: `${RELEASE_URL}/${name}.gz`, key: `${RELEASE}/${name}` };
}

export function sha256(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

/** 'ok', 'unknown' (not in the list yet) or 'mismatch' (not the binary the list names: never used). */
export function checkHash(hashes, key, digest) {
  if (!(key in hashes)) return 'unknown';
  return hashes[key] === digest ? 'ok' : 'mismatch';
}

/** Which of the target's binaries are missing from its folder. */
export function missingBinaries(root, os, arch) {
  return TOOLS.map((tool) => path.join(targetFolder(root, os, arch), binaryName(tool, os))).filter(
    (file) => !existsSync(file),
  );
}

function readHashes() {
  return existsSync(HASHES_FILE) ? JSON.parse(readFileSync(HASHES_FILE, 'utf8')) : {};
}

async function download(url) {
  let response;
  try {
    response = await fetch(url, { redirect: 'follow' });
  } catch (error) {
    throw new Error(
      `Could not download ${url} (${error.cause?.code ?? error.message}). This step needs internet.`,
    );
  }
  if (!response.ok) throw new Error(`Could not download ${url}: the server answered ${response.status}.`);
  return gunzipSync(Buffer.from(await response.arrayBuffer()));
}

async function fetchTarget(os, arch, record) {
  const hashes = readHashes();
  const folder = targetFolder(ROOT, os, arch);
  mkdirSync(folder, { recursive: true });
  for (const tool of TOOLS) {
    const { url, key } = assetFor(tool, os, arch);
    console.log(`Downloading ${tool} for ${os}-${arch}: ${url}`);
    const bytes = await download(url);
    const digest = sha256(bytes);
    const verdict = checkHash(hashes, key, digest);
    if (verdict === 'mismatch') {
      throw new Error(
        `${key} is not the file build/ffmpeg-sha256.json names (expected ${hashes[key]}, got ${digest}). Not used. Check the release page before changing the list.`,
      );
    }
    if (verdict === 'unknown') {
      if (!record) {
        throw new Error(
          `${key} (SHA-256 ${digest}) is not in build/ffmpeg-sha256.json yet. Check it, then run again with --record to add it, and commit the list.`,
        );
      }
      hashes[key] = digest;
      console.log(`Recorded ${key}: ${digest} (check it, then commit build/ffmpeg-sha256.json)`);
    }
    const file = path.join(folder, binaryName(tool, os));
    writeFileSync(`${file}.tmp`, bytes);
    chmodSync(`${file}.tmp`, 0o755);
    renameSync(`${file}.tmp`, file);
  }
  if (record) writeFileSync(HASHES_FILE, `${JSON.stringify(hashes, null, 2)}\n`);
  console.log(`ffmpeg and ffprobe for ${os}-${arch} are in ${path.relative(ROOT, folder)}.`);
}

function argument(args, name) {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

async function main(args) {
  const os = argument(args, '--os') ?? builderOs(process.platform);
  const arch = argument(args, '--arch') ?? builderArch(process.arch);
  if (args.includes('--check')) {
    const missing = missingBinaries(ROOT, os, arch);
    if (missing.length > 0) {
      console.error(
        `The package would ship without its own ffmpeg: ${missing.map((file) => path.relative(ROOT, file)).join(', ')} missing. Run: node scripts/fetch-ffmpeg.mjs --os ${os} --arch ${arch}`,
      );
      process.exit(1);
    }
    return;
  }
  await fetchTarget(os, arch, args.includes('--record'));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
