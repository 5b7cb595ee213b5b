// A file route's answer as plain data: the services process decides it (who asks, which file, which bytes) and
// the host that holds the connection turns it into a Response, so hundreds of MB of footage never cross the
// process boundary. A file is named by its path and identity (device and inode): the host opens it without
// following a link and serves it only when it is still that same regular file, so nothing swapped in between the
// check and the read is ever served.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { SECURITY_HEADERS } from '../security/csp';

/** The bytes `start`..`end` (inclusive) of the regular file at `path` whose identity was checked. */
export interface ServedFile {
  path: string;
  /** `stat(…, { bigint: true })`'s dev and ino, as decimal text (an inode can exceed 2^53). */
  dev: string;
  ino: string;
  start: number;
  end: number;
}

export interface FileAnswer {
  status: number;
  headers: Record<string, string>;
  /** null: no body (HEAD, 416, an empty range). */
  body: null | { text: string } | { bytes: Uint8Array } | { file: ServedFile };
}

export function textAnswer(status: number, text: string, headers: Record<string, string> = {}): FileAnswer {
  return {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...headers },
    body: { text },
  };
}

/** What a host serves for an answer; a file that is no longer the one checked is a plain 404. */
export async function answerToResponse(answer: FileAnswer): Promise<Response> {
  const { status, headers, body } = answer;
  if (!body) return new Response(null, { status, headers });
  if ('text' in body) return new Response(body.text, { status, headers });
  if ('bytes' in body) return new Response(new Uint8Array(body.bytes), { status, headers });
  const stream = await openServedFile(body.file);
  if (!stream) return answerToResponse(textAnswer(404, 'Not found.'));
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { status, headers });
}

/** A read stream over the checked bytes, or null when the path is no longer that regular file. */
async function openServedFile(file: ServedFile): Promise<Readable | null> {
  const handle = await open(file.path, constants.O_RDONLY | constants.O_NOFOLLOW).catch(() => null);
  if (!handle) return null;
  try {
    const info = await handle.stat({ bigint: true });
    const same =
      info.isFile() &&
      String(info.dev) === file.dev &&
      String(info.ino) === file.ino &&
      info.size > BigInt(file.end);
    if (!same) {
      await handle.close();
      return null;
    }
  } catch {
    await handle.close().catch(() => undefined);
    return null;
  }
  // The stream owns the handle from here: it closes it at the end, on error, or when the client cancels.
  return handle.createReadStream({ start: file.start, end: file.end });
}
