// For kill.test.ts: the app's main services in a process of their own, so a test can SIGKILL them mid-render.
// `--data-dir <dir>` starts them; `--edit <recordingId>` then signs in a new admin and moves slot 1's window
// through the dispatcher, as a screen would, so the autopilot makes the flight's video again. Prints "ready"
// once started and "edited" once the edit is saved.
import { startMainApp } from '../app';

const arg = (name: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};

async function main(): Promise<void> {
  const dataDir = arg('--data-dir');
  if (!dataDir) throw new Error('Usage: services-child.ts --data-dir <dir> [--edit <recordingId>]');
  const app = await startMainApp({ dataDir, host: 'browser', downloadPort: 0 });
  console.log('ready');
  const recordingId = arg('--edit');
  if (recordingId) {
    const call = async (channel: string, input: unknown, session?: string) => {
      const result = await app.dispatch({ channel, input, session, transport: 'websocket' });
      if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
      return result.value;
    };
    const { token } = (await call('auth.setup', { name: 'Kill Test Admin', pin: '2468' })) as {
      token: string;
    };
    await call(
      'slots.save',
      { recordingId, slots: [{ slotNumber: 1, windowStart: 0.5, slotDuration: 2 }], confirmEdit: true },
      token,
    );
    console.log('edited');
  }
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
