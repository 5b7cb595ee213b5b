// One customer's files never reach another: two flights an hour apart, one photographer's card holding the photos
// of both (and of a flight the kiosk never saw), imported, sold and delivered through the real channels — copy
// to a USB drive and the download link a phone opens. Every delivered file is hashed and must belong to its own
// flight's imported set (or be its own video), never the other's.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtures, makeTempDir, openTempDatabase, type TempDatabase } from '../../db/test-support';
import { createDataAccess } from '../../src/main/data-access';
import { createDownloadServer, type DownloadServer } from '../../src/main/delivery/download-server';
import { deliveryHandlers } from '../../src/main/delivery/handlers';
import { createDeliveryService, type DeliveryService } from '../../src/main/delivery/service';
import { silentLogger } from '../../src/main/delivery/test-support';
import { targetIdOf } from '../../src/main/delivery/targets';
import { createExportService, type ExportService } from '../../src/main/exports/service';
import { createDispatcher, type SessionUser } from '../../src/main/ipc/dispatch';
import { createEventHub } from '../../src/main/ipc/events';
import { handlersWith } from '../../src/main/ipc/test-support';
import { photosHandlers } from '../../src/main/photos/handlers';
import { findResourcesDir } from '../../src/main/templates/assets';
import type { CreatedDownloadLink, DeliveryCopyResult } from '../../src/shared/delivery';
import type { Result } from '../../src/shared/errors';
import type { PhotoImportResult, PhotoPreview, PhotoSource } from '../../src/shared/photos';
import { filmedFlight, flightTimes, photographersCard, sha256 } from './flights';

interface Kiosk {
  t: TempDatabase;
  card: string;
  drive: string;
  exportsService: ExportService;
  delivery: DeliveryService;
  server: DownloadServer;
  call<T>(channel: string, input: unknown, session: string): Promise<Result<T>>;
  value<T>(channel: string, input: unknown, session: string): Promise<T>;
  flights: { anna: string; priya: string };
  sales: { anna: string; priya: string };
  /** Each flight's video bytes (delivered with its air-tour photos). */
  videos: { anna: Buffer; priya: Buffer };
  /** Card file name → its bytes. */
  cardPhotos: Map<string, Buffer>;
}

let kiosk: Kiosk | undefined;
afterEach(async () => {
  if (!kiosk) return;
  await kiosk.server.close();
  await kiosk.delivery.close();
  await kiosk.exportsService.close();
  await kiosk.t.dispose();
  rmSync(kiosk.card, { recursive: true, force: true });
  rmSync(kiosk.drive, { recursive: true, force: true });
  kiosk = undefined;
});

