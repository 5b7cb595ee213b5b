// The code each copy worker thread runs, as plain JavaScript source: SHA-256 is CPU work, and on the kiosk's two
// cores two workers hash side by side while the main thread keeps serving screens. A string (run with
// `eval: true`) rather than a file, so it works the same under tsx, vitest and the bundled app, with no extra
// bundle entry to keep in step. It uses Node's built-ins only. Operations:
//   store  copy source to target in large chunks, then read the copy back and hash it: the object's name is
//          the hash of what the file holds, not of what we meant to write
//   copy   copy source to target hashing the bytes as they pass (a restore checks the backup's objects)
//   hash   hash a file
// Flushing is the caller's (on the main thread's I/O pool, several files at once): the file system commits
// concurrent fsyncs together, while one after another each waits for its own commit (5 s against 1.2 s for
// 550 files here).
// Messages in: { id, op, source, target }. Out: { id, bytes: n } as chunks pass, then { id, done: { bytes,
// sha256 } } or { id, error: { message, code, path } }.
export const COPY_WORKER_SOURCE = String.raw`
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const { createHash } = require('node:crypto');
const CHUNK = 4 * 1024 * 1024;
const buffer = Buffer.allocUnsafe(CHUNK);

function hashOpen(fd, id, report) {
  const hash = createHash('sha256');
  let total = 0;
  let n;
  while ((n = fs.readSync(fd, buffer, 0, CHUNK, total)) > 0) {
    hash.update(buffer.subarray(0, n));
    total += n;
    if (report) parentPort.postMessage({ id, bytes: n });
  }
  return { bytes: total, sha256: hash.digest('hex') };
}

function copyOpen(input, output, id, hash) {
  let total = 0;
  let n;
  while ((n = fs.readSync(input, buffer, 0, CHUNK, null)) > 0) {
    if (hash) hash.update(buffer.subarray(0, n));
    let written = 0;
    while (written < n) written += fs.writeSync(output, buffer, written, n - written);
    total += n;
    parentPort.postMessage({ id, bytes: n });
  }
  return total;
}

function run({ id, op, source, target }) {
  if (op === 'hash') {
    const fd = fs.openSync(source, 'r');
    try {
      return hashOpen(fd, id, true);
    } finally {
      fs.closeSync(fd);
    }
  }
  const input = fs.openSync(source, 'r');
  let output;
  try {
    output = fs.openSync(target, 'wx+');
    const hash = op === 'copy' ? createHash('sha256') : null;
    const bytes = copyOpen(input, output, id, hash);
    if (hash) return { bytes, sha256: hash.digest('hex') };
    return hashOpen(output, id, false);
  } catch (error) {
    if (output !== undefined) {
      try { fs.closeSync(output); } catch {}
      output = undefined;
      try { fs.rmSync(target, { force: true }); } catch {}
    }
    throw error;
  } finally {
    fs.closeSync(input);
    if (output !== undefined) fs.closeSync(output);
  }
}

parentPort.on('message', (message) => {
  try {
    parentPort.postMessage({ id: message.id, done: run(message) });
  } catch (error) {
    parentPort.postMessage({
      id: message.id,
      error: { message: String(error && error.message), code: error && error.code, path: error && error.path },
    });
  }
});
`;
