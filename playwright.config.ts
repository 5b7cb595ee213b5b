import { defineConfig } from '@playwright/test';

// End-to-end tests drive the real app: the browser kiosk host (same main services as Electron) in Debian's
// Chromium with two fake cameras. Never `npx playwright install`: it downloads a browser and fails here.
const port = Number(process.env.E2E_PORT ?? 5799);
// Names this run for its workers (they inherit the runner's environment): the demo flights are rendered once
// per run into a folder of this name (e2e/support.ts), which the teardown removes.
process.env.MAGNUM_E2E_RUN ??= `${process.pid}`;

export default defineConfig({
  testDir: 'e2e',
  globalTeardown: './e2e/global-teardown.ts',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        // Four fake cameras: the tests film with 0 and 2, since fake camera 1 records black frames.
        '--use-fake-device-for-media-stream=device-count=4',
        '--use-fake-ui-for-media-stream',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: `node scripts/e2e-host.mjs ${port}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
  },
});