async function openKiosk(): Promise<Kiosk> {
  const t = await openTempDatabase();
  const dataDir = t.dir;
  const f = fixtures(t.sqlite);
  const person = (name: string, role: 'admin' | 'crew'): SessionUser => ({
    id: f.user({ name, role }).id,
    name,
    role,
  });
  const users = new Map([
    ['admin', person('Maria Lopez', 'admin')],
    ['tom', person('Tom Reed', 'crew')],
    ['ana', person('Ana Silva', 'crew')],
  ]);

  const times = flightTimes('2026-12-02');
  const flight = (passengers: string, crew: string, { start, end }: { start: string; end: string }) =>
    filmedFlight(t.sqlite, dataDir, { passengers, crewId: users.get(crew)!.id, start, end });
  const anna = flight('Anna Keller', 'tom', times.anna);
  const priya = flight('Priya Natarajan', 'ana', times.priya);
  const card = makeTempDir('magnum-card-');
  const cardPhotos = photographersCard(path.join(card, 'DCIM', '100CANON'), '2026-12-02');

  const drive = makeTempDir('magnum-drive-');
  const data = createDataAccess(
    { handle: t },
    { now: () => new Date('2026-12-02T11:30:00.000Z'), utcOffsetMinutes: () => 0 },
  );
  const events = createEventHub();
  const exportsService = createExportService({
    dataDir,
    data,
    logger: silentLogger,
    events,
    resourcesDir: findResourcesDir(),
    ffmpegPath: () => 'ffmpeg',
    freeBytes: async () => 500 * 1024 ** 3,
    photoRoots: async () => [{ dir: card, label: 'Drive CARD' }],
  });
  const server = createDownloadServer({
    data,
    dataDir,
    logger: silentLogger,
    port: 0,
    listenHost: '127.0.0.1',
    advertisedHost: '127.0.0.1',
  });
  await server.start();
  const delivery = createDeliveryService({
    dataDir,
    data,
    logger: silentLogger,
    events,
    targetRoots: async () => [{ dir: drive, label: 'Drive STICK', kind: 'drive' }],
    downloads: server,
    outbox: { kick: async () => undefined },
  });
  const dispatch = createDispatcher({
    handlers: handlersWith({ ...photosHandlers(exportsService), ...deliveryHandlers(delivery) }),
    logger: silentLogger,
    resolveUser: (session) => users.get(session) ?? null,
  });
  const call = async <T>(channel: string, input: unknown, session: string) =>
    (await dispatch({ channel, input, session, transport: 'websocket' })) as Result<T>;
  const value = async <T>(channel: string, input: unknown, session: string) => {
    const result = await call<T>(channel, input, session);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value;
  };
  const sale = (recordingId: string, crew: string) =>
    f.sale(recordingId, {
      bundle: 'video_airtour_photos',
      amount_cents: 5500,
      staff_member: users.get(crew)!.id,
    }).id;
  return {
    t,
    card,
    drive,
    exportsService,
    delivery,
    server,
    call,
    value,
    flights: { anna: anna.id, priya: priya.id },
    sales: { anna: sale(anna.id, 'tom'), priya: sale(priya.id, 'ana') },
    videos: { anna: anna.video, priya: priya.video },
    cardPhotos,
  };
}

const namesOf = (preview: PhotoPreview) => preview.photos.map((photo) => photo.name);

/** Every file a sale hands out: the folder copied onto the drive, and each file of its download link. */
async function delivered(k: Kiosk, saleId: string, session: string): Promise<Buffer[]> {
  const copy = await k.value<DeliveryCopyResult>(
    'delivery.copy',
    { saleId, targetId: targetIdOf(k.drive) },
    session,
  );
  const root = path.join(k.drive, 'MagnumStream');
  const folder = readdirSync(root).find((name) => copy.folder.endsWith(name))!;
  const copied = readdirSync(path.join(root, folder)).map((name) =>
    readFileSync(path.join(root, folder, name)),
  );
  const link = await k.value<CreatedDownloadLink>('delivery.createLink', { saleId }, session);
  const downloaded: Buffer[] = [];
  for (let n = 1; n <= link.fileCount; n += 1) {
    const response = await fetch(`${link.url}/${n}`);
    expect(response.status).toBe(200);
    downloaded.push(Buffer.from(await response.arrayBuffer()));
  }
  expect(downloaded).toHaveLength(copied.length);
  return [...copied, ...downloaded];
}

