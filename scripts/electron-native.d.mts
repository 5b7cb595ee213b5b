// Types for scripts/electron-native.mjs (plain JavaScript, so npm start runs it without a build step).
export declare const ELECTRON_HEADERS_URL: string;
export declare const BINDING_FILE: string;
export declare function electronFolderName(electronVersion: string, platform: string, arch: string): string;
export declare function stampFor(
  electronVersion: string,
  sqliteVersion: string,
): { electron: string; betterSqlite3: string };
export declare function isFresh(
  stampText: string | undefined,
  bindingExists: boolean,
  electronVersion: string,
  sqliteVersion: string,
): boolean;
export declare function nodeGypArgs(electronVersion: string, arch: string): string[];
export declare function buildFailureMessage(output: string, electronVersion: string, folder: string): string;
export interface BuildResult {
  ok: boolean;
  output: string;
}
export declare function ensureElectronSqlite(options: {
  root: string;
  electronVersion?: string;
  sqliteVersion?: string;
  platform?: string;
  arch?: string;
  say?: (line: string) => void;
  build?: (cwd: string, args: string[]) => BuildResult;
  sqlitePackageDir?: string;
}): string;
