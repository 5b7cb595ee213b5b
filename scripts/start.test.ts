import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('npm start without the Electron binary', () => {
  it('says so in one line, names the browser kiosk command and exits non-zero', () => {
    const run = spawnSync(process.execPath, ['scripts/start.mjs'], {
      encoding: 'utf8',
      // Point Electron at a folder with no binary, so the test means the same on machines that have one.
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent/electron-dist' },
    });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("Electron's binary is not installed");
    expect(lines[0]).toContain('npm run kiosk');
    expect(run.stdout).toBe('');
  });
});
