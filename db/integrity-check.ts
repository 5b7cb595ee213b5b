// SQLite's full `PRAGMA integrity_check` of a database file, run in a worker thread on a read-only connection of
// its own. better-sqlite3 is synchronous: on the app's connection the check would freeze every screen and the
// cameras' uploads for as long as it reads the whole file. In WAL mode the worker reads a consistent snapshot
// while the kiosk goes on writing.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { sqliteNativeBinding } from './native-binding';

export interface IntegrityCheckResult {
  /** True when SQLite answered "ok". */
  ok: boolean;
  /** SQLite's own lines when it is not ok (at most `maxProblems`), e.g. "Tree 66 page 66: …". */
  problems: string[];
}

/** Plain CommonJS, evaluated in the worker: the bundled app has no separate worker file to point at. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.path, { readonly: true, fileMustExist: true, nativeBinding: workerData.nativeBinding });
  const rows = db.pragma('integrity_check(' + workerData.maxProblems + ')');
  parentPort.postMessage({ lines: rows.map((row) => String(Object.values(row)[0])) });
} catch (error) {
  parentPort.postMessage({ failure: { code: String((error && error.code) || ''), message: String((error && error.message) || error) } });
} finally {
  try { if (db) db.close(); } catch {}
}
`;

type WorkerAnswer = { lines: string[] } | { failure: { code: string; message: string } };

/** SQLite's codes for a file that is damaged or is not a database at all. */
const DAMAGED_CODES = /^SQLITE_(CORRUPT|NOTADB)/;

/**
 * Checks the file at `path` (the app may keep it open). A damaged file is an answer, `{ ok: false }`; a check
 * that could not run at all (the file is gone, the folder unreadable) rejects with SQLite's reason.
 */
export function checkDatabaseIntegrity(
  path: string,
  { maxProblems = 20 }: { maxProblems?: number } = {},
): Promise<IntegrityCheckResult> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        driver,
        nativeBinding: sqliteNativeBinding(),
        path,
        maxProblems: Math.max(1, Math.trunc(maxProblems)),
      },
    });
    let answered = false;
    worker.once('message', (answer: WorkerAnswer) => {
      answered = true;
      if ('lines' in answer) resolve(resultOf(answer.lines, maxProblems));
      else if (DAMAGED_CODES.test(answer.failure.code))
        resolve({ ok: false, problems: [answer.failure.message] });
      else reject(Object.assign(new Error(answer.failure.message), { code: answer.failure.code }));
    });
    worker.once('error', (error) => {
      answered = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the integrity check stopped early (exit code ${code})`));
    });
  });
}

/** SQLite answers one row "ok", or rows (sometimes one row of several lines) naming each problem. */
function resultOf(rows: string[], maxProblems: number): IntegrityCheckResult {
  if (rows.length === 1 && rows[0] === 'ok') return { ok: true, problems: [] };
  const problems = rows
    .flatMap((row) => row.split('\n'))
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^\*\*\* in database \w+ \*\*\*$/.test(line));
  return { ok: false, problems: problems.slice(0, maxProblems) };
}
