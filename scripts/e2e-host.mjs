// Starts the built kiosk host on a fresh, empty data directory for one end-to-end run.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const port = process.argv[2] ?? '5799';
const dataDir = mkdtempSync(path.join(tmpdir(), 'magnum-e2e-'));
const host = spawn(
  process.execPath,
  ['dist/main/kiosk.mjs', '--port', port, '--data-dir', dataDir, ...process.argv.slice(3)],
  {
    stdio: 'inherit',
  },
);
const stop = (signal) => host.kill(signal);
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
host.on('exit', (code) => {
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
