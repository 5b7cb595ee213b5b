// Types for scripts/fetch-ffmpeg.mjs (plain JavaScript, run with node before packaging).
export declare const RELEASE: string;
export declare const RELEASE_URL: string;
export declare const TOOLS: readonly string[];
export declare const HASHES_FILE: string;
export declare function builderOs(platform: string): string;
export declare function builderArch(arch: string): string;
export declare function targetFolder(root: string, os: string, arch: string): string;
export declare function binaryName(tool: string, os: string): string;
export declare function assetFor(tool: string, os: string, arch: string): { url: string; key: string };
export declare function sha256(bytes: Uint8Array): string;
export declare function checkHash(
  hashes: Record<string, string>,
  key: string,
  digest: string,
): 'ok' | 'unknown' | 'mismatch';
export declare function missingBinaries(root: string, os: string, arch: string): string[];
