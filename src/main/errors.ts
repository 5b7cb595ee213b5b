// Services throw AppFailure for anything the user can act on; the dispatcher turns it into an AppError value.
// Disk and database failures (a full disk, a locked or damaged database) are told apart here, in plain words.
import type { ErrorCode, ValidationIssue } from '../shared/errors';

export class AppFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ValidationIssue[],
  ) {
    super(message);
    this.name = 'AppFailure';
  }
}

export type StorageProblem = 'full' | 'busy' | 'read-only' | 'damaged' | 'io' | 'memory' | 'too-many-files';

/** SQLite result codes (better-sqlite3's `code`) and errno names (node:fs) that mean the disk or database. */
const problemByCode: Array<[prefix: string, problem: StorageProblem]> = [
  ['SQLITE_FULL', 'full'],
  ['ENOSPC', 'full'],
  ['EDQUOT', 'full'],
  ['SQLITE_BUSY', 'busy'],
  ['SQLITE_LOCKED', 'busy'],
  ['SQLITE_READONLY', 'read-only'],
  ['SQLITE_PERM', 'read-only'],
  ['SQLITE_CANTOPEN', 'read-only'],
  ['EACCES', 'read-only'],
  ['EPERM', 'read-only'],
  ['EROFS', 'read-only'],
  ['SQLITE_CORRUPT', 'damaged'],
  ['SQLITE_NOTADB', 'damaged'],
  ['SQLITE_IOERR', 'io'],
  ['EIO', 'io'],
  ['SQLITE_NOMEM', 'memory'],
  ['ENOMEM', 'memory'],
  ['EMFILE', 'too-many-files'],
  ['ENFILE', 'too-many-files'],
];

/** What kind of disk or database failure this is (looking through `cause`), or null for anything else. */
export function storageProblem(error: unknown): { problem: StorageProblem; path?: string } | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    const { code, path, cause } = current as { code?: unknown; path?: unknown; cause?: unknown };
    if (typeof code === 'string') {
      // Exact errno names; SQLite's extended codes (SQLITE_IOERR_WRITE, SQLITE_BUSY_SNAPSHOT) by prefix.
      const match = problemByCode.find(([prefix]) =>
        prefix.startsWith('SQLITE_') ? code === prefix || code.startsWith(`${prefix}_`) : code === prefix,
      );
      // node:fs names the file it failed on (a USB stick, an export folder): say that place, not the data folder.
      if (match) return typeof path === 'string' ? { problem: match[1], path } : { problem: match[1] };
    }
    current = cause;
  }
  return null;
}

/** The sentence the screen shows for a disk or database failure: what happened and what to do. */
export function storageProblemMessage(problem: StorageProblem, place?: string): string {
  const folder = place ?? "the kiosk's data folder";
  switch (problem) {
    case 'full':
      return `The kiosk's disk is full. Free space on ${folder} (delete old exports or copy footage off), then try again.`;
    case 'busy':
      return "The kiosk's database is busy: another program is using it. Try again in a moment.";
    case 'read-only':
      return `The kiosk may not write to ${folder}. Check that the disk is not write-protected or unplugged and that the kiosk may write there, then try again.`;
    case 'damaged':
      return "The kiosk's database is damaged. Stop taking sales on this kiosk, restart it, and if this message comes back restore the latest backup or report a problem.";
    case 'io':
      return `The kiosk could not read or write its disk (${folder}). Check that the disk is connected and not failing, then try again; if it happens again, restart the kiosk.`;
    case 'memory':
      return 'The kiosk ran short of memory. Close other programs on the kiosk or restart it, then try again.';
    case 'too-many-files':
      return 'The kiosk has too many files open at once. Try again in a moment; if it keeps happening, restart the kiosk.';
  }
}