describe('two flights through photo import, sale and delivery', () => {
  it('never hands one customer a file of the other', async () => {
    const k = (kiosk = await openKiosk());
    const [source] = await k.value<PhotoSource[]>('photos.sources', {}, 'tom');
    const sourceId = source!.id;

    // Tom imports Anna's photos: only those taken in her flight's window are proposed.
    const annaPreview = await k.value<PhotoPreview>(
      'photos.preview',
      { recordingId: k.flights.anna, sourceId },
      'tom',
    );
    expect(namesOf(annaPreview)).toEqual(['IMG_0001.JPG', 'IMG_0002.JPG', 'IMG_0003.JPG']);
    expect(annaPreview).toMatchObject({ outsideWindow: 3, unreadable: 0 });
    const annaIds = annaPreview.photos.map((photo) => photo.id);
    const annaImport = await k.value<PhotoImportResult>(
      'photos.import',
      { recordingId: k.flights.anna, sourceId, photoIds: annaIds },
      'tom',
    );
    expect(annaImport.imported).toBe(3);

    // Ana previews Priya's flight: the overlap photo is marked as already in a flight she may not see (unnamed).
    const priyaPreview = await k.value<PhotoPreview>(
      'photos.preview',
      { recordingId: k.flights.priya, sourceId },
      'ana',
    );
    expect(namesOf(priyaPreview)).toEqual(['IMG_0003.JPG', 'IMG_0004.JPG', 'IMG_0005.JPG']);
    expect(priyaPreview.photos.map((photo) => photo.importedBefore)).toEqual([
      { thisFlight: false, passengerNames: null },
      null,
      null,
    ]);
    expect(priyaPreview.photos[2]!.timeFrom).toBe('file');
    // An admin sees whose flight it is in.
    const adminPreview = await k.value<PhotoPreview>(
      'photos.preview',
      { recordingId: k.flights.priya, sourceId },
      'admin',
    );
    expect(adminPreview.photos[0]!.importedBefore).toEqual({
      thisFlight: false,
      passengerNames: 'Anna Keller',
    });

    // Taking all three without confirming the duplicate is refused before anything is copied; Anna's photos
    // sent by id (outside Priya's window) are never copied either.
    const allIds = priyaPreview.photos.map((photo) => photo.id);
    const refused = await k.call(
      'photos.import',
      { recordingId: k.flights.priya, sourceId, photoIds: allIds },
      'ana',
    );
    expect(refused.ok ? 'ok' : refused.error.code).toBe('CONFLICT');
    const priyaImport = await k.value<PhotoImportResult>(
      'photos.import',
      { recordingId: k.flights.priya, sourceId, photoIds: [...allIds.slice(1), annaIds[0]!, annaIds[1]!] },
      'ana',
    );
    expect(priyaImport).toMatchObject({ imported: 2, skipped: 2 });

    // Each sale delivers its own video and imported photos, by USB copy and by download link, and nothing else.
    const card = (...names: string[]) => new Set(names.map((name) => sha256(k.cardPhotos.get(name)!)));
    const annaSet = new Set([...card('IMG_0001.JPG', 'IMG_0002.JPG', 'IMG_0003.JPG'), sha256(k.videos.anna)]);
    const priyaSet = new Set([...card('IMG_0004.JPG', 'IMG_0005.JPG'), sha256(k.videos.priya)]);
    const annaFiles = (await delivered(k, k.sales.anna, 'tom')).map(sha256);
    const priyaFiles = (await delivered(k, k.sales.priya, 'ana')).map(sha256);
    expect(new Set(annaFiles)).toEqual(annaSet);
    expect(new Set(priyaFiles)).toEqual(priyaSet);
    expect(annaFiles.filter((hash) => priyaSet.has(hash))).toEqual([]);
    expect(priyaFiles.filter((hash) => annaSet.has(hash))).toEqual([]);
    expect(annaFiles).toHaveLength(2 * 4);
    expect(priyaFiles).toHaveLength(2 * 3);
  });

  it('puts a photo into a second flight only when the crew confirm it, and remembers that they did', async () => {
    const k = (kiosk = await openKiosk());
    const [source] = await k.value<PhotoSource[]>('photos.sources', {}, 'admin');
    const sourceId = source!.id;
    const anna = await k.value<PhotoPreview>(
      'photos.preview',
      { recordingId: k.flights.anna, sourceId },
      'admin',
    );
    const overlap = anna.photos.find((photo) => photo.name === 'IMG_0003.JPG')!.id;
    await k.value('photos.import', { recordingId: k.flights.anna, sourceId, photoIds: [overlap] }, 'admin');

    const confirmed = await k.value<PhotoImportResult>(
      'photos.import',
      { recordingId: k.flights.priya, sourceId, photoIds: [overlap], allowDuplicates: [overlap] },
      'admin',
    );
    expect(confirmed.imported).toBe(1);
    const rows = k.t.sqlite
      .prepare(
        'SELECT recording_id, duplicate_confirmed FROM photo_imports WHERE sha256 = ? ORDER BY imported_at',
      )
      .all(overlap);
    expect(rows).toEqual([
      { recording_id: k.flights.anna, duplicate_confirmed: 0 },
      { recording_id: k.flights.priya, duplicate_confirmed: 1 },
    ]);
  });
});
