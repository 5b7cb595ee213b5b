// Test support: a process that runs the export service's prerender on a data folder, so a test can SIGKILL it
// (and its ffmpeg) in the middle of a piece, as a power cut or a crashed kiosk would.
// Usage: node --import tsx prerender-child.ts <dataDir> <recordingId>
import path from 'node:path';
import pino from 'pino';
import { openDatabase } from '../../../../db/open';
import { createDataAccess } from '../../data-access';
import { resolveFfmpeg } from '../../ffmpeg/resolve';
import { createEventHub } from '../../ipc/events';
import { findResourcesDir } from '../../templates/assets';
import { createExportService } from '../service';

const [dataDir, recordingId] = process.argv.slice(2);
if (!dataDir || !recordingId) {
  console.error('usage: prerender-child.ts <dataDir> <recordingId>');
  process.exit(2);
}
const database = await openDatabase(path.join(dataDir, 'magnum.db'));
const service = createExportService({
  dataDir,
  data: createDataAccess({ handle: database }),
  logger: pino({ level: 'silent' }),
  events: createEventHub(),
  resourcesDir: findResourcesDir(),
  ffmpegPath: () => resolveFfmpeg().path,
  freeBytes: async () => null,
  photoRoots: async () => [],
});
console.log(JSON.stringify(await service.prerender(recordingId)));
await service.close();
await database.close();
