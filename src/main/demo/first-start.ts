// `npm run kiosk -- --demo`: on a kiosk with no flights yet, add the demo flights in the background after the
// screens are up, telling whoever is watching how far it got. A kiosk that already has flights is left alone.
import type { MainApp } from '../app';
import { loadDemoData } from './index';

export async function loadDemoOnFirstStart(app: MainApp, print: (line: string) => void): Promise<void> {
  const handle = app.database.handle;
  if (!handle) return;
  const row = await handle.db
    .selectFrom('flight_recordings')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirst();
  if (Number(row?.count ?? 0) > 0) {
    print('Demo flights skipped: this kiosk already has flights.');
    return;
  }
  const notice = (level: 'info' | 'error', message: string) =>
    app.events.emit('system.notice', { level, message });
  print('Preparing demo flights with synthetic footage from two cameras…');
  notice('info', 'Preparing demo flights with footage from two cameras. This takes about a minute.');
  try {
    const { recordingIds, elapsedMs } = await loadDemoData({
      dataDir: app.dataDir,
      db: handle.db,
      onProgress: (progress) => print(`  demo ${progress.done}/${progress.total}: ${progress.message}`),
    });
    const flights = `${recordingIds.length} ${recordingIds.length === 1 ? 'flight' : 'flights'}`;
    print(`Demo flights ready: ${flights} in ${(elapsedMs / 1000).toFixed(1)} s.`);
    notice('info', `Demo flights are ready: ${flights} with footage from both cameras.`);
  } catch (error) {
    app.logger.error({ err: error }, 'demo data failed');
    print(`Demo flights could not be made: ${(error as Error).message}`);
    notice('error', 'The demo flights could not be made. The kiosk works without them; see the log for why.');
  }
}
