// The host's half of a file answer: it serves the checked bytes of the checked file, and nothing when the path
// no longer leads to that same regular file (swapped, replaced by a link) by the time it is read.
import { renameSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../db/test-support';
import { answerToResponse, textAnswer, type FileAnswer, type ServedFile } from './answer';

function served(file: string, start: number, end: number): ServedFile {
  const info = statSync(file, { bigint: true });
  return { path: file, dev: String(info.dev), ino: String(info.ino), start, end };
}

const fileAnswer = (file: ServedFile): FileAnswer => ({
  status: 206,
  headers: { 'Content-Type': 'video/mp4' },
  body: { file },
});

describe('a file answer served by the host', () => {
  it('streams exactly the checked range of the checked file', async () => {
    const file = path.join(makeTempDir('magnum-answer-'), 'camera1.mp4');
    writeFileSync(file, '0123456789');
    const response = await answerToResponse(fileAnswer(served(file, 2, 5)));
    expect(response.status).toBe(206);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(await response.text()).toBe('2345');
  });

  it('serves nothing when another file was put at that path after the check', async () => {
    const dir = makeTempDir('magnum-answer-');
    const file = path.join(dir, 'camera1.mp4');
    writeFileSync(file, 'footage');
    const checked = served(file, 0, 6);
    writeFileSync(path.join(dir, 'other'), 'secrets');
    renameSync(path.join(dir, 'other'), file);
    const response = await answerToResponse(fileAnswer(checked));
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('secrets');
  });

  it('serves nothing through a link put at that path, even to the same file', async () => {
    const dir = makeTempDir('magnum-answer-');
    const file = path.join(dir, 'camera1.mp4');
    writeFileSync(file, 'footage');
    const checked = served(file, 0, 6);
    renameSync(file, path.join(dir, 'moved.mp4'));
    symlinkSync(path.join(dir, 'moved.mp4'), file);
    expect((await answerToResponse(fileAnswer(checked))).status).toBe(404);
  });

  it('serves nothing for a file gone or cut shorter than the range', async () => {
    const dir = makeTempDir('magnum-answer-');
    const file = path.join(dir, 'camera1.mp4');
    writeFileSync(file, '0123456789');
    const checked = served(file, 0, 9);
    writeFileSync(file, '0123'); // same inode, truncated
    expect((await answerToResponse(fileAnswer(checked))).status).toBe(404);
    unlinkSync(file);
    expect((await answerToResponse(fileAnswer(checked))).status).toBe(404);
  });

  it('passes text, bytes and empty bodies through with their status and headers', async () => {
    const text = await answerToResponse(textAnswer(401, 'Sign in to see this.'));
    expect(text.status).toBe(401);
    expect(text.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await text.text()).toBe('Sign in to see this.');
    const bytes = await answerToResponse({
      status: 200,
      headers: { 'Content-Type': 'image/jpeg' },
      body: { bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]) },
    });
    expect(new Uint8Array(await bytes.arrayBuffer())).toEqual(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]));
    const empty = await answerToResponse({
      status: 416,
      headers: { 'Content-Range': 'bytes */10' },
      body: null,
    });
    expect(empty.status).toBe(416);
    expect(await empty.text()).toBe('');
  });
});
