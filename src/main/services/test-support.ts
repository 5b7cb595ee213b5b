// For tests that check which process holds what: the files a process has open, read from Linux's /proc.
import { readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';

export function openFiles(pid: number): string[] {
  const dir = `/proc/${pid}/fd`;
  return readdirSync(dir).flatMap((fd) => {
    try {
      return [readlinkSync(path.join(dir, fd))];
    } catch {
      return [];
    }
  });
}
